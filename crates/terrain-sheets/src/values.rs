//! Cell values: numbers, dates and text, decided one column at a time.
//!
//! A single value such as `1.000` or `03/04/2024` cannot say which convention it follows; its
//! column can. So numbers get one decimal separator and dates one day/month order per column,
//! chosen from the values that prove it, and a warning when nothing proved it. Missing values
//! and placeholders become `None`, never zero.

use chrono::NaiveDate;

use crate::grid::RawCell;

/// What a cell turned out to hold.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Parsed<T> {
    Missing,
    Value(T),
    /// Not a valid value; the text explains why.
    Bad(String),
}

/// Form defaults and export fillers that mean "no value".
pub(crate) fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || t == "-"
        || ["select", "n/a", "null", "(blank)"]
            .iter()
            .any(|p| t.eq_ignore_ascii_case(p))
}

/// A text field's value; placeholders count as missing.
pub(crate) fn text(cell: &RawCell) -> Option<String> {
    match cell {
        RawCell::Empty => None,
        RawCell::Text(t) if is_placeholder(t) => None,
        other => Some(other.to_text()),
    }
}

/// Which character separates the decimals in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimal {
    /// `1,234.56`: the English-speaking convention.
    Dot,
    /// `1.234,56`: most of continental Europe and Latin America.
    Comma,
}

/// What one value says about the decimal separator.
enum Evidence {
    Proves(Decimal),
    Ambiguous,
    Nothing,
}

/// What a column's values said about its decimal separator, gathered one cell at a time so a
/// file of any length can be surveyed without holding it.
#[derive(Debug, Clone, Default)]
pub(crate) struct NumberEvidence {
    dot: u32,
    comma: u32,
    /// The first value that reads both ways, with its row.
    ambiguous: Option<(u32, String)>,
}

impl NumberEvidence {
    /// Takes a cell's evidence in; returns whether the cell reads as a number at all.
    pub(crate) fn observe(&mut self, cell: &RawCell, row: u32) -> bool {
        match cell {
            RawCell::Number(_) => true,
            RawCell::Text(t) if !is_placeholder(t) => self.observe_text(t.trim(), row),
            _ => false,
        }
    }

    /// [`NumberEvidence::observe`] for a trimmed text that is not a placeholder.
    pub(crate) fn observe_text(&mut self, t: &str, row: u32) -> bool {
        // A plain whole number says nothing about separators.
        if t.bytes().all(|b| b.is_ascii_digit()) {
            return !t.is_empty();
        }
        let Some((negative, core)) = number_core(t) else {
            return false;
        };
        match evidence(&core) {
            Evidence::Proves(Decimal::Dot) => self.dot += 1,
            Evidence::Proves(Decimal::Comma) => self.comma += 1,
            Evidence::Ambiguous => {
                self.ambiguous.get_or_insert_with(|| {
                    (row, format!("{}{core}", if negative { "-" } else { "" }))
                });
            }
            Evidence::Nothing => {}
        }
        true
    }

    /// A value such as `1.000` that reads as a thousand or as one, when no value of the column
    /// settles it.
    pub(crate) fn unsettled(&self) -> Option<(u32, &str)> {
        if self.dot > 0 || self.comma > 0 {
            return None;
        }
        self.ambiguous
            .as_ref()
            .map(|(row, text)| (*row, text.as_str()))
    }

    /// The separator the values prove, when they all prove the same one.
    pub(crate) fn proven(&self) -> Option<Decimal> {
        match (self.dot, self.comma) {
            (0, 0) => None,
            (_, 0) => Some(Decimal::Dot),
            (0, _) => Some(Decimal::Comma),
            _ => None,
        }
    }

    /// The column's separator: the user's choice, else the one most values prove.
    pub(crate) fn decide(&self, chosen: Option<Decimal>) -> Decimal {
        chosen.unwrap_or(if self.comma > self.dot {
            Decimal::Comma
        } else {
            Decimal::Dot
        })
    }
}

