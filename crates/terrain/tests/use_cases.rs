//! The first complete loop on real data, through the same use cases the app and CLI call:
//! import the Maven CRM files, score, assign, move, undo, export and measure.

mod common;

use terrain::views::{AccountQuery, AccountSort, ErrorCode, ExportInput, ImportInput, MoveInput};
use terrain::Workspace;

use common::{maven, maven_files};

async fn maven_workspace(dir: &tempfile::TempDir) -> Workspace {
    let workspace = Workspace::open(&dir.path().join("maven.terrain"))
        .await
        .expect("open workspace");
    workspace
        .import_and_plan(&maven_files())
        .await
        .expect("import the Maven files");
    workspace
}

#[tokio::test]
async fn importing_the_maven_files_reports_orphan_deals_and_the_product_misspelling() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = Workspace::open(&dir.path().join("w.terrain"))
        .await
        .expect("open");
    let report = workspace.import(&maven_files()).await.expect("import");

    let counts: Vec<(String, u32)> = report
        .files
        .iter()
        .map(|f| (f.file.clone(), f.imported))
        .collect();
    assert_eq!(
        counts,
        [
            ("sales_teams.csv".to_string(), 35),
            ("accounts.csv".to_string(), 85),
            ("products.csv".to_string(), 7),
            ("sales_pipeline.csv".to_string(), 8_800),
        ]
    );
    let orphans = report
        .problems
        .iter()
        .filter(|p| p.file == "sales_pipeline.csv" && p.column.as_deref() == Some("account"))
        .count();
    assert_eq!(orphans, 1_425);
    assert!(report
        .problems
        .iter()
        .any(|p| p.message.contains("GTXPro") && p.message.contains("GTX Pro")));
    let accounts_file = &report.files[1];
    assert!(accounts_file
        .custom_fields
        .contains(&"year_established".to_string()));

    let summary = workspace.summary().await.expect("summary");
    assert_eq!(summary.opportunities_without_account, 1_425);
}

#[tokio::test]
async fn an_import_with_an_unrecognised_file_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = Workspace::open(&dir.path().join("w.terrain"))
        .await
        .expect("open");
    let mut input = maven_files();
    input.paths.push(maven("data_dictionary.csv"));
    let error = workspace
        .import(&input)
        .await
        .expect_err("the dictionary is not a sheet");
    assert!(error.to_string().contains("data_dictionary.csv"), "{error}");
    let summary = workspace.summary().await.expect("summary");
    assert_eq!(
        (summary.reps, summary.accounts, summary.opportunities),
        (0, 0, 0)
    );
}

#[tokio::test]
async fn metrics_on_the_maven_files_match_the_won_and_lost_counts_of_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = maven_workspace(&dir).await;
    let metrics = workspace
        .metrics(&Default::default())
        .await
        .expect("metrics");
    assert_eq!((metrics.overall.won, metrics.overall.lost), (4_238, 2_473));
    assert_eq!(metrics.overall.accounts, 85);
    assert_eq!(metrics.by_rep.len(), 35);
    assert_eq!(
        metrics.by_team.len(),
        6,
        "a Maven rep's team is the manager"
    );
    let regions: Vec<&str> = metrics.by_region.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(regions, ["Central", "East", "West"]);
    let rep_total: u32 = metrics.by_rep.iter().map(|r| r.won).sum();
    assert_eq!(rep_total, 4_238);
}

#[tokio::test]
async fn a_second_assignment_with_nothing_new_moves_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = maven_workspace(&dir).await;
    let again = workspace.assign().await.expect("assign again");
    assert_eq!(again.moved, 0);
    assert_eq!(again.assigned + again.pooled, 85);
}

#[tokio::test]
async fn moving_an_account_updates_balance_and_undo_restores_the_owner_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = maven_workspace(&dir).await;
    let board = workspace.board().await.expect("board");
    assert_eq!(board.reps.len(), 35);
    let from = board
        .reps
        .iter()
        .find(|r| !r.accounts.is_empty())
        .expect("a rep with accounts");
    let card = from.accounts[0].clone();
    let to = board
        .reps
        .iter()
        .find(|r| r.id != from.id)
        .expect("another rep");

    let result = workspace
        .move_accounts(&MoveInput {
            account_ids: vec![card.id],
            to_rep: Some(to.id),
            draft: None,
        })
        .await
        .expect("move");
    assert_eq!(result.moved, 1);
    assert_ne!(result.balance, board.balance);
    assert!(result.history.can_undo);

    let moved = workspace.board().await.expect("board");
    let holder = moved
        .reps
        .iter()
        .find(|r| r.accounts.iter().any(|c| c.id == card.id));
    assert_eq!(holder.map(|r| r.id), Some(to.id));
    assert!(holder
        .and_then(|r| r.accounts.iter().find(|c| c.id == card.id))
        .is_some_and(|c| c.locked));

    workspace.undo().await.expect("undo");
    let restored = workspace.board().await.expect("board");
    assert_eq!(restored.balance, board.balance);
    let holder = restored
        .reps
        .iter()
        .find(|r| r.accounts.iter().any(|c| c.id == card.id));
    assert_eq!(holder.map(|r| r.id), Some(from.id));

    let history = workspace.redo().await.expect("redo");
    assert!(history.can_undo && !history.can_redo);
}

