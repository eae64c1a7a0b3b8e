//! A workspace's health: damage found at open and by the idle quick check, the read-only mode
//! a damaged workspace runs in, and restoring a backup over it.
//!
//! Detection is layered by cost. Opening reads the 100-byte header and compares the file's
//! length with it, which catches an overwritten start and a truncated file for free; SQLite
//! itself refuses a file whose schema pages do not parse. Damage deeper in the file shows only
//! when its pages are read, so the app runs `PRAGMA quick_check` when the director is idle
//! rather than at start-up, where it would cost seconds on a large workspace.
//!
//! Once damage is found the pool reconnects read-only: every write is then refused by SQLite
//! itself, whichever use case tries it, and nothing more is written to the damaged file.
//! A use case's query that meets a bad page fails with `Corrupt` (the `damaged` code); the app
//! then asks for a check at once (`workspace_health` with `check`), which records the damage.

use std::io::Read;
use std::path::{Path, PathBuf};

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{ConnectOptions, Connection};

use crate::backups::{backup_dir, list_backups, sync_dir, verify_backup, RESTORE_WAIT};
use crate::error::is_damage;
use crate::open::writable_options;
use crate::{Backup, BackupKind, Error, Result, Store};

const HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What the file looks like before SQLite opens it: `Some(reason)` when it cannot be a sound
/// workspace. A missing file is sound (it is about to be created). An empty file is what a
/// crash right after creating one leaves, and is sound too, unless backups exist: then the
/// workspace had data, and an empty file means it was lost.
pub(crate) fn damage_at_rest(path: &Path) -> Result<Option<String>> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let length = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error(e)),
    };
    if length == 0 {
        let had_data = list_backups(path)?.iter().any(Backup::restorable);
        return Ok(had_data.then(|| "the file is empty".to_string()));
    }
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|file| file.take(100).read_to_end(&mut header))
        .map_err(io_error)?;
    if header.len() < 100 {
        return Ok(Some(format!(
            "the file is {length} bytes, too short to be a database"
        )));
    }
    if &header[..16] != HEADER {
        return Ok(Some(
            "the file does not start with SQLite's header: its start was overwritten, or it is \
             not a workspace"
                .into(),
        ));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size if size >= 512 && size.is_power_of_two() => u64::from(size),
        size => {
            return Ok(Some(format!(
                "the header gives an impossible page size ({size})"
            )))
        }
    };
    // A WAL that holds frames may extend the file when checkpointed; only without one must the
    // file hold every page its header counts, in whole pages.
    if wal_has_frames(path) {
        return Ok(None);
    }
    if length % page_size != 0 {
        return Ok(Some(format!(
            "the file ends partway through a page ({length} bytes in pages of {page_size}): it \
             was cut short"
        )));
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    // The header's page count is only kept when these two counters agree (SQLite file format,
    // section 1.3.7).
    let pages = u64::from(be32(28));
    if pages > 0 && be32(24) == be32(92) && length < pages * page_size {
        return Ok(Some(format!(
            "the file holds {} pages but its header counts {pages}: it was cut short",
            length / page_size
        )));
    }
    Ok(None)
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn wal_has_frames(path: &Path) -> bool {
    std::fs::metadata(sidecar(path, "-wal")).is_ok_and(|meta| meta.len() > 32)
}

/// Reads without ever writing: SQLite refuses every write on such a connection.
fn read_only_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .busy_timeout(std::time::Duration::from_secs(10))
}

impl Store {
    /// A store over a damaged file: connections are read-only and made lazily, so a file
    /// SQLite cannot open at all still yields a store whose every query fails with the reason.
    pub(crate) fn open_damaged(path: &Path, reason: String) -> Store {
        tracing::error!(
            path = %path.display(),
            %reason,
            "the workspace is damaged; opened read-only"
        );
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_lazy_with(read_only_options(path));
        let store = Store::new(pool, Some(path));
        store.record_damage(Some(reason));
        store
    }