/// Parses one cell of a column whose separator is decided.
pub(crate) fn number(cell: &RawCell, decimal: Decimal) -> Parsed<f64> {
    match cell {
        RawCell::Number(n) => Parsed::Value(*n),
        RawCell::Empty => Parsed::Missing,
        RawCell::Text(t) if is_placeholder(t) => Parsed::Missing,
        RawCell::Text(t) => match number_core(t) {
            Some((negative, core)) => match parse_core(negative, &core, decimal) {
                Some(n) => Parsed::Value(n),
                None => Parsed::Bad(format!("\"{}\" is not a number", t.trim())),
            },
            None => Parsed::Bad(format!("\"{}\" is not a number", t.trim())),
        },
        other => Parsed::Bad(format!("\"{}\" is not a number", other.to_text())),
    }
}

/// Strips sign, accounting parentheses and currency; returns (negative, digits with separators).
fn number_core(text: &str) -> Option<(bool, String)> {
    let trimmed = text.trim();
    // Most cells are words or plain whole numbers, and neither needs the slow path below: a
    // lowercase letter is never part of a number (currency codes are upper case).
    if trimmed.bytes().any(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Some((false, trimmed.to_string()));
    }
    let mut t = trimmed.replace(['\u{a0}', '\u{202f}'], " ");
    let mut negative = false;
    if t.starts_with('(') && t.ends_with(')') && t.len() >= 2 {
        negative = true;
        t = t[1..t.len() - 1].to_string();
    }
    loop {
        let before = t.len();
        t = t.trim().to_string();
        for sign in ['-', '\u{2212}'] {
            if let Some(rest) = t.strip_prefix(sign) {
                negative = !negative;
                t = rest.to_string();
            }
        }
        if let Some(rest) = t.strip_prefix('+') {
            t = rest.to_string();
        }
        t = t
            .trim_matches(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '¢'))
            .to_string();
        t = strip_code(&t);
        if t.len() == before {
            break;
        }
    }
    let valid = t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\'' | '’'));
    valid.then_some((negative, t))
}

/// Removes a leading or trailing three-letter currency code (`USD 2500`, `2500 EUR`).
fn strip_code(t: &str) -> String {
    let is_code = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase());
    if t.len() > 3
        && t.is_char_boundary(3)
        && is_code(&t[..3])
        && !t[3..].starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return t[3..].to_string();
    }
    let n = t.len();
    if n > 3 && t.is_char_boundary(n - 3) && is_code(&t[n - 3..]) {
        let head = &t[..n - 3];
        if !head.ends_with(|c: char| c.is_ascii_alphabetic()) {
            return head.to_string();
        }
    }
    t.to_string()
}

fn evidence(core: &str) -> Evidence {
    let dots = core.matches('.').count();
    let commas = core.matches(',').count();
    match (dots, commas) {
        (0, 0) => Evidence::Nothing,
        (_, _) if dots > 0 && commas > 0 => match core.rfind(['.', ',']).map(|i| &core[i..i + 1]) {
            Some(".") => Evidence::Proves(Decimal::Dot),
            _ => Evidence::Proves(Decimal::Comma),
        },
        (d, 0) if d > 1 => Evidence::Proves(Decimal::Comma),
        (0, c) if c > 1 => Evidence::Proves(Decimal::Dot),
        _ => {
            let sep = if dots == 1 { '.' } else { ',' };
            let decimal = if sep == '.' {
                Decimal::Dot
            } else {
                Decimal::Comma
            };
            let (whole, fraction) = core.split_once(sep).unwrap_or((core, ""));
            let whole = whole.trim();
            if fraction.len() != 3 || whole.is_empty() || whole == "0" {
                Evidence::Proves(decimal)
            } else {
                Evidence::Ambiguous
            }
        }
    }
}

