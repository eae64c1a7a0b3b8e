//! Scoring on real data and with the director's settings: a model learned from the
//! workspace's own history, its fallback, ICP criteria, intent topics, the preview and the
//! history of a score.

mod common;

use chrono::NaiveDate;
use terrain::views::{AccountQuery, AccountSort, Criterion, FieldMap, ImportInput, SheetKindName};
use terrain::{Error, Workspace};

use common::maven_files;

fn query(limit: u32) -> AccountQuery {
    AccountQuery {
        search: String::new(),
        sort: AccountSort::Name,
        descending: false,
        offset: 0,
        limit,
    }
}

fn leads() -> ImportInput {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/x-education-leads/Leads.csv");
    let map = |field: &str, header: &str| FieldMap {
        field: field.into(),
        header: header.into(),
    };
    ImportInput {
        paths: vec![path.display().to_string()],
        kind: Some(SheetKindName::Accounts),
        map: vec![
            map("id", "Prospect ID"),
            map("name", "Prospect ID"),
            map("outcome", "Converted"),
        ],
        ..ImportInput::default()
    }
}

#[tokio::test]
async fn on_the_leads_readiness_is_learned_explained_and_blind_to_the_columns_sales_fills_in() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&leads()).await.expect("import");
    workspace.score(None).await.expect("score");

    let report = workspace
        .latest_model_report()
        .await
        .expect("read")
        .expect("scoring stores the model report");
    assert_eq!(report.model.as_deref(), Some("gradient boosting"));
    assert!(report.auc.expect("auc") >= 0.92, "{:?}", report.auc);
    let suspects: Vec<&str> = report
        .leakage_suspects
        .iter()
        .map(|s| s.feature.as_str())
        .collect();
    assert_eq!(suspects, ["Lead Quality", "Tags"]);
    assert!(report
        .importances
        .iter()
        .all(|i| i.feature != "Tags" && i.feature != "Lead Quality"));

    let page = workspace.accounts(&query(200)).await.expect("accounts");
    // Readiness is a calibrated probability, so it spreads over the stages instead of giving
    // every lead the same score; its reasons name the lead's own columns.
    let stages: std::collections::BTreeSet<&str> =
        page.rows.iter().map(|r| r.stage.as_str()).collect();
    assert!(stages.len() >= 3, "{stages:?}");
    let reasons: Vec<&str> = page
        .rows
        .iter()
        .flat_map(|r| r.reasons.iter().map(|x| x.text.as_str()))
        .collect();
    assert!(
        reasons
            .iter()
            .any(|t| t.starts_with("Total Time Spent on Website")),
        "{reasons:?}"
    );
    assert!(reasons.iter().all(|t| !t.starts_with("Tags")));
}

#[tokio::test]
async fn on_the_maven_files_readiness_falls_back_to_the_rules_and_says_why() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&maven_files()).await.expect("import");
    let report = workspace.model_report().await.expect("report");
    assert!(report.model.is_none(), "{report:?}");
    assert_eq!(report.holdout, "time");
    assert!(report.outcomes > 6_000, "{}", report.outcomes);
    assert!(
        report
            .message
            .contains("readiness uses the rule-based parts"),
        "{}",
        report.message
    );
    assert!(report.message.contains("won and lost opportunities"));
}

#[tokio::test]
async fn icp_criteria_show_in_the_reasons_and_bad_settings_are_refused_without_saving() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&maven_files()).await.expect("import");
    let mut settings = workspace.scoring_settings().await.expect("settings");
    settings.icp = vec![Criterion {
        field: "Industry".into(),
        values: vec!["software".into()],
        min: None,
        max: None,
        weight: 2.0,
    }];
    workspace
        .save_scoring_settings(&settings)
        .await
        .expect("save");
    workspace.score(None).await.expect("score");
    let page = workspace.accounts(&query(100)).await.expect("accounts");
    let software = page
        .rows
        .iter()
        .find(|r| r.industry.as_deref() == Some("software"))
        .expect("a software account");
    assert!(
        software
            .reasons
            .iter()
            .any(|r| r.text == "industry matches the ICP" && r.effect > 0.0),
        "{:?}",
        software.reasons
    );

    let mut bad = settings.clone();
    bad.kinds[0].half_life_days = 0.0;
    let refused = workspace.save_scoring_settings(&bad).await;
    assert!(matches!(refused, Err(Error::BadInput(ref m)) if m.contains("half-life")));
    assert_eq!(workspace.scoring_settings().await.expect("read"), settings);
}

#[tokio::test]
async fn the_preview_counts_stage_changes_without_saving_anything() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&maven_files()).await.expect("import");
    workspace.score(None).await.expect("score");
    let before = workspace.scoring_settings().await.expect("settings");

    let same = workspace.preview_scoring(&before).await.expect("preview");
    assert_eq!(same.changed, 0, "{same:?}");
    assert_eq!(same.accounts, 85);

    let mut strict = before.clone();
    strict.icp = vec![Criterion {
        field: "employees".into(),
        values: Vec::new(),
        min: Some(1_000_000.0),
        max: None,
        weight: 5.0,
    }];
    let preview = workspace.preview_scoring(&strict).await.expect("preview");
    assert!(preview.changed > 0, "{preview:?}");
    assert_eq!(
        preview.changed,
        preview.changes.iter().map(|c| c.accounts).sum::<u32>()
    );
    assert!(!preview.readiness_from_model);
    // Nothing was saved: the settings and the stored stages are as they were.
    assert_eq!(workspace.scoring_settings().await.expect("read"), before);
    let again = workspace.preview_scoring(&before).await.expect("preview");
    assert_eq!(again.changed, 0);
}

