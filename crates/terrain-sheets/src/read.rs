//! Reading a file: format sniffing, a survey of its columns, then records in batches.
//!
//! The file's first bytes decide the reader, never its extension: CRM exports are often
//! workbooks saved under a `.csv` name. The survey ([`open`]) finds the header, counts the
//! rows and gathers what each column's values say about their decimal separator and date
//! order; the plan ([`Sheet::plan`]) maps the columns and settles one reading per column; the
//! read ([`Sheet::read`]) turns rows into records a batch at a time. A text file is never held
//! whole, so memory stays bounded whatever its size.
//!
//! An import need not read a large text file twice: [`open_head`] surveys only its first rows,
//! and the read then surveys every row as it goes. The plan stays the one the whole file
//! gives: when the rest of the file settles a column differently from its head, the read ends
//! with [`ReadEnd::Outdated`] and the caller discards what it loaded and reads the file again
//! with the plan of the whole survey.

use std::io::{Cursor, Read};
use std::ops::ControlFlow;
use std::path::Path;

use calamine::{Data, OdsError, Range, Reader, SheetVisible, Sheets, XlsError, XlsxError};

use crate::build::{Builder, Choices, ColumnProfile, Question, QuestionAbout};
use crate::error::Unsettled;
use crate::grid::{Line, Lines, RawCell, RawRows};
use crate::guards;
use crate::text::TextFile;
use crate::{detect, Error, ParsedSheet, Problem, ReadOptions, Records, Result, SheetKind};

/// Where a sheet's rows come from.
enum Source {
    Text(TextFile),
    /// A workbook sheet, which calamine reads whole; a sheet holds at most 1,048,576 rows.
    Workbook(Range<Data>),
}

impl Source {
    fn rows(&self, file: &str) -> Result<RawRows<'_>> {
        Ok(match self {
            Source::Text(text) => Box::new(text.rows(file)?),
            Source::Workbook(range) => {
                let first_row = range.start().map_or(0, |(row, _)| row);
                let first_col = range.start().map_or(0, |(_, col)| col) as usize;
                Box::new(range.rows().enumerate().map(move |(i, row)| {
                    // Columns left of the used range are still columns for the user; keep them
                    // so header positions match what the sheet shows.
                    let mut cells = vec![RawCell::Empty; first_col];
                    cells.extend(row.iter().map(cell));
                    Ok((first_row + i as u32 + 1, cells))
                }))
            }
        })
    }
}

/// One worksheet of a workbook, for the sheet picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetName {
    /// The worksheet's name.
    pub name: String,
    /// Whether Excel hides it; hidden sheets are lookup lists more often than data.
    pub hidden: bool,
}

/// A file opened and surveyed: its header, its size and what each column holds.
pub struct Sheet {
    file: String,
    source: Source,
    headers: Vec<String>,
    header_problems: Vec<Problem>,
    profiles: Vec<ColumnProfile>,
    rows_read: u32,
    /// Whether the survey saw every row, or only the head of a large text file.
    whole: bool,
    notes: Vec<Problem>,
    sheets: Vec<SheetName>,
    chosen_sheet: Option<String>,
}

/// Data rows [`open_head`] surveys. Ten thousand rows settle the columns of nearly every real
/// export, and cost a hundredth of a million-row file's survey.
const HEAD_ROWS: u32 = 10_000;

/// How a read ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadEnd {
    /// Every row was read and handed over.
    Done,
    /// The batch callback asked to stop.
    Stopped,
    /// The sheet was surveyed by its head, and the whole file settles some column differently
    /// (or leaves a question open). The sheet is now surveyed whole; plan it again, and discard
    /// and read again what was loaded. The last batch was not handed over.
    Outdated,
}

/// How a surveyed file will be read: its kind, the field of each column and one reading per
/// column.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The kind, as given or detected.
    pub kind: SheetKind,
    /// The field each column maps to, by column position; `None` for custom or skipped ones.
    pub fields: Vec<Option<&'static str>>,
    /// What has to be decided before the file can be read; empty when it is ready.
    pub questions: Vec<Question>,
    notes: Vec<Problem>,
    builder: Builder,
    /// What the plan was made with, to plan again from the whole survey.
    options: ReadOptions,
}

impl Plan {
    /// The headers of the columns kept as custom fields.
    pub fn custom_fields(&self) -> Vec<String> {
        self.builder.custom_fields()
    }
}

