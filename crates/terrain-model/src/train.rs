//! Training, model choice, calibration and prediction.

use chrono::NaiveDate;
use perpetual::objective::Objective;
use perpetual::{ContributionsMethod, Matrix, PerpetualBooster};
use rayon::prelude::*;

use crate::encode::Encoder;
use crate::measure::{auc, calibration, lift, Platt};
use crate::{leakage, CandidateModel, Frame, Importance, ModelReport, Thin};

const GRADIENT_BOOSTING: &str = "gradient boosting";
const LOGISTIC_REGRESSION: &str = "logistic regression";

/// The share of training rows kept aside to calibrate the chosen model.
const CALIBRATION_SHARE: f64 = 0.2;

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub seed: u64,
    pub min_outcomes: u32,
    pub min_each: u32,
    /// The share of rows held out to measure the model.
    pub holdout: f64,
    /// Train on leakage suspects too (they are still listed).
    pub keep_suspects: bool,
    /// Below this holdout AUC the model is no better than the rules, and is not used.
    pub min_auc: f64,
    /// Perpetual's one knob: higher learns more, and takes longer.
    pub budget: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 42,
            min_outcomes: 200,
            min_each: 40,
            holdout: 0.3,
            keep_suspects: false,
            min_auc: 0.6,
            budget: 1.5,
        }
    }
}

/// A calibrated probability and each source column's share of it, in log-odds.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub probability: f64,
    /// Source column name and signed effect on the log-odds, largest effect first.
    pub contributions: Vec<(String, f64)>,
}

enum Fitted {
    Boosting(Box<PerpetualBooster>),
    Logistic(Linear),
}

/// Solves `a · x = b` for a symmetric positive-definite `a` (overwritten) by Cholesky.
fn solve(a: &mut [f64], b: &[f64], n: usize) -> Option<Vec<f64>> {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if d <= 0.0 || !d.is_finite() {
            return None;
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        let s: f64 = (0..i).map(|k| a[i * n + k] * y[k]).sum();
        y[i] = (b[i] - s) / a[i * n + i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| a[k * n + i] * x[k]).sum();
        x[i] = (y[i] - s) / a[i * n + i];
    }
    Some(x)
}

const MAX_NEWTON_STEPS: usize = 25;

/// The ridge penalty on standardised coefficients.
const L2: f64 = 1.0;

/// A logistic regression over standardised features, with its coefficients in log-odds.
struct Linear {
    weights: Vec<f64>,
    intercept: f64,
    /// Per feature: mean and spread used to standardise; missing values become the mean.
    means: Vec<f64>,
    scales: Vec<f64>,
}

