//! Turning mapped rows into records, with a problem for everything that is not taken as is.
//!
//! Numeric and date columns are parsed whole first (see [`crate::values`]) so each column gets
//! one locale decision; then each row becomes a record. A row without a required value is left
//! out and reported as rejected; a bad optional value is kept as `None` with a warning.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use terrain_core::records::{
    AccountRecord, CustomFields, CustomValue, OpportunityRecord, Outcome, ProductRecord, RepRecord,
    SignalRecord,
};

use crate::detect::{normalise, Mapping};
use crate::grid::{Grid, RawCell};
use crate::values::{self, Parsed};
use crate::{ParsedSheet, Problem, Records, SheetKind};

const NUMBER_FIELDS: &[&str] = &[
    "employees",
    "revenue",
    "capacity",
    "amount",
    "strength",
    "price",
];
const DATE_FIELDS: &[&str] = &["created", "closed", "date"];

struct Builder<'a> {
    grid: &'a Grid,
    mapping: &'a Mapping,
    problems: Vec<Problem>,
    numbers: BTreeMap<&'static str, Vec<Parsed<f64>>>,
    dates: BTreeMap<&'static str, Vec<Parsed<NaiveDate>>>,
    custom: Vec<(String, Vec<Option<CustomValue>>)>,
    /// The row number of every record kept, in order.
    kept: Vec<u32>,
}

/// Builds the records of a mapped grid.
pub(crate) fn build(file: &str, grid: &Grid, mapping: &Mapping) -> ParsedSheet {
    let mut b = Builder {
        grid,
        mapping,
        problems: Vec::new(),
        numbers: BTreeMap::new(),
        dates: BTreeMap::new(),
        custom: Vec::new(),
        kept: Vec::new(),
    };
    b.parse_columns();

    let records = match mapping.kind {
        SheetKind::Accounts => Records::Accounts(b.rows(Builder::account)),
        SheetKind::Reps => Records::Reps(b.rows(Builder::rep)),
        SheetKind::Opportunities => Records::Opportunities(b.rows(Builder::opportunity)),
        SheetKind::Signals => Records::Signals(b.rows(Builder::signal)),
        SheetKind::Products => Records::Products(b.rows(Builder::product)),
    };

    // Column-wide warnings first, then row problems in sheet order.
    b.problems.sort_by_key(|p| p.row);
    ParsedSheet {
        file: file.to_string(),
        kind: mapping.kind,
        rows_read: grid.rows_read,
        records,
        record_rows: b.kept,
        problems: b.problems,
        custom_fields: b.custom.into_iter().map(|(header, _)| header).collect(),
    }
}

