//! The model on real data: 9,240 leads of an education company, with the conversion as the
//! outcome and two columns that sales fills in after contact.

use terrain_model::{train, Column, Frame, Options, Raw};

fn leads() -> Option<(Frame, Vec<bool>)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/x-education-leads/Leads.csv"
    );
    let mut reader = csv::Reader::from_path(path).ok()?;
    let headers: Vec<String> = reader.headers().ok()?.iter().map(String::from).collect();
    let mut columns: Vec<Column> = headers
        .iter()
        .map(|h| Column {
            name: h.clone(),
            values: Vec::new(),
        })
        .collect();
    let mut labels = Vec::new();
    for record in reader.records() {
        let record = record.ok()?;
        for (column, cell) in columns.iter_mut().zip(record.iter()) {
            let value = match cell.trim() {
                "" => None,
                text => Some(match text.parse::<f64>() {
                    Ok(n) => Raw::Number(n),
                    Err(_) => Raw::Text(text.to_string()),
                }),
            };
            column.values.push(value);
        }
        labels.push(record.get(6) == Some("1"));
    }
    // The outcome and the identifiers are not features.
    columns.retain(|c| !["Converted", "Prospect ID", "Lead Number"].contains(&c.name.as_str()));
    Some((Frame { columns }, labels))
}

#[test]
fn on_the_leads_the_model_reaches_auc_092_and_names_the_columns_sales_fills_in() {
    let Some((frame, labels)) = leads() else {
        panic!("the shared Leads.csv is missing");
    };
    let trained = train(&frame, &labels, None, &Options::default()).expect("enough history");
    let report = &trained.report;
    println!("{report:#?}");
    assert_eq!(report.outcomes, 9_240);
    assert_eq!(report.holdout, "random");
    let suspects: Vec<&str> = report
        .leakage_suspects
        .iter()
        .map(|s| s.feature.as_str())
        .collect();
    assert!(suspects.contains(&"Tags"), "{suspects:?}");
    assert!(suspects.contains(&"Lead Quality"), "{suspects:?}");
    assert_eq!(suspects.len(), 2, "{suspects:?}");
    assert!(!trained.sources().contains(&"Tags"));
    assert!(trained.sources().contains(&"Lead Source"));
    let auc = report.auc.expect("an AUC");
    assert!(auc >= 0.92, "holdout AUC {auc}");
    assert!(report.model.is_some());
    // Calibrated: in every well-filled bin, predicted and observed agree within 10 points.
    for bin in report.calibration.iter().filter(|b| b.rows >= 100) {
        let gap = (bin.predicted.unwrap_or(0.0) - bin.observed.unwrap_or(0.0)).abs();
        assert!(gap < 0.1, "{bin:?}");
    }
    assert!(report.lift[0].lift > 2.0, "{:?}", report.lift[0]);

    let predictions = trained.predict(&frame, 3);
    assert_eq!(predictions.len(), 9_240);
    assert!(predictions
        .iter()
        .all(|p| (0.0..=1.0).contains(&p.probability)));
    assert!(predictions.iter().all(|p| p.contributions.len() <= 3));
    assert!(
        predictions
            .iter()
            .filter(|p| !p.contributions.is_empty())
            .count()
            > 9_000
    );
}
