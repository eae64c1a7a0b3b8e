//! Workspaces written by every earlier version of Terrain open in this one with their data
//! intact, and a workspace written by a newer Terrain is refused untouched.
//!
//! `tests/fixtures/schema/<version>.terrain` is a small workspace at each schema version, made
//! by applying the migrations up to that version and inserting data with SQL valid at it. They
//! are committed, so that a later change to a migration that has shipped (or to the code that
//! opens files) is measured against the files users have. `from-a-newer-terrain.terrain` is
//! the latest schema with one more migration recorded than this build knows. After adding a
//! migration, this writes the fixture of its version (existing fixtures are left as they are:
//! they stand for files already written; delete one to build it again):
//!
//! `cargo test -p terrain-store --test migrations -- --ignored regenerate`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sqlx::migrate::{Migrate, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection};
use terrain_store::{Error, Store};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

const SIGNAL_TOPICS: i64 = 20261204000000;
const REVIEW_BASELINE: i64 = 20261204100000;
const CRM_USER_IDS: i64 = 20261204200000;
const REFRESHED_FILES: i64 = 20261204210000;
const PLAN_ACTIVATION: i64 = 20261204300000;
const SALESFORCE_15: i64 = 20261205093000;
const SIGNAL_FINGERPRINTS: i64 = 20261205093100;
const ACCOUNT_MERGES: i64 = 20261205093200;
const IMPORT_SOURCES: i64 = 20261205100000;
const MATCH_KEYS: i64 = 20261205100100;

/// A version no build of Terrain has shipped yet.
const FUTURE: i64 = 99991231000000;
const NEWER_FIXTURE: &str = "from-a-newer-terrain.terrain";

/// The 18-character Salesforce ids in the fixtures whose case suffix matches: the
/// `salesforce_15_char_keys` migration keys them by their first fifteen characters.
const REDUCED_KEYS: [(&str, &str); 2] = [
    ("0015g00000AbCdEAAV", "0015g00000AbCdE"),
    ("0065g00000XyZaBAAV", "0065g00000XyZaB"),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema")
}

fn fixture(version: i64) -> PathBuf {
    fixtures().join(format!("{version}.terrain"))
}

fn versions() -> Vec<i64> {
    MIGRATOR.iter().map(|m| m.version).collect()
}

fn latest() -> i64 {
    versions()
        .into_iter()
        .max()
        .expect("at least one migration")
}

/// A plain connection that sets no journal mode, so reading a file changes nothing in it.
async fn raw(path: &Path) -> SqliteConnection {
    SqliteConnectOptions::new()
        .filename(path)
        .connect()
        .await
        .expect("open the file directly")
}

/// The file's own tables (not SQLite's) with their columns, in order.
async fn tables(conn: &mut SqliteConnection) -> BTreeMap<String, Vec<String>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("tables");
    let mut tables = BTreeMap::new();
    for name in names {
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
            .bind(&name)
            .fetch_all(&mut *conn)
            .await
            .expect("columns");
        tables.insert(name, columns);
    }
    tables
}

/// Every row of `select`, each value as SQLite quotes it: the text says the type (`1`, `1.0`
/// and `'1'` differ), so a value whose type changed counts as changed.
async fn rows(conn: &mut SqliteConnection, columns: usize, select: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = sqlx::query(select)
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{select}: {e}"))
        .iter()
        .map(|row| (0..columns).map(|i| row.get::<String, _>(i)).collect())
        .collect();
    rows.sort();
    rows
}