impl<'a> Builder<'a> {
    fn column_cells(&self, column: usize) -> Vec<&'a RawCell> {
        let grid: &'a Grid = self.grid;
        grid.rows.iter().map(|r| &r.cells[column]).collect()
    }

    fn header(&self, field: &str) -> Option<String> {
        self.mapping
            .column(field)
            .map(|c| self.grid.headers[c].clone())
    }

    fn parse_columns(&mut self) {
        for (&field, &column) in &self.mapping.columns {
            let cells = self.column_cells(column);
            let header = Some(self.grid.headers[column].clone());
            let warning = if NUMBER_FIELDS.contains(&field) {
                let (parsed, warning) = values::numbers(&cells);
                self.numbers.insert(field, parsed);
                warning
            } else if DATE_FIELDS.contains(&field) {
                let (parsed, warning) = values::dates(&cells);
                self.dates.insert(field, parsed);
                warning
            } else {
                None
            };
            if let Some(message) = warning {
                self.problems.push(Problem {
                    row: None,
                    column: header,
                    message,
                    rejected: false,
                });
            }
        }

        let mapped: Vec<usize> = self.mapping.columns.values().copied().collect();
        let keeps_custom = matches!(
            self.mapping.kind,
            SheetKind::Accounts | SheetKind::Reps | SheetKind::Opportunities
        );
        for (column, header) in self.grid.headers.iter().enumerate() {
            if mapped.contains(&column) {
                continue;
            }
            if !keeps_custom {
                self.problems.push(Problem {
                    row: None,
                    column: Some(header.clone()),
                    message: format!(
                        "the column is not imported: {} have no custom fields",
                        self.mapping.kind
                    ),
                    rejected: false,
                });
                continue;
            }
            let cells = self.column_cells(column);
            let (typed, warning) = custom_column(header, &cells);
            if let Some(message) = warning {
                self.problems.push(Problem {
                    row: None,
                    column: Some(header.clone()),
                    message,
                    rejected: false,
                });
            }
            self.custom.push((header.clone(), typed));
        }
    }

    fn rows<T>(&mut self, make: fn(&mut Self, usize) -> Option<T>) -> Vec<T> {
        let mut records = Vec::new();
        for i in 0..self.grid.rows.len() {
            if let Some(record) = make(self, i) {
                records.push(record);
                self.kept.push(self.row_number(i));
            }
        }
        records
    }

    fn row_number(&self, i: usize) -> u32 {
        self.grid.rows[i].number
    }

    fn text(&self, field: &str, i: usize) -> Option<String> {
        let column = self.mapping.column(field)?;
        values::text(&self.grid.rows[i].cells[column])
    }

    fn warn(&mut self, field: &str, i: usize, message: String) {
        let row = Some(self.row_number(i));
        self.problems.push(Problem {
            row,
            column: self.header(field),
            message,
            rejected: false,
        });
    }

    /// Records a rejected row and returns `None` so callers can `return self.reject(...)`.
    fn reject<T>(&mut self, field: &str, i: usize, message: &str) -> Option<T> {
        let row = Some(self.row_number(i));
        let message = format!("{message}; the row is left out");
        self.problems.push(Problem {
            row,
            column: self.header(field),
            message,
            rejected: true,
        });
        None
    }

    fn number(&mut self, field: &str, i: usize) -> Option<f64> {
        match self.numbers.get(field).map(|v| v[i].clone()) {
            Some(Parsed::Value(n)) => Some(n),
            Some(Parsed::Bad(why)) => {
                self.warn(field, i, format!("{why}; kept as missing"));
                None
            }
            _ => None,
        }
    }

    fn date(&mut self, field: &str, i: usize) -> Parsed<NaiveDate> {
        self.dates
            .get(field)
            .map_or(Parsed::Missing, |v| v[i].clone())
    }

    fn optional_date(&mut self, field: &str, i: usize) -> Option<NaiveDate> {
        match self.date(field, i) {
            Parsed::Value(d) => Some(d),
            Parsed::Bad(why) => {
                self.warn(field, i, format!("{why}; kept as missing"));
                None
            }
            Parsed::Missing => None,
        }
    }

    fn custom_fields(&self, i: usize) -> CustomFields {
        self.custom
            .iter()
            .filter_map(|(header, values)| Some((header.clone(), values[i].clone()?)))
            .collect()
    }

    fn account(&mut self, i: usize) -> Option<AccountRecord> {
        let id = self.text("id", i);
        let has_name_column = self.mapping.column("name").is_some();
        let name = if has_name_column {
            self.text("name", i)
        } else {
            id.clone()
        };
        let Some(name) = name else {
            return self.reject("name", i, "no account name");
        };
        let key = match (self.mapping.column("id"), id) {
            (None, _) => name.clone(),
            (Some(_), Some(id)) => id,
            (Some(_), None) => return self.reject("id", i, "no account id"),
        };
        let outcome = match self
            .mapping
            .column("outcome")
            .map(|c| values::boolean(&self.grid.rows[i].cells[c]))
        {
            Some(Parsed::Value(b)) => Some(b),
            Some(Parsed::Bad(why)) => {
                self.warn("outcome", i, format!("{why}; kept as missing"));
                None
            }
            _ => None,
        };
        Some(AccountRecord {
            key,
            name,
            owner: self.text("owner", i),
            industry: self.text("industry", i),
            employees: self.number("employees", i),
            revenue: self.number("revenue", i),
            country: self.text("country", i),
            state: self.text("state", i),
            region: self.text("region", i),
            outcome,
            custom: self.custom_fields(i),
        })
    }

    fn rep(&mut self, i: usize) -> Option<RepRecord> {
        let Some(name) = self.text("name", i) else {
            return self.reject("name", i, "no rep name");
        };
        let capacity = match self.number("capacity", i) {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Some(n as u32),
            Some(n) => {
                self.warn(
                    "capacity",
                    i,
                    format!("{n} is not a whole number of accounts; kept as missing"),
                );
                None
            }
            None => None,
        };
        Some(RepRecord {
            name,
            team: self.text("team", i),
            region: self.text("region", i),
            capacity,
            crm_user_id: self.text("crm_user_id", i),
            custom: self.custom_fields(i),
        })
    }

    fn opportunity(&mut self, i: usize) -> Option<OpportunityRecord> {
        let Some(key) = self.text("id", i) else {
            return self.reject("id", i, "no opportunity id");
        };
        let Some(stage) = self.text("stage", i) else {
            return self.reject("stage", i, "no stage");
        };
        let account = self.text("account", i);
        if account.is_none() {
            self.warn(
                "account",
                i,
                "no account; the opportunity is kept without one".to_string(),
            );
        }
        let amount = self.number("amount", i);
        if amount.is_some_and(|a| a < 0.0) {
            self.warn(
                "amount",
                i,
                "negative amount kept (a credit note or refund?)".to_string(),
            );
        }
        Some(OpportunityRecord {
            key,
            account,
            owner: self.text("owner", i),
            product: self.text("product", i),
            outcome: outcome(&stage),
            stage,
            amount,
            created: self.optional_date("created", i),
            closed: self.optional_date("closed", i),
            custom: self.custom_fields(i),
        })
    }

    fn signal(&mut self, i: usize) -> Option<SignalRecord> {
        let Some(account) = self.text("account", i) else {
            return self.reject("account", i, "no account");
        };
        let date = match self.date("date", i) {
            Parsed::Value(d) => d,
            Parsed::Bad(why) => return self.reject("date", i, &why),
            Parsed::Missing => return self.reject("date", i, "no date"),
        };
        let Some(kind) = self.text("kind", i) else {
            return self.reject("kind", i, "no activity type");
        };
        Some(SignalRecord {
            account,
            date,
            kind: signal_kind(&kind),
            topic: self.text("topic", i),
            strength: self.number("strength", i),
        })
    }

    fn product(&mut self, i: usize) -> Option<ProductRecord> {
        let Some(name) = self.text("product", i) else {
            return self.reject("product", i, "no product name");
        };
        Some(ProductRecord {
            name,
            series: self.text("series", i),
            price: self.number("price", i),
        })
    }
}

