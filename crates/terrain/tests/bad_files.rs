//! A corpus of bad files, generated from fixed seeds at test time, each imported into a fresh
//! workspace the way the app imports it: every file is imported with a report or refused with
//! a reason that names it, a refusal leaves the workspace as it was, nothing panics, and the
//! whole run stays within a memory bound.
//!
//! `make test` runs the quick majority (`cargo test --test bad_files`); `make reliability`
//! runs the expensive ones (a million rows, workbooks near the size limits) in release with
//! `--ignored`. Each prints its counts and the process's peak memory.

mod corpus;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use corpus::{BadFile, Expect};
use terrain::views::ImportInput;
use terrain::Workspace;

/// Peak memory allowed for a whole run, the test harness and SQLite included. The reader
/// streams text and bounds workbooks (a 128 MiB file, 128 MiB per zip part, 4 Mi cells per
/// sheet, whose grid calamine holds twice while converting it: 256 MiB); a run over this has
/// let a file hold more than those bounds.
const PEAK_MB: u64 = 512;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_file_is_imported_with_a_report_or_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let files = corpus::quick();
    assert!(files.len() >= 200, "the corpus has {} files", files.len());
    // Made in memory up front; each import's peak is measured from after this.
    println!("making the corpus: peak memory {} MB", peak_mb());
    run(dir.path(), files, Store::InMemory).await;
}

/// Names the large file a child process imports, by its place in [`corpus::expensive`].
const CHILD_FILE: &str = "TERRAIN_BAD_FILE_INDEX";
/// The folder the parent wrote it to.
const CHILD_DIR: &str = "TERRAIN_BAD_FILE_DIR";

