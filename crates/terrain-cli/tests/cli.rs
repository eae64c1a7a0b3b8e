//! The `terrain` command-line contract, run as scripts would run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn maven(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/maven-crm-sales-opportunities")
        .join(file)
}

fn terrain(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_terrain"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run terrain")
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

#[test]
fn the_cli_loop_runs_on_the_maven_files() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("maven.terrain");
    let files: Vec<String> = [
        "sales_teams.csv",
        "accounts.csv",
        "products.csv",
        "sales_pipeline.csv",
    ]
    .iter()
    .map(|f| maven(f).display().to_string())
    .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let report = ok(terrain(&db, &args));
    assert!(report.contains("sales_pipeline.csv: Opportunities, 8800 rows read, 8800 imported"));
    assert!(report.contains("GTXPro"));

    let scored = ok(terrain(&db, &["score", "--as-of", "2017-12-31"]));
    assert!(
        scored.starts_with("scored 85 accounts as of 2017-12-31"),
        "{scored}"
    );
    let first = ok(terrain(&db, &["assign"]));
    assert!(first.contains("85 moves"), "{first}");
    let second = ok(terrain(&db, &["assign"]));
    assert!(second.contains(": 0 moves"), "{second}");

    let json = ok(terrain(&db, &["metrics", "--json"]));
    let metrics: serde_json::Value = serde_json::from_str(&json).expect("metrics json");
    assert_eq!(metrics["overall"]["won"], 4238);
    assert_eq!(metrics["overall"]["lost"], 2473);
    for group in ["by_rep", "by_team", "by_region"] {
        let entries = metrics[group].as_array().expect("an array");
        assert!(entries.iter().all(|e| e["name"].is_string()
            // Reps with no closed deal have no rate: null, never 0.
            && (e["conversion_rate"].is_number() || e["conversion_rate"].is_null())
            && e.get("median_days_to_close").is_some()
            && e["won_revenue"].is_number()
            && e["accounts"].is_number()));
    }
    assert_eq!(metrics["by_region"].as_array().map(Vec::len), Some(3));
    let idle = metrics["by_rep"]
        .as_array()
        .expect("reps")
        .iter()
        .filter(|r| r["won"] == 0)
        .count();
    assert_eq!(idle, 5, "five Maven agents have no deals");

    let xlsx = dir.path().join("plan.xlsx");
    let exported = ok(terrain(
        &db,
        &["export", xlsx.to_str().expect("utf-8 path")],
    ));
    assert!(exported.contains("exported 85 accounts"));
    assert!(xlsx.exists());

    let undone = ok(terrain(&db, &["undo"]));
    assert!(undone.contains("re-plan: 85 moves"), "{undone}");
}

#[test]
fn a_bad_map_argument_is_refused_with_a_hint() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("w.terrain");
    let output = terrain(&db, &["import", "x.csv", "--map", "nonsense"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("expected FIELD=HEADER"));
}

#[test]
fn undo_with_nothing_to_undo_says_so_and_fails() {
    let dir = tempfile::tempdir().expect("dir");
    let output = terrain(&dir.path().join("w.terrain"), &["undo"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing to undo"));
}

#[test]
fn compare_gives_every_strategy_as_json_and_dynamic_captures_the_most_on_the_maven_files() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("maven.terrain");
    let files: Vec<String> = [
        "sales_teams.csv",
        "accounts.csv",
        "products.csv",
        "sales_pipeline.csv",
    ]
    .iter()
    .map(|f| maven(f).display().to_string())
    .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    ok(terrain(&db, &args));
    ok(terrain(&db, &["score", "--as-of", "2017-12-31"]));
    ok(terrain(&db, &["assign"]));

    let json = ok(terrain(&db, &["compare", "--json"]));
    let comparison: serde_json::Value = serde_json::from_str(&json).expect("compare json");
    let strategies = comparison["strategies"].as_array().expect("strategies");
    let names: Vec<&str> = strategies
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, ["static", "round-robin", "dynamic", "realignment"]);
    for s in strategies {
        assert!(s["expected_value"].is_f64(), "{s}");
        assert!(s["moves"].is_u64(), "{s}");
        assert!(s["balance"]["cv"].is_f64(), "{s}");
        assert!(s["balance"]["gini"].is_f64(), "{s}");
        assert!(s["balance"]["max_min"].is_f64() || s["balance"]["max_min"].is_null());
    }
    let value = |i: usize| strategies[i]["expected_value"].as_f64().unwrap_or(f64::NAN);
    let dynamic = value(2);
    assert!(dynamic > 0.0);
    assert!(dynamic >= value(0) * (1.0 - 1e-12), "{json}");
    assert!(dynamic >= value(1) * (1.0 - 1e-12), "{json}");

    // The text form is a table with one line per strategy, then the headline.
    let text = ok(terrain(&db, &["compare"]));
    for name in ["static ", "round-robin ", "dynamic "] {
        assert_eq!(
            text.lines().filter(|l| l.starts_with(name)).count(),
            1,
            "{text}"
        );
    }
    assert!(text.contains("Dynamic captures"), "{text}");
}