fn parse_core(negative: bool, core: &str, decimal: Decimal) -> Option<f64> {
    let (point, group) = match decimal {
        Decimal::Dot => ('.', ','),
        Decimal::Comma => (',', '.'),
    };
    if core.matches(point).count() > 1 {
        return None;
    }
    if let Some(at) = core.find(point) {
        if core[at..].contains(group) {
            return None;
        }
    }
    let plain: String = core
        .chars()
        .filter(|c| !matches!(c, ' ' | '\'' | '’') && *c != group)
        .map(|c| if c == point { '.' } else { c })
        .collect();
    let value: f64 = plain.parse().ok()?;
    value
        .is_finite()
        .then_some(if negative { -value } else { value })
}

/// Parses a whole column of numbers with one decimal separator, for callers that hold the
/// column. Returns the values and, when the separator had to be assumed, a warning.
pub(crate) fn numbers(cells: &[&RawCell]) -> (Vec<Parsed<f64>>, Option<String>) {
    let mut evidence = NumberEvidence::default();
    for (i, cell) in cells.iter().enumerate() {
        evidence.observe(cell, i as u32 + 2);
    }
    let decimal = evidence.decide(None);
    let warning = evidence
        .unsettled()
        .map(|(_, e)| assumed_decimal_warning(e));
    (cells.iter().map(|c| number(c, decimal)).collect(), warning)
}

pub(crate) fn assumed_decimal_warning(example: &str) -> String {
    format!(
        "no value shows the decimal separator, so values like \"{example}\" were read with a \
         decimal point (choose the decimal comma for this column if they are thousands)"
    )
}

/// The shape of one date text before the column's day/month order is known.
enum DateShape {
    Known(NaiveDate),
    /// `a/b/year`, where a and b are day and month in an order still to be decided.
    Parts(u32, u32, i32),
    Invalid,
}

fn date_shape(text: &str) -> DateShape {
    let t = text.trim();
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return DateShape::Invalid;
    }
    // Letters other than ISO's `T` only ever spell a month's name: a word that is neither
    // rules the text out before any parsing.
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let is_month = |word: &str| {
        word == "T"
            || (word.len() >= 3
                && word.is_char_boundary(3)
                && months.iter().any(|m| word[..3].eq_ignore_ascii_case(m)))
    };
    if !t
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .all(is_month)
    {
        return DateShape::Invalid;
    }
    let head = t
        .split(|c: char| c.is_whitespace() || c == 'T')
        .next()
        .unwrap_or(t);
    let parts: Vec<&str> = head.split(['-', '/', '.']).collect();
    // Without letters only `a/b/year` shapes are dates; a month's name needs letters.
    if parts.len() != 3 && !t.bytes().any(|b| b.is_ascii_alphabetic()) {
        return DateShape::Invalid;
    }
    if let [a, b, c] = parts.as_slice() {
        let all_digits = [a, b, c]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit()));
        if all_digits {
            let num = |p: &str| p.parse::<u32>().unwrap_or(0);
            if a.len() == 4 {
                return NaiveDate::from_ymd_opt(num(a) as i32, num(b), num(c))
                    .map_or(DateShape::Invalid, DateShape::Known);
            }
            // Day and month have one or two digits, and one of them is a month: a phone
            // number such as 555-123-4567 is neither.
            let (x, y) = (num(a), num(b));
            let plausible = a.len() <= 2 && b.len() <= 2 && x >= 1 && y >= 1 && x.min(y) <= 12;
            if plausible && (c.len() == 4 || c.len() == 2) {
                let mut year = num(c) as i32;
                if c.len() == 2 {
                    year += if year < 70 { 2000 } else { 1900 };
                }
                return DateShape::Parts(num(a), num(b), year);
            }
        }
        return DateShape::Invalid;
    }
    let cleaned = t.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    for format in ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(&cleaned, format) {
            return DateShape::Known(date);
        }
    }
    DateShape::Invalid
}

/// Which part of `a/b/year` is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `15/04/2024`: most of the world.
    DayFirst,
    /// `04/15/2024`: the United States, and Salesforce's default.
    MonthFirst,
}

