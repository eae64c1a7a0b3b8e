//! The import use case end to end: preview, re-import, saved settings per source, questions,
//! cancel and the mapping screen's view of a file.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use common::{maven, maven_files};
use terrain::importing::ImportControl;
use terrain::views::{
    ColumnReading, DateOrderName, ErrorCode, FileSettings, ImportInput, ImportProgress,
    QuestionKind, SheetKindName, WorkspaceSummary,
};
use terrain::Workspace;

fn counts(summary: &WorkspaceSummary) -> [u32; 5] {
    [
        summary.reps,
        summary.accounts,
        summary.opportunities,
        summary.signals,
        summary.products,
    ]
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

#[tokio::test]
async fn a_preview_reports_exactly_what_the_import_then_lands_and_writes_nothing() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    let before = workspace.summary().await.expect("summary");

    let preview = workspace
        .preview_import(&maven_files())
        .await
        .expect("preview");
    let untouched = workspace.summary().await.expect("summary");
    assert_eq!(counts(&untouched), counts(&before));
    assert!(untouched.recent_imports.is_empty(), "nothing logged");

    let report = workspace.import(&maven_files()).await.expect("import");
    assert_eq!(preview, report);
    let after = workspace.summary().await.expect("summary");
    assert_eq!(after.accounts, 85);
    assert_eq!(after.opportunities, 8_800);
}

#[tokio::test]
async fn importing_the_same_files_again_updates_records_and_duplicates_nothing() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace
        .import(&maven_files())
        .await
        .expect("first import");
    let first = workspace.summary().await.expect("summary");
    workspace
        .import(&maven_files())
        .await
        .expect("second import");
    let second = workspace.summary().await.expect("summary");
    assert_eq!(counts(&second), counts(&first));
    assert_eq!(second.recent_imports.len(), 8, "both imports are logged");
}

#[tokio::test]
async fn an_ambiguous_date_column_asks_and_the_answer_is_saved_for_the_source() {
    let dir = tempfile::tempdir().expect("dir");
    let accounts = write(
        &dir,
        "accounts.csv",
        "Account Name\nFernhill Tools\nQuarry Lane Media\n",
    );
    let activity = "Account Name,Activity Date,Activity Type\n\
                    Fernhill Tools,03/04/2024,Web Visit\n\
                    Quarry Lane Media,05/06/2024,Meeting\n";
    let first = write(&dir, "activity.csv", activity);
    let workspace = Workspace::in_memory().await.expect("workspace");
    workspace
        .import(&ImportInput {
            paths: vec![accounts],
            ..ImportInput::default()
        })
        .await
        .expect("accounts");

    let input = ImportInput {
        paths: vec![first.clone()],
        ..ImportInput::default()
    };
    let view = workspace.inspect_import(&input).await.expect("inspect");
    let file = &view.files[0];
    assert_eq!(file.kind, Some(SheetKindName::Signals));
    assert_eq!(file.rows, 2);
    let column = file
        .columns
        .iter()
        .find(|c| c.header == "Activity Date")
        .expect("column");
    assert_eq!(column.question, Some(QuestionKind::DateOrder));
    assert_eq!(column.example.as_deref(), Some("03/04/2024"));
    assert_eq!(column.example_row, Some(2));
    assert_eq!(column.samples, ["03/04/2024", "05/06/2024"]);
    assert!(file.error.as_deref().unwrap_or("").contains("row 2"));

    let refused = workspace.import(&input).await.expect_err("asks first");
    assert_eq!(refused.code(), ErrorCode::BadInput);
    assert_eq!(workspace.summary().await.expect("summary").signals, 0);

    let answered = ImportInput {
        paths: vec![first.clone()],
        files: vec![FileSettings {
            path: first,
            columns: vec![ColumnReading {
                header: "Activity Date".into(),
                date_order: Some(DateOrderName::DayFirst),
                ..ColumnReading::default()
            }],
            ..FileSettings::default()
        }],
        ..ImportInput::default()
    };
    let view = workspace.inspect_import(&answered).await.expect("inspect");
    assert!(
        !view.files[0].saved,
        "settings sent with the import are not remembered ones"
    );
    assert_eq!(view.files[0].error, None);
    let report = workspace.import(&answered).await.expect("import");
    assert_eq!(report.files[0].imported, 2);

    // The next export of the same report, another file with the same headers, needs no answer.
    let next = write(
        &dir,
        "activity-next.csv",
        "Account Name,Activity Date,Activity Type\nFernhill Tools,07/08/2024,Meeting\n",
    );
    let input = ImportInput {
        paths: vec![next],
        ..ImportInput::default()
    };
    let view = workspace.inspect_import(&input).await.expect("inspect");
    assert!(view.files[0].saved);
    assert_eq!(view.files[0].error, None);
    let report = workspace.import(&input).await.expect("saved answer");
    assert_eq!(report.files[0].imported, 1);
    assert_eq!(workspace.summary().await.expect("summary").signals, 3);
}