impl Linear {
    /// Fits L2-regularised logistic regression by Newton's method: the problem is small
    /// (features in the hundreds) and convex, so a few exact steps beat a long quasi-Newton
    /// run. `linfa-logistic` was measured at 12 s for this on the leads against well under a
    /// second here, with the same holdout AUC.
    fn fit(x: &[f64], rows: usize, cols: usize, labels: &[bool]) -> Option<Linear> {
        let mut means = vec![0.0; cols];
        let mut scales = vec![1.0; cols];
        for c in 0..cols {
            let column = &x[c * rows..(c + 1) * rows];
            let present: Vec<f64> = column.iter().copied().filter(|v| !v.is_nan()).collect();
            if present.is_empty() {
                continue;
            }
            let mean = present.iter().sum::<f64>() / present.len() as f64;
            let var =
                present.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / present.len() as f64;
            means[c] = mean;
            scales[c] = if var > 1e-12 { var.sqrt() } else { 1.0 };
        }
        let mut linear = Linear {
            weights: vec![0.0; cols],
            intercept: 0.0,
            means,
            scales,
        };
        // Row-major standardised rows with a leading 1 for the intercept.
        let width = cols + 1;
        let mut design = vec![0.0; rows * width];
        for r in 0..rows {
            design[r * width] = 1.0;
            for c in 0..cols {
                design[r * width + c + 1] = linear.value(x, rows, r, c);
            }
        }
        let mut beta = vec![0.0; width];
        for _ in 0..MAX_NEWTON_STEPS {
            let mut gradient = vec![0.0; width];
            let mut hessian = vec![0.0; width * width];
            for r in 0..rows {
                let row = &design[r * width..(r + 1) * width];
                let z: f64 = row.iter().zip(&beta).map(|(a, b)| a * b).sum();
                let p = crate::measure::sigmoid(z);
                let residual = p - f64::from(u8::from(labels[r]));
                let w = (p * (1.0 - p)).max(1e-9);
                for i in 0..width {
                    if row[i] == 0.0 {
                        continue;
                    }
                    gradient[i] += residual * row[i];
                    let wi = w * row[i];
                    for j in i..width {
                        hessian[i * width + j] += wi * row[j];
                    }
                }
            }
            // The penalty spares the intercept.
            for i in 1..width {
                gradient[i] += L2 * beta[i];
                hessian[i * width + i] += L2;
            }
            for i in 0..width {
                for j in 0..i {
                    hessian[i * width + j] = hessian[j * width + i];
                }
            }
            let step = solve(&mut hessian, &gradient, width)?;
            let mut largest: f64 = 0.0;
            for (b, s) in beta.iter_mut().zip(&step) {
                *b -= s;
                largest = largest.max(s.abs());
            }
            if largest < 1e-7 {
                break;
            }
        }
        if beta.iter().any(|b| !b.is_finite()) {
            return None;
        }
        linear.intercept = beta[0];
        linear.weights = beta[1..].to_vec();
        Some(linear)
    }

    fn log_odds(&self, x: &[f64], rows: usize) -> Vec<f64> {
        (0..rows)
            .map(|r| {
                self.intercept
                    + self
                        .weights
                        .iter()
                        .enumerate()
                        .map(|(c, w)| w * self.value(x, rows, r, c))
                        .sum::<f64>()
            })
            .collect()
    }

    fn value(&self, x: &[f64], rows: usize, r: usize, c: usize) -> f64 {
        let v = x[c * rows + r];
        if v.is_nan() {
            0.0
        } else {
            (v - self.means[c]) / self.scales[c]
        }
    }
}

/// A trained model with its encoder, calibration and report.
pub struct Trained {
    encoder: Encoder,
    fitted: Fitted,
    platt: Platt,
    useful: bool,
    pub report: ModelReport,
}

impl std::fmt::Debug for Trained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trained")
            .field("report", &self.report)
            .finish_non_exhaustive()
    }
}

/// Splits row indices into training and holdout: the latest rows by date when there are
/// dates, a seeded random share otherwise.
fn split(
    rows: usize,
    dates: Option<&[NaiveDate]>,
    share: f64,
    seed: u64,
) -> (Vec<usize>, Vec<usize>, &'static str) {
    let mut order: Vec<usize> = (0..rows).collect();
    let kind = match dates {
        Some(dates) => {
            order.sort_by_key(|&r| (dates[r], r));
            "time"
        }
        None => {
            fastrand::Rng::with_seed(seed).shuffle(&mut order);
            order.reverse();
            "random"
        }
    };
    let cut = rows - ((rows as f64 * share).round() as usize).min(rows);
    let holdout = order.split_off(cut);
    (order, holdout, kind)
}

fn pick(labels: &[bool], rows: &[usize]) -> Vec<bool> {
    rows.iter().map(|&r| labels[r]).collect()
}