impl DateOrder {
    /// The order in words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day-first",
            DateOrder::MonthFirst => "month-first",
        }
    }
}

/// Serials Excel gives dates between 1954 and 2118, where a bare number in a date column is
/// more likely a date that lost its format than anything else.
const SERIALS: std::ops::RangeInclusive<f64> = 20_000.0..=80_000.0;

/// What a column's values said about its day/month order, gathered one cell at a time.
#[derive(Debug, Clone, Default)]
pub(crate) struct DateEvidence {
    day_first: u32,
    month_first: u32,
    /// The first value that reads both ways, with its row.
    ambiguous: Option<(u32, String)>,
    /// Whole numbers in the range of Excel date serials, with the first one's row.
    serials: u32,
    first_serial: Option<(u32, String)>,
}

impl DateEvidence {
    pub(crate) fn observe(&mut self, cell: &RawCell, row: u32) {
        match cell {
            RawCell::Number(n) => self.observe_serial(*n, row),
            RawCell::Text(t) if !is_placeholder(t) => self.observe_text(t.trim(), row),
            _ => {}
        }
    }

    fn observe_serial(&mut self, n: f64, row: u32) {
        if SERIALS.contains(&n) {
            self.serials += 1;
            self.first_serial
                .get_or_insert_with(|| (row, crate::grid::number_text(n)));
        }
    }

    /// [`DateEvidence::observe`] for a trimmed text that is not a placeholder.
    pub(crate) fn observe_text(&mut self, t: &str, row: u32) {
        let bytes = t.as_bytes();
        // Bare numbers can only be serials; they are the common case in most columns. A
        // dotted date such as `15.04.2024` is digits and dots too, but no number.
        if bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
            if let Ok(n) = t.parse::<f64>() {
                self.observe_serial(n, row);
                return;
            }
        }
        if let DateShape::Parts(a, b, _) = date_shape(t) {
            if a > 12 {
                self.day_first += 1;
            } else if b > 12 {
                self.month_first += 1;
            } else if a != b {
                self.ambiguous.get_or_insert_with(|| (row, t.to_string()));
            }
        }
    }

    /// A value such as `03/04/2024` with its row, when no value of the column settles the
    /// order: the user has to say it, because a wrong guess moves every date silently.
    pub(crate) fn unsettled(&self) -> Option<(u32, &str)> {
        if self.day_first > 0 || self.month_first > 0 {
            return None;
        }
        self.ambiguous
            .as_ref()
            .map(|(row, text)| (*row, text.as_str()))
    }

    /// Whether the values prove the other order without exception, so `order` would read
    /// them wrong.
    pub(crate) fn contradicts(&self, order: DateOrder) -> bool {
        match order {
            DateOrder::DayFirst => self.month_first > 0 && self.day_first == 0,
            DateOrder::MonthFirst => self.day_first > 0 && self.month_first == 0,
        }
    }

    /// The order the column's own values prove, if any.
    pub(crate) fn proven(&self) -> Option<DateOrder> {
        match (self.day_first, self.month_first) {
            (0, 0) => None,
            (d, m) if d > m => Some(DateOrder::DayFirst),
            _ => Some(DateOrder::MonthFirst),
        }
    }

    /// Numbers that look like Excel serial dates, with the first one and its row.
    pub(crate) fn serials(&self) -> Option<(u32, u32, &str)> {
        self.first_serial
            .as_ref()
            .map(|(row, text)| (self.serials, *row, text.as_str()))
    }

    /// The column's order: the user's choice, else the one the values prove, else month-first
    /// (only reached when no value is ambiguous, so the choice changes nothing).
    pub(crate) fn decide(&self, chosen: Option<DateOrder>) -> DateOrder {
        chosen.unwrap_or(if self.day_first > self.month_first {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        })
    }
}