#[tokio::test]
async fn a_cancelled_import_writes_nothing_and_says_so() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let cancel = Arc::new(AtomicBool::new(false));
    let (flag, log) = (Arc::clone(&cancel), Arc::clone(&seen));
    let control = ImportControl {
        cancel,
        progress: Some(Arc::new(move |progress| {
            // Cancel as soon as the first batch has landed.
            flag.store(true, Ordering::Relaxed);
            log.lock().expect("log").push(progress);
        })),
    };
    let error = workspace
        .import_with(&maven_files(), &control, true)
        .await
        .expect_err("cancelled");
    assert_eq!(error.code(), ErrorCode::Cancelled);
    assert_eq!(
        error.to_string(),
        "the import was cancelled; nothing was imported"
    );
    assert!(
        !seen.lock().expect("log").is_empty(),
        "progress was reported"
    );
    let summary = workspace.summary().await.expect("summary");
    assert_eq!(counts(&summary), [0; 5]);
    assert!(summary.recent_imports.is_empty());
}

#[tokio::test]
async fn progress_counts_every_row_of_every_file() {
    let workspace = Workspace::in_memory().await.expect("workspace");
    let (control, seen) = recording();
    workspace
        .import_with(&maven_files(), &control, true)
        .await
        .expect("import");
    let seen = seen.lock().expect("log");
    let pipeline = seen
        .iter()
        .filter(|p| p.file == "sales_pipeline.csv")
        .collect::<Vec<_>>();
    let last = pipeline.last().expect("pipeline progress");
    assert_eq!(last.rows_done, last.rows_total);
    assert_eq!(last.rows_total, 8_800);
    assert_eq!(last.files, 4);
    assert!(pipeline
        .windows(2)
        .all(|w| w[0].rows_done <= w[1].rows_done));
}

#[tokio::test]
async fn a_file_that_cannot_be_read_refuses_the_whole_import() {
    let dir = tempfile::tempdir().expect("dir");
    let empty = write(&dir, "empty.csv", "");
    let workspace = Workspace::in_memory().await.expect("workspace");
    let error = workspace
        .import(&ImportInput {
            paths: vec![maven("accounts.csv"), empty],
            ..ImportInput::default()
        })
        .await
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "empty.csv: the file is empty (a header row is needed); nothing was imported \
         (leave the file out, or say what it holds with --kind)"
    );
    assert_eq!(workspace.summary().await.expect("summary").accounts, 0);
}

#[tokio::test]
async fn counts_over_a_file_read_in_many_batches_are_reported_once_for_the_whole_file() {
    let dir = tempfile::tempdir().expect("dir");
    let products = write(
        &dir,
        "products.csv",
        "product,series,sales_price\nGTX Pro,GTX,4821\n",
    );
    let mut deals = String::from("opportunity_id,product,sales_agent,deal_stage,close_value\n");
    for i in 0..45_000 {
        deals.push_str(&format!("X{i},GTXPro,Nobody Here,Won,4500\n"));
    }
    let deals = write(&dir, "pipeline.csv", &deals);
    let workspace = Workspace::in_memory().await.expect("workspace");
    let report = workspace
        .import(&ImportInput {
            paths: vec![products, deals],
            ..ImportInput::default()
        })
        .await
        .expect("import");
    let column_wide: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.row.is_none() && p.file == "pipeline.csv")
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        column_wide,
        [
            // Every deal also lacks an account: 10,000 of those are listed, the rest counted.
            "35000 more problems of this file are not listed",
            "45000 opportunities name the product \"GTXPro\", which the catalogue spells \
             \"GTX Pro\"; linked to \"GTX Pro\"",
            "45000 opportunities are owned by \"Nobody Here\", who is not a rep in the \
             workspace; import the reps sheet to count them for a rep",
        ]
    );
}

#[tokio::test]
async fn identical_events_in_different_batches_of_one_file_are_all_counted_and_reimport_adds_none()
{
    let dir = tempfile::tempdir().expect("dir");
    let accounts = write(&dir, "accounts.csv", "Account Name\nFernhill Tools\n");
    // 50,000 identical web visits on one day: three batches of one file.
    let mut text = String::from("Account Name,Activity Date,Activity Type\n");
    for _ in 0..50_000 {
        text.push_str("Fernhill Tools,2024-04-15,Web Visit\n");
    }
    let activity = write(&dir, "activity.csv", &text);
    let workspace = Workspace::in_memory().await.expect("workspace");
    let input = ImportInput {
        paths: vec![accounts, activity],
        ..ImportInput::default()
    };
    workspace.import(&input).await.expect("import");
    assert_eq!(workspace.summary().await.expect("summary").signals, 50_000);

    let again = workspace.import(&input).await.expect("again");
    assert_eq!(workspace.summary().await.expect("summary").signals, 50_000);
    let known: Vec<&str> = again
        .problems
        .iter()
        .filter(|p| p.message.contains("already in the workspace"))
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(known.len(), 1, "reported once for the file: {known:?}");
    assert!(known[0].starts_with("50000 events were already in the workspace"));
}