fn quoted(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("quote(\"{c}\")"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The data a fixture held at its version: each table's rows, read with only the columns it
/// had then, so the same query reads them after migrating.
async fn data_as_of(
    conn: &mut SqliteConnection,
    shape: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut data = BTreeMap::new();
    for (table, columns) in shape {
        let select = format!("SELECT {} FROM \"{table}\"", quoted(columns));
        data.insert(table.clone(), rows(conn, columns.len(), &select).await);
    }
    data
}

/// The same data read from the migrated file, where a migration reshaped it on purpose:
/// - `signal_weeks` before `signal_topics` held one rollup per account, week and kind; the
///   migration rebuilds it from the raw signals with a row per topic, so its per-kind sums
///   are what must be unchanged (the fixture's rollups agree with its signals, as an
///   import writes them).
/// - `_sqlx_migrations` gains the migrations applied since; the ones recorded before stay
///   as they were.
async fn data_after(
    conn: &mut SqliteConnection,
    version: i64,
    shape: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut data = BTreeMap::new();
    for (table, columns) in shape {
        let select = match table.as_str() {
            "signal_weeks" if version < SIGNAL_TOPICS => {
                "SELECT quote(account_id), quote(week), quote(kind), quote(sum(events)), \
                 quote(sum(strength)) FROM signal_weeks GROUP BY account_id, week, kind"
                    .to_string()
            }
            "_sqlx_migrations" => format!(
                "SELECT {} FROM _sqlx_migrations WHERE version <= {version}",
                quoted(columns)
            ),
            _ => format!("SELECT {} FROM \"{table}\"", quoted(columns)),
        };
        data.insert(table.clone(), rows(conn, columns.len(), &select).await);
    }
    data
}

/// What the data of a fixture at `version` must read as once migrated, besides the reshaping
/// `data_after` reads back: account and opportunity keys stored in the 18-character
/// Salesforce form are keyed by their 15 characters from `salesforce_15_char_keys` on, so
/// that an id re-imported in either form meets its record.
fn expected_after(
    version: i64,
    shape: &BTreeMap<String, Vec<String>>,
    mut data: BTreeMap<String, Vec<Vec<String>>>,
) -> BTreeMap<String, Vec<Vec<String>>> {
    if version < SALESFORCE_15 {
        for table in ["accounts", "opportunities"] {
            let key = shape[table]
                .iter()
                .position(|c| c == "key")
                .expect("a key column");
            let rows = data.get_mut(table).expect("the table");
            for row in rows.iter_mut() {
                if let Some((_, short)) = REDUCED_KEYS
                    .iter()
                    .find(|(long, _)| row[key] == format!("'{long}'"))
                {
                    row[key] = format!("'{short}'");
                }
            }
            rows.sort();
        }
    }
    data
}

/// The schema as SQLite keeps it, whitespace runs made one space.
async fn schema(conn: &mut SqliteConnection) -> Vec<(String, String, String)> {
    let rows = sqlx::query(
        "SELECT type, name, ifnull(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' \
         ORDER BY type, name",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("schema");
    rows.iter()
        .map(|r| {
            let sql: String = r.get(2);
            (
                r.get(0),
                r.get(1),
                sql.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect()
}

async fn fresh_schema() -> Vec<(String, String, String)> {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("fresh.terrain");
    Store::open(&path).await.expect("create").close().await;
    schema(&mut raw(&path).await).await
}

/// Files in `dir` and below, other than the workspace itself and SQLite's WAL and index.
fn other_files(dir: &Path, workspace: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(other_files(&path, workspace));
        } else {
            let name = path.to_string_lossy();
            let own = workspace.to_string_lossy();
            if name != own && name != format!("{own}-wal") && name != format!("{own}-shm") {
                found.push(path);
            }
        }
    }
    found
}

#[tokio::test]
async fn every_earlier_schema_has_a_fixture_workspace() {
    for version in versions() {
        assert!(
            fixture(version).exists(),
            "no fixture workspace at schema {version}: run `cargo test -p terrain-store --test \
             migrations -- --ignored regenerate`"
        );
    }
}

#[tokio::test]
async fn a_workspace_of_every_earlier_schema_migrates_to_the_latest_with_its_data_unchanged() {
    let fresh = fresh_schema().await;
    for version in versions() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("workspace.terrain");
        std::fs::copy(fixture(version), &path).expect("copy the fixture");

        let mut before = raw(&path).await;
        let shape = tables(&mut before).await;
        let data = data_as_of(&mut before, &shape).await;
        before.close().await.expect("close");
        assert!(
            data["accounts"].len() >= 10 && data["journal"].len() >= 3,
            "the fixture at {version} holds data to check"
        );

        Store::open(&path)
            .await
            .unwrap_or_else(|e| panic!("the workspace at schema {version} opens: {e}"))
            .close()
            .await;

        let mut after = raw(&path).await;
        assert_eq!(
            schema(&mut after).await,
            fresh,
            "schema {version} migrated is the schema of a new workspace"
        );
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut after)
            .await
            .expect("integrity");
        assert_eq!(integrity, "ok", "schema {version}");
        let dangling = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut after)
            .await
            .expect("foreign keys");
        assert!(
            dangling.is_empty(),
            "schema {version}: no row points nowhere"
        );
        let migrated = data_after(&mut after, version, &shape).await;
        after.close().await.expect("close");
        let expected = expected_after(version, &shape, data.clone());
        for (table, rows) in &expected {
            assert_eq!(
                &migrated[table], rows,
                "schema {version}: the rows of {table} survive migration"
            );
        }

        // The migrated file is usable, not just readable: the last move undoes.
        let store = Store::open(&path).await.expect("opens again");
        let undone = store.undo().await.expect("undo").expect("an entry to undo");
        assert_eq!(
            undone.label, "move 1 account to Ben Okafor",
            "schema {version}"
        );
        let owner: Option<i64> = sqlx::query_scalar(
            "SELECT rep_id FROM assignments WHERE plan_id = 2 AND account_id = 1",
        )
        .fetch_one(store.pool())
        .await
        .expect("owner");
        assert_eq!(owner, Some(1), "schema {version}: Fernhill is Ana's again");
        store.close().await;

        // A copy from before was kept, holding the data as it was.
        let backups = other_files(dir.path(), &path);
        if version == latest() {
            assert!(
                backups.is_empty(),
                "nothing to migrate, no backup: {backups:?}"
            );
            continue;
        }
        let [backup] = backups.as_slice() else {
            panic!("schema {version}: one backup before migrating, found {backups:?}");
        };
        let mut copy = raw(backup).await;
        assert_eq!(
            data_as_of(&mut copy, &shape).await,
            data,
            "schema {version}: the backup holds the workspace as it was"
        );
        let newest: i64 = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
            .fetch_one(&mut copy)
            .await
            .expect("backup version");
        assert_eq!(newest, version, "the backup is at the old schema");
        copy.close().await.expect("close");
    }
}

#[tokio::test]
async fn a_workspace_written_by_a_newer_terrain_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("newer.terrain");
    std::fs::copy(fixtures().join(NEWER_FIXTURE), &path).expect("copy the fixture");
    let bytes = std::fs::read(&path).expect("read");

    let error = Store::open(&path).await.expect_err("refused");
    assert!(
        matches!(error, Error::NewerSchema { found: FUTURE, .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("newer version of Terrain"), "{message}");
    assert!(message.contains("update Terrain"), "{message}");

    assert!(
        std::fs::read(&path).expect("read again") == bytes,
        "the refused file is byte for byte as it was"
    );
    assert_eq!(
        other_files(dir.path(), &path),
        Vec::<PathBuf>::new(),
        "no backup of a file that was not migrated"
    );
}

/// Applies the migrations up to `version` to a new file at `path`, one by one as sqlx records
/// them, so the file is what that version of Terrain created.
async fn create_at(path: &Path, version: i64) -> SqliteConnection {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Delete)
        // Every table and index takes a page at least: 1 KiB pages keep the committed files
        // near 40 KB instead of 170 KB. Nothing in Terrain depends on the page size.
        .page_size(1024)
        .connect()
        .await
        .expect("create");
    conn.ensure_migrations_table().await.expect("table");
    for migration in MIGRATOR.iter().filter(|m| m.version <= version) {
        conn.apply(migration).await.expect("apply");
    }
    conn
}

/// The SQL that fills a workspace at `version` as a director's would be after a few weeks:
/// four reps (one inactive), accounts with custom fields, a CRM id in both Salesforce forms
/// and keys differing only in case, deals won, lost, open and without an account, a product
/// catalogue, signals with topics (two identical events among them) and their weekly
/// rollups, two score snapshots, three plans, assignments with locks and the pool, journal
/// entries done, undone and dropped, settings, and whatever the schema at `version` adds.
fn seed(version: i64) -> Vec<String> {
    let at = |v: i64| version >= v;
    let sf = |long: &str| -> String {
        if at(SALESFORCE_15) {
            long[..15].to_string()
        } else {
            long.to_string()
        }
    };
    let mut sql: Vec<String> = vec![
        "INSERT INTO reps (id, name, team, region, capacity, active, custom) VALUES
            (1, 'Ana Ortiz', 'Enterprise', 'West', 40, 1, '{\"Quota\":1200000.0}'),
            (2, 'Ben Okafor', 'Enterprise', 'West', NULL, 1, '{}'),
            (3, 'Chloé Nakamura', 'Mid-market', 'Central', 25, 1, '{}'),
            (4, 'Diego Ferreira', 'Mid-market', 'East', NULL, 0, '{\"Note\":\"on leave\"}')"
            .into(),
        format!(
            "INSERT INTO accounts (id, key, name, owner_name, industry, employees, revenue,
                country, state, region, outcome, custom) VALUES
            (1, '{}', 'Fernhill Analytics', 'Ana Ortiz', 'Software', 240, 31000000.5, 'US', 'CA',
                'West', 1, '{{\"Tier\":\"Gold\",\"Strategic\":true}}'),
            (2, '0015g00000QrStUAAQ', 'Quarry Logistics', 'Ben Okafor', 'Logistics', 1800, NULL,
                'US', 'TX', 'Central', 0, '{{}}'),
            (3, 'ACC-0003', 'Café Lumière SARL', NULL, 'Retail', 35, 2400000, 'FR', NULL,
                'EMEA', NULL, '{{}}'),
            (4, 'ACC-0004', 'Northwind Health', 'Ben Okafor', 'Healthcare', 1200, 98000000,
                'US', 'MA', 'East', 1, '{{}}'),
            (5, 'acc-0004', 'Northwind Health Clinic', NULL, 'Healthcare', NULL, NULL, 'US',
                'MA', 'East', NULL, '{{}}'),
            (6, 'ACC-0006', 'Birchwood Timber', 'Chloé Nakamura', 'Manufacturing', 410,
                15500000, 'US', 'OR', 'West', 0, '{{\"Tier\":\"Silver\"}}'),
            (7, 'ACC-0007', 'Birchwood Timber Holdings', NULL, 'Manufacturing', 95, NULL, 'US',
                'OR', 'West', NULL, '{{}}'),
            (8, 'ACC-0008', 'Kestrel Media', 'Diego Ferreira', 'Media', 60, 4100000, 'US', 'NY',
                'East', NULL, '{{}}'),
            (9, 'ACC-0009', 'Orchard & Vine Grocers', NULL, 'Retail', 5200, 740000000, 'US', 'IL',
                'Central', 1, '{{}}'),
            (10, 'ACC-0010', 'Tidewater Credit Union', 'Ana Ortiz', 'Finance', 300, NULL, 'US',
                'WA', 'West', NULL, '{{\"Renewal\":\"2027-03-31\"}}'),
            (11, 'ACC-0011', 'Zephyr Robotics', NULL, 'Software', 18, 900000, 'DE', NULL, 'EMEA',
                NULL, '{{}}'),
            (12, 'ACC-0012', 'Granite Peak Insurance', 'Chloé Nakamura', 'Finance', 2600,
                310000000, 'US', 'CO', 'West', 0, '{{}}')",
            sf("0015g00000AbCdEAAV")
        ),
        "INSERT INTO products (name, series, price) VALUES
            ('GTX Basic', 'GTX', 550), ('GTX Pro', 'GTX', 4821), ('MG Special', 'MG', 55)"
            .into(),
        format!(
            "INSERT INTO opportunities (id, key, account_id, account_text, owner_name, rep_id,
                product, stage, outcome, amount, created, closed, custom) VALUES
            (1, '{}', 1, 'Fernhill Analytics', 'Ana Ortiz', 1, 'GTX Pro', 'Closed Won', 'won',
                4821, '2026-03-02', '2026-04-20', '{{}}'),
            (2, 'OPP-0002', 1, 'Fernhill Analytics', 'Ana Ortiz', 1, 'GTX Basic', 'Negotiation',
                'open', 550, '2026-10-11', NULL, '{{\"Source\":\"Webinar\"}}'),
            (3, 'OPP-0003', 2, 'Quarry Logistics', 'Ben Okafor', 2, 'MG Special', 'Closed Lost',
                'lost', 55, '2026-01-15', '2026-02-01', '{{}}'),
            (4, 'OPP-0004', 4, 'Northwind Health', 'Ben Okafor', 2, 'GTX Pro', 'Closed Won',
                'won', 5200.75, '2025-11-30', '2026-01-09', '{{}}'),
            (5, 'OPP-0005', NULL, 'Some Prospect Ltd', 'Ben Okafor', 2, NULL, 'Prospecting',
                'open', NULL, '2026-11-20', NULL, '{{}}'),
            (6, 'OPP-0006', 9, 'Orchard & Vine Grocers', 'Former Rep', NULL, 'GTX Pro',
                'Closed Won', 'won', 9642, '2025-06-01', '2025-08-15', '{{}}'),
            (7, 'OPP-0007', 6, 'Birchwood Timber', 'Chloé Nakamura', 3, 'GTX Basic',
                'Closed Lost', 'lost', 550, '2026-05-05', '2026-07-01', '{{}}'),
            (8, 'OPP-0008', 12, 'Granite Peak Insurance', 'Chloé Nakamura', 3, 'GTX Pro',
                'Engaging', 'open', 4821, '2026-09-09', NULL, '{{}}')",
            sf("0065g00000XyZaBAAV")
        ),
    ];

    // Two identical web visits on one day are two events; from the fingerprints on they carry
    // ordinals 0 and 1, as an import of one file holding both writes them.
    let signals = [
        (1, 1, "2026-11-23", "web_visit", Some("pricing"), None, 0),
        (2, 1, "2026-11-23", "web_visit", Some("pricing"), None, 1),
        (3, 1, "2026-11-25", "email_open", None, None, 0),
        (
            4,
            1,
            "2026-11-30",
            "intent",
            Some("data platform"),
            Some("0.8"),
            0,
        ),
        (5, 4, "2026-11-16", "meeting", None, Some("1.0"), 0),
        (6, 4, "2026-11-18", "web_visit", Some("security"), None, 0),
        (7, 6, "2026-11-02", "email_open", None, None, 0),
        (
            8,
            9,
            "2026-11-24",
            "intent",
            Some("pricing"),
            Some("0.35"),
            0,
        ),
        (
            9,
            9,
            "2026-11-26",
            "intent",
            Some("security"),
            Some("0.5"),
            0,
        ),
        (10, 12, "2026-10-27", "web_visit", None, None, 0),
    ];
    let ordinal = at(SIGNAL_FINGERPRINTS);
    let values: Vec<String> = signals
        .iter()
        .map(|(id, account, day, kind, topic, strength, n)| {
            let topic = topic.map_or("NULL".into(), |t| format!("'{t}'"));
            let strength = strength.unwrap_or("NULL");
            if ordinal {
                format!("({id}, {account}, '{day}', '{kind}', {topic}, {strength}, {n})")
            } else {
                format!("({id}, {account}, '{day}', '{kind}', {topic}, {strength})")
            }
        })
        .collect();
    sql.push(format!(
        "INSERT INTO signals (id, account_id, day, kind, topic, strength{}) VALUES {}",
        if ordinal { ", ordinal" } else { "" },
        values.join(", ")
    ));
    // The weekly rollups as the import of that version writes them from the signals.
    let monday = "date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days')";
    sql.push(if at(SIGNAL_TOPICS) {
        format!(
            "INSERT INTO signal_weeks (account_id, week, kind, topic, events, strength)
             SELECT account_id, {monday}, kind, ifnull(topic, ''), count(*),
                    ifnull(sum(strength), 0)
             FROM signals GROUP BY 1, 2, 3, 4"
        )
    } else {
        format!(
            "INSERT INTO signal_weeks (account_id, week, kind, events, strength)
             SELECT account_id, {monday}, kind, count(*), ifnull(sum(strength), 0)
             FROM signals GROUP BY 1, 2, 3"
        )
    });

    sql.extend([
        "INSERT INTO imports (id, at, file, kind, rows, rejected) VALUES
            (1, '2026-11-02T08:14:09.120+00:00', 'reps.csv', 'reps', 4, 0),
            (2, '2026-11-02T08:14:09.120+00:00', 'Accounts Q4.xlsx', 'accounts', 13, 1),
            (3, '2026-11-02T08:14:09.120+00:00', 'pipeline.csv', 'opportunities', 8, 0),
            (4, '2026-12-01T07:00:02.5+00:00', 'activity-2026-11.csv', 'signals', 10, 0)"
            .to_string(),
        "INSERT INTO scores (account_id, as_of, fit, engagement, intent, readiness, potential,
            stage, reasons) VALUES
            (1, '2026-11-24', 0.71, 0.42, 0.3, 0.55, 0.61, 'engaged',
                '[{\"text\":\"Software, like 40% of won deals\",\"effect\":0.12}]'),
            (1, '2026-12-01', 0.71, 0.66, 0.8, 0.74, 0.61, 'ready',
                '[{\"text\":\"intent on data platform this week\",\"effect\":0.2}]'),
            (4, '2026-12-01', 0.64, 0.5, 0.0, 0.48, 0.9, 'engaged', '[]'),
            (9, '2026-12-01', 0.8, 0.1, 0.42, 0.39, 0.95, 'aware', '[]'),
            (12, '2026-12-01', 0.22, 0.05, 0.0, 0.08, 0.3, 'cold', '[]')"
            .into(),
        "INSERT INTO plans (id, name, status, effective, created_at) VALUES
            (1, 'Plan of 2026-11-02', 'archived', '2026-11-02', '2026-11-02T08:15:00+00:00'),
            (2, 'Plan of 2026-11-16', 'active', '2026-11-16', '2026-11-16T09:00:00+00:00'),
            (3, 'Q1 2027 draft', 'draft', '2027-01-01', '2026-12-01T10:30:00+00:00')"
            .into(),
        "INSERT INTO assignments (plan_id, account_id, rep_id, locked, reason) VALUES
            (1, 1, 1, 0, 'best fit for Ana Ortiz'),
            (1, 4, 2, 0, ''),
            (2, 1, 2, 1, 'moved by hand to Ben Okafor'),
            (2, 2, 2, 0, 'keeps its owner'),
            (2, 3, NULL, 0, 'pooled: below the readiness band'),
            (2, 4, 2, 0, 'keeps its owner'),
            (2, 6, 3, 1, 'moved by hand to Chloé Nakamura'),
            (2, 9, 1, 0, 'highest potential in the West'),
            (2, 10, 1, 0, 'keeps its owner'),
            (2, 12, 3, 0, 'keeps its owner'),
            (3, 1, 1, 0, ''),
            (3, 9, 3, 1, 'locked for the realignment')"
            .into(),
    ]);
    let change = |account: i64, from: &str, to: &str, from_locked: bool, reason: &str| {
        format!(
            "[{{\"account_id\":{account},\"from_rep\":{from},\"to_rep\":{to},\
             \"from_locked\":{from_locked},\"to_locked\":true,\"from_reason\":\"\",\
             \"to_reason\":\"{reason}\"}}]"
        )
    };
    let entries = [
        (
            2,
            "2026-11-16T09:05:00+00:00",
            "move",
            "move 1 account to Chloé Nakamura",
            change(6, "1", "3", false, "moved by hand to Chloé Nakamura"),
            "done",
        ),
        (
            3,
            "2026-11-17T14:00:00+00:00",
            "move",
            "move 1 account to Diego Ferreira",
            change(8, "null", "4", false, "moved by hand to Diego Ferreira"),
            "dropped",
        ),
        (
            4,
            "2026-11-20T11:42:10+00:00",
            "move",
            "move 1 account to Ben Okafor",
            change(1, "1", "2", false, "moved by hand to Ben Okafor"),
            "done",
        ),
        (
            5,
            "2026-11-20T11:43:00+00:00",
            "lock",
            "lock 1 account",
            change(12, "3", "3", false, "keeps its owner"),
            "undone",
        ),
    ];
    for (id, when, action, label, changes, state) in entries {
        sql.push(format!(
            "INSERT INTO journal (id, at, plan_id, action, label, changes, state) VALUES
                ({id}, '{when}', 2, '{action}', '{label}', '{changes}', '{state}')"
        ));
    }
    sql.push(
        "INSERT INTO settings (key, value) VALUES ('scores_as_of', '2026-12-01'),
            ('default_capacity', '30'), ('scoring_note', 'rules: 8 won deals of 11 closed')"
            .into(),
    );

    if at(REVIEW_BASELINE) {
        sql.extend([
            "INSERT INTO reviewed_scores (account_id, readiness) VALUES (1, 0.55), (4, 0.48),
                (9, 0.39)"
                .to_string(),
            "INSERT INTO review_rejections (account_id, readiness, rejected_on) VALUES
                (9, 0.39, '2026-11-30')"
                .into(),
        ]);
    }
    if at(CRM_USER_IDS) {
        sql.push(
            "UPDATE reps SET crm_user_id = CASE id WHEN 1 THEN '0055g00000AnaOrt'
                WHEN 2 THEN '0055g00000BenOka' END"
                .into(),
        );
    }
    if at(REFRESHED_FILES) {
        sql.push(
            "INSERT INTO refreshed_files (name, size, modified, imported_at) VALUES
                ('activity-2026-11.csv', 1834, '2026-12-01T06:59:41+00:00',
                 '2026-12-01T07:00:02.5+00:00')"
                .into(),
        );
    }
    if at(PLAN_ACTIVATION) {
        // The plan of 2026-11-16 replaced the first one through an activation, the entry
        // before the moves (their ids start at 2 for this).
        sql.push(
            "INSERT INTO journal (id, at, plan_id, action, label, changes, state, previous_plan)
             VALUES (1, '2026-11-16T08:59:00+00:00', 2, 'activate',
                'activate Plan of 2026-11-16', '[]', 'done', 1)"
                .into(),
        );
    }
    if at(ACCOUNT_MERGES) {
        sql.extend([
            "UPDATE accounts SET website = CASE id WHEN 1 THEN 'https://fernhill.example'
                WHEN 6 THEN 'birchwood.example' WHEN 7 THEN 'www.birchwood.example/holdings'
                WHEN 4 THEN 'northwindhealth.example' END"
                .to_string(),
            "INSERT INTO merge_proposals (id, proposed_at, reason, state, decided_at,
                kept_account) VALUES
                (1, '2026-11-02T08:14:09+00:00', 'same website birchwood.example', 'open',
                    NULL, NULL),
                (2, '2026-11-02T08:14:09+00:00', 'names alike: Northwind Health', 'kept_apart',
                    '2026-11-03T10:00:00+00:00', NULL),
                (3, '2026-11-02T08:14:09+00:00', 'names alike: Kestrel Media', 'merged',
                    '2026-11-03T10:01:00+00:00', 8)"
                .into(),
            "INSERT INTO merge_proposal_members (proposal_id, account_id) VALUES
                (1, 6), (1, 7), (2, 4), (2, 5), (3, 8)"
                .into(),
            "INSERT INTO merged_accounts (key, name, website, account_id, merged_at) VALUES
                ('ACC-0013', 'KESTREL MEDIA ', NULL, 8, '2026-11-03T10:01:00+00:00')"
                .into(),
        ]);
    }
    if at(IMPORT_SOURCES) {
        sql.push(
            "INSERT INTO import_sources (signature, settings, saved_at) VALUES
                ('account id|account name|industry|employees|owner',
                 '{\"kind\":\"accounts\",\"mapping\":{}}', '2026-11-02T08:14:00+00:00')"
                .into(),
        );
    }
    if at(MATCH_KEYS) {
        sql.push(
            "UPDATE accounts SET match_name = lower(name), match_domain = CASE id
                WHEN 6 THEN 'birchwood.example' WHEN 7 THEN 'birchwood.example' ELSE '' END"
                .into(),
        );
    }
    sql
}

