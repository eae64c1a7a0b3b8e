//! The territory figures `terrain metrics --json` prints for the Maven files, checked against a
//! computation that shares no code with the product: the raw CSV read with the `csv` crate,
//! and the definitions of DESIGN.md applied by hand, overall and per region, team and rep.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn maven(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/maven-crm-sales-opportunities")
        .join(file)
}

#[derive(Default)]
struct Expected {
    won: u64,
    lost: u64,
    revenue: f64,
    days: Vec<f64>,
}

/// The `q` quantile with linear interpolation between the closest ranks (numpy's default).
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

fn days_between(from: &str, to: &str) -> f64 {
    let day = |s: &str| -> i64 {
        // Days since 2000-01-01 by hand, to stay independent of the product's date library.
        let parts: Vec<i64> = s
            .split('-')
            .map(|p| p.parse().expect("a date part"))
            .collect();
        let (y, m, d) = (parts[0], parts[1], parts[2]);
        let days_before_month = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let mut total = (2000..y)
            .map(|yy| if leap(yy) { 366 } else { 365 })
            .sum::<i64>();
        total += days_before_month[(m - 1) as usize] + d - 1;
        if m > 2 && leap(y) {
            total += 1;
        }
        total
    };
    (day(to) - day(from)) as f64
}

fn expected() -> BTreeMap<(String, String), Expected> {
    let mut team_of = BTreeMap::new();
    let mut teams = csv::Reader::from_path(maven("sales_teams.csv")).expect("sales_teams.csv");
    for row in teams.records() {
        let row = row.expect("a rep row");
        team_of.insert(row[0].to_string(), (row[1].to_string(), row[2].to_string()));
    }
    let mut groups: BTreeMap<(String, String), Expected> = BTreeMap::new();
    let mut pipeline = csv::Reader::from_path(maven("sales_pipeline.csv")).expect("pipeline");
    for row in pipeline.records() {
        let row = row.expect("a pipeline row");
        let (agent, stage, engaged, closed, value) = (&row[1], &row[4], &row[5], &row[6], &row[7]);
        let (team, region) = team_of
            .get(agent)
            .cloned()
            .expect("every agent is in sales_teams");
        let keys = [
            ("overall".to_string(), "Overall".to_string()),
            ("rep".to_string(), agent.to_string()),
            ("team".to_string(), team),
            ("region".to_string(), region),
        ];
        for key in keys {
            let group = groups.entry(key).or_default();
            match stage {
                "Won" => {
                    group.won += 1;
                    let amount: f64 = value.parse().unwrap_or(0.0);
                    if amount > 0.0 {
                        group.revenue += amount;
                    }
                    if !engaged.is_empty() && !closed.is_empty() {
                        group.days.push(days_between(engaged, closed));
                    }
                }
                "Lost" => group.lost += 1,
                _ => {}
            }
        }
    }
    groups
}

fn terrain_metrics() -> Value {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("maven.terrain");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_terrain"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("run terrain");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    };
    let files: Vec<String> = [
        "sales_teams.csv",
        "accounts.csv",
        "products.csv",
        "sales_pipeline.csv",
    ]
    .iter()
    .map(|f| maven(f).display().to_string())
    .collect();
    let mut import = vec!["import"];
    import.extend(files.iter().map(String::as_str));
    run(&import);
    run(&["score"]);
    run(&["assign"]);
    serde_json::from_slice(&run(&["metrics", "--json"])).expect("metrics json")
}

fn close(actual: &Value, expected: Option<f64>, what: &str) {
    match (actual.as_f64(), expected) {
        (Some(a), Some(e)) => assert!((a - e).abs() < 1e-9, "{what}: {a} against {e}"),
        (None, None) => assert!(actual.is_null(), "{what}: {actual} against nothing"),
        _ => panic!("{what}: {actual} against {expected:?}"),
    }
}

#[test]
fn maven_metrics_match_an_independent_computation_overall_and_per_region_team_and_rep() {
    let expected = expected();
    let metrics = terrain_metrics();
    let mut checked = 0;
    for (scope, name) in expected.keys() {
        let entry = match scope.as_str() {
            "overall" => metrics["overall"].clone(),
            group => metrics[format!("by_{group}")]
                .as_array()
                .and_then(|rows| rows.iter().find(|r| r["name"] == name.as_str()).cloned())
                .unwrap_or_else(|| panic!("no {group} entry named {name}")),
        };
        let e = &expected[&(scope.clone(), name.clone())];
        let what = format!("{scope} {name}");
        assert_eq!(entry["won"], e.won, "{what} won");
        assert_eq!(entry["lost"], e.lost, "{what} lost");
        let closed = e.won + e.lost;
        let rate = (closed > 0).then(|| e.won as f64 / closed as f64);
        close(
            &entry["conversion_rate"],
            rate,
            &format!("{what} conversion"),
        );
        close(
            &entry["won_revenue"],
            Some(e.revenue),
            &format!("{what} revenue"),
        );
        let mut days = e.days.clone();
        days.sort_by(f64::total_cmp);
        close(
            &entry["median_days_to_close"],
            quantile(&days, 0.5),
            &format!("{what} median"),
        );
        close(
            &entry["p75_days_to_close"],
            quantile(&days, 0.75),
            &format!("{what} p75"),
        );
        checked += 1;
    }
    // One overall, three regions, six teams and the thirty agents who have deals.
    assert_eq!(checked, 1 + 3 + 6 + 30);
    assert_eq!(metrics["overall"]["won"], 4238);
    assert_eq!(metrics["overall"]["lost"], 2473);
}
