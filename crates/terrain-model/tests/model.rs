//! The model's parts on small, hand-made data: measures, calibration, cleaning, encoding and
//! the holdout.

use chrono::NaiveDate;
use terrain_model::encode::{clean, Encoder, Encoding};
use terrain_model::measure::{auc, calibration, lift, sigmoid, Platt};
use terrain_model::{train, Column, Frame, Options, Raw};

#[test]
fn auc_is_one_for_a_perfect_ranking_zero_reversed_and_a_half_for_ties() {
    let labels = [false, false, true, true];
    assert_eq!(auc(&[0.1, 0.2, 0.8, 0.9], &labels), Some(1.0));
    assert_eq!(auc(&[0.9, 0.8, 0.2, 0.1], &labels), Some(0.0));
    assert_eq!(auc(&[0.5; 4], &labels), Some(0.5));
    assert_eq!(auc(&[0.1, 0.2], &[true, true]), None);
}

#[test]
fn platt_scaling_turns_overconfident_log_odds_into_honest_probabilities() {
    // True probability sigmoid(z), but the model reports 3z: far too sure of itself.
    let mut rng = fastrand::Rng::with_seed(5);
    let mut reported = Vec::new();
    let mut labels = Vec::new();
    for _ in 0..20_000 {
        let z = rng.f64() * 6.0 - 3.0;
        reported.push(3.0 * z);
        labels.push(rng.f64() < sigmoid(z));
    }
    let raw: Vec<f64> = reported.iter().map(|&z| sigmoid(z)).collect();
    let platt = Platt::fit(&reported, &labels);
    assert!((platt.a - 1.0 / 3.0).abs() < 0.03, "{platt:?}");
    let calibrated: Vec<f64> = reported.iter().map(|&z| platt.probability(z)).collect();
    let worst = |p: &[f64]| {
        calibration(p, &labels)
            .iter()
            .filter(|b| b.rows > 200)
            .map(|b| (b.predicted.unwrap_or(0.0) - b.observed.unwrap_or(0.0)).abs())
            .fold(0.0, f64::max)
    };
    assert!(worst(&raw) > 0.1, "the raw scores should be off");
    assert!(worst(&calibrated) < 0.03, "calibrated bins within 3 points");
    // Calibration never changes the ranking.
    assert_eq!(auc(&raw, &labels), auc(&calibrated, &labels));
}

#[test]
fn lift_puts_the_best_scored_tenth_first() {
    let scores: Vec<f64> = (0..100).map(f64::from).collect();
    let labels: Vec<bool> = (0..100).map(|i| i >= 90).collect();
    let deciles = lift(&scores, &labels);
    assert_eq!(deciles.len(), 10);
    assert_eq!(deciles[0].rate, 1.0);
    assert!((deciles[0].lift - 10.0).abs() < 1e-9);
    assert_eq!(deciles[9].rate, 0.0);
}

#[test]
fn placeholders_are_missing_and_case_variants_are_one_level() {
    for placeholder in ["Select", " N/A ", "-", "", "null", "NA"] {
        assert_eq!(clean(placeholder), None, "{placeholder:?}");
    }
    assert_eq!(clean("Google"), clean(" google "));
    assert_eq!(clean("Direct  Traffic"), Some("direct traffic".into()));
}

fn text(values: &[&str]) -> Vec<Option<Raw>> {
    values
        .iter()
        .map(|v| Some(Raw::Text((*v).into())))
        .collect()
}

#[test]
fn rare_levels_fold_into_other_and_common_ones_keep_their_usual_spelling() {
    let mut values = vec!["Google"; 30];
    values.extend(["google"; 15]);
    values.extend(["Bing"; 3]);
    values.extend(["Select"; 5]);
    let frame = Frame {
        columns: vec![Column {
            name: "Source".into(),
            values: text(&values),
        }],
    };
    let rows: Vec<usize> = (0..values.len()).collect();
    let encoder = Encoder::fit(&frame, &rows, &[]);
    assert_eq!(
        encoder.sources[0].encoding,
        Encoding::Categorical {
            levels: vec!["google".into()],
            labels: vec!["Google".into()],
            other: true,
        }
    );
    let x = encoder.transform(&frame, &rows);
    let n = values.len();
    // Google and google are the same feature; Bing is "other"; Select is neither.
    assert_eq!(x[0], 1.0);
    assert_eq!(x[30], 1.0);
    assert_eq!(x[n + 45], 1.0);
    assert_eq!((x[48], x[n + 48]), (0.0, 0.0));
}