/// Trains on `frame` with one outcome per row. `dates`, when given, says when each row's
/// outcome was still open (an opportunity's creation date), so the holdout is the future.
pub fn train(
    frame: &Frame,
    labels: &[bool],
    dates: Option<&[NaiveDate]>,
    options: &Options,
) -> Result<Trained, Thin> {
    let won = labels.iter().filter(|l| **l).count() as u32;
    let lost = labels.len() as u32 - won;
    let thin = Thin {
        outcomes: won + lost,
        won,
        lost,
        min_outcomes: options.min_outcomes,
        min_each: options.min_each,
    };
    if won + lost < options.min_outcomes || won < options.min_each || lost < options.min_each {
        return Err(thin);
    }

    let (training, holdout, holdout_kind) =
        split(labels.len(), dates, options.holdout, options.seed);
    // The calibration slice comes out of training the way the holdout came out of all rows:
    // its latest part when there are dates (training is in date order), else a random one.
    let (fit_rows, cal_rows) = {
        let mut rows = training.clone();
        if dates.is_none() {
            fastrand::Rng::with_seed(options.seed.wrapping_add(1)).shuffle(&mut rows);
        }
        let cut = rows.len() - (rows.len() as f64 * CALIBRATION_SHARE).round() as usize;
        let cal = rows.split_off(cut);
        (rows, cal)
    };

    let suspects = leakage::suspects(frame, &training, &pick(labels, &training));
    let excluded: Vec<String> = if options.keep_suspects {
        Vec::new()
    } else {
        suspects.iter().map(|s| s.feature.clone()).collect()
    };
    let encoder = Encoder::fit(frame, &fit_rows, &excluded);
    let cols = encoder.feature_names().len();
    let x_fit = encoder.transform(frame, &fit_rows);
    let x_cal = encoder.transform(frame, &cal_rows);
    let x_hold = encoder.transform(frame, &holdout);
    let (y_fit, y_cal, y_hold) = (
        pick(labels, &fit_rows),
        pick(labels, &cal_rows),
        pick(labels, &holdout),
    );

    let mut candidates: Vec<(Fitted, f64, Vec<f64>, Vec<f64>)> = Vec::new();
    let mut booster = boosting(options);
    let targets: Vec<f64> = y_fit.iter().map(|&l| f64::from(u8::from(l))).collect();
    if cols > 0
        && booster
            .fit(
                &Matrix::new(&x_fit, fit_rows.len(), cols),
                &targets,
                None,
                None,
            )
            .is_ok()
    {
        let hold = booster.predict(&Matrix::new(&x_hold, holdout.len(), cols), true);
        let cal = booster.predict(&Matrix::new(&x_cal, cal_rows.len(), cols), true);
        let score = auc(&hold, &y_hold).unwrap_or(0.5);
        candidates.push((Fitted::Boosting(Box::new(booster)), score, hold, cal));
    }
    if cols > 0 {
        if let Some(linear) = Linear::fit(&x_fit, fit_rows.len(), cols, &y_fit) {
            let hold = linear.log_odds(&x_hold, holdout.len());
            let cal = linear.log_odds(&x_cal, cal_rows.len());
            let score = auc(&hold, &y_hold).unwrap_or(0.5);
            candidates.push((Fitted::Logistic(linear), score, hold, cal));
        }
    }
    let tried: Vec<CandidateModel> = candidates
        .iter()
        .map(|(f, score, _, _)| CandidateModel {
            model: name(f).into(),
            auc: *score,
        })
        .collect();
    // The better holdout AUC wins; boosting, listed first, wins ties.
    let best = candidates
        .into_iter()
        .reduce(|a, b| if b.1 > a.1 { b } else { a });

    let mut report = ModelReport {
        outcomes: won + lost,
        won,
        lost,
        training_rows: training.len() as u32,
        holdout_rows: holdout.len() as u32,
        holdout: holdout_kind.into(),
        candidates: tried,
        leakage_suspects: suspects,
        ..Default::default()
    };
    let Some((fitted, _, _, cal)) = best else {
        report.message =
            "no model could be fitted on these columns; readiness uses the rule-based parts".into();
        return Ok(Trained {
            encoder,
            fitted: Fitted::Logistic(Linear {
                weights: Vec::new(),
                intercept: 0.0,
                means: Vec::new(),
                scales: Vec::new(),
            }),
            platt: Platt::IDENTITY,
            useful: false,
            report,
        });
    };
    // Calibrate on the slice the chosen model never saw, then refit it on every training row:
    // more history ranks better, and the calibration carries over to a refit of the same kind.
    let platt = Platt::fit(&cal, &y_cal);
    let x_train = encoder.transform(frame, &training);
    let y_train = pick(labels, &training);
    let fitted = match fitted {
        Fitted::Boosting(first) => {
            let mut booster = boosting(options);
            let targets: Vec<f64> = y_train.iter().map(|&l| f64::from(u8::from(l))).collect();
            match booster.fit(
                &Matrix::new(&x_train, training.len(), cols),
                &targets,
                None,
                None,
            ) {
                Ok(()) => Fitted::Boosting(Box::new(booster)),
                Err(_) => Fitted::Boosting(first),
            }
        }
        Fitted::Logistic(first) => {
            Fitted::Logistic(Linear::fit(&x_train, training.len(), cols, &y_train).unwrap_or(first))
        }
    };
    let hold = match &fitted {
        Fitted::Boosting(booster) => {
            booster.predict(&Matrix::new(&x_hold, holdout.len(), cols), true)
        }
        Fitted::Logistic(linear) => linear.log_odds(&x_hold, holdout.len()),
    };
    let score = auc(&hold, &y_hold).unwrap_or(0.5);
    let probabilities: Vec<f64> = hold.iter().map(|&z| platt.probability(z)).collect();
    report.auc = Some(score);
    report.calibration = calibration(&probabilities, &y_hold);
    report.lift = lift(&hold, &y_hold);
    report.importances = importances(&encoder, &fitted);
    let useful = score >= options.min_auc;
    report.model = useful.then(|| name(&fitted).to_string());
    report.message =
        if useful {
            format!(
            "readiness is a {} trained on {} outcomes ({} won, {} lost); on a {} holdout of {} it \
             ranks outcomes with AUC {:.3}",
            name(&fitted),
            won + lost,
            won,
            lost,
            if holdout_kind == "time" { "later" } else { "random" },
            holdout.len(),
            score
        )
        } else {
            format!(
                "the model ranks the holdout with AUC {score:.3}, too close to chance to trust; \
             readiness uses the rule-based parts"
            )
        };
    Ok(Trained {
        encoder,
        fitted,
        platt,
        useful,
        report,
    })
}

