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
