//! Spreadsheets in and out of Terrain.
//!
//! This crate is the first step of the import flow (sheets -> store -> core): it reads a CSV,
//! XLSX, XLS or ODS file, works out which kind of CRM sheet it is from its headers, maps the
//! columns to fields, parses the values with one locale decision per column and hands back
//! typed records with a list of row-level problems. It is also the last step of an export: it
//! writes tables to CSV or XLSX without ever letting a cell run as a formula.

mod build;
mod detect;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod grid;
mod guards;
mod ids;
mod read;
mod text;
mod values;
mod write;

use terrain_core::records::{
    AccountRecord, OpportunityRecord, ProductRecord, RepRecord, SignalRecord,
};

pub use build::{Question, QuestionAbout};
pub use detect::field_names;
pub use error::{Error, Result, Unsettled};
pub use read::{open, open_head, read_file, Batch, Plan, ReadEnd, Sheet, SheetName};
pub use values::{DateOrder, Decimal};
pub use write::{
    write_csv, write_xlsx, write_xlsx_with_charts, Cell, SheetChart, SheetChartKind, Table,
};

/// Which kind of CRM sheet a file holds; decides the fields its columns can map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    /// Companies that may buy.
    Accounts,
    /// Account executives.
    Reps,
    /// Deals on accounts.
    Opportunities,
    /// Dated activity events on accounts.
    Signals,
    /// A product catalogue.
    Products,
}

impl SheetKind {
    /// Every kind, in the order detection reports them.
    pub const ALL: [SheetKind; 5] = [
        SheetKind::Accounts,
        SheetKind::Reps,
        SheetKind::Opportunities,
        SheetKind::Signals,
        SheetKind::Products,
    ];

    /// The lowercase plural name used by `--kind` and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            SheetKind::Accounts => "accounts",
            SheetKind::Reps => "reps",
            SheetKind::Opportunities => "opportunities",
            SheetKind::Signals => "signals",
            SheetKind::Products => "products",
        }
    }

    /// Parses a kind name as a person types it: case and surrounding spaces are ignored, and
    /// the singular is accepted too.
    pub fn parse(s: &str) -> Option<SheetKind> {
        match s.trim().to_lowercase().as_str() {
            "accounts" | "account" => Some(SheetKind::Accounts),
            "reps" | "rep" => Some(SheetKind::Reps),
            "opportunities" | "opportunity" | "deals" => Some(SheetKind::Opportunities),
            "signals" | "signal" | "activities" => Some(SheetKind::Signals),
            "products" | "product" => Some(SheetKind::Products),
            _ => None,
        }
    }
}

impl std::fmt::Display for SheetKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the caller knows about a file before reading it.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The kind, when the user said it (`--kind`); otherwise it is detected from the headers.
    pub kind: Option<SheetKind>,
    /// `(field, header)` pairs (`--map FIELD=HEADER`) that override automatic mapping.
    pub map: Vec<(String, String)>,
    /// The worksheet to read in a workbook; by default the first visible one.
    pub sheet: Option<String>,
    /// Headers to keep as custom fields even where they would map to a field by themselves.
    pub unmapped: Vec<String>,
    /// `(header, separator)` pairs that settle a number column's decimal separator.
    pub decimals: Vec<(String, Decimal)>,
    /// `(header, order)` pairs that settle a date column's day/month order.
    pub date_orders: Vec<(String, DateOrder)>,
    /// Headers of date columns whose bare numbers are Excel serial dates.
    pub serial_dates: Vec<String>,
}

/// One thing worth telling the user about a row or a column.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The row as a spreadsheet shows it (the header row is 1); `None` for a whole column.
    pub row: Option<u32>,
    /// The header of the column concerned, when there is one.
    pub column: Option<String>,
    /// What happened, in words for the user.
    pub message: String,
    /// Whether the row was left out; `false` means it was kept with the value missing.
    pub rejected: bool,
}

/// The records of one sheet, typed by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Records {
    /// Records of an accounts sheet.
    Accounts(Vec<AccountRecord>),
    /// Records of a reps sheet.
    Reps(Vec<RepRecord>),
    /// Records of an opportunities sheet.
    Opportunities(Vec<OpportunityRecord>),
    /// Records of a signals sheet.
    Signals(Vec<SignalRecord>),
    /// Records of a product catalogue.
    Products(Vec<ProductRecord>),
}

impl Records {
    /// No records, of one kind.
    pub fn empty(kind: SheetKind) -> Records {
        match kind {
            SheetKind::Accounts => Records::Accounts(Vec::new()),
            SheetKind::Reps => Records::Reps(Vec::new()),
            SheetKind::Opportunities => Records::Opportunities(Vec::new()),
            SheetKind::Signals => Records::Signals(Vec::new()),
            SheetKind::Products => Records::Products(Vec::new()),
        }
    }

    /// How many records were kept.
    pub fn len(&self) -> usize {
        match self {
            Records::Accounts(v) => v.len(),
            Records::Reps(v) => v.len(),
            Records::Opportunities(v) => v.len(),
            Records::Signals(v) => v.len(),
            Records::Products(v) => v.len(),
        }
    }

    /// Whether no record was kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves the records of `other`, of the same kind, to the end of these.
    ///
    /// # Panics
    /// When the kinds differ, which is a bug in the caller.
    pub fn append(&mut self, other: Records) {
        match (self, other) {
            (Records::Accounts(a), Records::Accounts(mut b)) => a.append(&mut b),
            (Records::Reps(a), Records::Reps(mut b)) => a.append(&mut b),
            (Records::Opportunities(a), Records::Opportunities(mut b)) => a.append(&mut b),
            (Records::Signals(a), Records::Signals(mut b)) => a.append(&mut b),
            (Records::Products(a), Records::Products(mut b)) => a.append(&mut b),
            _ => panic!("records of different kinds cannot be appended"),
        }
    }
}

/// The result of reading one file: its records and the report of what was not perfect.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSheet {
    /// The file name as given (without its folder), for reports.
    pub file: String,
    /// The kind, as given or detected.
    pub kind: SheetKind,
    /// Data rows read, not counting the header and fully blank rows.
    pub rows_read: u32,
    /// The records kept.
    pub records: Records,
    /// The sheet row of each kept record, so later steps can name it in a problem.
    pub record_rows: Vec<u32>,
    /// Row and column problems, rejected rows included.
    pub problems: Vec<Problem>,
    /// Headers of the columns kept as custom fields.
    pub custom_fields: Vec<String>,
}