/// Records read from consecutive rows of a file.
#[derive(Debug)]
pub struct Batch {
    /// The records kept.
    pub records: Records,
    /// The sheet row of each record.
    pub rows: Vec<u32>,
    /// The problems of these rows. The column-wide ones come with the first batch, or with
    /// the last for a sheet surveyed by its head, as they count the whole file.
    pub problems: Vec<Problem>,
    /// Data rows read so far, this batch included, out of [`Sheet::rows`].
    pub rows_done: u32,
}

/// Opens a spreadsheet file and surveys all of it. `sheet` names the worksheet of a workbook;
/// by default the first visible one is read.
pub fn open(path: &Path, sheet: Option<&str>) -> Result<Sheet> {
    open_surveying(path, sheet, None)
}

/// Opens a spreadsheet file for an import, surveying only the first rows of a text file: the
/// read surveys the rest (see [`ReadEnd::Outdated`]). [`Sheet::rows`] is then an estimate
/// until the read ends. A workbook, which calamine reads whole anyway, is surveyed whole.
pub fn open_head(path: &Path, sheet: Option<&str>) -> Result<Sheet> {
    open_surveying(path, sheet, Some(HEAD_ROWS))
}

fn open_surveying(path: &Path, sheet: Option<&str>, head_rows: Option<u32>) -> Result<Sheet> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let read_error = |source| Error::Read {
        file: file.clone(),
        source,
    };
    let mut head = Vec::with_capacity(HEAD_BYTES);
    std::fs::File::open(path)
        .map_err(read_error)?
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(read_error)?;

    let mut notes = Vec::new();
    let (source, sheets, chosen_sheet) = if is_workbook(&head) {
        let size = std::fs::metadata(path).map_err(read_error)?.len();
        if size > guards::MAX_WORKBOOK_BYTES {
            return Err(Error::WorkbookTooLarge { file, bytes: size });
        }
        let bytes = std::fs::read(path).map_err(read_error)?;
        // calamine panics on some damaged workbooks (a truncated XLS, for one): such a file is
        // refused like any other unreadable workbook instead of taking the app down. What it
        // would abort on instead (a grid too large to allocate) the guards refuse first.
        let guarded = std::panic::catch_unwind(|| read_workbook(&file, bytes, sheet));
        let (range, sheets, chosen) = guarded.unwrap_or_else(|_| {
            Err(Error::Workbook {
                file: file.clone(),
                source: calamine::Error::Msg("its contents are malformed"),
            })
        })?;
        (Source::Workbook(range), sheets, Some(chosen))
    } else {
        guards::not_a_sheet(&file, &head)?;
        let text = TextFile::open(&file, path)?;
        if let Some(encoding) = text.note() {
            notes.push(Problem {
                row: None,
                column: None,
                message: format!("the file is not utf-8; it was read as {encoding}"),
                rejected: false,
            });
        }
        (Source::Text(text), Vec::new(), None)
    };

    let head_rows = head_rows.filter(|_| matches!(source, Source::Text(_)));
    let mut lines = Lines::new(&file, source.rows(&file)?)?;
    let mut profiles = vec![ColumnProfile::default(); lines.headers.len()];
    // Roughly the bytes of the rows surveyed, to estimate a partly surveyed file's rows.
    let mut bytes = 0u64;
    let mut whole = true;
    while let Some(line) = lines.next() {
        if let Line::Row(row) = line? {
            for (profile, cell) in profiles.iter_mut().zip(&row.cells) {
                profile.observe(cell, row.number);
            }
            bytes += row
                .cells
                .iter()
                .map(|c| c.text_len() as u64 + 1)
                .sum::<u64>();
        }
        if head_rows.is_some_and(|head| lines.rows_read >= head) {
            // Only a file with more rows than the head is surveyed in part.
            whole = lines.next().is_none();
            break;
        }
    }
    let (headers, header_problems) = (
        std::mem::take(&mut lines.headers),
        std::mem::take(&mut lines.header_problems),
    );
    let rows_read = if whole {
        lines.rows_read
    } else {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        let estimate = lines.rows_read as f64 * size as f64 / bytes.max(1) as f64;
        (estimate as u32).max(lines.rows_read)
    };
    drop(lines);
    Ok(Sheet {
        file,
        source,
        headers,
        header_problems,
        profiles,
        rows_read,
        whole,
        notes,
        sheets,
        chosen_sheet,
    })
}

impl Sheet {
    /// The file name, without its folder.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The headers, made unique and named by position where blank.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Data rows, not counting the header and blank rows; an estimate while
    /// [`Sheet::surveyed_whole`] is false.
    pub fn rows(&self) -> u32 {
        self.rows_read
    }

