//! Terrain's readiness model: learn, from a workspace's own won and lost history, how likely an
//! account is to convert, and say why for every account.
//!
//! The caller hands in a [`Frame`] of raw columns (account attributes, custom fields,
//! engagement and intent figures), one row per outcome, each row's features as they were when
//! its outcome was still open. This crate then:
//!
//! 1. refuses to train on too thin a history ([`Thin`]);
//! 2. holds out the latest 30% by date, or a seeded random 30% without dates;
//! 3. lists the columns whose relation to the outcome is too good to be real
//!    ([`leakage`]) and leaves them out;
//! 4. encodes what is left ([`encode`]): numbers as they are, categories one-hot with
//!    placeholders as missing, case variants as one level and rare levels folded together;
//! 5. trains gradient boosting (`perpetual`) and an L2-regularised logistic regression, keeps
//!    the one with the better holdout AUC, and calibrates it (Platt scaling on a slice of the
//!    training rows it never saw);
//! 6. reports AUC, calibration in 10 bins, lift by decile, importances and the suspects.
//!
//! A [`Trained`] model then predicts a calibrated probability for any frame with the same
//! column names, with each source column's signed contribution to the log-odds.

pub mod encode;
pub mod leakage;
pub mod measure;
mod train;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use train::{train, Options, Prediction, Trained};

/// One raw value of a column.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Number(f64),
    Text(String),
}

/// A named column of raw values, one per row; `None` is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub values: Vec<Option<Raw>>,
}

/// Rows of raw columns. Every column has the same number of values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frame {
    pub columns: Vec<Column>,
}

impl Frame {
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.values.len())
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// Too little history to learn from; readiness falls back to the rule-based parts.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "{outcomes} outcomes ({won} won, {lost} lost) are too few to train on: the model needs at \
     least {min_outcomes}, with at least {min_each} of each"
)]
pub struct Thin {
    pub outcomes: u32,
    pub won: u32,
    pub lost: u32,
    pub min_outcomes: u32,
    pub min_each: u32,
}

/// What the model learned and how well it does on rows it never saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, Default)]
pub struct ModelReport {
    /// The model that scores readiness, or `None` when readiness is rule-based.
    pub model: Option<String>,
    /// One sentence on what readiness is based on, for the director.
    pub message: String,
    pub outcomes: u32,
    pub won: u32,
    pub lost: u32,
    pub training_rows: u32,
    pub holdout_rows: u32,
    /// `time` (the latest rows by date) or `random` (a seeded 30%).
    pub holdout: String,
    /// The chosen model's AUC on the holdout.
    pub auc: Option<f64>,
    /// Every model tried, with its holdout AUC.
    pub candidates: Vec<CandidateModel>,
    pub calibration: Vec<CalibrationBin>,
    pub lift: Vec<Decile>,
    pub importances: Vec<Importance>,
    pub leakage_suspects: Vec<Suspect>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CandidateModel {
    pub model: String,
    pub auc: f64,
}

/// Holdout rows whose calibrated probability fell in `[from, to)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CalibrationBin {
    pub from: f64,
    pub to: f64,
    pub rows: u32,
    /// Mean predicted probability; `None` for an empty bin.
    pub predicted: Option<f64>,
    /// Share that really converted.
    pub observed: Option<f64>,
}

/// One tenth of the holdout, best-scored first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Decile {
    pub decile: u32,
    pub rows: u32,
    pub rate: f64,
    /// `rate` over the holdout's overall rate.
    pub lift: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Importance {
    pub feature: String,
    /// Share of the model's total importance, 0 to 1.
    pub importance: f64,
}

/// A column left out of the model because it predicts the outcome too well to be real.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Suspect {
    pub feature: String,
    pub reason: String,
    /// How well the column alone ranks outcomes.
    pub auc: f64,
}