/// An import of the one file at `path`.
fn only(path: String) -> ImportInput {
    ImportInput {
        paths: vec![path],
        ..ImportInput::default()
    }
}

/// Controls that keep every progress report, to look at after the import.
fn recording() -> (ImportControl, Arc<Mutex<Vec<ImportProgress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let control = ImportControl {
        progress: Some(Arc::new(move |progress| {
            log.lock().expect("log").push(progress)
        })),
        ..ImportControl::default()
    };
    (control, seen)
}

/// Accounts whose `Tier` is a number in every row but one far past the first rows.
fn tiers(rows: u32, gold_row: u32) -> String {
    let mut text = String::from("Account ID,Account Name,Tier\n");
    for n in 1..=rows {
        let tier = if n == gold_row {
            "Gold".to_string()
        } else {
            (n % 5).to_string()
        };
        text.push_str(&format!("A-{n},Account {n},{tier}\n"));
    }
    text
}

#[tokio::test]
async fn a_large_file_whose_later_rows_change_a_columns_reading_lands_as_the_whole_file_reads() {
    let dir = tempfile::tempdir().expect("dir");
    let path = write(&dir, "accounts.csv", &tiers(30_000, 25_000));
    let workspace = Workspace::open(&dir.path().join("tiers.terrain"))
        .await
        .expect("workspace");
    let (control, seen) = recording();

    let report = workspace
        .import_with(&only(path), &control, true)
        .await
        .expect("import");

    assert_eq!(report.files[0].rows_read, 30_000);
    assert_eq!(report.files[0].imported, 30_000);
    let pool = workspace.store().pool();
    let custom = |key: &'static str| async move {
        sqlx::query_scalar::<_, String>("SELECT custom FROM accounts WHERE key = ?")
            .bind(key)
            .fetch_one(pool)
            .await
            .expect("account")
    };
    // Read whole, the column holds a word, so every value is kept as written, not as a number.
    assert_eq!(custom("A-1").await, r#"{"Tier":"1"}"#);
    assert_eq!(custom("A-25000").await, r#"{"Tier":"Gold"}"#);
    let accounts: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(pool)
        .await
        .expect("count");
    assert_eq!(accounts, 30_000, "the first read's rows were rolled back");
    let logged: Vec<(String, i64)> = sqlx::query_as("SELECT file, rows FROM imports")
        .fetch_all(pool)
        .await
        .expect("log");
    assert_eq!(logged, vec![("accounts.csv".to_string(), 30_000)]);
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .expect("mode");
    assert_eq!(
        mode, "wal",
        "the workspace is back in WAL mode after the import"
    );

    let seen = seen.lock().expect("log");
    let last = seen.last().expect("progress");
    assert!(last.rows_exact, "the second read knows the count");
    assert_eq!((last.rows_done, last.rows_total), (30_000, 30_000));
    assert!(
        seen.iter().any(|p| !p.rows_exact),
        "the first read counted by an estimate"
    );
}

#[tokio::test]
async fn a_cancelled_import_into_a_workspace_on_disk_leaves_it_as_it_was_and_in_wal_mode() {
    let dir = tempfile::tempdir().expect("dir");
    let path = write(&dir, "accounts.csv", &tiers(50_000, 0));
    let workspace = Workspace::open(&dir.path().join("w.terrain"))
        .await
        .expect("workspace");
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let control = ImportControl {
        cancel: Arc::clone(&cancel),
        progress: Some(Arc::new(move |_| flag.store(true, Ordering::Relaxed))),
    };

    let imported = workspace.import_with(&only(path), &control, true).await;

    assert!(imported.is_err(), "cancelled after the first batch");
    let pool = workspace.store().pool();
    let accounts: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(pool)
        .await
        .expect("count");
    assert_eq!(accounts, 0);
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn a_wide_file_loads_a_few_rows_per_batch_so_its_batches_stay_small() {
    let dir = tempfile::tempdir().expect("dir");
    let mut text = String::from("Account Name");
    for column in 1..16_384 {
        text.push_str(&format!(",Field {column}"));
    }
    text.push('\n');
    for row in 0..30 {
        text.push_str(&format!("Firm {row}{}\n", ",x".repeat(16_383)));
    }
    let path = write(&dir, "wide.csv", &text);
    let done = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&done);
    let control = ImportControl {
        progress: Some(Arc::new(move |p| {
            seen.lock().expect("lock").push(p.rows_done)
        })),
        ..ImportControl::default()
    };
    let input = ImportInput {
        paths: vec![path],
        ..ImportInput::default()
    };
    let workspace = Workspace::in_memory().await.expect("workspace");
    let report = workspace
        .import_with(&input, &control, true)
        .await
        .expect("import");

    assert_eq!(report.files[0].imported, 30);
    // 400,000 cells a batch: 24 rows of 16,384 columns, where 20,000 rows were once taken.
    let done = done.lock().expect("lock").clone();
    assert_eq!(done, vec![24, 30]);
}