    /// Whether every row has been surveyed, so [`Sheet::rows`] is exact.
    pub fn surveyed_whole(&self) -> bool {
        self.whole
    }

    /// What identifies the file's source: its headers, normalised, in order. Two exports of
    /// one CRM report share it.
    pub fn signature(&self) -> String {
        self.headers
            .iter()
            .map(|h| detect::normalise(h))
            .collect::<Vec<_>>()
            .join("\u{1f}")
    }

    /// The first few distinct values of a column.
    pub fn samples(&self, column: usize) -> &[String] {
        self.profiles.get(column).map_or(&[], |p| &p.samples)
    }

    /// The worksheets of a workbook, in order; empty for a text file.
    pub fn sheets(&self) -> &[SheetName] {
        &self.sheets
    }

    /// The worksheet read, for a workbook.
    pub fn sheet(&self) -> Option<&str> {
        self.chosen_sheet.as_deref()
    }

    /// Maps the columns and settles one reading per column. Fails when the kind or the
    /// mapping cannot be settled; a reading nothing could settle becomes a question.
    pub fn plan(&self, options: &ReadOptions) -> Result<Plan> {
        let mapping = detect::resolve(&self.file, &self.headers, options)?;
        let choices = Choices {
            decimals: &options.decimals,
            date_orders: &options.date_orders,
            serial_dates: &options.serial_dates,
        };
        let (builder, notes, questions) =
            Builder::plan(&self.headers, &mapping, &self.profiles, &choices);
        let mut fields = vec![None; self.headers.len()];
        for (&field, &column) in &mapping.columns {
            fields[column] = Some(field);
        }
        Ok(Plan {
            kind: mapping.kind,
            fields,
            questions,
            notes,
            builder,
            options: options.clone(),
        })
    }

    /// Fails with the first question of the plan, phrased as what to do about it.
    pub fn ready(&self, plan: &Plan) -> Result<()> {
        match plan.questions.first() {
            Some(question) => Err(self.unsettled(question)),
            None => Ok(()),
        }
    }

    /// Reads the records, `batch` rows at a time, handing each batch to `on_batch`. Refuses a
    /// plan with open questions. A sheet surveyed by its head is surveyed whole by the read,
    /// which ends [`ReadEnd::Outdated`] when that changes the plan.
    pub fn read(
        &mut self,
        plan: &Plan,
        batch: usize,
        mut on_batch: impl FnMut(Batch) -> ControlFlow<()>,
    ) -> Result<ReadEnd> {
        self.ready(plan)?;
        let surveying = !self.whole;
        let mut builder = plan.builder.clone();
        let empty = || Records::empty(plan.kind);
        // Column-wide notes count values of the whole file: a partly surveyed sheet's come
        // from the whole survey, with the last batch.
        let notes: &[Problem] = if surveying { &[] } else { &plan.notes };
        let mut problems: Vec<Problem> = self
            .notes
            .iter()
            .chain(&self.header_problems)
            .chain(notes)
            .cloned()
            .collect();
        let mut records = empty();
        let mut rows = Vec::new();
        let mut lines = Lines::new(&self.file, self.source.rows(&self.file)?)?;
        // The plan indexes the surveyed columns; a file saved over since would be read wrong.
        if lines.headers != self.headers {
            return Err(Error::Changed {
                file: self.file.clone(),
            });
        }
        let mut profiles =
            vec![ColumnProfile::default(); if surveying { self.headers.len() } else { 0 }];
        let (mut done, mut since_batch) = (0, 0);
        loop {
            let line = lines.next().transpose()?;
            let end = line.is_none();
            since_batch += 1;
            match line {
                Some(Line::Row(row)) => {
                    done += 1;
                    for (profile, cell) in profiles.iter_mut().zip(&row.cells) {
                        profile.observe(cell, row.number);
                    }
                    if builder.push(&row, &mut records) {
                        rows.push(row.number);
                    }
                    problems.append(&mut builder.take_problems());
                }
                Some(Line::Problem(problem)) => {
                    done += u32::from(problem.rejected);
                    problems.push(problem);
                }
                None => {}
            }
            if end && surveying {
                self.profiles = std::mem::take(&mut profiles);
                self.rows_read = lines.rows_read;
                self.whole = true;
                let whole = self.plan(&plan.options)?;
                if !whole.questions.is_empty() || !whole.builder.reads_like(&plan.builder) {
                    return Ok(ReadEnd::Outdated);
                }
                problems.extend(whole.notes);
            }
            // Counting rows read, not records kept, so a file whose every row is rejected
            // still reports progress, can be cancelled and keeps its problems in batches.
            if end || since_batch >= batch {
                since_batch = 0;
                let next = Batch {
                    records: std::mem::replace(&mut records, empty()),
                    rows: std::mem::take(&mut rows),
                    problems: std::mem::take(&mut problems),
                    rows_done: done,
                };
                if on_batch(next).is_break() {
                    return Ok(ReadEnd::Stopped);
                }
            }
            if end {
                return Ok(ReadEnd::Done);
            }
        }
    }