#[test]
#[ignore = "minutes in a debug build: make reliability runs it in release"]
fn the_largest_bad_files_are_read_within_the_memory_bound() {
    // Each file is written here, then imported by a child process of its own (this test
    // binary running `one_large_bad_file`), so its peak memory is its own: neither writing it
    // nor what the files before it left the allocator holding counts.
    let dir = tempfile::tempdir().expect("dir");
    let files = corpus::expensive();
    let mut totals = [0u64; 4];
    let mut failed = Vec::new();
    let mut highest = (0, String::new());
    for (index, file) in files.iter().enumerate() {
        (file.write)(&dir.path().join(&file.name));
        let child = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args(["one_large_bad_file", "--exact", "--ignored", "--nocapture"])
            .env(CHILD_FILE, index.to_string())
            .env(CHILD_DIR, dir.path())
            .output()
            .expect("child process");
        let out = String::from_utf8_lossy(&child.stdout);
        print!(
            "{}",
            out.lines()
                .filter(|l| !l.starts_with("test ")
                    && !l.starts_with("running ")
                    && !l.trim().is_empty()
                    && !l.starts_with("test result"))
                .map(|l| format!("{l}\n"))
                .collect::<String>()
        );
        let counts = out
            .lines()
            .find_map(|l| l.strip_prefix("counts: "))
            .map(|l| {
                l.split(' ')
                    .filter_map(|n| n.parse::<u64>().ok())
                    .collect::<Vec<_>>()
            });
        match counts.as_deref() {
            Some(&[tried, imported, refused, panics, peak]) => {
                for (total, n) in totals.iter_mut().zip([tried, imported, refused, panics]) {
                    *total += n;
                }
                if peak > highest.0 {
                    highest = (peak, file.name.clone());
                }
            }
            _ => totals[3] += 1, // The child died before counting: an abort or a kill.
        }
        if !child.status.success() {
            failed.push(format!(
                "{}: {}",
                file.name,
                String::from_utf8_lossy(&child.stderr)
            ));
        }
    }
    println!(
        "large bad files: {} tried, {} imported with a report, {} refused with a reason, {} \
         panics; the highest peak memory {} MB ({}), each file in its own process",
        totals[0], totals[1], totals[2], totals[3], highest.0, highest.1
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    assert_eq!(totals[0], files.len() as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the child process of the_largest_bad_files_are_read_within_the_memory_bound"]
async fn one_large_bad_file() {
    let (Some(index), Some(dir)) = (std::env::var_os(CHILD_FILE), std::env::var_os(CHILD_DIR))
    else {
        return; // Run by hand or by --ignored without its parent: nothing to import.
    };
    let index: usize = index.to_string_lossy().parse().expect("an index");
    let file = corpus::expensive().swap_remove(index);
    let dir = std::path::PathBuf::from(dir);
    run(
        &dir,
        vec![BadFile {
            // The parent wrote it.
            write: Box::new(|_| {}),
            ..file
        }],
        Store::OnDisk,
    )
    .await;
}

/// Where each file's fresh workspace lives. The large files import into a file, so that the
/// peak memory measured is the import's, not the size of the rows it stored.
#[derive(Clone, Copy)]
enum Store {
    InMemory,
    OnDisk,
}

#[derive(Default)]
struct Counts {
    tried: u32,
    imported: u32,
    refused: u32,
    panics: u32,
}

async fn run(dir: &std::path::Path, files: Vec<BadFile>, store: Store) {
    let seed = dir.join("seed accounts.csv");
    std::fs::write(
        &seed,
        "Account Name,Website\nFernhill Tools,fernhill.example\n",
    )
    .expect("seed file");
    let seed = seed.display().to_string();
    let mut counts = Counts::default();
    let caught = quiet_calamine_panics();
    let mut failures = Vec::new();
    let started = std::time::Instant::now();
    // The highest peak of any one file, and that file.
    let mut peak = (peak_mb(), String::from("the set-up"));
    // BAD_FILES_VERBOSE=1 prints each file's outcome.
    let verbose = std::env::var_os("BAD_FILES_VERBOSE").is_some();
    for file in files {
        let path = dir.join(&file.name);
        (file.write)(&path);
        let name = file.name.clone();
        reset_peak();
        let timer = std::time::Instant::now();
        // Each import runs as its own task, so a panic anywhere in it is caught and counted
        // rather than ending the run.
        let workspace = match store {
            Store::InMemory => None,
            Store::OnDisk => Some(dir.join("bad files.terrain")),
        };
        let fresh = match &workspace {
            Some(file) => Workspace::open(file).await.expect("workspace"),
            None => Workspace::in_memory().await.expect("workspace"),
        };
        let outcome =
            tokio::spawn(import_one(fresh, seed.clone(), path.display().to_string())).await;
        counts.tried += 1;
        let verdict = match outcome {
            Err(join) if join.is_panic() => {
                counts.panics += 1;
                Err("panicked".to_string())
            }
            Err(join) => Err(format!("did not finish: {join}")),
            Ok(result) => {
                if verbose {
                    match &result.result {
                        Ok(r) => println!(
                            "{name}: imported {:?}",
                            r.files
                                .first()
                                .map(|f| (f.rows_read, f.imported, f.rejected))
                        ),
                        Err(e) => println!("{name}: refused: {e}"),
                    }
                }
                check(&name, &file.expect, result, &mut counts)
            }
        };
        if let Err(why) = verdict {
            failures.push(format!("{name}: {why}"));
        }
        let file_peak = peak_mb();
        if file_peak > peak.0 {
            peak = (file_peak, name.clone());
        }
        std::fs::remove_file(&path).ok();
        if let Some(workspace) = workspace {
            std::fs::remove_file(&workspace).ok();
            for suffix in ["-wal", "-shm", "-journal"] {
                std::fs::remove_file(format!("{}{suffix}", workspace.display())).ok();
            }
        }
        if timer.elapsed().as_millis() >= 500 || file_peak >= 200 {
            println!(
                "{name}: {:.1} s, peak memory {file_peak} MB",
                timer.elapsed().as_secs_f64()
            );
        }
    }
    let (peak, peak_file) = peak;
    println!(
        "bad files: {} tried, {} imported with a report, {} refused with a reason ({} of them \
         panics inside calamine, caught by the reader), {} panics; {:.1} s; peak memory {peak} \
         MB ({peak_file})",
        counts.tried,
        counts.imported,
        counts.refused,
        caught.load(Ordering::Relaxed),
        counts.panics,
        started.elapsed().as_secs_f64()
    );
    // For the parent of a child process: tried, imported, refused, panics, peak.
    println!(
        "counts: {} {} {} {} {peak}",
        counts.tried, counts.imported, counts.refused, counts.panics
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(counts.panics, 0);
    assert!(
        peak < PEAK_MB,
        "peak memory {peak} MB ({peak_file}), over {PEAK_MB} MB"
    );
}

/// What one import did: its report or refusal, and whether a refusal changed the workspace.
struct Outcome {
    result: terrain::Result<terrain::views::ImportReport>,
    unchanged: bool,
}

async fn import_one(workspace: Workspace, seed: String, path: String) -> Outcome {
    let input = |path: String| ImportInput {
        paths: vec![path],
        ..ImportInput::default()
    };
    workspace.import(&input(seed)).await.expect("seed import");
    let before = workspace.summary().await.expect("summary");
    let result = workspace.import(&input(path)).await;
    let after = workspace.summary().await.expect("summary");
    Outcome {
        result,
        unchanged: before == after,
    }
}

fn check(name: &str, expect: &Expect, outcome: Outcome, counts: &mut Counts) -> Result<(), String> {
    match outcome.result {
        Ok(report) => {
            counts.imported += 1;
            let [file] = report.files.as_slice() else {
                return Err(format!("{} files in the report", report.files.len()));
            };
            if file.file != name {
                return Err(format!("the report names {}", file.file));
            }
            if file.imported + file.rejected > file.rows_read {
                return Err(format!(
                    "{} imported and {} rejected of {} rows",
                    file.imported, file.rejected, file.rows_read
                ));
            }
            if let Some(p) = report.problems.iter().find(|p| p.file != name) {
                return Err(format!("a problem names {}: {}", p.file, p.message));
            }
            if let Some(p) = report
                .problems
                .iter()
                .find(|p| p.rejected && p.row.is_none())
            {
                return Err(format!("a rejected row without its row: {}", p.message));
            }
            match expect {
                Expect::Refused(why) => Err(format!("imported, but should be refused ({why})")),
                _ => Ok(()),
            }
        }
        Err(error) => {
            counts.refused += 1;
            let message = error.to_string();
            if message.contains("stopped unexpectedly") {
                counts.panics += 1;
                return Err(format!("a reader panicked: {message}"));
            }
            if !message.contains(name) {
                return Err(format!("refused without naming the file: {message}"));
            }
            if !outcome.unchanged {
                return Err(format!("refused ({message}) but the workspace changed"));
            }
            match expect {
                Expect::Imported => Err(format!("refused: {message}")),
                Expect::Refused(why) if !message.contains(why) => Err(format!(
                    "refused for another reason than \"{why}\": {message}"
                )),
                _ => Ok(()),
            }
        }
    }
}

/// calamine panics on some damaged workbooks; the reader catches those and refuses the file,
/// so they are counted here instead of printed. Any other panic still prints as usual.
fn quiet_calamine_panics() -> Arc<AtomicU32> {
    let caught = Arc::new(AtomicU32::new(0));
    let count = Arc::clone(&caught);
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info
            .location()
            .is_some_and(|at| at.file().contains("/calamine-"))
        {
            count.fetch_add(1, Ordering::Relaxed);
        } else {
            default(info);
        }
    }));
    caught
}

/// Starts the process's peak resident memory over from what it holds now (Linux 4.0 and
/// later), so each file's peak is its own. Where that is refused, peaks only grow, and the
/// bound still holds for the run as a whole.
fn reset_peak() {
    std::fs::write("/proc/self/clear_refs", "5").ok();
}

/// The process's peak resident memory, from Linux's VmHWM, in MB.
fn peak_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status");
    kb / 1024
}