/// A small CRM book in `setup/`: two reps with their CRM user ids and six accounts, imported
/// into `db`, and an empty `drop/` folder for the refresh to watch.
fn small_book(dir: &Path, db: &Path) -> PathBuf {
    let setup = dir.join("setup");
    std::fs::create_dir_all(&setup).expect("setup folder");
    std::fs::write(
        setup.join("reps.csv"),
        "Rep Name,Team,User ID\nAna Ortiz,East,005A\nBen Okafor,East,005B\n",
    )
    .expect("reps");
    let mut accounts = String::from("Account ID,Account Name,Industry,Employees\n");
    for (key, name) in [
        ("001A", "Alder"),
        ("001B", "Birch"),
        ("001C", "Cedar"),
        ("001D", "Delta"),
        ("001E", "Ember"),
        ("001F", "Fjord"),
    ] {
        accounts.push_str(&format!("{key},{name} Inc,Software,800\n"));
    }
    std::fs::write(setup.join("accounts.csv"), accounts).expect("accounts");
    let paths: Vec<String> = ["reps.csv", "accounts.csv"]
        .iter()
        .map(|f| setup.join(f).display().to_string())
        .collect();
    ok(terrain(db, &["import", &paths[0], &paths[1]]));
    let drop = dir.join("drop");
    std::fs::create_dir_all(&drop).expect("drop folder");
    drop
}

/// Recent activity on three of the six accounts.
fn signals_sheet() -> String {
    let today = chrono::Local::now().date_naive();
    let mut sheet = String::from("Account ID,Activity Date,Activity Type\n");
    for (key, days, kind) in [
        ("001A", 1, "Meeting"),
        ("001A", 2, "Web Visit"),
        ("001B", 3, "Email Click"),
        ("001C", 4, "Form Fill"),
        ("001C", 5, "Meeting"),
    ] {
        let day = today - chrono::Days::new(days);
        sheet.push_str(&format!("{key},{day},{kind}\n"));
    }
    sheet
}

/// The signals the workspace holds, read through the library rather than the command.
fn signal_count(db: &Path) -> u32 {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let workspace = terrain::Workspace::open(db).await.expect("open");
        let signals = workspace.summary().await.expect("summary").signals;
        workspace.close().await;
        signals
    })
}

fn review_file(drop: &Path) -> PathBuf {
    let today = chrono::Local::now().date_naive();
    drop.join("reviews").join(format!("review-{today}.json"))
}

#[test]
fn refresh_imports_a_new_signals_file_once_and_writes_the_daily_review() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("w.terrain");
    let drop = small_book(dir.path(), &db);
    std::fs::write(drop.join("signals.csv"), signals_sheet()).expect("signals");
    std::fs::write(drop.join("notes.txt"), "not a spreadsheet").expect("notes");

    let first = ok(terrain(
        &db,
        &["refresh", "--folder", drop.to_str().expect("utf-8 path")],
    ));
    assert!(
        first.contains("1 file imported, 0 files imported before, 0 failed"),
        "{first}"
    );
    assert!(first.contains("signals.csv: Signals, 5 rows read, 5 imported"));
    assert!(first.contains("scored 6 accounts"), "{first}");
    assert_eq!(signal_count(&db), 5);
    let review: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(review_file(&drop)).expect("review"))
            .expect("review json");
    assert!(review["proposals"].is_array(), "{review}");
    assert!(review["as_of"].is_string(), "{review}");

    // The folder is remembered, and the file is not imported a second time.
    std::fs::remove_file(review_file(&drop)).expect("remove the review");
    let second = ok(terrain(&db, &["refresh"]));
    assert!(
        second.contains("0 files imported, 1 file imported before, 0 failed"),
        "{second}"
    );
    assert_eq!(signal_count(&db), 5);
    assert!(review_file(&drop).exists());
}

