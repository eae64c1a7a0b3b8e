//! The one error type of the crate: why a whole file was refused or could not be written.
//!
//! Row-level trouble is not an error but a [`crate::Problem`]; an `Error` means nothing from
//! the file can be trusted. Messages are meant for the director: they name the file, say what
//! is wrong and, where possible, what to do about it.

use crate::SheetKind;

const WORKBOOK_HINT: &str = "is it damaged or password-protected? try re-saving it from Excel";
const KIND_HINT: &str = "use accounts, reps, opportunities, signals or products";
const NO_KIND_HINT: &str = "accounts need an account name column, reps a rep name column, \
    opportunities an opportunity id and a stage, signals an account, a date and an activity \
    type, products a product and a price (use --kind and --map to say what it is)";
const SHEET_NAME_HINT: &str = "sheet names must be 1 to 31 characters without []:*?/\\ and unique";

/// Why a file was refused, or an export failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{file}: cannot read the file: {source}")]
    Read {
        /// The file name.
        file: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },

    /// The file looks like a workbook but the workbook reader failed.
    #[error("{file}: cannot read the workbook: {source} ({hint})", hint = WORKBOOK_HINT)]
    Workbook {
        /// The file name.
        file: String,
        /// The calamine error.
        #[source]
        source: calamine::Error,
    },

    /// The workbook is encrypted with a password, which Terrain does not ask for.
    #[error(
        "{file}: the workbook is password-protected; open it in Excel, remove the password \
         (File > Info > Protect Workbook > Encrypt with Password, then clear it), save it and \
         import it again"
    )]
    Encrypted {
        /// The file name.
        file: String,
    },

    /// A worksheet spans more cells than Terrain holds for one sheet of a workbook.
    #[error(
        "{file}: sheet \"{sheet}\" spans {rows} rows by {columns} columns ({cells} cells, \
         {far}); Terrain reads at most {max} cells of a workbook sheet: delete the stray \
         cells far from the data, or save the sheet as CSV, which has no such limit",
        cells = group(*rows * *columns),
        rows = group(*rows),
        columns = group(*columns),
        max = group(crate::guards::MAX_SHEET_CELLS)
    )]
    SheetTooLarge {
        /// The file name.
        file: String,
        /// The worksheet.
        sheet: String,
        /// Rows from the first used one to the last.
        rows: u64,
        /// Columns from the first used one to the last.
        columns: u64,
        /// Where the span ends: "up to XFD1048576", or that the file declares it.
        far: String,
    },

    /// A part of a zipped workbook unpacks to more than Terrain reads: a damaged file or a
    /// zip bomb.
    #[error(
        "{file}: the workbook part {part} unpacks to {mib} MiB, more than the {max} MiB \
         Terrain reads of one part (a damaged file, or one built to exhaust memory?); re-save \
         it from Excel, or save the sheet as CSV",
        mib = group(*bytes >> 20),
        max = crate::guards::MAX_PART_BYTES >> 20
    )]
    PartTooLarge {
        /// The file name.
        file: String,
        /// The part's path inside the zip.
        part: String,
        /// Its declared size unpacked.
        bytes: u64,
    },

    /// A workbook file larger than Terrain holds in memory to read it.
    #[error(
        "{file}: the workbook is {mib} MiB; Terrain reads workbooks up to {max} MiB: save the \
         sheet as CSV, which has no such limit",
        mib = group(*bytes >> 20),
        max = crate::guards::MAX_WORKBOOK_BYTES >> 20
    )]
    WorkbookTooLarge {
        /// The file name.
        file: String,
        /// Its size.
        bytes: u64,
    },

    /// The file is neither a text table nor a workbook Terrain reads.
    #[error("{file}: this is {what}, not a CSV or a workbook; {fix}")]
    NotASheet {
        /// The file name.
        file: String,
        /// What it looks like instead.
        what: &'static str,
        /// What to do about it.
        fix: &'static str,
    },

    /// The sheet named in the options is not in the workbook.
    #[error("{file}: there is no sheet \"{sheet}\" (the sheets are: {available})")]
    NoSuchSheet {
        /// The file name.
        file: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheet names, comma separated.
        available: String,
    },

    /// The file has no header row at all.
    #[error("{file}: the file is empty (a header row is needed)")]
    Empty {
        /// The file name.
        file: String,
    },

    /// A column's values read two ways and nobody said which: a guess would move every value
    /// of the column silently.
    #[error("{0}")]
    Unsettled(Box<Unsettled>),

    /// The file's headers changed between the survey and the read.
    #[error("{file}: the file changed since it was checked; import it again")]
    Changed {
        /// The file name.
        file: String,
    },

    /// The CSV parser gave up on a row.
    #[error("{file}: row {row}: cannot parse the csv: {source}")]
    Csv {
        /// The file name.
        file: String,
        /// The row where parsing failed.
        row: u32,
        /// The csv crate's error.
        #[source]
        source: csv::Error,
    },

    /// A kind name that is none of Terrain's.
    #[error("\"{given}\" is not a kind of sheet Terrain imports ({hint})", hint = KIND_HINT)]
    UnknownKind {
        /// The name as given.
        given: String,
    },

    /// No kind fits the headers.
    #[error(
        "{file}: the headers ({headers}) match no sheet Terrain imports; {hint}",
        hint = NO_KIND_HINT
    )]
    NoKind {
        /// The file name.
        file: String,
        /// The headers, comma separated (shortened when long).
        headers: String,
    },

    /// Several kinds fit the headers equally well.
    #[error("{file}: the headers fit {kinds} equally well (use --kind to say which it is)")]
    AmbiguousKind {
        /// The file name.
        file: String,
        /// The kinds that fit, joined with "and".
        kinds: String,
    },

    /// A `--map` field that the kind does not have.
    #[error("{file}: \"{field}\" is not a field of {kind} (the fields are: {valid})")]
    UnknownField {
        /// The file name.
        file: String,
        /// The field as given.
        field: String,
        /// The kind, or the kinds tried.
        kind: String,
        /// The valid field names, comma separated.
        valid: String,
    },

    /// A `--map` header that is not in the file.
    #[error(
        "{file}: --map {field}={header}: there is no column \"{header}\" \
         (the headers are: {headers})"
    )]
    MissingHeader {
        /// The file name.
        file: String,
        /// The field being mapped.
        field: String,
        /// The header asked for.
        header: String,
        /// The file's headers, comma separated.
        headers: String,
    },

    /// The kind was given but a column it cannot do without is missing.
    #[error(
        "{file}: {kind} need a column for \"{field}\" and none was found (use --map {field}=HEADER)"
    )]
    MissingField {
        /// The file name.
        file: String,
        /// The kind.
        kind: SheetKind,
        /// The required field.
        field: &'static str,
    },

    /// Writing an export failed; the target was left untouched.
    #[error("{file}: cannot write the file: {}", write_reason(.source))]
    Write {
        /// The target file name.
        file: String,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },

    /// The CSV writer failed; the target was left untouched.
    #[error("{file}: cannot write the csv: {}", csv_write_reason(.source))]
    CsvWrite {
        /// The target file name.
        file: String,
        /// The csv crate's error.
        #[source]
        source: csv::Error,
    },

    /// The XLSX writer refused the workbook; the target was left untouched.
    #[error("{file}: cannot write the workbook: {source} ({hint})", hint = SHEET_NAME_HINT)]
    Xlsx {
        /// The target file name.
        file: String,
        /// The rust_xlsxwriter error.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
}

/// A count with thousands separators, as the user reads it.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Why a write failed, in words that say what to do when the disk is full: the system's own
/// "No space left on device" names neither the cause plainly nor the way out.
fn write_reason(error: &std::io::Error) -> String {
    if error.kind() == std::io::ErrorKind::StorageFull {
        "the disk is full; nothing was written, so free some space or choose another folder".into()
    } else {
        error.to_string()
    }
}

fn csv_write_reason(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Io(io) => write_reason(io),
        _ => error.to_string(),
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// A column whose values read two ways, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{file}: row {row}, column \"{column}\": \"{example}\" {ambiguity}, and no value in the \
     column settles it ({fix})"
)]
pub struct Unsettled {
    /// The file name.
    pub file: String,
    /// The sheet row of the example.
    pub row: u32,
    /// The column's header.
    pub column: String,
    /// A value that reads two ways.
    pub example: String,
    /// How it reads two ways.
    pub ambiguity: &'static str,
    /// What to do about it.
    pub fix: String,
}
