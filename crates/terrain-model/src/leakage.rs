//! Columns whose relation to the outcome is too good to be real.
//!
//! The classic case is a field sales fills in after talking to the lead ("Will revert after
//! reading the email", "Worst"): it predicts the outcome because it was written knowing it. A
//! model trained on it shines on the holdout and fails on every new account, where the field
//! is still empty. Two tests catch such columns:
//!
//! - alone, the column ranks outcomes almost perfectly (AUC of at least 0.85), which no honest
//!   attribute of an account does;
//! - it has verdict-like levels both ways: a common level (at least 1% of rows and 30 rows)
//!   where nearly everyone converted and another where nearly no one did.

use std::collections::HashMap;

use crate::encode::{is_numeric, level_counts};
use crate::measure::auc;
use crate::{Column, Frame, Raw, Suspect};

const AUC_TOO_GOOD: f64 = 0.85;
const VERDICT_HIGH: f64 = 0.9;
const VERDICT_LOW: f64 = 0.1;
const VERDICT_SHARE: f64 = 0.01;
const VERDICT_ROWS: usize = 30;

/// How well one column alone ranks the outcomes of `rows`: its value for numbers, each level's
/// conversion rate for categories (missing counts as a level of its own).
fn univariate_auc(column: &Column, rows: &[usize], labels: &[bool]) -> f64 {
    let scores: Vec<f64> = if is_numeric(column, rows) {
        rows.iter()
            .map(|&r| match &column.values[r] {
                Some(Raw::Number(n)) if n.is_finite() => *n,
                Some(Raw::Text(t)) => t.trim().parse().unwrap_or(f64::MIN),
                _ => f64::MIN,
            })
            .collect()
    } else {
        let levels: Vec<Option<String>> = rows
            .iter()
            .map(|&r| match &column.values[r] {
                Some(Raw::Text(t)) => crate::encode::clean(t),
                Some(Raw::Number(n)) => Some(format!("{n}")),
                None => None,
            })
            .collect();
        let mut tally: HashMap<&Option<String>, (f64, f64)> = HashMap::new();
        for (level, &label) in levels.iter().zip(labels) {
            let entry = tally.entry(level).or_default();
            entry.0 += f64::from(u8::from(label));
            entry.1 += 1.0;
        }
        levels.iter().map(|l| tally[l].0 / tally[l].1).collect()
    };
    let a = auc(&scores, labels).unwrap_or(0.5);
    a.max(1.0 - a)
}

/// The suspects among `frame`'s columns, judged on `rows` with outcomes `labels`.
pub fn suspects(frame: &Frame, rows: &[usize], labels: &[bool]) -> Vec<Suspect> {
    let mut found = Vec::new();
    for column in &frame.columns {
        let score = univariate_auc(column, rows, labels);
        if score >= AUC_TOO_GOOD {
            found.push(Suspect {
                feature: column.name.clone(),
                reason: format!(
                    "alone it ranks outcomes with AUC {score:.2}; a column this good is \
                     usually filled in once the outcome is known"
                ),
                auc: score,
            });
            continue;
        }
        if is_numeric(column, rows) {
            continue;
        }
        let by_row: HashMap<usize, bool> =
            rows.iter().copied().zip(labels.iter().copied()).collect();
        let min_rows = VERDICT_ROWS.max((VERDICT_SHARE * rows.len() as f64).ceil() as usize);
        let mut rates: Vec<(String, usize, f64)> = Vec::new();
        for (level, label, count) in level_counts(column, rows) {
            if count < min_rows {
                continue;
            }
            let won = rows
                .iter()
                .filter(|&&r| {
                    by_row[&r]
                        && column.values[r].as_ref().is_some_and(|v| match v {
                            Raw::Text(t) => {
                                crate::encode::clean(t).as_deref() == Some(level.as_str())
                            }
                            Raw::Number(n) => format!("{n}") == level,
                        })
                })
                .count();
            rates.push((label, count, won as f64 / count as f64));
        }
        let high = rates
            .iter()
            .filter(|l| l.2 >= VERDICT_HIGH)
            .max_by_key(|l| l.1);
        let low = rates
            .iter()
            .filter(|l| l.2 <= VERDICT_LOW)
            .max_by_key(|l| l.1);
        if let (Some(high), Some(low)) = (high, low) {
            found.push(Suspect {
                feature: column.name.clone(),
                reason: format!(
                    "it reads like a verdict: \"{}\" converted {:.0}% of {} rows and \"{}\" \
                     {:.0}% of {}; a column like this is usually filled in by sales after contact",
                    high.0,
                    high.2 * 100.0,
                    high.1,
                    low.0,
                    low.2 * 100.0,
                    low.1
                ),
                auc: score,
            });
        }
    }
    found
}