#[test]
fn a_refresh_with_a_file_it_cannot_import_fails_and_tries_that_file_again_next_time() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("w.terrain");
    let drop = small_book(dir.path(), &db);
    std::fs::write(drop.join("signals.csv"), signals_sheet()).expect("signals");
    std::fs::write(drop.join("mystery.csv"), "Colour,Shape\nred,round\n").expect("mystery");
    let folder = drop.to_str().expect("utf-8 path");

    let first = terrain(&db, &["refresh", "--folder", folder]);
    assert!(!first.status.success());
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        stderr.contains("mystery.csv: the headers (Colour, Shape)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the next refresh tries it again"),
        "{stderr}"
    );
    assert!(stderr.contains("1 file could not be imported"), "{stderr}");
    assert_eq!(signal_count(&db), 5, "the good file still lands");
    assert!(review_file(&drop).exists());

    let second = terrain(&db, &["refresh"]);
    assert!(!second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("mystery.csv"));
    assert_eq!(signal_count(&db), 5);

    std::fs::remove_file(drop.join("mystery.csv")).expect("remove");
    let third = ok(terrain(&db, &["refresh"]));
    assert!(third.contains("0 files imported"), "{third}");
}

/// Signals dated day-first with days no higher than 12, so the dates alone cannot say which.
fn ambiguous_signals(days: &[&str]) -> String {
    let mut sheet = String::from("Account ID,Activity Date,Activity Type\n");
    for (key, day) in ["001A", "001B", "001C"].iter().zip(days) {
        sheet.push_str(&format!("{key},{day},Meeting\n"));
    }
    sheet
}

#[test]
fn refresh_reads_a_later_export_with_the_answers_given_when_its_source_was_imported_by_hand() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("w.terrain");
    let drop = small_book(dir.path(), &db);
    let by_hand = dir.path().join("activity-march.csv");
    std::fs::write(&by_hand, ambiguous_signals(&["03/04/2026", "05/06/2026"])).expect("write");
    let asked = terrain(&db, &["import", by_hand.to_str().expect("utf-8 path")]);
    assert!(
        !asked.status.success(),
        "the date order has to be said once"
    );
    ok(terrain(
        &db,
        &[
            "import",
            by_hand.to_str().expect("utf-8 path"),
            "--dates",
            "Activity Date=day-first",
        ],
    ));
    assert_eq!(signal_count(&db), 2);

    std::fs::write(
        drop.join("activity-april.csv"),
        ambiguous_signals(&["02/04/2026", "07/04/2026", "11/04/2026"]),
    )
    .expect("write");
    let refreshed = ok(terrain(
        &db,
        &["refresh", "--folder", drop.to_str().expect("utf-8 path")],
    ));

    assert!(
        refreshed.contains("activity-april.csv: Signals, 3 rows read, 3 imported"),
        "{refreshed}"
    );
    assert_eq!(signal_count(&db), 5);
    let days = day_of_signals(&db);
    assert!(
        days.contains(&"2026-04-07".to_string()),
        "read day-first: {days:?}"
    );
}

/// The days of the workspace's signals, in order.
fn day_of_signals(db: &Path) -> Vec<String> {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let workspace = terrain::Workspace::open(db).await.expect("open");
        let days: Vec<String> = sqlx::query_scalar("SELECT day FROM signals ORDER BY day")
            .fetch_all(workspace.store().pool())
            .await
            .expect("days");
        workspace.close().await;
        days
    })
}

#[test]
fn refresh_without_a_folder_says_how_to_set_one() {
    let dir = tempfile::tempdir().expect("dir");
    let output = terrain(&dir.path().join("w.terrain"), &["refresh"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("refresh --folder DIR"), "{stderr}");
}

#[test]
fn changes_writes_the_plans_owner_changes_as_a_salesforce_csv_for_a_csv_name() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("w.terrain");
    let drop = small_book(dir.path(), &db);
    std::fs::write(drop.join("signals.csv"), signals_sheet()).expect("signals");
    ok(terrain(
        &db,
        &["refresh", "--folder", drop.to_str().expect("utf-8 path")],
    ));
    let assigned = ok(terrain(&db, &["assign"]));
    // "Plan of ...: N moves; M accounts in books, P in the pool"
    let in_books: usize = assigned
        .split("; ")
        .nth(1)
        .and_then(|part| part.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the count of accounts in books");
    assert!(in_books > 0, "{assigned}");

    let out = dir.path().join("owners.csv");
    let written = ok(terrain(
        &db,
        &["changes", out.to_str().expect("utf-8 path")],
    ));
    assert!(
        written.starts_with(&format!("wrote {in_books} accounts to")),
        "{written}"
    );
    let file = std::fs::read_to_string(&out).expect("the change-set");
    let mut lines = file.lines();
    assert_eq!(lines.next(), Some("Id,OwnerId"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), in_books);
    assert!(rows
        .iter()
        .all(|r| r.ends_with(",005A") || r.ends_with(",005B")));

    let both = terrain(
        &db,
        &[
            "changes",
            "x.csv",
            "--since",
            "2026-01-01",
            "--since-plan",
            "1",
        ],
    );
    assert!(!both.status.success());
}

#[test]
fn a_missing_file_is_named_and_not_blamed_on_its_kind() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("w.terrain");
    let missing = dir.path().join("signals-week-49.csv");
    let output = terrain(
        &db,
        &[
            "import",
            missing.to_str().expect("utf-8 path"),
            "--kind",
            "signals",
        ],
    );
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("signals-week-49.csv: cannot read the file"),
        "{message}"
    );
    assert!(message.contains("nothing was imported"), "{message}");
    assert!(!message.contains("--kind"), "{message}");
}

