//! The director's planning settings (issue #4): the band, the pool, move costs, eligibility and
//! default capacity are saved, refused when they make no sense, and used by every plan, the
//! board's figures and the strategy comparison.

mod common;

use chrono::NaiveDate;
use terrain::views::{ErrorCode, PlanningSettings, SegmentBy};
use terrain::Workspace;
use terrain_core::records::{
    AccountRecord, CustomFields, CustomValue, OpportunityRecord, Outcome, RepRecord,
};
use terrain_store::{ImportData, ImportFile};

use common::{demo, maven_files};

async fn maven() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = Workspace::open(&dir.path().join("maven.terrain"))
        .await
        .expect("open");
    workspace
        .import_and_plan(&maven_files())
        .await
        .expect("import");
    (dir, workspace)
}

fn language(value: &str) -> CustomFields {
    let mut custom = CustomFields::new();
    custom.insert("Language".into(), CustomValue::Text(value.into()));
    custom
}

/// Two reps in one region, one speaking English and one French, and twelve accounts in that
/// region, half of each language, each with a won deal so that it is worth something.
async fn bilingual() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = Workspace::open(&dir.path().join("bilingual.terrain"))
        .await
        .expect("open");
    let reps = [("Ana", "English"), ("Benoît", "French")].map(|(name, spoken)| RepRecord {
        name: name.into(),
        region: Some("West".into()),
        capacity: Some(12),
        custom: language(spoken),
        ..RepRecord::default()
    });
    let accounts: Vec<AccountRecord> = (0..12)
        .map(|i| AccountRecord {
            key: format!("A{i}"),
            name: format!("Account {i}"),
            region: Some("West".into()),
            industry: Some("Retail".into()),
            employees: Some(500.0),
            // Lower case on purpose: a rep's "English" covers an account's "english".
            custom: language(if i % 2 == 0 { "english" } else { "French" }),
            ..AccountRecord::default()
        })
        .collect();
    let created = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let deals: Vec<OpportunityRecord> = (0..12)
        .map(|i| OpportunityRecord {
            key: format!("O{i}"),
            account: Some(format!("A{i}")),
            owner: None,
            product: None,
            stage: "Won".into(),
            outcome: Outcome::Won,
            amount: Some(10_000.0),
            created: Some(created),
            closed: Some(created + chrono::Days::new(30)),
            custom: CustomFields::new(),
        })
        .collect();
    let file = |file, data| ImportFile {
        file,
        rows_read: 0,
        rejected: 0,
        rows: &[],
        data,
    };
    workspace
        .store()
        .import(&[
            file("reps", ImportData::Reps(&reps)),
            file("accounts", ImportData::Accounts(&accounts)),
            file("deals", ImportData::Opportunities(&deals)),
        ])
        .await
        .expect("import");
    workspace
        .score(Some(NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")))
        .await
        .expect("score");
    (dir, workspace)
}

#[tokio::test]
async fn settings_are_the_engine_defaults_until_saved_and_read_back_as_saved() {
    let (_dir, workspace) = maven().await;
    let form = workspace.planning_form().await.expect("form");
    assert_eq!(form.settings, form.defaults);
    assert_eq!(form.settings.band, 0.15);
    assert!(form.computed_capacity > 0);

    let settings = PlanningSettings {
        band: 0.3,
        enforce_band: false,
        pool_below: 0.1,
        move_cost: 0.2,
        open_deal_cost: 1.0,
        recent_contact_cost: 0.0,
        segment_by: SegmentBy::Industry,
        segment_field: None,
        outside_segment_fit: None,
        default_capacity: Some(4),
    };
    workspace
        .save_planning_settings(&settings)
        .await
        .expect("save");
    assert_eq!(workspace.planning_settings().await.expect("read"), settings);
}

#[tokio::test]
async fn a_saved_band_width_is_the_band_of_the_board_the_comparison_and_the_next_plan() {
    let (_dir, workspace) = demo().await;
    let settings = PlanningSettings {
        band: 0.05,
        ..PlanningSettings::default()
    };
    workspace
        .save_planning_settings(&settings)
        .await
        .expect("save");
    assert_eq!(workspace.board().await.expect("board").balance.band, 0.05);
    assert_eq!(workspace.compare().await.expect("compare").band, 0.05);

    let change = workspace.assign().await.expect("re-plan");
    let board = workspace.board().await.expect("board");
    assert_eq!(board.balance.band, 0.05);
    assert_eq!(change.outside_band, 0, "{change:?}");
    // Books within ±5% of one mean are at most 1.05 / 0.95 apart; the default ±15% band
    // leaves the demo's books up to 1.26 apart, so this holds only if the width was used.
    let max_min = board
        .balance
        .max_min_expected_value
        .expect("every rep holds accounts");
    assert!(max_min <= 1.05 / 0.95 + 1e-9, "{:?}", board.balance);
}

#[tokio::test]
async fn a_saved_pool_threshold_is_the_one_the_plan_and_the_comparison_pool_by() {
    let (_dir, workspace) = maven().await;
    let before = workspace.assign().await.expect("plan");
    let settings = PlanningSettings {
        pool_below: 0.9,
        ..PlanningSettings::default()
    };
    workspace
        .save_planning_settings(&settings)
        .await
        .expect("save");
    let after = workspace.assign().await.expect("re-plan");
    assert!(after.pooled > before.pooled, "{before:?} then {after:?}");
    let comparison = workspace.compare().await.expect("compare");
    assert_eq!(comparison.pool_below, 0.9);
    let dynamic = &comparison.strategies[2];
    assert_eq!(dynamic.pooled, after.pooled);
}

#[tokio::test]
async fn invalid_settings_are_refused_with_a_message_that_names_them_and_change_nothing() {
    let (_dir, workspace) = maven().await;
    let saved = PlanningSettings {
        band: 0.2,
        ..PlanningSettings::default()
    };
    workspace
        .save_planning_settings(&saved)
        .await
        .expect("save");
    let board = workspace.board().await.expect("board");

    let cases = [
        (
            PlanningSettings {
                band: 1.5,
                ..saved.clone()
            },
            "balance band",
        ),
        (
            PlanningSettings {
                band: f64::NAN,
                ..saved.clone()
            },
            "balance band",
        ),
        (
            PlanningSettings {
                pool_below: -0.1,
                ..saved.clone()
            },
            "pool threshold",
        ),
        (
            PlanningSettings {
                move_cost: -1.0,
                ..saved.clone()
            },
            "cost of a move",
        ),
        (
            PlanningSettings {
                open_deal_cost: f64::INFINITY,
                ..saved.clone()
            },
            "open deal",
        ),
        (
            PlanningSettings {
                recent_contact_cost: f64::NAN,
                ..saved.clone()
            },
            "recent contact",
        ),
        (
            PlanningSettings {
                outside_segment_fit: Some(1.2),
                ..saved.clone()
            },
            "outside the account's segment",
        ),
        (
            PlanningSettings {
                default_capacity: Some(-3),
                ..saved.clone()
            },
            "default capacity",
        ),
        (
            PlanningSettings {
                segment_by: SegmentBy::Custom,
                segment_field: Some("Language".into()),
                ..saved.clone()
            },
            "no account has a column named \"Language\"",
        ),
        (
            PlanningSettings {
                segment_by: SegmentBy::Custom,
                segment_field: Some("  ".into()),
                ..saved.clone()
            },
            "custom column",
        ),
    ];
    for (settings, named) in cases {
        let error = workspace
            .save_planning_settings(&settings)
            .await
            .expect_err("refused");
        let message = error.to_string();
        assert_eq!(error.code(), ErrorCode::BadInput, "{message}");
        assert!(message.contains(named), "{message} should name {named}");
        assert!(message.starts_with(|c: char| c.is_lowercase()), "{message}");
    }
    assert_eq!(workspace.planning_settings().await.expect("read"), saved);
    assert_eq!(
        workspace.board().await.expect("board").balance,
        board.balance
    );
}

#[tokio::test]
async fn capacity_zero_for_every_rep_pools_everything_and_no_figure_is_nan() {
    let (_dir, workspace) = maven().await;
    let settings = PlanningSettings {
        default_capacity: Some(0),
        ..PlanningSettings::default()
    };
    workspace
        .save_planning_settings(&settings)
        .await
        .expect("save");
    let change = workspace.assign().await.expect("re-plan");
    assert_eq!(change.assigned, 0);
    assert_eq!(change.pooled, 85);
    assert!(change.expected_value.is_finite());
    assert!(change.bound_gap.is_none_or(f64::is_finite), "{change:?}");

    let board = workspace.board().await.expect("board");
    let b = &board.balance;
    assert!(board
        .reps
        .iter()
        .all(|r| r.capacity == 0 && r.accounts.is_empty()));
    for figure in [
        b.total_expected_value,
        b.mean_expected_value,
        b.cv_expected_value,
        b.gini_expected_value,
        b.cv_accounts,
        b.band,
    ] {
        assert!(figure.is_finite(), "{b:?}");
    }
    assert!(b.max_min_expected_value.is_none_or(f64::is_finite));

    let comparison = workspace.compare().await.expect("compare");
    for s in &comparison.strategies {
        assert_eq!(s.in_books, 0, "{:?}", s.name);
        assert!(s.expected_value_share.is_finite() && s.balance.cv.is_finite());
        assert!(s.balance.gini.is_finite());
    }
    // JSON has no NaN: serde would write `null` where the UI expects a number.
    let json = serde_json::to_string(&comparison).expect("json");
    assert!(!json.contains("null,\"gini\""), "{json}");
}

#[tokio::test]
async fn segmenting_by_a_custom_language_column_keeps_each_account_with_a_rep_who_speaks_it() {
    let (_dir, workspace) = bilingual().await;
    let strict = PlanningSettings {
        pool_below: 0.0,
        enforce_band: false,
        outside_segment_fit: None,
        ..PlanningSettings::default()
    };
    workspace
        .save_planning_settings(&strict)
        .await
        .expect("save");
    workspace.assign().await.expect("plan");
    let by_region = workspace.board().await.expect("board");
    // Both reps cover West, so by region nothing keeps French accounts from Ana.
    assert_eq!(
        by_region
            .reps
            .iter()
            .map(|r| r.accounts.len())
            .sum::<usize>(),
        12
    );

    let form = workspace.planning_form().await.expect("form");
    assert_eq!(form.account_fields, ["Language"]);
    assert_eq!(form.rep_fields, ["Language"]);
    workspace
        .save_planning_settings(&PlanningSettings {
            segment_by: SegmentBy::Custom,
            segment_field: Some("Language".into()),
            ..strict
        })
        .await
        .expect("save");
    workspace.assign().await.expect("re-plan");
    let board = workspace.board().await.expect("board");
    for rep in &board.reps {
        let even = rep.name == "Ana";
        for card in &rep.accounts {
            let index: u32 = card.name["Account ".len()..].parse().expect("number");
            assert_eq!(
                index.is_multiple_of(2),
                even,
                "{} holds {}",
                rep.name,
                card.name
            );
        }
        assert_eq!(rep.accounts.len(), 6, "{}", rep.name);
    }
}
