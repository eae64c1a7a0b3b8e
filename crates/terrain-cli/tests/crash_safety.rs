//! Crash safety, tested by killing: `terrain` is run on a copy of a workspace and killed with
//! SIGKILL after a random delay, over and over, for each action that writes a lot at once
//! (an import, a plan's activation, a review applied, an undo, a schema migration). After
//! every kill the file must pass SQLite's integrity check and hold exactly the contents from
//! before the action or exactly those after it (each measured once by running the action to
//! the end on another copy), every backup copy beside it must be whole (the workspace as it
//! was before or after), and an import run again must land the same rows as one import:
//! nothing twice.
//!
//! It kills processes and takes a while, so it runs only when asked: `make test` runs
//! `CRASH_TRIALS` (20) kills per action, `make reliability` 250:
//!
//! `TERRAIN_CRASH_TRIALS=250 cargo test -p terrain-cli --test crash_safety -- --ignored --nocapture`
//!
//! `TERRAIN_CRASH_SEED` replays a run (each run prints its seed); `TERRAIN_CRASH_ONLY=undo`
//! (a comma-separated list) runs some of the actions; `TERRAIN_CRASH_KEEP=1` keeps the
//! workspaces for a look afterwards.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::migrate::{Migrate, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{ConnectOptions, Connection};
use support::{binary, contents, copy_workspace, integrity, ok, use_copy_in, write_book, Contents};

/// The migrations as this build knows them; the migration trials start from a file made by
/// the first of them only, as the first release of Terrain wrote it.
static MIGRATOR: Migrator = sqlx::migrate!("../terrain-store/migrations");

/// Accounts in the generated workspace: enough that each action spends most of its time
/// writing, few enough that 100 kills and their checks fit in `make test`.
const ACCOUNTS: usize = 1_000;

struct Action {
    name: &'static str,
    /// The workspace the action starts from; closed, never written by a trial.
    base: PathBuf,
    args: Vec<String>,
    before: Contents,
    after: Contents,
    /// For an import: the contents after importing the same files a second time.
    after_twice: Option<Contents>,
    duration: Duration,
}