#[test]
fn too_thin_a_history_is_refused_with_its_counts() {
    let frame = Frame {
        columns: vec![Column {
            name: "Size".into(),
            values: (0..150).map(|i| Some(Raw::Number(f64::from(i)))).collect(),
        }],
    };
    let labels: Vec<bool> = (0..150).map(|i| i % 2 == 0).collect();
    let thin = train(&frame, &labels, None, &Options::default()).expect_err("thin");
    assert_eq!((thin.outcomes, thin.won, thin.lost), (150, 75, 75));
    assert!(thin.to_string().contains("at least 200"));
}

#[test]
fn with_dates_the_holdout_is_the_latest_outcomes() {
    // A world that changes: early on big accounts win, later small ones do. A random holdout
    // would mix both; a time holdout shows the model the future it will face.
    let mut rng = fastrand::Rng::with_seed(9);
    let n = 1_000;
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
    let dates: Vec<NaiveDate> = (0..n)
        .map(|i| start + chrono::Days::new(i as u64))
        .collect();
    let size: Vec<f64> = (0..n).map(|_| rng.f64()).collect();
    let labels: Vec<bool> = (0..n)
        .map(|i| {
            let big = size[i] > 0.5;
            let likely = if i < 700 { big } else { !big };
            rng.f64() < if likely { 0.8 } else { 0.2 }
        })
        .collect();
    let frame = Frame {
        columns: vec![Column {
            name: "Size".into(),
            values: size.iter().map(|&s| Some(Raw::Number(s))).collect(),
        }],
    };
    let trained = train(&frame, &labels, Some(&dates), &Options::default()).expect("enough");
    assert_eq!(trained.report.holdout, "time");
    assert_eq!(trained.report.holdout_rows, 300);
    // Trained on the old world, it ranks the new one backwards, and says so.
    assert!(
        trained.report.auc.expect("auc") < 0.35,
        "{:#?}",
        trained.report
    );
    assert!(trained.report.model.is_none());
    assert!(trained.report.message.contains("rule-based"));
}

#[test]
fn a_prediction_with_reasons_has_the_same_probability_as_one_without() {
    // Conversion peaks in the middle of the size range, which only the trees can learn, so
    // gradient boosting is the model kept.
    let mut rng = fastrand::Rng::with_seed(21);
    let n = 2_000;
    let size: Vec<f64> = (0..n).map(|_| rng.f64()).collect();
    let visits: Vec<f64> = (0..n).map(|_| f64::from(rng.u32(0..5))).collect();
    let labels: Vec<bool> = (0..n)
        .map(|i| {
            let middle = (0.35..0.65).contains(&size[i]);
            rng.f64() < if middle { 0.85 } else { 0.1 } + 0.02 * visits[i]
        })
        .collect();
    let frame = Frame {
        columns: vec![
            Column {
                name: "Size".into(),
                values: size.iter().map(|&s| Some(Raw::Number(s))).collect(),
            },
            Column {
                name: "Visits".into(),
                values: visits.iter().map(|&v| Some(Raw::Number(v))).collect(),
            },
        ],
    };
    let trained = train(&frame, &labels, None, &Options::default()).expect("enough");
    assert_eq!(
        trained.report.model.as_deref(),
        Some("gradient boosting"),
        "{:#?}",
        trained.report
    );
    let with = trained.predict(&frame, 3);
    let without = trained.predict(&frame, 0);
    assert_eq!(with.len(), n);
    for (a, b) in with.iter().zip(&without) {
        assert!((a.probability - b.probability).abs() < 1e-9, "{a:?} {b:?}");
        assert!(b.contributions.is_empty());
    }
    assert!(with
        .iter()
        .any(|p| p.contributions.iter().any(|(c, _)| c == "Size")));
}
