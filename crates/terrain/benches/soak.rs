//! `make bench`: the soak test. 10,000 drags, each undone, on a 100,000-account workspace.
//!
//! A director drags accounts between books all day and undoes half of what they try, in one
//! long-running app. Every drag goes through `Workspace::move_accounts` (what the Tauri
//! command calls) and gets back the balance figures the board shows; every undo goes through
//! `Workspace::undo`. The workspace is a file on disk, as in the app, so SQLite's WAL, page
//! cache and the growing journal all take part.
//!
//! The bars: the process's resident memory after the run is at most 10% above what it was
//! after warming up (a leak shows as steady growth over 20,000 writes), and a drag's p95 stays
//! under 50 ms. Each is printed as met or NOT MET.
//!
//! `cargo bench -p terrain --bench soak`; `-- 1000` runs that many drags instead.

use std::path::Path;
use std::time::{Duration, Instant};

use terrain::views::MoveInput;
use terrain::Workspace;

mod support;
use support::{as_of, Book};

const ACCOUNTS: usize = 100_000;
const REPS: usize = 100;
const DRAGS: usize = 10_000;
const WARM_UP: usize = 200;
const GROWTH_BAR: f64 = 0.10;
const DRAG_P95_BAR: Duration = Duration::from_millis(50);

/// The resident set of this process in KiB, from `/proc/self/status`.
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// p50, p95, p99 and max of `times`, which it sorts.
fn spread(times: &mut [Duration]) -> [Duration; 4] {
    times.sort();
    let at = |q: usize| times[(times.len() * q / 100).min(times.len() - 1)];
    [at(50), at(95), at(99), times[times.len() - 1]]
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT MET"
    }
}

/// One drag of a random card to another rep and its undo; returns the two durations.
async fn drag_and_undo(
    workspace: &Workspace,
    rng: &mut fastrand::Rng,
    cards: &[(i64, i64)],
    reps: &[i64],
) -> Result<(Duration, Duration), String> {
    let (card, owner) = cards[rng.usize(0..cards.len())];
    let to = loop {
        let rep = reps[rng.usize(0..reps.len())];
        if rep != owner {
            break rep;
        }
    };
    let started = Instant::now();
    let moved = workspace
        .move_accounts(&MoveInput {
            account_ids: vec![card],
            to_rep: Some(to),
            draft: None,
        })
        .await
        .map_err(|e| format!("drag: {e}"))?;
    let drag = started.elapsed();
    if moved.moved != 1 || moved.balance.reps as usize != reps.len() {
        return Err(format!(
            "the drag of account {card} moved {} accounts and returned the balance of {} books",
            moved.moved, moved.balance.reps
        ));
    }
    let started = Instant::now();
    let history = workspace.undo().await.map_err(|e| format!("undo: {e}"))?;
    let undo = started.elapsed();
    if !history.can_redo {
        return Err(format!(
            "the undo of account {card}'s drag left nothing to redo"
        ));
    }
    Ok((drag, undo))
}

/// Set in the child process that builds the workspace file.
const BUILD_ENV: &str = "TERRAIN_SOAK_BUILD";

/// Writes the 100k-account workspace to `path`: imported, scored and planned.
async fn build(path: &Path) -> Result<(), String> {
    let workspace = Workspace::open(path).await.map_err(|e| e.to_string())?;
    let book = Book::new(ACCOUNTS, REPS);
    workspace
        .store()
        .import(&book.files())
        .await
        .map_err(|e| e.to_string())?;
    workspace
        .score(Some(as_of()))
        .await
        .map_err(|e| e.to_string())?;
    workspace.assign().await.map_err(|e| e.to_string())?;
    workspace.close().await;
    Ok(())
}

