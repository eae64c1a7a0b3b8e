//! What the crash and disk-full tests share: the `terrain` command, generated CRM sheets, and
//! an outside look at a workspace file (SQLite's integrity check and a digest of its contents)
//! that opens the file with plain SQLite, never through Terrain's own code.

#![allow(dead_code)] // Each test file uses its own part of this module.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection};

pub const TERRAIN: &str = env!("CARGO_BIN_EXE_terrain");

static BINARY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Runs a copy of the binary from now on: a long run must test one build throughout, though
/// another build of the workspace replaces `target/debug/terrain` meanwhile.
pub fn use_copy_in(dir: &Path) -> &'static Path {
    BINARY.get_or_init(|| {
        let copy = dir.join("terrain");
        std::fs::copy(TERRAIN, &copy).expect("copy the terrain binary");
        copy
    })
}

/// The binary under test.
pub fn binary() -> &'static Path {
    BINARY.get().map_or(Path::new(TERRAIN), PathBuf::as_path)
}

/// `terrain --db DB ARGS…`, run to the end.
pub fn terrain(db: &Path, args: &[&str]) -> Output {
    Command::new(binary())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run terrain")
}

/// Runs `terrain` and fails the test, with its error, unless it succeeds.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let output = terrain(db, args);
    assert!(
        output.status.success(),
        "terrain {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A workspace's contents, table by table: what a user could see change. Columns that only
/// say when something happened (`at`, `…_at`, `installed_on`) and how long a migration took
/// are left out, so that the same action run twice, a second apart, gives the same digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// The schema (every table, index and trigger's SQL), then one digest per table.
    pub tables: BTreeMap<String, (u64, u64)>,
}

impl Contents {
    /// The tables whose rows or digest differ from `other`'s, for a failure message.
    pub fn differences(&self, other: &Contents) -> Vec<String> {
        let names: std::collections::BTreeSet<&String> =
            self.tables.keys().chain(other.tables.keys()).collect();
        names
            .into_iter()
            .filter(|name| self.tables.get(*name) != other.tables.get(*name))
            .map(|name| {
                let rows = |c: &Contents| c.tables.get(name).map_or(-1, |t| t.0 as i64);
                format!("{name} ({} rows vs {})", rows(self), rows(other))
            })
            .collect()
    }

    /// The same contents without the listed tables.
    pub fn without(&self, tables: &[&str]) -> Contents {
        Contents {
            tables: self
                .tables
                .iter()
                .filter(|(name, _)| !tables.contains(&name.as_str()))
                .map(|(name, digest)| (name.clone(), *digest))
                .collect(),
        }
    }
}

fn volatile(column: &str) -> bool {
    column == "at"
        || column.ends_with("_at")
        || column == "installed_on"
        || column == "execution_time"
}

async fn connect(path: &Path) -> SqliteConnection {
    // Not read-only: a file left by a killed process may hold a WAL that the next opener has
    // to roll forward, which is exactly what Terrain's next run would do.
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
}