    fn unsettled(&self, question: &Question) -> Error {
        let (ambiguity, fix) = match question.about {
            QuestionAbout::DateOrder => (
                "reads as day-first or month-first",
                format!(
                    "say which in the import's column settings, or with --dates \"{}=day-first\" \
                     or --dates \"{}=month-first\"",
                    question.column, question.column
                ),
            ),
            QuestionAbout::Decimal => (
                "reads as a thousand-style number or a decimal",
                format!(
                    "say which in the import's column settings, or with --decimal \"{}=comma\" \
                     or --decimal \"{}=dot\"",
                    question.column, question.column
                ),
            ),
        };
        Error::Unsettled(Box::new(Unsettled {
            file: self.file.clone(),
            row: question.row,
            column: question.column.clone(),
            example: question.example.clone(),
            ambiguity,
            fix,
        }))
    }
}

/// Reads one spreadsheet file into typed records, all at once: for small files and tests.
///
/// The kind comes from `options.kind` or is detected from the headers; `options.map`
/// overrides the automatic header mapping. The whole file is refused (an [`Error`]) when it
/// cannot be read or its kind, mapping or readings cannot be settled; trouble in single rows
/// is reported in [`ParsedSheet::problems`] instead.
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<ParsedSheet> {
    open(path, options.sheet.as_deref())?.into_parsed(options)
}

impl Sheet {
    /// Plans a surveyed sheet with `options` and reads all of it, as [`read_file`] does.
    pub fn into_parsed(mut self, options: &ReadOptions) -> Result<ParsedSheet> {
        let plan = self.plan(options)?;
        let mut parsed = ParsedSheet {
            file: self.file.clone(),
            kind: plan.kind,
            rows_read: self.rows_read,
            records: Records::empty(plan.kind),
            record_rows: Vec::new(),
            problems: Vec::new(),
            custom_fields: plan.custom_fields(),
        };
        let end = self.read(&plan, usize::MAX, |batch| {
            parsed.records.append(batch.records);
            parsed.record_rows.extend(batch.rows);
            parsed.problems.extend(batch.problems);
            ControlFlow::Continue(())
        })?;
        if end == ReadEnd::Outdated {
            // Only a sheet surveyed by its head is read again, now with its whole survey.
            return self.into_parsed(options);
        }
        parsed.rows_read = self.rows_read;
        // Column-wide notes first, then row problems in sheet order.
        parsed.problems.sort_by_key(|p| p.row);
        Ok(parsed)
    }
}

/// How much of a file's start tells a workbook, a web page or binary data from text.
const HEAD_BYTES: usize = 1024;

/// Opens every zip (XLSX, ODS).
const ZIP: &[u8] = b"PK\x03\x04";
/// Opens every OLE file: an XLS, or an XLSX encrypted with a password.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0";

fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP) || bytes.starts_with(OLE)
}

/// Opens a workbook by its container: an OLE file is an XLS, a zip an XLSX, an ODS or an
/// XLSB. The formats are tried by hand rather than by calamine's detection, which drops the
/// reason (a password, say) each format gave.
fn open_workbook(file: &str, bytes: Vec<u8>) -> Result<Sheets<Cursor<Vec<u8>>>> {
    let refused = |source: calamine::Error| match source {
        calamine::Error::Xls(XlsError::Password)
        | calamine::Error::Xlsx(XlsxError::Password)
        | calamine::Error::Ods(OdsError::Password) => Error::Encrypted {
            file: file.to_string(),
        },
        source => Error::Workbook {
            file: file.to_string(),
            source,
        },
    };
    if bytes.starts_with(OLE) {
        guards::check_ole(file, &bytes)?;
        return calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map(Sheets::Xls)
            .map_err(|e| refused(calamine::Error::Xls(e)));
    }
    let looks_like_ods = guards::check_zip(file, &bytes)?;
    let xlsx = match calamine::open_workbook_from_rs(Cursor::new(bytes.clone())) {
        Ok(xlsx) => return Ok(Sheets::Xlsx(xlsx)),
        Err(e) => e,
    };
    guards::check_ods(file, &bytes)?;
    let ods = match calamine::open_workbook_from_rs(Cursor::new(bytes.clone())) {
        Ok(ods) => return Ok(Sheets::Ods(ods)),
        Err(e) => e,
    };
    if let Ok(xlsb) = calamine::open_workbook_from_rs(Cursor::new(bytes)) {
        return Ok(Sheets::Xlsb(xlsb));
    }
    // A zip that none reads is most likely a damaged XLSX, unless it has an ODS's content.
    Err(refused(if looks_like_ods {
        calamine::Error::Ods(ods)
    } else {
        calamine::Error::Xlsx(xlsx)
    }))
}