async fn soak(drags: usize) -> Result<(), String> {
    let dir = std::env::temp_dir().join("terrain-soak");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join("soak.terrain");

    // Built by a child process, so that the memory measured here is the app's working set
    // (the file opened, the board read once, drags and undos) and not what the allocator
    // kept from building 100k records.
    let started = Instant::now();
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let built = std::process::Command::new(exe)
        .env(BUILD_ENV, &path)
        .status()
        .map_err(|e| format!("cannot run the build: {e}"))?;
    if !built.success() {
        return Err(format!("building the workspace failed: {built}"));
    }
    println!(
        "built {}k accounts, {REPS} reps on disk in {:.1} s",
        ACCOUNTS / 1000,
        started.elapsed().as_secs_f64()
    );

    // Opened afresh, as the app opens the file the director works in.
    let workspace = Workspace::open(&path).await.map_err(|e| e.to_string())?;
    let board = workspace.board().await.map_err(|e| e.to_string())?;
    let reps: Vec<i64> = board.reps.iter().map(|r| r.id).collect();
    let cards: Vec<(i64, i64)> = board
        .reps
        .iter()
        .flat_map(|r| r.accounts.iter().map(move |c| (c.id, r.id)))
        .collect();
    drop(board);
    if reps.len() < 2 || cards.is_empty() {
        return Err("the plan placed no accounts with two reps".into());
    }

    let mut rng = fastrand::Rng::with_seed(3);
    for _ in 0..WARM_UP {
        drag_and_undo(&workspace, &mut rng, &cards, &reps).await?;
    }
    let rss_start = resident_kib().ok_or("no VmRSS in /proc/self/status")?;

    let started = Instant::now();
    let mut drag_times = Vec::with_capacity(drags);
    let mut undo_times = Vec::with_capacity(drags);
    for _ in 0..drags {
        let (drag, undo) = drag_and_undo(&workspace, &mut rng, &cards, &reps).await?;
        drag_times.push(drag);
        undo_times.push(undo);
    }
    let total = started.elapsed();
    let rss_end = resident_kib().ok_or("no VmRSS in /proc/self/status")?;
    // The totals the drags and undos shifted 20,000 times, against every book summed afresh
    // by a second handle on the file, which has no cache.
    let kept = workspace.balance().await.map_err(|e| e.to_string())?;
    let second = Workspace::open(&path).await.map_err(|e| e.to_string())?;
    let summed = second.balance().await.map_err(|e| e.to_string())?;
    second.close().await;
    workspace.close().await;
    let agrees = (kept.assigned, kept.pooled) == (summed.assigned, summed.pooled)
        && (kept.total_expected_value - summed.total_expected_value).abs()
            <= 1e-9 * summed.total_expected_value.abs().max(1.0)
        && (kept.cv_expected_value - summed.cv_expected_value).abs() < 1e-9;
    let _ = std::fs::remove_dir_all(&dir);

    println!(
        "{drags} drags and {drags} undos in {:.1} s ({WARM_UP} of each to warm up first)",
        total.as_secs_f64()
    );
    // A cost that grows with the journal shows as later drags slower than the first.
    let tenth = (drags / 10).max(1);
    let first = spread(&mut drag_times[..tenth].to_vec())[0];
    let last = spread(&mut drag_times[drags - tenth..].to_vec())[0];
    println!(
        "drag p50 over the first {tenth}: {:.2} ms, over the last {tenth}: {:.2} ms",
        ms(first),
        ms(last)
    );
    let drag = spread(&mut drag_times);
    let undo = spread(&mut undo_times);
    for (what, [p50, p95, p99, max]) in [("drag", drag), ("undo", undo)] {
        println!(
            "{what:<5} p50 {:>7.2} ms  p95 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
            ms(p50),
            ms(p95),
            ms(p99),
            ms(max)
        );
    }
    let growth = (rss_end as f64 - rss_start as f64) / rss_start as f64;
    println!(
        "resident memory {:.1} MiB after warm-up, {:.1} MiB at the end: {:+.1}%",
        rss_start as f64 / 1024.0,
        rss_end as f64 / 1024.0,
        growth * 100.0
    );
    println!(
        "balance after the run, kept by shifting, equals every book summed afresh: {}",
        if agrees { "yes" } else { "NO" }
    );
    println!(
        "memory growth <= {:.0}%: {}",
        GROWTH_BAR * 100.0,
        verdict(growth <= GROWTH_BAR)
    );
    println!(
        "drag p95 < {} ms: {}",
        DRAG_P95_BAR.as_millis(),
        verdict(drag[1] < DRAG_P95_BAR)
    );
    Ok(())
}

fn main() {
    // `cargo bench` passes flags such as `--bench`; a number among the others sets the drags.
    let drags = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(DRAGS)
        .max(1);
    let Ok(runtime) = tokio::runtime::Runtime::new() else {
        println!("soak: cannot start the async runtime");
        return;
    };
    if let Some(path) = std::env::var_os(BUILD_ENV) {
        if let Err(e) = runtime.block_on(build(Path::new(&path))) {
            println!("soak: building {}: {e}", Path::new(&path).display());
            std::process::exit(1);
        }
        return;
    }
    if let Err(e) = runtime.block_on(soak(drags)) {
        println!("soak: {e}");
        std::process::exit(1);
    }
}
