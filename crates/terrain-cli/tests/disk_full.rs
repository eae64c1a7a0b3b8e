//! A full disk, met for real: exports, change sets, backups and imports written to a tiny
//! tmpfs that is filled up first. Each must fail with an error that names the file and says
//! the disk is full, leave the workspace exactly as it was, and leave no half-written file
//! behind.
//!
//! Mounting needs root (as `make test` runs here and in CI); elsewhere each test says why it
//! skipped and passes.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{contents, integrity, ok, terrain, write_book};

/// A tmpfs of a given size, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None`, with the reason printed, when this process may not mount.
    fn mount(kib: u32) -> Option<Tmpfs> {
        let dir = tempfile::Builder::new()
            .prefix("terrain-full-")
            .tempdir()
            .expect("a mount point");
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .output();
        match output {
            Ok(output) if output.status.success() => Some(Tmpfs { dir }),
            Ok(output) => {
                println!(
                    "skipped: cannot mount a tmpfs to fill up (it needs root): {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                );
                None
            }
            Err(e) => {
                println!("skipped: cannot run mount to make a disk to fill up: {e}");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Takes all but about `keep` bytes of the free space.
    fn fill(&self, keep: u64) {
        let free = free_bytes(self.path());
        let filler = vec![0u8; free.saturating_sub(keep) as usize];
        // A tmpfs hands out whole pages; what does not fit is simply not written.
        let _ = std::fs::write(self.path().join("filler"), filler);
    }

    /// Every file on the disk but the filler.
    fn files(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut folders = vec![self.path().to_path_buf()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("list the disk") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.file_name().is_some_and(|n| n != "filler") {
                    found.push(path);
                }
            }
        }
        found.sort();
        found
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn free_bytes(path: &Path) -> u64 {
    let output = Command::new("df")
        .args(["--output=avail", "-B1"])
        .arg(path)
        .output()
        .expect("run df");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .expect("df's figure")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// A workspace with an active plan of 400 accounts in `dir`.
fn planned_workspace(dir: &Path) -> PathBuf {
    let db = dir.join("plan.terrain");
    let book = write_book(dir, "book", 0, 400, 2, 6);
    let mut import = vec!["import".to_string()];
    import.extend(book.paths());
    let import: Vec<&str> = import.iter().map(String::as_str).collect();
    ok(&db, &import);
    ok(&db, &["score"]);
    ok(&db, &["assign"]);
    db
}

/// Runs `terrain`, which must fail saying the disk is full and naming `file`.
fn fails_on_a_full_disk(db: &Path, args: &[&str], file: &str) -> String {
    let output = terrain(db, args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "terrain {args:?} succeeded");
    assert!(
        stderr.contains("disk is full"),
        "terrain {args:?} does not say the disk is full: {stderr}"
    );
    assert!(
        stderr.contains(file),
        "terrain {args:?} does not name {file}: {stderr}"
    );
    stderr
}

#[test]
fn exports_and_change_sets_to_a_full_disk_fail_by_name_and_leave_nothing_behind() {
    let Some(disk) = Tmpfs::mount(256) else {
        return;
    };
    let home = tempfile::tempdir().expect("a folder");
    let db = planned_workspace(home.path());
    let rt = runtime();
    let before = rt.block_on(contents(&db));
    disk.fill(4096);
    for (args, file) in [
        (vec!["export", "plan.csv"], "plan.csv"),
        (vec!["export", "plan.xlsx"], "plan.xlsx"),
        (
            vec!["changes", "owners.csv", "--since", "2000-01-01"],
            "owners.csv",
        ),
    ] {
        let target = disk.path().join(args[1]).display().to_string();
        let mut args = args.clone();
        args[1] = &target;
        fails_on_a_full_disk(&db, &args, file);
        assert_eq!(disk.files(), Vec::<PathBuf>::new(), "after {args:?}");
    }
    assert_eq!(rt.block_on(contents(&db)), before);
}

#[test]
fn a_backup_to_a_full_disk_fails_and_its_partial_copy_is_removed() {
    let Some(disk) = Tmpfs::mount(4096) else {
        return;
    };
    let db = disk.path().join("plan.terrain");
    let book = write_book(disk.path(), "book", 0, 400, 2, 6);
    ok(&db, &["import", &book.accounts.display().to_string()]);
    for sheet in [
        &book.reps,
        &book.accounts,
        &book.opportunities,
        &book.signals,
    ] {
        std::fs::remove_file(sheet).expect("remove a sheet");
    }
    let rt = runtime();
    let before = rt.block_on(contents(&db));
    let copies = disk.files();
    // Room for part of a copy, not all of it.
    let size = std::fs::metadata(&db).expect("the workspace").len();
    disk.fill(size / 2);
    fails_on_a_full_disk(&db, &["backup"], "plan.terrain");
    assert_eq!(disk.files(), copies, "a partial copy was left");
    assert_eq!(rt.block_on(integrity(&db)), "ok");
    assert_eq!(rt.block_on(contents(&db)), before);
}

#[test]
fn an_import_into_a_workspace_on_a_nearly_full_disk_fails_and_changes_nothing() {
    let Some(disk) = Tmpfs::mount(8192) else {
        return;
    };
    let db = disk.path().join("plan.terrain");
    let small = write_book(disk.path(), "small", 0, 200, 1, 4);
    let mut import = vec!["import".to_string()];
    import.extend(small.paths());
    let import: Vec<&str> = import.iter().map(String::as_str).collect();
    ok(&db, &import);
    // The large book is read from elsewhere: only the workspace's own writes meet the full
    // disk.
    let sheets = tempfile::tempdir().expect("a folder");
    let large = write_book(sheets.path(), "large", 0, 6000, 4, 4);
    let rt = runtime();
    let before = rt.block_on(contents(&db));
    let files = disk.files();
    // Room for the copy taken before the import, not for the import itself.
    let size = std::fs::metadata(&db).expect("the workspace").len();
    disk.fill(2 * size + 64 * 1024);
    let mut import = vec!["import".to_string()];
    import.extend(large.paths());
    let import: Vec<&str> = import.iter().map(String::as_str).collect();
    let stderr = fails_on_a_full_disk(&db, &import, "plan.terrain");
    println!("the import said: {stderr}");
    assert_eq!(rt.block_on(integrity(&db)), "ok");
    assert_eq!(rt.block_on(contents(&db)), before);
    // The backup taken before the import may stay (it is whole); nothing half-written may.
    let partial: Vec<PathBuf> = disk
        .files()
        .into_iter()
        .filter(|f| !files.contains(f))
        .filter(|f| {
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
            !name.is_some_and(|n| {
                n.ends_with(".terrain") || n.ends_with("-wal") || n.ends_with("-shm")
            })
        })
        .collect();
    assert_eq!(partial, Vec::<PathBuf>::new());
}