#[derive(Default)]
struct Tally {
    killed_before: u32,
    killed_after: u32,
    /// Kills that left writes beside the file (WAL frames or a rollback journal) and yet the
    /// contents from before: killed inside the action's transaction. A lower bound: SQLite
    /// holds a transaction's pages in its cache until the commit when they fit, so most kills
    /// inside one leave no trace at all.
    rolled_back: u32,
    finished: u32,
    corrupt: u32,
    mixed: u32,
    duplicated: u32,
    bad_backups: u32,
    backups_checked: u32,
    leftovers: u32,
    /// The leftovers' names with digits blurred, to say what they are.
    leftover_kinds: std::collections::BTreeSet<String>,
    failures: Vec<String>,
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Runs `args` on a fresh copy of `base` to the end, twice: the longer time, and the contents,
/// which must be the same both times (or the before/after comparison means nothing).
fn reference(
    rt: &tokio::runtime::Runtime,
    dir: &Path,
    base: &Path,
    args: &[String],
) -> (Duration, Contents) {
    let mut times = Vec::new();
    let mut first: Option<Contents> = None;
    for run in 0..2 {
        let copy = dir.join(format!("reference-{run}.terrain"));
        copy_workspace(base, &copy);
        let started = Instant::now();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(&copy, &args);
        times.push(started.elapsed());
        let after = rt.block_on(contents(&copy));
        match &first {
            None => first = Some(after),
            Some(first) => assert_eq!(
                first,
                &after,
                "terrain {} gives different contents on two runs: {:?}",
                args.join(" "),
                first.differences(&after)
            ),
        }
    }
    let longest = times.into_iter().max().expect("two runs");
    (longest, first.expect("two runs"))
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A workspace file as the first release wrote it (the first migration only), holding a
/// few thousand accounts with opportunities, signals and their weekly rollups, scores, an
/// active plan and its journal: every later migration has rows to rewrite.
async fn first_release_workspace(path: &Path) {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .connect()
        .await
        .expect("create the old workspace");
    conn.ensure_migrations_table()
        .await
        .expect("migrations table");
    let first = MIGRATOR.iter().next().expect("the first migration");
    conn.apply(first).await.expect("the first migration");
    let accounts = ACCOUNTS * 2;
    let sql = format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)
         INSERT INTO reps (id, name, team, region) SELECT i, 'Rep ' || i, 'Team ' || (i % 3),
             'Region ' || (i % 2) FROM n;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {accounts})
         INSERT INTO accounts (id, key, name, industry, employees, revenue, country, owner_name)
         SELECT i, printf('ACC-%06d', i), 'Company ' || i, 'Industry ' || (i % 7), 10 + i % 900,
             1000.0 * i, 'US', 'Rep ' || (1 + i % 12) FROM n;
         -- Salesforce ids in their 18-character form, which a later migration shortens.
         INSERT INTO accounts (key, name) VALUES ('0015g00000AbCdEAAV', 'Salesforce One'),
             ('0015g00000XyZaBAAV', 'Salesforce Two');
         INSERT INTO opportunities (key, account_id, owner_name, rep_id, stage, outcome, amount,
             created, closed)
         SELECT 'OPP-' || id, id, 'Rep ' || (1 + id % 12), 1 + id % 12,
             CASE id % 3 WHEN 0 THEN 'Closed Won' WHEN 1 THEN 'Closed Lost' ELSE 'Qualify' END,
             CASE id % 3 WHEN 0 THEN 'won' WHEN 1 THEN 'lost' ELSE 'open' END,
             500.0 + id, date('2026-01-01', '+' || (id % 200) || ' days'),
             CASE WHEN id % 3 < 2 THEN date('2026-06-01', '+' || (id % 150) || ' days') END
         FROM accounts;
         WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 9)
         INSERT INTO signals (account_id, day, kind, topic, strength)
         SELECT id, date('2026-09-01', '+' || ((id * 7 + j * 11) % 90) || ' days'),
             CASE j % 3 WHEN 0 THEN 'web_visit' WHEN 1 THEN 'email_open' ELSE 'meeting' END,
             CASE WHEN j % 4 = 0 THEN 'topic ' || (id % 5) END,
             CASE WHEN j % 5 = 0 THEN 0.5 END
         FROM accounts, k;
         INSERT INTO signal_weeks (account_id, week, kind, events, strength)
         SELECT account_id,
             date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days'),
             kind, count(*), ifnull(sum(strength), 0)
         FROM signals GROUP BY 1, 2, 3;
         INSERT INTO scores (account_id, as_of, fit, engagement, intent, readiness, potential,
             stage, reasons)
         SELECT id, '2026-11-30', 0.5, 0.4, 0.3, (id % 100) / 100.0, 1000.0 + id, 'aware', '[]'
         FROM accounts;
         INSERT INTO plans (id, name, status, effective, created_at)
         VALUES (1, 'Plan of 2026-11-30', 'active', '2026-11-30', '2026-11-30T09:00:00Z');
         INSERT INTO assignments (plan_id, account_id, rep_id, reason)
         SELECT 1, id, CASE WHEN id % 5 = 0 THEN NULL ELSE 1 + id % 12 END, 'balanced'
         FROM accounts;
         INSERT INTO journal (at, plan_id, action, label, changes)
         VALUES ('2026-11-30T09:05:00Z', 1, 'move', 'move Company 7',
             '[{{\"account_id\":7,\"from_rep\":8,\"to_rep\":2,\"from_locked\":false,\
             \"to_locked\":false}}]');
         INSERT INTO settings (key, value) VALUES ('default_capacity', '400');"
    );
    sqlx::raw_sql(&sql)
        .execute(&mut conn)
        .await
        .expect("fill the old workspace");
    conn.close().await.expect("close the old workspace");
}

