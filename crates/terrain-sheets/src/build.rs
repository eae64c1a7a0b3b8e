//! Turning mapped rows into records, with a problem for everything that is not taken as is.
//!
//! A survey of the file ([`ColumnProfile`]) comes first, so each numeric and date column gets
//! one reading (see [`crate::values`]); then each row becomes a record. An import may survey a
//! large file's head only, and then the whole file as it reads it: [`Builder::reads_like`]
//! tells whether the whole file's plan reads every column as the head's did. A row without a
//! required value is left out and reported as rejected; a bad optional value is kept as `None`
//! with a warning.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use terrain_core::records::{
    AccountRecord, CustomFields, CustomValue, OpportunityRecord, Outcome, ProductRecord, RepRecord,
    SignalRecord,
};

use crate::detect::{normalise, Mapping};
use crate::grid::{GridRow, RawCell};
use crate::ids::{self, SalesforceId};
use crate::values::{self, DateEvidence, DateOrder, DateReading, Decimal, NumberEvidence, Parsed};
use crate::{Problem, Records, SheetKind};

const NUMBER_FIELDS: &[&str] = &[
    "employees",
    "revenue",
    "capacity",
    "amount",
    "strength",
    "price",
];
const DATE_FIELDS: &[&str] = &["created", "closed", "date"];

/// How a custom column's values are typed, decided from the whole column.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CustomType {
    Text,
    Bool,
    Number(Decimal),
}

/// What the survey of a file found in one column, gathered a cell at a time.
#[derive(Debug, Clone, Default)]
pub(crate) struct ColumnProfile {
    pub(crate) numbers: NumberEvidence,
    pub(crate) dates: DateEvidence,
    present: u32,
    booleans: u32,
    numeric: u32,
    /// The first few distinct values, for the mapping screen.
    pub(crate) samples: Vec<String>,
}

const SAMPLES: usize = 5;

impl ColumnProfile {
    pub(crate) fn observe(&mut self, cell: &RawCell, row: u32) {
        let owned;
        let text = match cell {
            RawCell::Empty => return,
            RawCell::Text(t) if values::is_placeholder(t) => return,
            RawCell::Text(t) => t.trim(),
            other => {
                owned = other.to_text();
                owned.as_str()
            }
        };
        self.present += 1;
        let numeric = match cell {
            RawCell::Text(_) => {
                self.dates.observe_text(text, row);
                self.numbers.observe_text(text, row)
            }
            other => {
                self.dates.observe(other, row);
                self.numbers.observe(other, row)
            }
        };
        if numeric {
            self.numeric += 1;
        }
        let is_bool = match cell {
            RawCell::Bool(_) => true,
            _ => text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false"),
        };
        if is_bool {
            self.booleans += 1;
        }
        if self.samples.len() < SAMPLES && !self.samples.iter().any(|s| s == text) {
            let mut sample: String = text.chars().take(80).collect();
            if sample.len() < text.len() {
                sample.push('…');
            }
            self.samples.push(sample);
        }
    }
}

/// The user's choices for a file's columns, by header.
pub(crate) struct Choices<'a> {
    pub(crate) decimals: &'a [(String, Decimal)],
    pub(crate) date_orders: &'a [(String, DateOrder)],
    pub(crate) serial_dates: &'a [String],
}

fn same_header(a: &str, b: &str) -> bool {
    a.trim() == b.trim() || normalise(a) == normalise(b)
}

impl Choices<'_> {
    fn find<T: Copy>(list: &[(String, T)], header: &str) -> Option<T> {
        list.iter()
            .find(|(h, _)| same_header(h, header))
            .map(|(_, v)| *v)
    }
}

/// A decision the user has to make before a file can be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The column concerned.
    pub column: String,
    /// A row holding a value that reads two ways.
    pub row: u32,
    /// That value.
    pub example: String,
    /// What has to be decided.
    pub about: QuestionAbout,
}

/// What a [`Question`] asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionAbout {
    /// Whether the day or the month comes first in the column's dates.
    DateOrder,
    /// Whether the column's `1.000` is a thousand (decimal comma) or one (decimal point).
    Decimal,
}