#[tokio::test]
async fn undo_survives_closing_and_reopening_the_workspace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("maven.terrain");
    let workspace = Workspace::open(&path).await.expect("open");
    workspace
        .import_and_plan(&maven_files())
        .await
        .expect("import");
    let board = workspace.board().await.expect("board");
    let card = board
        .reps
        .iter()
        .flat_map(|r| &r.accounts)
        .next()
        .expect("a card")
        .id;
    workspace
        .move_accounts(&MoveInput {
            account_ids: vec![card],
            to_rep: None,
            draft: None,
        })
        .await
        .expect("move");
    workspace.close().await;

    let reopened = Workspace::open(&path).await.expect("reopen");
    let history = reopened.history().await.expect("history");
    assert_eq!(
        history.undo_label.as_deref(),
        Some("move 1 account to the pool")
    );
    reopened.undo().await.expect("undo");
    assert_eq!(
        reopened.board().await.expect("board").balance,
        board.balance
    );
}

/// What the app shows when it starts on a file a later Terrain wrote: the payload every
/// command's error reaches the UI as.
#[tokio::test]
async fn a_workspace_from_a_newer_terrain_is_refused_as_storage_naming_the_file_and_the_fix() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("workspace.terrain");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../terrain-store/tests/fixtures/schema/from-a-newer-terrain.terrain"),
        &path,
    )
    .expect("copy the fixture");
    let bytes = std::fs::read(&path).expect("read");

    let Err(error) = Workspace::open(&path).await else {
        panic!("a newer workspace opened");
    };
    let payload = error.payload();
    assert_eq!(payload.code, ErrorCode::Storage);
    assert!(
        payload.message.contains(&path.display().to_string())
            && payload.message.contains("newer version of Terrain")
            && payload.message.contains("update Terrain"),
        "{}",
        payload.message
    );
    assert!(std::fs::read(&path).expect("read again") == bytes);
}

#[tokio::test]
async fn the_exported_plan_lists_every_account_with_owner_readiness_stage_and_reasons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = maven_workspace(&dir).await;
    let csv = dir.path().join("plan.csv");
    let result = workspace
        .export(&ExportInput {
            path: csv.display().to_string(),
        })
        .await
        .expect("export csv");
    assert_eq!(result.accounts, 85);
    let text = std::fs::read_to_string(&csv).expect("read export");
    let header = text.lines().next().expect("a header");
    assert!(
        header.starts_with("Account ID,Account,Owner,Readiness,Stage,Reasons"),
        "{header}"
    );

    let xlsx = dir.path().join("plan.xlsx");
    workspace
        .export(&ExportInput {
            path: xlsx.display().to_string(),
        })
        .await
        .expect("xlsx");
    let bytes = std::fs::read(&xlsx).expect("read xlsx");
    assert_eq!(&bytes[..2], b"PK");

    // Terrain reads its own export back as an accounts sheet.
    let reread = Workspace::open(&dir.path().join("again.terrain"))
        .await
        .expect("open");
    let report = reread
        .import(&ImportInput {
            paths: vec![csv.display().to_string()],
            kind: None,
            map: vec![],
            ..ImportInput::default()
        })
        .await
        .expect("re-import");
    assert_eq!(report.files[0].imported, 85);

    let bad = workspace
        .export(&ExportInput {
            path: dir.path().join("plan.pdf").display().to_string(),
        })
        .await;
    assert!(bad.is_err_and(|e| e.to_string().contains(".xlsx or .csv")));
}

#[tokio::test]
async fn the_accounts_grid_searches_and_sorts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = maven_workspace(&dir).await;
    let query = |search: &str, sort| AccountQuery {
        search: search.into(),
        sort,
        descending: true,
        offset: 0,
        limit: 100,
    };
    let page = workspace
        .accounts(&query("", AccountSort::Readiness))
        .await
        .expect("page");
    assert_eq!(page.total, 85);
    assert!(page
        .rows
        .windows(2)
        .all(|w| w[0].readiness >= w[1].readiness));
    assert!(page.rows.iter().all(|r| !r.reasons.is_empty()));

    let found = workspace
        .accounts(&query("acme", AccountSort::Name))
        .await
        .expect("search");
    assert_eq!(found.total, 1);
    assert_eq!(found.rows[0].name, "Acme Corporation");
}

