//! From raw columns to model features.
//!
//! A column is numeric when nearly all its values are numbers; otherwise it is a category.
//! Categories are cleaned before anything counts them: `Select`, `N/A`, `-` and the like are
//! missing, and `Google` and ` google ` are one level. Levels seen too rarely to learn from are
//! folded into one "other" level, so a model never hangs a decision on a handful of rows.

use std::collections::HashMap;

use crate::{Column, Frame, Raw};

/// Values that mean "nobody filled this in".
const PLACEHOLDERS: [&str; 12] = [
    "", "select", "n/a", "na", "-", "--", "none", "null", "nil", "?", "not set", "(blank)",
];

/// A column is numeric when at least this share of its present values are numbers.
const NUMERIC_SHARE: f64 = 0.95;

/// A level needs this many rows, and this share of the rows, to be a level of its own.
const MIN_LEVEL_ROWS: usize = 10;
const MIN_LEVEL_SHARE: f64 = 0.002;

/// The cleaned form of a category value: `None` for placeholders.
pub fn clean(text: &str) -> Option<String> {
    let folded = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    (!PLACEHOLDERS.contains(&folded.as_str())).then_some(folded)
}

fn number(raw: &Raw) -> Option<f64> {
    match raw {
        Raw::Number(n) => n.is_finite().then_some(*n),
        Raw::Text(t) => t.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
    }
}

fn category(raw: &Raw) -> Option<String> {
    match raw {
        Raw::Number(n) => Some(format!("{n}")),
        Raw::Text(t) => clean(t),
    }
}

/// How one source column becomes features.
#[derive(Debug, Clone, PartialEq)]
pub enum Encoding {
    Numeric,
    /// One feature per kept level, plus one for the folded rare levels when there are any.
    Categorical {
        levels: Vec<String>,
        /// The most common spelling of each level, for reasons and reports.
        labels: Vec<String>,
        other: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceColumn {
    pub name: String,
    pub encoding: Encoding,
}

/// The learned mapping from raw columns to a feature matrix.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Encoder {
    pub sources: Vec<SourceColumn>,
}

/// Whether a column reads as numbers.
pub fn is_numeric(column: &Column, rows: &[usize]) -> bool {
    let mut present = 0usize;
    let mut numbers = 0usize;
    for &r in rows {
        if let Some(raw) = &column.values[r] {
            if let Raw::Text(t) = raw {
                if clean(t).is_none() {
                    continue;
                }
            }
            present += 1;
            if number(raw).is_some() {
                numbers += 1;
            }
        }
    }
    present > 0 && numbers as f64 >= NUMERIC_SHARE * present as f64
}

/// The cleaned levels of a category column over `rows`, most common first, with the most
/// common original spelling of each.
pub fn level_counts(column: &Column, rows: &[usize]) -> Vec<(String, String, usize)> {
    let mut counts: HashMap<String, (usize, HashMap<String, usize>)> = HashMap::new();
    for &r in rows {
        let Some(raw) = &column.values[r] else {
            continue;
        };
        let Some(level) = category(raw) else {
            continue;
        };
        let original = match raw {
            Raw::Text(t) => t.trim().to_string(),
            Raw::Number(n) => format!("{n}"),
        };
        let entry = counts.entry(level).or_default();
        entry.0 += 1;
        *entry.1.entry(original).or_default() += 1;
    }
    let mut levels: Vec<(String, String, usize)> = counts
        .into_iter()
        .map(|(level, (n, spellings))| {
            let label = spellings
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|s| s.0)
                .unwrap_or_else(|| level.clone());
            (level, label, n)
        })
        .collect();
    levels.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    levels
}

impl Encoder {
    /// Learns the encoding of every column of `frame` not in `exclude`, from `rows` only.
    pub fn fit(frame: &Frame, rows: &[usize], exclude: &[String]) -> Encoder {
        let min_rows = MIN_LEVEL_ROWS.max((MIN_LEVEL_SHARE * rows.len() as f64).ceil() as usize);
        let sources = frame
            .columns
            .iter()
            .filter(|c| !exclude.contains(&c.name))
            .filter_map(|column| {
                if is_numeric(column, rows) {
                    return Some(SourceColumn {
                        name: column.name.clone(),
                        encoding: Encoding::Numeric,
                    });
                }
                let counts = level_counts(column, rows);
                let kept: Vec<&(String, String, usize)> =
                    counts.iter().filter(|l| l.2 >= min_rows).collect();
                let other = kept.len() < counts.len();
                // A column with one level and nothing else says nothing.
                if kept.len() + usize::from(other) < 2 && kept.len() < 2 {
                    let present: usize = counts.iter().map(|l| l.2).sum();
                    if present == rows.len() || kept.is_empty() {
                        return None;
                    }
                }
                Some(SourceColumn {
                    name: column.name.clone(),
                    encoding: Encoding::Categorical {
                        levels: kept.iter().map(|l| l.0.clone()).collect(),
                        labels: kept.iter().map(|l| l.1.clone()).collect(),
                        other,
                    },
                })
            })
            .collect();
        Encoder { sources }
    }

    /// Feature names, in matrix column order.
    pub fn feature_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for source in &self.sources {
            match &source.encoding {
                Encoding::Numeric => names.push(source.name.clone()),
                Encoding::Categorical { labels, other, .. } => {
                    names.extend(labels.iter().map(|l| format!("{} = {l}", source.name)));
                    if *other {
                        names.push(format!("{} = other", source.name));
                    }
                }
            }
        }
        names
    }

    /// For each feature, the index of its source column in [`Encoder::sources`].
    pub fn feature_sources(&self) -> Vec<usize> {
        let mut owners = Vec::new();
        for (s, source) in self.sources.iter().enumerate() {
            let width = match &source.encoding {
                Encoding::Numeric => 1,
                Encoding::Categorical { levels, other, .. } => levels.len() + usize::from(*other),
            };
            owners.extend(std::iter::repeat_n(s, width));
        }
        owners
    }

    /// The features of `rows` of `frame`, column-major (feature by feature), with missing
    /// numbers as NaN. Columns the frame lacks are missing throughout.
    pub fn transform(&self, frame: &Frame, rows: &[usize]) -> Vec<f64> {
        let n = rows.len();
        let mut out = Vec::with_capacity(n * self.feature_names().len());
        for source in &self.sources {
            let column = frame.column(&source.name);
            let value = |r: usize| column.and_then(|c| c.values[r].as_ref());
            match &source.encoding {
                Encoding::Numeric => {
                    out.extend(
                        rows.iter()
                            .map(|&r| value(r).and_then(number).unwrap_or(f64::NAN)),
                    );
                }
                Encoding::Categorical { levels, other, .. } => {
                    let index: HashMap<&str, usize> = levels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| (l.as_str(), i))
                        .collect();
                    let width = levels.len() + usize::from(*other);
                    let start = out.len();
                    out.resize(start + width * n, 0.0);
                    for (k, &r) in rows.iter().enumerate() {
                        let Some(level) = value(r).and_then(category) else {
                            continue;
                        };
                        match index.get(level.as_str()) {
                            Some(&i) => out[start + i * n + k] = 1.0,
                            None if *other => out[start + levels.len() * n + k] = 1.0,
                            None => {}
                        }
                    }
                }
            }
        }
        out
    }
}