    fn record_damage(&self, reason: Option<String>) {
        if let Some(file) = self.file.as_deref() {
            let mut damage = file.damage.lock().unwrap_or_else(|e| e.into_inner());
            *damage = reason;
        }
    }

    /// Runs `PRAGMA quick_check` on a connection of its own, so the app's writer is not held
    /// up. `Ok(None)` when the file is sound, `Ok(Some(problem))` when SQLite found damage.
    pub async fn quick_check(&self) -> Result<Option<String>> {
        let checked = match self.path() {
            Some(path) => {
                let path = path.to_path_buf();
                async move {
                    let mut conn = read_only_options(&path).connect().await?;
                    let rows: Vec<String> = sqlx::query_scalar("PRAGMA quick_check")
                        .fetch_all(&mut conn)
                        .await?;
                    conn.close().await?;
                    Ok::<_, sqlx::Error>(rows)
                }
                .await
            }
            None => {
                sqlx::query_scalar("PRAGMA quick_check")
                    .fetch_all(&self.pool)
                    .await
            }
        };
        match checked {
            Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(None),
            Ok(rows) => Ok(Some(
                rows.into_iter().take(5).collect::<Vec<_>>().join("; "),
            )),
            Err(error) if is_damage(&error) => Ok(Some(error.to_string())),
            Err(error) => Err(error.into()),
        }
    }

    /// Checks the file and, when it is damaged, switches the store to read-only. Returns the
    /// damage, old or new.
    pub async fn check_health(&self) -> Result<Option<String>> {
        if let Some(damage) = self.damage() {
            return Ok(Some(damage));
        }
        let started = std::time::Instant::now();
        let problem = self.quick_check().await?;
        tracing::info!(elapsed = ?started.elapsed(), sound = problem.is_none(), "quick check");
        if let Some(problem) = &problem {
            self.mark_damaged(problem.clone()).await?;
        }
        Ok(problem)
    }

    /// Records the damage and reconnects read-only, so nothing more is written to the file.
    pub async fn mark_damaged(&self, reason: String) -> Result<()> {
        let Some(path) = self.path().map(Path::to_path_buf) else {
            return Ok(());
        };
        tracing::error!(path = %path.display(), %reason, "the workspace is damaged; now read-only");
        self.record_damage(Some(reason));
        self.reconnect(read_only_options(&path)).await
    }

    /// Makes new connections with `options`, then closes the open one (waiting for the action
    /// using it to finish), so that from now on every query runs on the new kind.
    async fn reconnect(&self, options: SqliteConnectOptions) -> Result<()> {
        self.pool.set_connect_options(options);
        // A pool that never connected (a file SQLite refused) has nothing to close.
        if self.pool.size() == 0 {
            return Ok(());
        }
        let conn = tokio::time::timeout(RESTORE_WAIT, self.pool.acquire())
            .await
            .map_err(|_| Error::Busy)??;
        conn.close().await?;
        Ok(())
    }

    /// Replaces the workspace with the backup at `backup`, keeping the state it replaces.
    ///
    /// The backup is checked first (`integrity_check`), and a bad one is refused with the
    /// workspace untouched. The current state is then kept: a verified copy when the
    /// workspace is sound, or the raw damaged file set aside. The file is swapped safely: the
    /// connection is closed, the backup copied to a temporary file in the same folder and
    /// flushed, the old WAL removed, the copy renamed over the workspace (an atomic step: a
    /// crash leaves the old file or the new one, never a mix) and the folder flushed. The
    /// store then reconnects read-write and brings the schema up to date.
    ///
    /// Returns the copy of the state replaced.
    pub async fn restore(&self, backup: &Path) -> Result<Option<Backup>> {
        let Some(path) = self.path().map(Path::to_path_buf) else {
            return Err(Error::InMemory);
        };
        if let Err(problem) = verify_backup(backup).await? {
            return Err(Error::BadBackup {
                path: backup.to_path_buf(),
                problem,
            });
        }
        let damaged = self.damage().is_some();
        let kept = if damaged {
            Some(set_aside(&path)?)
        } else {
            self.back_up(BackupKind::Restore, None).await?
        };

        // While the file is swapped, connections are refused rather than opened on half a swap.
        let previous = (*self.pool.connect_options()).clone();
        self.reconnect(refusing_options(&path)).await?;
        if let Err(error) = swap_in(backup, &path) {
            self.pool.set_connect_options(previous);
            return Err(error);
        }
        self.record_damage(None);
        self.pool.set_connect_options(writable_options(&path));
        self.migrate_on_the_side(&path).await?;
        self.wrote();
        tracing::info!(
            path = %path.display(),
            backup = %backup.display(),
            "restored the workspace from a backup"
        );
        Ok(kept)
    }
}