#[tokio::test]
async fn the_demo_workspace_is_a_living_book() {
    let dir = tempfile::tempdir().expect("temp dir");
    let workspace = Workspace::create_demo(&dir.path().join("demo.terrain"))
        .await
        .expect("demo");
    let summary = workspace.summary().await.expect("summary");
    assert_eq!(summary.reps, 12);
    assert_eq!(summary.accounts, 3_000);
    assert!(summary.opportunities > 1_000, "{}", summary.opportunities);
    assert!(summary.signals > 10_000, "{}", summary.signals);
    assert!(
        summary.assigned > 1_000 && summary.pooled > 0,
        "{summary:?}"
    );
    let board = workspace.board().await.expect("board");
    assert_eq!(board.balance.reps_over_capacity, 0);
    let again = workspace.assign().await.expect("assign");
    assert_eq!(again.moved, 0);
    assert!(Workspace::create_demo(&dir.path().join("demo.terrain"))
        .await
        .is_err());
}

#[tokio::test]
async fn balance_after_a_move_matches_summing_every_book_afresh() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("maven.terrain");
    let workspace = Workspace::open(&path).await.expect("open");
    workspace
        .import_and_plan(&maven_files())
        .await
        .expect("import");
    let board = workspace.board().await.expect("board");
    let cards: Vec<i64> = board
        .reps
        .iter()
        .flat_map(|r| r.accounts.iter().map(|c| c.id))
        .take(6)
        .collect();
    let mut last = None;
    for (i, card) in cards.iter().enumerate() {
        let to = board.reps[(i * 7 + 3) % board.reps.len()].id;
        let moved = workspace
            .move_accounts(&MoveInput {
                account_ids: vec![*card],
                to_rep: Some(to),
                draft: None,
            })
            .await
            .expect("move");
        last = Some(moved.balance);
    }
    let incremental = last.expect("a move");

    // A second handle on the same file has no cached totals: it sums every book in SQL.
    let fresh = Workspace::open(&path)
        .await
        .expect("reopen")
        .balance()
        .await
        .expect("balance");
    assert_eq!(
        (incremental.assigned, incremental.pooled),
        (fresh.assigned, fresh.pooled)
    );
    assert_eq!(incremental.reps_outside_band, fresh.reps_outside_band);
    assert!((incremental.total_expected_value - fresh.total_expected_value).abs() < 1e-6);
    assert!((incremental.cv_expected_value - fresh.cv_expected_value).abs() < 1e-9);
    assert!((incremental.cv_accounts - fresh.cv_accounts).abs() < 1e-12);
}

#[tokio::test]
async fn balance_after_moves_undos_and_redos_matches_summing_every_book_afresh() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("maven.terrain");
    let workspace = Workspace::open(&path).await.expect("open");
    workspace
        .import_and_plan(&maven_files())
        .await
        .expect("import");
    let board = workspace.board().await.expect("board");
    let cards: Vec<i64> = board
        .reps
        .iter()
        .flat_map(|r| r.accounts.iter().map(|c| c.id))
        .take(5)
        .collect();
    for (i, card) in cards.iter().enumerate() {
        let to = board.reps[(i * 5 + 2) % board.reps.len()].id;
        workspace
            .move_accounts(&MoveInput {
                account_ids: vec![*card],
                to_rep: Some(to),
                draft: None,
            })
            .await
            .expect("move");
    }
    // Two cards to the pool at once, then back and forth through the history.
    workspace
        .move_accounts(&MoveInput {
            account_ids: cards[..2].to_vec(),
            to_rep: None,
            draft: None,
        })
        .await
        .expect("pool");
    for _ in 0..3 {
        workspace.undo().await.expect("undo");
    }
    workspace.redo().await.expect("redo");
    workspace.undo().await.expect("undo again");
    let incremental = workspace.balance().await.expect("balance");

    let fresh = Workspace::open(&path)
        .await
        .expect("reopen")
        .balance()
        .await
        .expect("balance");
    assert_eq!(
        (incremental.assigned, incremental.pooled),
        (fresh.assigned, fresh.pooled)
    );
    assert_eq!(incremental.reps_outside_band, fresh.reps_outside_band);
    assert!((incremental.total_expected_value - fresh.total_expected_value).abs() < 1e-6);
    assert!((incremental.cv_expected_value - fresh.cv_expected_value).abs() < 1e-9);
    assert!((incremental.cv_accounts - fresh.cv_accounts).abs() < 1e-12);
}