/// `PRAGMA integrity_check`'s verdict: `ok`, or what SQLite found wrong.
pub async fn integrity(path: &Path) -> String {
    let mut conn = connect(path).await;
    let verdict = match sqlx::query("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
    {
        Ok(rows) => rows
            .iter()
            .map(|r| r.get::<String, _>(0))
            .collect::<Vec<_>>()
            .join("; "),
        Err(e) => e.to_string(),
    };
    conn.close().await.ok();
    verdict
}

/// The digest of every table, index and row of the file at `path`.
pub async fn contents(path: &Path) -> Contents {
    let mut conn = connect(path).await;
    let mut tables = BTreeMap::new();
    let schema = sqlx::query(
        "SELECT type, name, ifnull(sql, '') FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("read the schema");
    let mut hasher = DefaultHasher::new();
    let mut names = Vec::new();
    for row in &schema {
        let (kind, name, sql): (String, String, String) = (row.get(0), row.get(1), row.get(2));
        (&kind, &name, &sql).hash(&mut hasher);
        if kind == "table" {
            names.push(name);
        }
    }
    tables.insert(
        "(schema)".to_string(),
        (schema.len() as u64, hasher.finish()),
    );
    for name in names {
        let columns: Vec<String> = sqlx::query(&format!("PRAGMA table_info(\"{name}\")"))
            .fetch_all(&mut conn)
            .await
            .expect("read the columns")
            .iter()
            .map(|r| r.get::<String, _>("name"))
            .filter(|c| !volatile(c))
            .collect();
        let row_text = if columns.is_empty() {
            "''".to_string()
        } else {
            columns
                .iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || '|' || ")
        };
        // Sorted here rather than in SQL, so that the order a table happens to store its
        // rows in (rowid, or a WITHOUT ROWID key) does not matter.
        let mut rows: Vec<String> =
            sqlx::query_scalar(&format!("SELECT {row_text} FROM \"{name}\""))
                .fetch_all(&mut conn)
                .await
                .expect("read the rows");
        rows.sort_unstable();
        let mut hasher = DefaultHasher::new();
        rows.hash(&mut hasher);
        tables.insert(name, (rows.len() as u64, hasher.finish()));
    }
    conn.close().await.ok();
    Contents { tables }
}

/// Copies a closed workspace (its file, and a WAL when one was left) to `to`.
pub fn copy_workspace(from: &Path, to: &Path) {
    std::fs::copy(from, to).expect("copy the workspace");
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", from.display()));
        let target = PathBuf::from(format!("{}{suffix}", to.display()));
        if side.exists() {
            std::fs::copy(&side, &target).expect("copy the WAL");
        } else {
            let _ = std::fs::remove_file(&target);
        }
    }
}

/// Sheets of a made-up CRM, written into `dir`.
pub struct Book {
    pub reps: PathBuf,
    pub accounts: PathBuf,
    pub opportunities: PathBuf,
    pub signals: PathBuf,
}

const INDUSTRIES: [&str; 6] = [
    "Software",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Finance",
    "Logistics",
];
const KINDS: [&str; 5] = [
    "Web Visit",
    "Email Click",
    "Meeting",
    "Form Fill",
    "Webinar",
];

pub fn rep_name(i: usize) -> String {
    format!("Rep {i:02}")
}

/// `accounts` accounts from `first` on, each with one opportunity and `signals_each` recent
/// activities, sold by `reps` reps; a second book with an overlapping range updates the
/// accounts both hold and adds the rest.
pub fn write_book(
    dir: &Path,
    tag: &str,
    first: usize,
    accounts: usize,
    signals_each: usize,
    reps: usize,
) -> Book {
    use std::fmt::Write;
    let today = chrono::Local::now().date_naive();
    let mut reps_csv = String::from("Rep Name,Team,Region,Capacity,User ID\n");
    for i in 0..reps {
        let _ = writeln!(
            reps_csv,
            "{},Team {},{},{},005R{i:05}",
            rep_name(i),
            i % 3,
            ["East", "West", "Central"][i % 3],
            accounts / reps + 40
        );
    }
    let mut accounts_csv =
        String::from("Account ID,Account Name,Industry,Employees,Annual Revenue,Country,Website\n");
    let mut opportunities_csv = String::from(
        "Opportunity ID,Account ID,Opportunity Owner,Stage,Amount,Created Date,Close Date\n",
    );
    let mut signals_csv = String::from("Account ID,Activity Date,Activity Type,Topic\n");
    for a in first..first + accounts {
        let tagged = a.wrapping_mul(2654435761) % 1000;
        let _ = writeln!(
            accounts_csv,
            "ACC-{a:06},Company {a} {tag} Ltd,{},{},{},{},company{a}.example",
            INDUSTRIES[a % INDUSTRIES.len()],
            50 + tagged * 7,
            100_000 + tagged * 9_000,
            ["US", "DE", "GB", "FR"][a % 4],
        );
        let (stage, closed) = match a % 4 {
            0 => (
                "Closed Won",
                Some(today - chrono::Days::new(10 + (a % 300) as u64)),
            ),
            1 => (
                "Closed Lost",
                Some(today - chrono::Days::new(5 + (a % 200) as u64)),
            ),
            _ => ("Prospecting", None),
        };
        let created = today - chrono::Days::new(120 + (a % 200) as u64);
        let _ = writeln!(
            opportunities_csv,
            "OPP-{a:06}-{tag},ACC-{a:06},{},{stage},{},{created},{}",
            rep_name(a % reps),
            1_000 + tagged * 40,
            closed.map(|d| d.to_string()).unwrap_or_default()
        );
        for s in 0..signals_each {
            let day = today - chrono::Days::new(((a * 7 + s * 13) % 80) as u64);
            let _ = writeln!(
                signals_csv,
                "ACC-{a:06},{day},{},topic {}",
                KINDS[(a + s) % KINDS.len()],
                (a + s) % 4
            );
        }
    }
    let write = |name: &str, text: &str| {
        let path = dir.join(format!("{tag}-{name}.csv"));
        std::fs::write(&path, text).expect("write a sheet");
        path
    };
    Book {
        reps: write("reps", &reps_csv),
        accounts: write("accounts", &accounts_csv),
        opportunities: write("opportunities", &opportunities_csv),
        signals: write("signals", &signals_csv),
    }
}

impl Book {
    pub fn paths(&self) -> Vec<String> {
        [
            &self.reps,
            &self.accounts,
            &self.opportunities,
            &self.signals,
        ]
        .iter()
        .map(|p| p.display().to_string())
        .collect()
    }
}