/// Builds records one row at a time, with every column's reading decided up front.
#[derive(Debug, Clone)]
pub(crate) struct Builder {
    headers: Vec<String>,
    mapping: Mapping,
    numbers: BTreeMap<&'static str, Decimal>,
    dates: BTreeMap<&'static str, DateReading>,
    custom: Vec<(usize, String, CustomType)>,
    /// Problems of the rows built since the last [`Builder::take_problems`].
    problems: Vec<Problem>,
    /// The sheet row being built.
    row: u32,
}

impl Builder {
    /// Whether both read every column alike: the same fields, decimal separators, date orders
    /// and custom column types.
    pub(crate) fn reads_like(&self, other: &Builder) -> bool {
        self.mapping.columns == other.mapping.columns
            && self.numbers == other.numbers
            && self.dates == other.dates
            && self.custom == other.custom
    }

    /// Decides every column's reading from the survey and the user's choices. Returns the
    /// builder, column-wide notes for the report, and the questions nothing could settle.
    pub(crate) fn plan(
        headers: &[String],
        mapping: &Mapping,
        profiles: &[ColumnProfile],
        choices: &Choices<'_>,
    ) -> (Builder, Vec<Problem>, Vec<Question>) {
        let mut notes = Vec::new();
        let mut questions = Vec::new();
        let mut b = Builder {
            headers: headers.to_vec(),
            mapping: mapping.clone(),
            numbers: BTreeMap::new(),
            dates: BTreeMap::new(),
            custom: Vec::new(),
            problems: Vec::new(),
            row: 0,
        };
        for (&field, &column) in &mapping.columns {
            let header = &headers[column];
            let profile = &profiles[column];
            if NUMBER_FIELDS.contains(&field) {
                let mut chosen = Choices::find(choices.decimals, header);
                // A choice the values contradict (saved for another file of the same
                // headers, say) would read every value wrong; the values win.
                if let (Some(c), Some(proof)) = (chosen, profile.numbers.proven()) {
                    if c != proof {
                        chosen = Some(proof);
                        notes.push(contradicted(header, "decimal separator"));
                    }
                }
                if let (None, Some((row, example))) = (chosen, profile.numbers.unsettled()) {
                    questions.push(Question {
                        column: header.clone(),
                        row,
                        example: example.to_string(),
                        about: QuestionAbout::Decimal,
                    });
                }
                b.numbers.insert(field, profile.numbers.decide(chosen));
            } else if DATE_FIELDS.contains(&field) {
                let mut chosen = Choices::find(choices.date_orders, header);
                if chosen.is_some_and(|c| profile.dates.contradicts(c)) {
                    chosen = profile.dates.proven();
                    notes.push(contradicted(header, "date order"));
                }
                if let (None, Some((row, example))) = (chosen, profile.dates.unsettled()) {
                    // One export writes all its dates one way, so another date column that
                    // proves the order settles this one too, unless two of them disagree.
                    let proofs: Vec<(&String, DateOrder)> = mapping
                        .columns
                        .iter()
                        .filter(|(f, _)| DATE_FIELDS.contains(f))
                        .filter_map(|(_, &other)| {
                            profiles[other]
                                .dates
                                .proven()
                                .map(|order| (&headers[other], order))
                        })
                        .collect();
                    let agreed = proofs
                        .first()
                        .filter(|(_, first)| proofs.iter().all(|(_, order)| order == first));
                    match agreed {
                        Some(&(other, order)) => {
                            chosen = Some(order);
                            notes.push(Problem {
                                row: None,
                                column: Some(header.clone()),
                                message: format!(
                                    "no date of this column shows whether the day or the month \
                                     comes first; read {} like the column \"{other}\"",
                                    order.describe()
                                ),
                                rejected: false,
                            });
                        }
                        None => questions.push(Question {
                            column: header.clone(),
                            row,
                            example: example.to_string(),
                            about: QuestionAbout::DateOrder,
                        }),
                    }
                }
                let serials = choices.serial_dates.iter().any(|h| same_header(h, header));
                if let (false, Some((count, row, example))) = (serials, profile.dates.serials()) {
                    notes.push(Problem {
                        row: None,
                        column: Some(header.clone()),
                        message: format!(
                            "{count} value(s) look like Excel serial dates (the first, {example}, \
                             in row {row}); they are read as missing unless the column's dates \
                             are declared as Excel serials"
                        ),
                        rejected: false,
                    });
                }
                let reading = DateReading {
                    order: profile.dates.decide(chosen),
                    serials,
                };
                b.dates.insert(field, reading);
            }
        }

        let mapped: Vec<usize> = mapping.columns.values().copied().collect();
        let keeps_custom = matches!(
            mapping.kind,
            SheetKind::Accounts | SheetKind::Reps | SheetKind::Opportunities
        );
        for (column, header) in headers.iter().enumerate() {
            if mapped.contains(&column) {
                continue;
            }
            if !keeps_custom {
                notes.push(Problem {
                    row: None,
                    column: Some(header.clone()),
                    message: format!(
                        "the column is not imported: {} have no custom fields",
                        mapping.kind
                    ),
                    rejected: false,
                });
                continue;
            }
            let profile = &profiles[column];
            let typed = if is_label_header(header) || profile.present == 0 {
                CustomType::Text
            } else if profile.booleans == profile.present {
                CustomType::Bool
            } else if profile.numeric == profile.present {
                let chosen = Choices::find(choices.decimals, header);
                if let (None, Some((_, example))) = (chosen, profile.numbers.unsettled()) {
                    notes.push(Problem {
                        row: None,
                        column: Some(header.clone()),
                        message: values::assumed_decimal_warning(example),
                        rejected: false,
                    });
                }
                CustomType::Number(profile.numbers.decide(chosen))
            } else {
                CustomType::Text
            };
            b.custom.push((column, header.clone(), typed));
        }
        (b, notes, questions)
    }