/// Writes `path` at `version`, filled by `seed`, compacted, in rollback-journal mode so the
/// one file is the whole workspace.
async fn write_fixture(path: &Path, version: i64) {
    let _ = std::fs::remove_file(path);
    let mut conn = create_at(path, version).await;
    let mut tx = conn.begin().await.expect("begin");
    for statement in seed(version) {
        sqlx::query(&statement)
            .execute(&mut *tx)
            .await
            .unwrap_or_else(|e| panic!("at {version}: {statement}: {e}"));
    }
    tx.commit().await.expect("commit");
    sqlx::query("VACUUM")
        .execute(&mut conn)
        .await
        .expect("vacuum");
    conn.close().await.expect("close");
}

#[tokio::test]
#[ignore = "writes the committed fixtures missing; run after adding a migration"]
async fn regenerate() {
    std::fs::create_dir_all(fixtures()).expect("fixtures folder");
    for version in versions() {
        if !fixture(version).exists() {
            write_fixture(&fixture(version), version).await;
        }
    }
    let newer = fixtures().join(NEWER_FIXTURE);
    if newer.exists() {
        return;
    }
    write_fixture(&newer, latest()).await;
    let mut conn = raw(&newer).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum,
            execution_time)
         VALUES (?, 'a migration of a later Terrain', '2027-06-01 09:00:00', 1, x'00', 1)",
    )
    .bind(FUTURE)
    .execute(&mut conn)
    .await
    .expect("record a later migration");
    conn.close().await.expect("close");
}