/// Builds every action's starting workspace in `dir`, and runs each action to the end to
/// learn its contents before and after, and how long it takes.
fn prepare(rt: &tokio::runtime::Runtime, dir: &Path, only: &[String]) -> Vec<Action> {
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let sheets = dir.join("sheets");
    std::fs::create_dir_all(&sheets).expect("sheets folder");
    let book = write_book(&sheets, "book", 0, ACCOUNTS, 4, 12);
    // Half the accounts again, changed, and as many new ones, with their deals and activity.
    let update = write_book(&sheets, "update", ACCOUNTS / 2, ACCOUNTS, 3, 12);

    let planned = dir.join("planned.terrain");
    let mut import_all = vec!["import".to_string()];
    import_all.extend(book.paths());
    let import_all: Vec<&str> = import_all.iter().map(String::as_str).collect();
    ok(&planned, &import_all);
    ok(&planned, &["score"]);
    ok(&planned, &["assign"]);

    let mut bases: Vec<(&'static str, PathBuf, Vec<String>)> = Vec::new();
    if wanted("import") {
        let mut import = args(&["import"]);
        import.extend(update.paths());
        bases.push(("import", planned.clone(), import));
    }
    if wanted("activation") || wanted("undo") {
        let drafted = dir.join("drafted.terrain");
        copy_workspace(&planned, &drafted);
        ok(&drafted, &["realign", "--effective", "2027-01-01"]);
        if wanted("activation") {
            bases.push(("activation", drafted.clone(), args(&["activate"])));
        }
        if wanted("undo") {
            let activated = dir.join("activated.terrain");
            copy_workspace(&drafted, &activated);
            ok(&activated, &["activate"]);
            bases.push(("undo", activated, args(&["undo"])));
        }
    }
    if wanted("review") {
        // Fresh activity on accounts waiting in the pool, rescored: the review has moves to
        // propose.
        let reviewed = dir.join("reviewed.terrain");
        copy_workspace(&planned, &reviewed);
        let surge = write_book(&sheets, "surge", 0, ACCOUNTS, 6, 12);
        ok(&reviewed, &["import", &surge.signals.display().to_string()]);
        ok(&reviewed, &["score"]);
        bases.push(("review", reviewed, args(&["review", "--apply"])));
    }
    if wanted("migration") {
        let old = dir.join("first-release.terrain");
        rt.block_on(first_release_workspace(&old));
        // Any command opens the workspace, and opening migrates it; this one writes nothing.
        bases.push(("migration", old, args(&["metrics", "--json"])));
    }

    let references = dir.join("references");
    bases
        .into_iter()
        .map(|(name, base, args)| {
            let folder = references.join(name);
            std::fs::create_dir_all(&folder).expect("references folder");
            let before = rt.block_on(contents(&base));
            let (duration, after) = reference(rt, &folder, &base, &args);
            assert_ne!(
                before,
                after,
                "terrain {} changed nothing, so killing it would prove nothing",
                args.join(" ")
            );
            let after_twice = (name == "import").then(|| {
                let again = folder.join("reference-0.terrain");
                let list: Vec<&str> = args.iter().map(String::as_str).collect();
                ok(&again, &list);
                let twice = rt.block_on(contents(&again));
                let once = after.without(&["imports"]);
                assert_eq!(
                    twice.without(&["imports"]),
                    once,
                    "importing the same files twice adds rows: {:?}",
                    twice.differences(&after)
                );
                twice
            });
            Action {
                name,
                base,
                args,
                before,
                after,
                after_twice,
                duration,
            }
        })
        .collect()
}

/// The files a trial left beside its workspace, other than the workspace's own.
fn side_files(dir: &Path, workspace: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("list the trial folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let own = [
                workspace.to_path_buf(),
                PathBuf::from(format!("{}-wal", workspace.display())),
                PathBuf::from(format!("{}-shm", workspace.display())),
            ];
            if !own.contains(&path) {
                found.push(path);
            }
        }
    }
    found
}

/// Whether a file is a finished backup copy (`.terrain`, `.bak`) rather than a temporary one.
fn is_backup(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (name.ends_with(".terrain") || name.ends_with(".bak")) && !name.starts_with('.')
}