impl Store {
    /// Brings a restored file's schema up to date on a blocking thread of its own. sqlx's
    /// migrator future is not `Send` for every lifetime the compiler must consider, and a
    /// restore is awaited by Tauri commands, whose futures must be `Send`.
    async fn migrate_on_the_side(&self, path: &Path) -> Result<()> {
        let store = self.clone();
        let path = path.to_path_buf();
        let runtime = tokio::runtime::Handle::current();
        tokio::task::spawn_blocking(move || runtime.block_on(store.migrate(&path, true)))
            .await
            .map_err(|_| Error::from(sqlx::Error::WorkerCrashed))?
    }
}

/// Options that cannot connect: a read-only open of a file that does not exist.
fn refusing_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(sidecar(path, "-restoring"))
        .read_only(true)
        .create_if_missing(false)
}

/// Copies the damaged file (and its WAL, which may hold the last commits) into the backup
/// folder as a `damaged` copy, for whoever tries to recover more from it.
fn set_aside(path: &Path) -> Result<Backup> {
    let dir = backup_dir(path);
    let io = |at: &Path| {
        let at = at.to_path_buf();
        move |source| Error::Io { path: at, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let taken = chrono::Utc::now();
    let copy = dir.join(format!(
        "{}-damaged.terrain",
        taken.format("%Y%m%dT%H%M%S%.3fZ")
    ));
    std::fs::copy(path, &copy).map_err(io(path))?;
    // The WAL, or the journal of an interrupted import, is part of the file's state.
    for suffix in ["-wal", "-journal"] {
        let side = sidecar(path, suffix);
        if side.exists() {
            std::fs::copy(&side, sidecar(&copy, suffix)).map_err(io(&side))?;
        }
    }
    sync_dir(&copy).map_err(io(&copy))?;
    tracing::warn!(copy = %copy.display(), "set the damaged workspace aside");
    Ok(Backup {
        bytes: std::fs::metadata(&copy).map_or(0, |m| m.len()),
        path: copy,
        kind: BackupKind::Damaged,
        detail: None,
        taken,
        legacy: false,
    })
}

/// Puts a copy of `backup` in place of the workspace file, atomically.
fn swap_in(backup: &Path, path: &Path) -> Result<()> {
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io = |at: &Path| {
        let at = at.to_path_buf();
        move |source| Error::Io { path: at, source }
    };
    let mut temp = tempfile::NamedTempFile::new_in(&folder).map_err(io(&folder))?;
    let mut source = std::fs::File::open(backup).map_err(io(backup))?;
    std::io::copy(&mut source, temp.as_file_mut()).map_err(io(temp.path()))?;
    temp.as_file().sync_all().map_err(io(temp.path()))?;
    // The old WAL's frames, like an interrupted import's journal, belong to the old file;
    // replayed onto the new one they would corrupt it. They are gone before the rename, so a
    // crash in between leaves the old file without them (its last commits are in the copy kept
    // first), never the new file with them.
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = sidecar(path, suffix);
        match std::fs::remove_file(&side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&side)(e)),
            _ => {}
        }
    }
    temp.persist(path).map_err(|e| io(path)(e.error))?;
    sync_dir(path).map_err(io(path))?;
    Ok(())
}