    /// The headers of the columns kept as custom fields.
    pub(crate) fn custom_fields(&self) -> Vec<String> {
        self.custom.iter().map(|(_, h, _)| h.clone()).collect()
    }

    /// The problems of the rows built since the last call.
    pub(crate) fn take_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.problems)
    }

    /// Builds one row's record into `records`; returns whether it was kept.
    pub(crate) fn push(&mut self, row: &GridRow, records: &mut Records) -> bool {
        self.row = row.number;
        match records {
            Records::Accounts(v) => self.account(row).map(|r| v.push(r)).is_some(),
            Records::Reps(v) => self.rep(row).map(|r| v.push(r)).is_some(),
            Records::Opportunities(v) => self.opportunity(row).map(|r| v.push(r)).is_some(),
            Records::Signals(v) => self.signal(row).map(|r| v.push(r)).is_some(),
            Records::Products(v) => self.product(row).map(|r| v.push(r)).is_some(),
        }
    }

    fn header(&self, field: &str) -> Option<String> {
        self.mapping.column(field).map(|c| self.headers[c].clone())
    }

    fn cell<'r>(&self, field: &str, row: &'r GridRow) -> Option<&'r RawCell> {
        self.mapping.column(field).map(|c| &row.cells[c])
    }

    fn text(&self, field: &str, row: &GridRow) -> Option<String> {
        self.cell(field, row).and_then(values::text)
    }

    fn warn(&mut self, field: &str, message: String) {
        self.problems.push(Problem {
            row: Some(self.row),
            column: self.header(field),
            message,
            rejected: false,
        });
    }

    /// Records a rejected row and returns `None` so callers can `return self.reject(...)`.
    fn reject<T>(&mut self, field: &str, message: &str) -> Option<T> {
        self.problems.push(Problem {
            row: Some(self.row),
            column: self.header(field),
            message: format!("{message}; the row is left out"),
            rejected: true,
        });
        None
    }

    fn number(&mut self, field: &str, row: &GridRow) -> Option<f64> {
        let decimal = *self.numbers.get(field)?;
        match values::number(self.cell(field, row)?, decimal) {
            Parsed::Value(n) => Some(n),
            Parsed::Bad(why) => {
                self.warn(field, format!("{why}; kept as missing"));
                None
            }
            Parsed::Missing => None,
        }
    }

    fn date(&mut self, field: &str, row: &GridRow) -> Parsed<NaiveDate> {
        match (self.cell(field, row), self.dates.get(field)) {
            (Some(cell), Some(reading)) => values::date(cell, *reading),
            _ => Parsed::Missing,
        }
    }

    fn optional_date(&mut self, field: &str, row: &GridRow) -> Option<NaiveDate> {
        match self.date(field, row) {
            Parsed::Value(d) => Some(d),
            Parsed::Bad(why) => {
                self.warn(field, format!("{why}; kept as missing"));
                None
            }
            Parsed::Missing => None,
        }
    }

    fn custom_values(&self, row: &GridRow) -> CustomFields {
        self.custom
            .iter()
            .filter_map(|(column, header, typed)| {
                let cell = &row.cells[*column];
                let text = values::text(cell)?;
                let value = match typed {
                    CustomType::Text => CustomValue::Text(text),
                    CustomType::Bool => match values::boolean(cell) {
                        Parsed::Value(b) => CustomValue::Bool(b),
                        _ => CustomValue::Text(text),
                    },
                    // A value the column's separator cannot read keeps its text: nothing is
                    // lost.
                    CustomType::Number(decimal) => match values::number(cell, *decimal) {
                        Parsed::Value(n) => CustomValue::Number(n),
                        _ => CustomValue::Text(text),
                    },
                };
                Some((header.clone(), value))
            })
            .collect()
    }

    /// An id cell as the key it stands for: an 18-character Salesforce id becomes its
    /// 15-character form (see [`crate::ids`]); one whose suffix does not check out is kept as
    /// written, with a warning.
    fn id_key(&mut self, field: &str, id: String) -> String {
        match ids::check(&id) {
            SalesforceId::Reduced(key) => key,
            SalesforceId::Other => id,
            SalesforceId::BadSuffix { expected } => {
                let why = ids::bad_suffix_message(&id, expected.as_deref());
                self.warn(
                    field,
                    format!("{why}; kept as written, and ids referring to it will not find it"),
                );
                id
            }
        }
    }

    /// A cell naming an account. In a column of ids, an 18-character Salesforce id becomes its
    /// 15-character form, and one whose suffix does not check out is refused with the reason
    /// rather than joined to whichever account it resembles. A column of names is taken as
    /// written: a name is not an id, however it looks.
    fn account_reference(&self, value: String) -> Result<String, String> {
        if !self.header("account").is_some_and(|h| is_id_header(&h)) {
            return Ok(value);
        }
        match ids::check(&value) {
            SalesforceId::Reduced(key) => Ok(key),
            SalesforceId::Other => Ok(value),
            SalesforceId::BadSuffix { expected } => {
                Err(ids::bad_suffix_message(&value, expected.as_deref()))
            }
        }
    }

    fn account(&mut self, row: &GridRow) -> Option<AccountRecord> {
        let id = self.text("id", row).map(|id| self.id_key("id", id));
        let has_name_column = self.mapping.column("name").is_some();
        let name = if has_name_column {
            self.text("name", row)
        } else {
            id.clone()
        };
        let Some(name) = name else {
            return self.reject("name", "no account name");
        };
        let key = match (self.mapping.column("id"), id) {
            (None, _) => name.clone(),
            (Some(_), Some(id)) => id,
            (Some(_), None) => return self.reject("id", "no account id"),
        };
        let outcome = match self
            .mapping
            .column("outcome")
            .map(|c| values::boolean(&row.cells[c]))
        {
            Some(Parsed::Value(b)) => Some(b),
            Some(Parsed::Bad(why)) => {
                self.warn("outcome", format!("{why}; kept as missing"));
                None
            }
            _ => None,
        };
        Some(AccountRecord {
            key,
            name,
            owner: self.text("owner", row),
            industry: self.text("industry", row),
            employees: self.number("employees", row),
            revenue: self.number("revenue", row),
            country: self.text("country", row),
            state: self.text("state", row),
            region: self.text("region", row),
            website: self.text("website", row),
            outcome,
            custom: self.custom_values(row),
        })
    }

    fn rep(&mut self, row: &GridRow) -> Option<RepRecord> {
        let Some(name) = self.text("name", row) else {
            return self.reject("name", "no rep name");
        };
        let capacity = match self.number("capacity", row) {
            Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Some(n as u32),
            Some(n) => {
                self.warn(
                    "capacity",
                    format!("{n} is not a whole number of accounts; kept as missing"),
                );
                None
            }
            None => None,
        };
        Some(RepRecord {
            name,
            team: self.text("team", row),
            region: self.text("region", row),
            capacity,
            crm_user_id: self.text("crm_user_id", row),
            custom: self.custom_values(row),
        })
    }

    fn opportunity(&mut self, row: &GridRow) -> Option<OpportunityRecord> {
        let Some(key) = self.text("id", row) else {
            return self.reject("id", "no opportunity id");
        };
        let key = self.id_key("id", key);
        let Some(stage) = self.text("stage", row) else {
            return self.reject("stage", "no stage");
        };
        let account = match self.text("account", row).map(|a| self.account_reference(a)) {
            Some(Ok(account)) => Some(account),
            Some(Err(why)) => {
                self.warn(
                    "account",
                    format!("{why}; the opportunity is kept without an account"),
                );
                None
            }
            None => {
                self.warn(
                    "account",
                    "no account; the opportunity is kept without one".to_string(),
                );
                None
            }
        };
        let amount = self.number("amount", row);
        if amount.is_some_and(|a| a < 0.0) {
            self.warn(
                "amount",
                "negative amount kept (a credit note or refund?)".to_string(),
            );
        }
        let closed = self.optional_date("closed", row);
        let outcome = outcome(&stage);
        if outcome != Outcome::Open && closed.is_some_and(|c| c > chrono::Local::now().date_naive())
        {
            self.warn(
                "closed",
                "close date after today on a closed deal; kept, but left out of time to close"
                    .to_string(),
            );
        }
        Some(OpportunityRecord {
            key,
            account,
            owner: self.text("owner", row),
            product: self.text("product", row),
            outcome,
            stage,
            amount,
            created: self.optional_date("created", row),
            closed,
            custom: self.custom_values(row),
        })
    }

    fn signal(&mut self, row: &GridRow) -> Option<SignalRecord> {
        let Some(account) = self.text("account", row) else {
            return self.reject("account", "no account");
        };
        let account = match self.account_reference(account) {
            Ok(account) => account,
            Err(why) => return self.reject("account", &why),
        };
        let date = match self.date("date", row) {
            Parsed::Value(d) => d,
            Parsed::Bad(why) => return self.reject("date", &why),
            Parsed::Missing => return self.reject("date", "no date"),
        };
        let Some(kind) = self.text("kind", row) else {
            return self.reject("kind", "no activity type");
        };
        Some(SignalRecord {
            account,
            date,
            kind: signal_kind(&kind),
            topic: self.text("topic", row),
            strength: self.number("strength", row),
        })
    }

    fn product(&mut self, row: &GridRow) -> Option<ProductRecord> {
        let Some(name) = self.text("product", row) else {
            return self.reject("product", "no product name");
        };
        Some(ProductRecord {
            name,
            series: self.text("series", row),
            price: self.number("price", row),
        })
    }
}

/// The note for a column whose values overrule the reading chosen for it.
fn contradicted(header: &str, what: &str) -> Problem {
    Problem {
        row: None,
        column: Some(header.to_string()),
        message: format!(
            "the {what} chosen for this column contradicts its values, which prove the other; \
             the values were followed"
        ),
        rejected: false,
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
    is_id_header(header)
        || ["zip", "postal", "phone", "code"]
            .iter()
            .any(|w| key.contains(w))
}

/// Headers that name identifiers: `Account ID`, `account_id`, `AccountId`.
fn is_id_header(header: &str) -> bool {
    let camel_id = header.trim().ends_with("ID")
        || (header.trim().ends_with("Id")
            && header
                .trim()
                .chars()
                .rev()
                .nth(2)
                .is_some_and(char::is_lowercase));
    camel_id
        || normalise(header)
            .split(' ')
            .any(|w| w == "id" || w == "ids")
}