/// Maps a CRM stage to an outcome; Salesforce and HubSpot spell the closed stages differently.
fn outcome(stage: &str) -> Outcome {
    let squashed: String = stage
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    match squashed.as_str() {
        "won" | "closedwon" => Outcome::Won,
        "lost" | "closedlost" => Outcome::Lost,
        _ => Outcome::Open,
    }
}

/// Normalises an activity type so that scoring's per-kind weights find it.
fn signal_kind(kind: &str) -> String {
    let key = normalise(kind);
    let known = match key.as_str() {
        "email open" | "email opened" | "open" | "opened" => "email_open",
        "email click" | "email clicked" | "click" | "clicked" | "link click" => "email_click",
        "web visit" | "page view" | "pageview" | "website visit" | "site visit" | "visit" => {
            "web_visit"
        }
        "meeting" | "meeting booked" | "meeting held" => "meeting",
        "form fill" | "form submission" | "form submitted" => "form_fill",
        "intent" | "intent topic" | "intent surge" => "intent",
        _ => "",
    };
    if known.is_empty() {
        key.replace(' ', "_")
    } else {
        known.to_string()
    }
}

/// Headers that name identifiers or codes: their digits are labels, and `02138` must keep its
/// leading zero.
fn is_label_header(header: &str) -> bool {
    let key = normalise(header);
    let camel_id = header.trim().ends_with("ID")
        || (header.trim().ends_with("Id")
            && header
                .trim()
                .chars()
                .rev()
                .nth(2)
                .is_some_and(char::is_lowercase));
    camel_id
        || key.split(' ').any(|w| w == "id" || w == "ids")
        || ["zip", "postal", "phone", "code"]
            .iter()
            .any(|w| key.contains(w))
}

/// Types a custom column as a whole: numbers only when every present value is one.
fn custom_column(header: &str, cells: &[&RawCell]) -> (Vec<Option<CustomValue>>, Option<String>) {
    let as_text = || {
        cells
            .iter()
            .map(|c| values::text(c).map(CustomValue::Text))
            .collect()
    };
    if is_label_header(header) {
        return (as_text(), None);
    }

    let present: Vec<&&RawCell> = cells.iter().filter(|c| values::text(c).is_some()).collect();
    if present.is_empty() {
        return (vec![None; cells.len()], None);
    }
    let is_bool = |c: &&&RawCell| match c {
        RawCell::Bool(_) => true,
        RawCell::Text(t) => {
            t.trim().eq_ignore_ascii_case("true") || t.trim().eq_ignore_ascii_case("false")
        }
        _ => false,
    };
    if present.iter().all(is_bool) {
        let typed = cells
            .iter()
            .map(|c| match values::boolean(c) {
                Parsed::Value(b) => Some(CustomValue::Bool(b)),
                _ => None,
            })
            .collect();
        return (typed, None);
    }

    let (numbers, warning) = values::numbers(cells);
    if numbers.iter().all(|n| !matches!(n, Parsed::Bad(_))) {
        let typed = numbers
            .into_iter()
            .map(|n| match n {
                Parsed::Value(v) => Some(CustomValue::Number(v)),
                _ => None,
            })
            .collect();
        return (typed, warning);
    }
    (as_text(), None)
}