/// How a date column is read, decided once for the whole column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateReading {
    pub(crate) order: DateOrder,
    /// Whether bare numbers are Excel serial dates (1900 system), as the user declared.
    pub(crate) serials: bool,
}

/// The first day of Excel's 1900 date system, with its phantom 29 February 1900 folded in:
/// serial 61 is 1 March 1900. Evaluated at compile time, so it cannot fail at run time.
const EXCEL_EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1899, 12, 30) {
    Some(day) => day,
    None => panic!("1899-12-30 is a date"),
};

/// Parses one cell of a date column whose reading is decided.
pub(crate) fn date(cell: &RawCell, reading: DateReading) -> Parsed<NaiveDate> {
    let serial = |n: f64| -> Parsed<NaiveDate> {
        if reading.serials && SERIALS.contains(&n) {
            let days = n.floor() as u64;
            return EXCEL_EPOCH
                .checked_add_days(chrono::Days::new(days))
                .map_or(Parsed::Bad(format!("{n} is not a date")), Parsed::Value);
        }
        Parsed::Bad(format!(
            "{} is a number, not a date (an Excel serial date that lost its format? declare the \
             column's dates as Excel serials to convert them)",
            crate::grid::number_text(n)
        ))
    };
    match cell {
        RawCell::Date(d) => Parsed::Value(*d),
        RawCell::Empty => Parsed::Missing,
        RawCell::Text(t) if is_placeholder(t) => Parsed::Missing,
        RawCell::Number(n) => serial(*n),
        RawCell::Text(t) => match date_shape(t) {
            DateShape::Known(d) => Parsed::Value(d),
            DateShape::Parts(a, b, year) => {
                let (day, month) = match reading.order {
                    DateOrder::DayFirst => (a, b),
                    DateOrder::MonthFirst => (b, a),
                };
                NaiveDate::from_ymd_opt(year, month, day).map_or_else(
                    || Parsed::Bad(format!("\"{}\" is not a valid date", t.trim())),
                    Parsed::Value,
                )
            }
            DateShape::Invalid => match t.trim().parse::<f64>() {
                Ok(n) => serial(n),
                Err(_) => Parsed::Bad(format!("\"{}\" is not a date", t.trim())),
            },
        },
        RawCell::Bool(_) => Parsed::Bad(format!("\"{}\" is not a date", cell.to_text())),
    }
}

/// Parses a whole column of dates with one order, for callers that hold the column: the order
/// the values prove, else month-first with a warning.
pub(crate) fn dates(cells: &[&RawCell]) -> (Vec<Parsed<NaiveDate>>, Option<String>) {
    let mut evidence = DateEvidence::default();
    for (i, cell) in cells.iter().enumerate() {
        evidence.observe(cell, i as u32 + 2);
    }
    let reading = DateReading {
        order: evidence.decide(None),
        serials: false,
    };
    let warning = evidence.unsettled().map(|(_, example)| {
        format!(
            "no date shows whether the day or the month comes first, so dates like \
             \"{example}\" were read month-first"
        )
    });
    (cells.iter().map(|c| date(c, reading)).collect(), warning)
}

/// A yes/no value: lead sheets carry `Converted` as 1/0, CRMs as true/false or won/lost.
pub(crate) fn boolean(cell: &RawCell) -> Parsed<bool> {
    match cell {
        RawCell::Bool(b) => Parsed::Value(*b),
        RawCell::Number(n) if *n == 1.0 => Parsed::Value(true),
        RawCell::Number(n) if *n == 0.0 => Parsed::Value(false),
        RawCell::Empty => Parsed::Missing,
        RawCell::Text(t) if is_placeholder(t) => Parsed::Missing,
        other => match other.to_text().to_lowercase().as_str() {
            "1" | "true" | "yes" | "y" | "won" | "converted" => Parsed::Value(true),
            "0" | "false" | "no" | "n" | "lost" => Parsed::Value(false),
            text => Parsed::Bad(format!("\"{text}\" is not yes or no")),
        },
    }
}