fn trial(
    rt: &tokio::runtime::Runtime,
    action: &Action,
    dir: &Path,
    delay: Duration,
    tally: &mut Tally,
) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("trial folder");
    let db = dir.join("workspace.terrain");
    copy_workspace(&action.base, &db);
    let mut child = Command::new(binary())
        .arg("--db")
        .arg(&db)
        .args(&action.args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start terrain");
    std::thread::sleep(delay);
    let killed = match child.try_wait().expect("poll terrain") {
        Some(status) => {
            if !status.success() {
                let output = child.wait_with_output().expect("terrain's output");
                tally.failures.push(format!(
                    "{} failed by itself: {}",
                    action.name,
                    String::from_utf8_lossy(&output.stderr)
                ));
                return;
            }
            false
        }
        None => {
            child.kill().expect("kill terrain");
            child.wait().expect("reap terrain");
            true
        }
    };
    let what = format!("{} killed after {delay:?}", action.name);
    let side_size = |suffix: &str| {
        std::fs::metadata(format!("{}{suffix}", db.display())).map_or(0, |m| m.len())
    };
    let uncommitted = side_size("-wal") > 0 || side_size("-journal") > 0;

    let verdict = rt.block_on(integrity(&db));
    if verdict != "ok" {
        tally.corrupt += 1;
        tally
            .failures
            .push(format!("{what}: integrity check: {verdict}"));
        return;
    }
    let found = rt.block_on(contents(&db));
    if found == action.before && killed {
        tally.killed_before += 1;
        if uncommitted {
            tally.rolled_back += 1;
        }
    } else if found == action.after {
        if killed {
            tally.killed_after += 1;
        } else {
            tally.finished += 1;
        }
    } else {
        tally.mixed += 1;
        tally.failures.push(format!(
            "{what}: neither before nor after; differs from before in {:?} and from after in {:?}",
            found.differences(&action.before),
            found.differences(&action.after)
        ));
        return;
    }

    // A copy taken before the action must be the whole of what was there before it; one
    // taken after it (the day's first copy, once a migrated file passed its check) the whole
    // of what was there after.
    for file in side_files(dir, &db) {
        if !is_backup(&file) {
            tally.leftovers += 1;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            tally.leftover_kinds.insert(
                name.unwrap_or_default()
                    .chars()
                    .map(|c| if c.is_ascii_digit() { '#' } else { c })
                    .collect(),
            );
            continue;
        }
        tally.backups_checked += 1;
        let verdict = rt.block_on(integrity(&file));
        let whole = verdict == "ok" && {
            let copy = rt.block_on(contents(&file));
            copy == action.before || copy == action.after
        };
        if !whole {
            tally.bad_backups += 1;
            tally.failures.push(format!(
                "{what}: the backup {} is not the workspace as it was before or after ({verdict})",
                file.display()
            ));
        }
    }

    if let Some(twice) = &action.after_twice {
        let list: Vec<&str> = action.args.iter().map(String::as_str).collect();
        ok(&db, &list);
        let again = rt.block_on(contents(&db));
        // The log of imports has one line per run; everything else must be as after one.
        let expected = if found == action.before {
            &action.after
        } else {
            twice
        };
        if &again != expected {
            tally.duplicated += 1;
            tally.failures.push(format!(
                "{what}: importing again differs from one import in {:?}",
                again.differences(&action.after)
            ));
        }
    }
}

#[test]
#[ignore = "kills processes for a while: run by `make test` (crash-test) and `make reliability`"]
fn killing_terrain_anywhere_leaves_each_workspace_as_before_or_after_its_action() {
    let trials: u32 = std::env::var("TERRAIN_CRASH_TRIALS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("TERRAIN_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    let only: Vec<String> = std::env::var("TERRAIN_CRASH_ONLY")
        .map(|o| o.split(',').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    let mut rng = fastrand::Rng::with_seed(seed);
    let rt = runtime();
    let dir = tempfile::Builder::new()
        .prefix("terrain-crash-")
        .tempdir()
        .expect("a scratch folder");
    use_copy_in(dir.path());
    let started = Instant::now();
    let actions = prepare(&rt, dir.path(), &only);
    println!(
        "crash safety: seed {seed}, {trials} kills per action; set up in {:.1?}",
        started.elapsed()
    );

    let mut failures = Vec::new();
    for action in &actions {
        let started = Instant::now();
        let mut tally = Tally::default();
        let window = action.duration.as_micros() as u64;
        for t in 0..trials {
            // One kill in ten lands in the first few milliseconds, while the process starts
            // and opens the file; the rest anywhere in the action's measured time.
            let micros = if t % 10 == 0 {
                rng.u64(0..=5_000)
            } else {
                rng.u64(0..=window)
            };
            let folder = dir.path().join("trial");
            trial(
                &rt,
                action,
                &folder,
                Duration::from_micros(micros),
                &mut tally,
            );
        }
        println!(
            "{:<10} takes {:>6.0?}; {trials} trials in {:>5.1?}: killed {} (left before {}, \
             at least {} of them inside its transaction; after {}), finished first {}; \
             corrupt {}, \
             mixed {}, duplicated {}, backups \
             checked {} (bad {}), leftover temporary files {} {:?}",
            action.name,
            action.duration,
            started.elapsed(),
            tally.killed_before + tally.killed_after,
            tally.killed_before,
            tally.rolled_back,
            tally.killed_after,
            tally.finished,
            tally.corrupt,
            tally.mixed,
            tally.duplicated,
            tally.backups_checked,
            tally.bad_backups,
            tally.leftovers,
            tally.leftover_kinds
        );
        failures.extend(tally.failures);
    }
    if std::env::var_os("TERRAIN_CRASH_KEEP").is_some() {
        println!("kept the workspaces in {}", dir.keep().display());
    }
    assert!(
        failures.is_empty(),
        "seed {seed}: {} failed trials:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
