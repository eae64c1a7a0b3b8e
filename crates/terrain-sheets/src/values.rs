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
enum Decimal {
    Dot,
    Comma,
}

/// What one value says about the decimal separator.
enum Evidence {
    Proves(Decimal),
    Ambiguous,
    Nothing,
}

/// Strips sign, accounting parentheses and currency; returns (negative, digits with separators).
fn number_core(text: &str) -> Option<(bool, String)> {
    let mut t = text.trim().replace(['\u{a0}', '\u{202f}'], " ");
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

/// Parses a column of numbers with one decimal separator for the whole column. Returns the
/// values and, when the separator had to be assumed for ambiguous values, a warning.
pub(crate) fn numbers(cells: &[&RawCell]) -> (Vec<Parsed<f64>>, Option<String>) {
    let cores: Vec<Option<Option<(bool, String)>>> = cells
        .iter()
        .map(|cell| match cell {
            RawCell::Text(t) if !is_placeholder(t) => Some(number_core(t)),
            _ => None,
        })
        .collect();

    let (mut dot, mut comma, mut ambiguous) = (0, 0, None);
    for (negative, core) in cores.iter().flatten().flatten() {
        match evidence(core) {
            Evidence::Proves(Decimal::Dot) => dot += 1,
            Evidence::Proves(Decimal::Comma) => comma += 1,
            Evidence::Ambiguous => {
                ambiguous
                    .get_or_insert_with(|| format!("{}{core}", if *negative { "-" } else { "" }));
            }
            Evidence::Nothing => {}
        }
    }
    let decimal = if comma > dot {
        Decimal::Comma
    } else {
        Decimal::Dot
    };
    let warning = match ambiguous {
        Some(example) if dot == 0 && comma == 0 => Some(format!(
            "no value shows the decimal separator, so values like \"{example}\" were read \
             with a decimal point (use a decimal comma value to prove otherwise)"
        )),
        _ => None,
    };

    let values = cells
        .iter()
        .zip(cores)
        .map(|(cell, core)| match (cell, core) {
            (RawCell::Number(n), _) => Parsed::Value(*n),
            (RawCell::Empty, _) => Parsed::Missing,
            (RawCell::Text(_), None) => Parsed::Missing,
            (RawCell::Text(t), Some(Some((negative, core)))) => {
                match parse_core(negative, &core, decimal) {
                    Some(n) => Parsed::Value(n),
                    None => Parsed::Bad(format!("\"{}\" is not a number", t.trim())),
                }
            }
            (RawCell::Text(t), Some(None)) => {
                Parsed::Bad(format!("\"{}\" is not a number", t.trim()))
            }
            (other, _) => Parsed::Bad(format!("\"{}\" is not a number", other.to_text())),
        })
        .collect();
    (values, warning)
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
    let head = t
        .split(|c: char| c.is_whitespace() || c == 'T')
        .next()
        .unwrap_or(t);
    let parts: Vec<&str> = head.split(['-', '/', '.']).collect();
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
            if c.len() == 4 || c.len() == 2 {
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

/// Parses a column of dates with one day/month order for the whole column: a first part over
/// 12 proves day-first, a second part over 12 proves month-first; otherwise month-first is
/// assumed (Salesforce's US default) and a warning says so.
pub(crate) fn dates(cells: &[&RawCell]) -> (Vec<Parsed<NaiveDate>>, Option<String>) {
    let shapes: Vec<Option<DateShape>> = cells
        .iter()
        .map(|cell| match cell {
            RawCell::Text(t) if !is_placeholder(t) => Some(date_shape(t)),
            _ => None,
        })
        .collect();

    let (mut day_first, mut month_first, mut ambiguous) = (0, 0, None);
    for (shape, cell) in shapes.iter().zip(cells) {
        if let Some(DateShape::Parts(a, b, _)) = shape {
            if *a > 12 {
                day_first += 1;
            } else if *b > 12 {
                month_first += 1;
            } else if a != b {
                ambiguous.get_or_insert_with(|| cell.to_text());
            }
        }
    }
    let days_first = day_first > month_first;
    let warning = match ambiguous {
        Some(example) if day_first == 0 && month_first == 0 => Some(format!(
            "no date shows whether the day or the month comes first, so dates like \
             \"{example}\" were read month-first (use --kind and a day-first sample to check)"
        )),
        _ => None,
    };

    let values = cells
        .iter()
        .zip(shapes)
        .map(|(cell, shape)| match (cell, shape) {
            (RawCell::Date(d), _) => Parsed::Value(*d),
            (RawCell::Empty, _) | (RawCell::Text(_), None) => Parsed::Missing,
            (_, Some(DateShape::Known(d))) => Parsed::Value(d),
            (_, Some(DateShape::Parts(a, b, year))) => {
                let (day, month) = if days_first { (a, b) } else { (b, a) };
                match NaiveDate::from_ymd_opt(year, month, day) {
                    Some(d) => Parsed::Value(d),
                    None => Parsed::Bad(format!("\"{}\" is not a valid date", cell.to_text())),
                }
            }
            (RawCell::Number(n), _) => Parsed::Bad(format!(
                "{} is a number, not a date (an excel serial date without a date format?)",
                crate::grid::number_text(*n)
            )),
            (other, _) => Parsed::Bad(format!("\"{}\" is not a date", other.to_text())),
        })
        .collect();
    (values, warning)
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