fn boosting(options: &Options) -> PerpetualBooster {
    PerpetualBooster::default()
        .set_objective(Objective::LogLoss)
        .set_budget(options.budget)
        .set_seed(options.seed)
        .set_log_iterations(0)
}

fn name(fitted: &Fitted) -> &'static str {
    match fitted {
        Fitted::Boosting(_) => GRADIENT_BOOSTING,
        Fitted::Logistic(_) => LOGISTIC_REGRESSION,
    }
}

/// Importance per source column, as shares of the total.
fn importances(encoder: &Encoder, fitted: &Fitted) -> Vec<Importance> {
    let owners = encoder.feature_sources();
    let mut per_source = vec![0.0; encoder.sources.len()];
    match fitted {
        Fitted::Boosting(booster) => {
            let gains = booster.calculate_feature_importance(
                perpetual::booster::config::ImportanceMethod::TotalGain,
                false,
            );
            for (feature, gain) in gains {
                if let Some(&s) = owners.get(feature) {
                    per_source[s] += f64::from(gain);
                }
            }
        }
        Fitted::Logistic(linear) => {
            // Standardised coefficients: the effect of one spread of each feature.
            for (feature, w) in linear.weights.iter().enumerate() {
                per_source[owners[feature]] += w.abs();
            }
        }
    }
    let total: f64 = per_source.iter().sum();
    let mut list: Vec<Importance> = encoder
        .sources
        .iter()
        .zip(per_source)
        .filter(|(_, v)| *v > 0.0)
        .map(|(s, v)| Importance {
            feature: s.name.clone(),
            importance: if total > 0.0 { v / total } else { 0.0 },
        })
        .collect();
    list.sort_by(|a, b| {
        b.importance
            .total_cmp(&a.importance)
            .then(a.feature.cmp(&b.feature))
    });
    list
}