#[tokio::test]
async fn a_score_keeps_its_history_one_snapshot_per_day() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&maven_files()).await.expect("import");
    let day = |d: &str| d.parse::<NaiveDate>().expect("date");
    workspace
        .score(Some(day("2017-06-30")))
        .await
        .expect("score");
    workspace
        .score(Some(day("2017-12-31")))
        .await
        .expect("score");
    let history = workspace.score_history(1).await.expect("history");
    let dates: Vec<&str> = history.points.iter().map(|p| p.as_of.as_str()).collect();
    assert_eq!(dates, ["2017-06-30", "2017-12-31"]);
    assert!(history
        .points
        .iter()
        .all(|p| (0.0..=1.0).contains(&p.readiness)));
    assert!(matches!(
        workspace.score_history(999_999).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn saving_settings_rescores_on_the_snapshot_date_and_changes_the_stages_the_preview_counted()
{
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&maven_files()).await.expect("import");
    let day = |d: &str| d.parse::<NaiveDate>().expect("date");
    workspace
        .score(Some(day("2017-12-31")))
        .await
        .expect("score");
    let mut strict = workspace.scoring_settings().await.expect("settings");
    strict.icp = vec![Criterion {
        field: "employees".into(),
        values: Vec::new(),
        min: Some(1_000_000.0),
        max: None,
        weight: 5.0,
    }];
    let preview = workspace.preview_scoring(&strict).await.expect("preview");
    assert!(preview.changed > 0, "{preview:?}");

    let result = workspace
        .apply_scoring_settings(&strict)
        .await
        .expect("apply");
    assert_eq!(result.as_of, "2017-12-31");
    assert_eq!(result.accounts, preview.accounts);
    assert_eq!(result.changed, preview.changed);
    assert!(!result.note.is_empty());
    assert_eq!(workspace.scoring_settings().await.expect("read"), strict);
    // The snapshot of that day was replaced, not joined by a second one.
    let history = workspace.score_history(1).await.expect("history");
    assert_eq!(history.points.len(), 1);
    let again = workspace.preview_scoring(&strict).await.expect("preview");
    assert_eq!(again.changed, 0, "{again:?}");
}

#[tokio::test]
async fn save_and_rescore_refuses_bad_settings_before_saving_or_scoring_anything() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&maven_files()).await.expect("import");
    let before = workspace.scoring_settings().await.expect("settings");
    let mut bad = before.clone();
    bad.icp = vec![Criterion {
        field: "revenue".into(),
        values: Vec::new(),
        min: Some(500.0),
        max: Some(100.0),
        weight: 1.0,
    }];
    let refused = workspace.apply_scoring_settings(&bad).await;
    assert!(
        matches!(refused, Err(Error::BadInput(ref m)) if m.contains("minimum")),
        "{refused:?}"
    );
    assert_eq!(workspace.scoring_settings().await.expect("read"), before);
    assert!(workspace
        .score_history(1)
        .await
        .expect("history")
        .points
        .is_empty());
}

#[tokio::test]
async fn the_settings_form_offers_the_defaults_and_the_accounts_custom_fields() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&maven_files()).await.expect("import");
    let form = workspace.scoring_form().await.expect("form");
    assert_eq!(form.settings, form.defaults);
    assert!(!form.defaults.kinds.is_empty());
    // Maven's accounts sheet has two columns that map to no standard field.
    assert_eq!(form.custom_fields, ["subsidiary_of", "year_established"]);
}

#[tokio::test]
async fn the_score_chart_draws_each_snapshot_and_still_draws_a_lone_one() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&maven_files()).await.expect("import");
    let day = |d: &str| d.parse::<NaiveDate>().expect("date");
    workspace
        .score(Some(day("2017-06-30")))
        .await
        .expect("score");

    let lone = workspace.score_history_chart(1).await.expect("chart");
    assert!(lone.subtitle.contains("One snapshot"), "{}", lone.subtitle);
    assert!(lone.svg.contains("<svg") && lone.svg.contains("Readiness"));
    assert!(lone.svg.contains("30 Jun 2017"));

    workspace
        .score(Some(day("2017-12-31")))
        .await
        .expect("score");
    let two = workspace.score_history_chart(1).await.expect("chart");
    assert_eq!(two.account_id, 1);
    assert_eq!(two.subtitle, "2 snapshots, 30 Jun 2017 – 31 Dec 2017");
    assert!(two.svg.contains("31 Dec 2017") && two.svg.contains("Engagement"));
    assert!(matches!(
        workspace.score_history_chart(999_999).await,
        Err(Error::NotFound(_))
    ));
}

#[tokio::test]
async fn the_model_report_is_trained_once_when_none_is_stored_and_then_read_back() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace.import(&maven_files()).await.expect("import");
    assert!(workspace
        .latest_model_report()
        .await
        .expect("read")
        .is_none());
    let report = workspace.model_report_or_train().await.expect("report");
    assert!(!report.message.is_empty());
    assert_eq!(
        workspace.latest_model_report().await.expect("read"),
        Some(report)
    );
}
