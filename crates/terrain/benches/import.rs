//! `make bench`: importing a 1M-row accounts CSV against `sqlite3 .import`, timed in one run.
//!
//! Writes a CRM-style accounts export (Salesforce headers, a million rows), then times
//! `sqlite3`'s `.import` of it into a bare table, and Terrain's import of the same file into a
//! fresh workspace on disk: survey, typed parsing, upserts and merge proposals, in one
//! transaction. Each is run three times, alternating, and the bar is 3× the bare import's
//! median. Peak memory of the process is printed too; the import streams, so it stays bounded
//! whatever the file's size.
//!
//! `cargo bench -p terrain --bench import -- ROWS` imports ROWS rows instead of a million.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use terrain::views::ImportInput;
use terrain::Workspace;

const INDUSTRIES: [&str; 6] = [
    "Technology",
    "Manufacturing",
    "Retail",
    "Healthcare",
    "Finance",
    "Media",
];

fn write_accounts(path: &Path, rows: usize) -> std::io::Result<()> {
    let mut rng = fastrand::Rng::with_seed(11);
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "Account ID,Account Name,Account Owner,Industry,Employees,Annual Revenue,\
         Billing Country,Billing Postal Code,Website"
    )?;
    for i in 0..rows {
        writeln!(
            out,
            "001{i:012},Company {i} Ltd,Rep {},{},{},{},United States,{:05},company{i}.example",
            i % 100,
            INDUSTRIES[i % INDUSTRIES.len()],
            rng.u32(5..50_000),
            rng.u64(100_000..90_000_000),
            rng.u32(1_000..99_999),
        )?;
    }
    out.flush()
}

/// Runs of each import; the medians are compared.
const RUNS: usize = 3;

/// Lets the disk write out what the last import left in the page cache, so that neither
/// import is timed while paying for the other's writes.
fn settle() {
    let _ = Command::new("sync").status();
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The process's peak resident memory so far, from `/proc/self/status`.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn sqlite_import(csv: &Path, db: &Path) -> Option<Duration> {
    let started = Instant::now();
    let status = Command::new("sqlite3")
        .arg(db)
        .arg(".mode csv")
        .arg(format!(".import {} accounts", csv.display()))
        .status()
        .ok()?;
    status.success().then(|| started.elapsed())
}

fn main() {
    if let Ok(filter) = tracing_subscriber::EnvFilter::try_from_env("TERRAIN_LOG") {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let rows: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join("terrain-bench-import");
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        println!("cannot make {}: {e}", dir.display());
        return;
    }
    let csv = dir.join("accounts.csv");
    if let Err(e) = write_accounts(&csv, rows) {
        println!("cannot write {}: {e}", csv.display());
        return;
    }
    let before = peak_rss_mb();
    let size = std::fs::metadata(&csv).map_or(0, |m| m.len());
    println!(
        "import of {rows} accounts ({:.0} MB, Salesforce-style headers)",
        size as f64 / 1e6
    );

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            println!("no runtime: {e}");
            return;
        }
    };
    // The two imports alternate, and the medians are compared: on a small machine one run of
    // either can be slowed by the disk flushing what the run before wrote.
    let (mut bare_times, mut terrain_times) = (Vec::new(), Vec::new());
    for run in 1..=RUNS {
        settle();
        let Some(bare) = sqlite_import(&csv, &dir.join(format!("bare-{run}.db"))) else {
            println!("sqlite3 .import failed; is sqlite3 installed (make deps)?");
            return;
        };
        let workspace_path = dir.join(format!("bench-{run}.terrain"));
        settle();
        let result = runtime.block_on(async {
            let workspace = Workspace::open(&workspace_path).await?;
            let input = ImportInput {
                paths: vec![csv.display().to_string()],
                ..ImportInput::default()
            };
            let started = Instant::now();
            let report = workspace.import(&input).await?;
            let elapsed = started.elapsed();
            workspace.close().await;
            Ok::<_, terrain::Error>((elapsed, report))
        });
        let (elapsed, report) = match result {
            Ok(done) => done,
            Err(e) => {
                println!("Terrain import failed: {e}");
                return;
            }
        };
        let imported: u32 = report.files.iter().map(|f| f.imported).sum();
        println!(
            "run {run}: sqlite3 .import {:.2} s, Terrain {:.2} s ({imported} imported)",
            bare.as_secs_f64(),
            elapsed.as_secs_f64()
        );
        bare_times.push(bare);
        terrain_times.push(elapsed);
        for leftover in [dir.join(format!("bare-{run}.db")), workspace_path] {
            let _ = std::fs::remove_file(leftover);
        }
    }
    let (bare, terrain) = (median(&mut bare_times), median(&mut terrain_times));
    println!(
        "{:<44} {:>8.2} s",
        "sqlite3 .import into a bare table (median)",
        bare.as_secs_f64()
    );
    println!(
        "{:<44} {:>8.2} s",
        "Terrain import into a workspace (median)",
        terrain.as_secs_f64()
    );
    let ratio = terrain.as_secs_f64() / bare.as_secs_f64();
    println!(
        "{:<44} {:>8.2}×  (bar: 3×) {}",
        "ratio",
        ratio,
        if ratio <= 3.0 { "met" } else { "NOT MET" }
    );
    if let Some(peak) = peak_rss_mb() {
        println!(
            "{:<44} {:>8.0} MB (before the imports: {before:.0} MB)",
            "peak memory",
            peak,
            before = before.unwrap_or(0.0)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