fn read_workbook(
    file: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<(Range<Data>, Vec<SheetName>, String)> {
    let workbook_error = |source| Error::Workbook {
        file: file.to_string(),
        source,
    };
    let mut workbook = open_workbook(file, bytes)?;

    let sheets: Vec<SheetName> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| SheetName {
            name: s.name.clone(),
            hidden: s.visible != SheetVisible::Visible,
        })
        .collect();
    let chosen = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.name == wanted)
            .or_else(|| sheets.iter().find(|s| s.name.eq_ignore_ascii_case(wanted)))
            .map(|s| s.name.clone())
            .ok_or_else(|| Error::NoSuchSheet {
                file: file.to_string(),
                sheet: wanted.to_string(),
                available: sheets
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?,
        // A hidden first sheet is usually a lookup list of a template, not the data.
        None => sheets
            .iter()
            .find(|s| !s.hidden)
            .map(|s| s.name.clone())
            .ok_or_else(|| Error::Empty {
                file: file.to_string(),
            })?,
    };

    match &mut workbook {
        Sheets::Xlsx(xlsx) => guards::check_xlsx_sheet(file, xlsx, &chosen)?,
        Sheets::Xlsb(xlsb) => guards::check_xlsb_sheet(file, xlsb, &chosen)?,
        // An XLS and an ODS were measured before calamine opened them.
        Sheets::Xls(_) | Sheets::Ods(_) => {}
    }
    let range = workbook.worksheet_range(&chosen).map_err(workbook_error)?;
    Ok((range, sheets, chosen))
}

fn cell(data: &Data) -> RawCell {
    match data {
        Data::Empty | Data::Error(_) => RawCell::Empty,
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => number(*f),
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) => {
            // calamine's conversion panics on a serial beyond chrono's range; no real date
            // comes near (9999-12-31 is 2,958,465).
            let datetime = (dt.as_f64().abs() < 1e7)
                .then(|| dt.as_datetime())
                .flatten();
            match datetime {
                Some(datetime) if dt.is_datetime() => RawCell::Date(datetime.date()),
                _ => number(dt.as_f64()),
            }
        }
        Data::DateTimeIso(s) => {
            match chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(date) => RawCell::Date(date),
                Err(_) => RawCell::Text(s.clone()),
            }
        }
        Data::DurationIso(s) => RawCell::Text(s.clone()),
    }
}

/// A workbook number. Some writers store NaN or an infinity, which no sheet means as a value:
/// as text, it is reported like any other value that is not a number.
fn number(n: f64) -> RawCell {
    if n.is_finite() {
        RawCell::Number(n)
    } else {
        RawCell::Text(n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    use super::*;

    fn date_cell(serial: f64) -> RawCell {
        cell(&Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        )))
    }

    #[test]
    fn a_date_serial_beyond_the_calendar_stays_a_number_instead_of_panicking() {
        for serial in [-1e300, 1e300] {
            assert_eq!(date_cell(serial), RawCell::Number(serial));
        }
        let new_year = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).map(RawCell::Date);
        assert_eq!(Some(date_cell(45_292.0)), new_year);
    }

    #[test]
    fn a_workbook_number_that_is_nan_or_infinite_is_text_so_it_is_reported() {
        let text = |t: &str| RawCell::Text(t.to_string());
        assert_eq!(cell(&Data::Float(f64::NAN)), text("NaN"));
        assert_eq!(cell(&Data::Float(f64::INFINITY)), text("inf"));
        assert_eq!(date_cell(f64::NEG_INFINITY), text("-inf"));
        assert_eq!(cell(&Data::Float(2.5)), RawCell::Number(2.5));
    }
}