impl Trained {
    /// Whether the model beats the rules on the holdout, so readiness should use it.
    pub fn useful(&self) -> bool {
        self.useful
    }

    /// Calibrated probabilities for every row of `frame`, each with the `reasons` source
    /// columns that moved it most.
    pub fn predict(&self, frame: &Frame, reasons: usize) -> Vec<Prediction> {
        let rows = frame.rows();
        let all: Vec<usize> = (0..rows).collect();
        let x = self.encoder.transform(frame, &all);
        let cols = self.encoder.feature_names().len();
        let owners = self.encoder.feature_sources();
        let sources = self.encoder.sources.len();
        let (raw, z_linear) = match &self.fitted {
            // Contributions, bias included, sum exactly to the log-odds, so one pass over the
            // trees gives both the probability and its reasons; a million accounts would
            // otherwise walk every tree twice.
            Fitted::Boosting(booster) if cols > 0 => {
                let matrix = Matrix::new(&x, rows, cols);
                let raw = if reasons > 0 {
                    booster.predict_contributions(&matrix, ContributionsMethod::Average, true)
                } else {
                    // Without reasons, the log-odds stand in the bias slot of each row.
                    let z = booster.predict(&matrix, true);
                    let mut raw = vec![0.0; rows * (cols + 1)];
                    for (r, z) in z.into_iter().enumerate() {
                        raw[r * (cols + 1) + cols] = z;
                    }
                    raw
                };
                (raw, Vec::new())
            }
            Fitted::Logistic(linear) if cols > 0 => (Vec::new(), linear.log_odds(&x, rows)),
            _ => (Vec::new(), Vec::new()),
        };
        // Per row: the log-odds and each source column's share of them.
        let row_of = |r: usize| -> (f64, Vec<f64>) {
            let mut by_source = vec![0.0; sources];
            let z = match &self.fitted {
                Fitted::Boosting(_) if cols > 0 => {
                    let row = &raw[r * (cols + 1)..(r + 1) * (cols + 1)];
                    if reasons > 0 {
                        for (f, &s) in owners.iter().enumerate() {
                            by_source[s] += row[f];
                        }
                    }
                    row.iter().sum()
                }
                Fitted::Logistic(linear) if cols > 0 => {
                    for (f, &s) in owners.iter().enumerate() {
                        by_source[s] += linear.weights[f] * linear.value(&x, rows, r, f);
                    }
                    z_linear[r]
                }
                _ => 0.0,
            };
            (z, by_source)
        };
        // Rows are independent, and wording a million of them is worth both cores.
        (0..rows)
            .into_par_iter()
            .map(|r| {
                let (z, by_source) = row_of(r);
                let mut effects: Vec<(usize, f64)> = by_source
                    .into_iter()
                    .enumerate()
                    .filter(|(_, e)| e.abs() > 1e-9)
                    .map(|(s, e)| (s, e * self.platt.a))
                    .collect();
                effects.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
                effects.truncate(reasons);
                Prediction {
                    probability: self.platt.probability(z),
                    contributions: effects
                        .into_iter()
                        .map(|(s, e)| (self.encoder.sources[s].name.clone(), e))
                        .collect(),
                }
            })
            .collect()
    }

    /// The feature names the model reads.
    pub fn features(&self) -> Vec<String> {
        self.encoder.feature_names()
    }

    /// The source columns the model reads.
    pub fn sources(&self) -> Vec<&str> {
        self.encoder
            .sources
            .iter()
            .map(|s| s.name.as_str())
            .collect()
    }
}
