//! How good a score is: AUC, calibration bins and lift by decile.

use crate::{CalibrationBin, Decile};

/// The probability that a random positive outscores a random negative, ties counting half.
/// `None` when either class is absent.
pub fn auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let positives = labels.iter().filter(|l| **l).count();
    let negatives = labels.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j < order.len() && scores[order[j]] == scores[order[i]] {
            j += 1;
        }
        // Tied scores share the mean of their ranks (1-based).
        let rank = (i + 1 + j) as f64 / 2.0;
        rank_sum += rank * order[i..j].iter().filter(|&&k| labels[k]).count() as f64;
        i = j;
    }
    let p = positives as f64;
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * negatives as f64))
}

/// Predicted against observed in 10 equal-width bins of probability.
pub fn calibration(probabilities: &[f64], labels: &[bool]) -> Vec<CalibrationBin> {
    let mut sums = [(0u32, 0.0f64, 0u32); 10];
    for (&p, &l) in probabilities.iter().zip(labels) {
        let bin = ((p * 10.0).floor() as usize).min(9);
        sums[bin].0 += 1;
        sums[bin].1 += p;
        sums[bin].2 += u32::from(l);
    }
    sums.iter()
        .enumerate()
        .map(|(b, &(rows, predicted, won))| CalibrationBin {
            from: b as f64 / 10.0,
            to: (b + 1) as f64 / 10.0,
            rows,
            predicted: (rows > 0).then(|| predicted / f64::from(rows)),
            observed: (rows > 0).then(|| f64::from(won) / f64::from(rows)),
        })
        .collect()
}

/// Conversion by decile of score, best first, and its lift over the overall rate.
pub fn lift(scores: &[f64], labels: &[bool]) -> Vec<Decile> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let overall = labels.iter().filter(|l| **l).count() as f64 / n as f64;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    (0..10)
        .filter_map(|d| {
            let (start, end) = (d * n / 10, (d + 1) * n / 10);
            if start == end {
                return None;
            }
            let won = order[start..end].iter().filter(|&&i| labels[i]).count();
            let rate = won as f64 / (end - start) as f64;
            Some(Decile {
                decile: d as u32 + 1,
                rows: (end - start) as u32,
                rate,
                lift: if overall > 0.0 { rate / overall } else { 0.0 },
            })
        })
        .collect()
}

/// Platt scaling: `p = sigmoid(a · z + b)` for a model's log-odds `z`, fitted by Newton's
/// method on log loss. Monotone, so it never changes an AUC; it only makes probabilities mean
/// what they say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Platt {
    pub a: f64,
    pub b: f64,
}

impl Platt {
    pub const IDENTITY: Platt = Platt { a: 1.0, b: 0.0 };

    pub fn fit(log_odds: &[f64], labels: &[bool]) -> Platt {
        let positives = labels.iter().filter(|l| **l).count() as f64;
        let negatives = labels.len() as f64 - positives;
        if positives == 0.0 || negatives == 0.0 {
            return Platt::IDENTITY;
        }
        // Platt's smoothed targets keep the fit finite on separable data.
        let hi = (positives + 1.0) / (positives + 2.0);
        let lo = 1.0 / (negatives + 2.0);
        let target = |l: bool| if l { hi } else { lo };
        let loss = |a: f64, b: f64| -> f64 {
            log_odds
                .iter()
                .zip(labels)
                .map(|(&z, &l)| {
                    let p = sigmoid(a * z + b).clamp(1e-15, 1.0 - 1e-15);
                    let t = target(l);
                    -(t * p.ln() + (1.0 - t) * (1.0 - p).ln())
                })
                .sum()
        };
        let (mut a, mut b) = (1.0, 0.0);
        let mut current = loss(a, b);
        for _ in 0..100 {
            let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (&z, &l) in log_odds.iter().zip(labels) {
                let p = sigmoid(a * z + b);
                let w = (p * (1.0 - p)).max(1e-12);
                let r = p - target(l);
                ga += r * z;
                gb += r;
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            let det = haa * hbb - hab * hab;
            if det.abs() < 1e-12 {
                break;
            }
            let da = (hbb * ga - hab * gb) / det;
            let db = (haa * gb - hab * ga) / det;
            // Newton's step, halved until the loss falls: far from the optimum a full step can
            // overshoot on confident scores.
            let mut t = 1.0;
            let mut improved = false;
            while t > 1e-6 {
                let next = loss(a - t * da, b - t * db);
                if next <= current {
                    a -= t * da;
                    b -= t * db;
                    current = next;
                    improved = true;
                    break;
                }
                t /= 2.0;
            }
            if !improved || (t * da).abs() < 1e-9 && (t * db).abs() < 1e-9 {
                break;
            }
        }
        if a.is_finite() && b.is_finite() {
            Platt { a, b }
        } else {
            Platt::IDENTITY
        }
    }

    pub fn probability(&self, log_odds: f64) -> f64 {
        sigmoid(self.a * log_odds + self.b)
    }
}

pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}