#[test]
fn merges_lists_lookalike_accounts_and_merges_a_group_on_accept() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("w.terrain");
    let sheet = dir.path().join("accounts.csv");
    std::fs::write(
        &sheet,
        "Account Name,Website\nAcme Corporation,acme.example\n\
         ACME Corporation ,https://www.acme.example/\nAcme Corp.,acme.example\n\
         Acme Corporation Japan,acme.example.jp\n",
    )
    .expect("accounts");
    ok(terrain(
        &db,
        &["import", sheet.to_str().expect("utf-8 path")],
    ));

    let listed = ok(terrain(&db, &["merges"]));
    assert!(
        listed.contains("1 group of accounts that look like one company"),
        "{listed}"
    );
    assert!(listed.contains("https://www.acme.example/"), "{listed}");
    assert!(!listed.contains("Japan"), "{listed}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(terrain(&db, &["merges", "--json"]))).expect("merges json");
    let id = json[0]["id"].as_i64().expect("a proposal id").to_string();
    assert_eq!(json[0]["accounts"].as_array().map(Vec::len), Some(3));

    let merged = ok(terrain(&db, &["merges", "--accept", &id]));
    assert!(
        merged.starts_with("merged 2 accounts into Acme Corporation"),
        "{merged}"
    );
    assert!(ok(terrain(&db, &["merges"])).contains("no accounts look like duplicates"));

    let again = terrain(&db, &["merges", "--accept", &id]);
    assert!(!again.status.success());
    let message = String::from_utf8_lossy(&again.stderr);
    assert!(message.contains("answered already"), "{message}");
    let unknown = terrain(&db, &["merges", "--reject", "99"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no merge proposal 99"));
}

#[test]
fn a_workspace_from_a_newer_terrain_is_refused_naming_the_file_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("from the future.terrain");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../terrain-store/tests/fixtures/schema/from-a-newer-terrain.terrain"),
        &db,
    )
    .expect("copy the fixture");
    let bytes = std::fs::read(&db).expect("read");

    // `undo` would write, so it shows that nothing was.
    let output = terrain(&db, &["undo"]);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains(&db.display().to_string()), "{message}");
    assert!(message.contains("newer version of Terrain"), "{message}");
    assert!(message.contains("update Terrain"), "{message}");
    assert!(std::fs::read(&db).expect("read again") == bytes);
}

#[test]
fn backup_lists_and_restores_copies_by_name_and_warns_on_a_damaged_workspace() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("w.terrain");
    ok(terrain(
        &db,
        &["import", &maven("sales_teams.csv").display().to_string()],
    ));
    let made = ok(terrain(&db, &["backup"]));
    assert!(made.starts_with("backed up and verified: "), "{made}");

    let listed: serde_json::Value =
        serde_json::from_str(&ok(terrain(&db, &["backups", "--json"]))).expect("json");
    let reasons: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|b| b["reason"].as_str().expect("reason"))
        .collect();
    assert_eq!(
        reasons,
        [
            "made by hand",
            "before importing sales_teams.csv",
            "daily copy"
        ],
        "newest first"
    );
    let before_import = listed[1]["name"].as_str().expect("name").to_string();

    // Damage the workspace: the CLI still runs, read-only, and says what to do.
    std::fs::write(&db, b"not a workspace at all, just some bytes of text").expect("damage");
    let refused = terrain(&db, &["assign"]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("is damaged"), "{stderr}");
    assert!(stderr.contains("terrain restore"), "{stderr}");

    let restored = ok(terrain(&db, &["restore", &before_import]));
    assert!(restored.contains("restored "), "{restored}");
    assert!(
        restored.contains("-damaged.terrain"),
        "the damaged file is kept: {restored}"
    );
    let summary = ok(terrain(&db, &["backups"]));
    assert!(summary.contains("kept, not restorable"), "{summary}");
}
