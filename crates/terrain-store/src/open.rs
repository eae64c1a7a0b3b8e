//! Opening a workspace: connection settings, migrations, and the backup taken before them.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection};

use crate::{BackupKind, Error, Result, Store};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

impl Store {
    /// Opens (or creates) the workspace at `path` and brings its schema up to date.
    ///
    /// The connection's settings are explained at [`writable_options`]. The pool holds one
    /// connection: the single writer the design asks for, which also rules out the
    /// lock-upgrade deadlocks SQLite reports as "database is locked" between two connections
    /// of one process.
    ///
    /// A damaged file (a header that is not SQLite's, a file shorter than its header says, or
    /// one SQLite refuses as corrupt) is not an error: it opens read-only, so that the app can
    /// show what it still can and offer a backup to restore. Nothing is written to it, and no
    /// backup is taken of it. See [`Store::damage`].
    pub async fn open(path: &Path) -> Result<Store> {
        roll_back_interrupted_import(path).await;
        if let Some(reason) = crate::health::damage_at_rest(path)? {
            return Ok(Store::open_damaged(path, reason));
        }
        match Store::open_sound(path).await {
            Err(error) => match error.damage() {
                Some(reason) => Ok(Store::open_damaged(path, reason)),
                None => Err(error),
            },
            opened => opened,
        }
    }

    async fn open_sound(path: &Path) -> Result<Store> {
        let existed = path.exists();
        if existed {
            refuse_newer(path).await?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(writable_options(path))
            .await
            .map_err(|source| Error::Open {
                path: path.to_path_buf(),
                source,
            })?;
        let store = Store::new(pool, Some(path));
        if let Err(error) = store.migrate(path, existed).await {
            // Closed here rather than dropped, so that a damaged file is let go of before it is
            // opened again read-only, not by a close still running in the background.
            store.close().await;
            return Err(error);
        }
        Ok(store)
    }

    /// A private in-memory workspace, for tests and benchmarks.
    pub async fn open_in_memory() -> Result<Store> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Store::new(pool, None))
    }

    pub(crate) async fn migrate(&self, path: &Path, existed: bool) -> Result<()> {
        let known = latest_known();
        let applied = applied_versions(&mut *self.pool.acquire().await?).await?;
        // Checked again on the connection that migrates, in case the file changed since.
        check_not_newer(path, &applied)?;
        let pending = MIGRATOR.iter().any(|m| !applied.contains(&m.version));
        if pending && existed && !applied.is_empty() {
            self.back_up(BackupKind::Migration, Some(&known.to_string()))
                .await
                .map_err(|source| Error::Backup {
                    path: path.to_path_buf(),
                    source: Box::new(source),
                })?;
        }
        if pending {
            tracing::info!(path = %path.display(), to = known, "migrating workspace");
        }
        // sqlx commits each migration on its own; inside one transaction (each migration
        // becomes a savepoint) a crash or a failing migration leaves the file entirely at its
        // old version, never at one between that no release of Terrain ever wrote.
        let mut tx = self.pool.begin().await?;
        MIGRATOR.run(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Writes a consistent copy of the workspace to `path`, which must not exist yet.
    ///
    /// The copy is written under a hidden temporary name beside `path` and renamed into place
    /// once it is whole and on disk: `VACUUM INTO` killed halfway, or stopped by a full disk,
    /// leaves a file that opens cleanly yet lacks tables, and under the final name it would
    /// pass for a backup. A failed copy's temporary file is deleted.
    pub async fn backup_to(&self, path: &Path) -> Result<()> {
        let copy_error = |source| Error::Copy {
            path: path.to_path_buf(),
            source,
        };
        if path.exists() {
            return Err(copy_error(sqlx::Error::Io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "a file of that name exists already",
            ))));
        }
        let partial = partial_path(path);
        // Left by a copy that was killed; VACUUM INTO would refuse to overwrite it.
        let _ = std::fs::remove_file(&partial);
        let written = match self.vacuum_into(&partial).await {
            Ok(()) => sync_and_rename(&partial, path).map_err(sqlx::Error::Io),
            Err(error) => Err(error),
        };
        if let Err(error) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(copy_error(error));
        }
        sweep_stale_partials(path);
        Ok(())
    }

    /// `VACUUM INTO` writes a consistent copy even with a WAL in use, and refuses to
    /// overwrite an existing file.
    async fn vacuum_into(&self, path: &Path) -> std::result::Result<(), sqlx::Error> {
        sqlx::query("VACUUM INTO ?")
            .bind(path.to_string_lossy().into_owned())
            .execute(&self.pool)
            .await
            .map(|_| ())
    }
}

/// Where a copy bound for `path` is written until it is whole: `.NAME.partial` beside it,
/// a name no list of backups takes for one.
fn partial_path(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.partial"))
}

/// Deletes the temporary files of copies killed halfway, and the rollback journals SQLite
/// kept beside them (an hour old: no copy takes that long to write, so none of them is one
/// that another process is still writing).
fn sweep_stale_partials(path: &Path) {
    let Some(Ok(entries)) = path.parent().map(std::fs::read_dir) else {
        return;
    };
    let stale = |entry: &std::fs::DirEntry| {
        let name = entry.file_name().to_string_lossy().into_owned();
        name.starts_with('.')
            && (name.ends_with(".partial") || name.ends_with(".partial-journal"))
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age > Duration::from_secs(3600))
    };
    for entry in entries.flatten().filter(stale) {
        match std::fs::remove_file(entry.path()) {
            Ok(()) => tracing::info!(file = %entry.path().display(), "deleted a half-written copy"),
            Err(error) => {
                let file = entry.path();
                tracing::warn!(file = %file.display(), %error, "could not delete a half-written copy")
            }
        }
    }
}

/// Puts a finished copy on disk, then in place under its name, then the name on disk too.
fn sync_and_rename(partial: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::File::open(partial)?.sync_all()?;
    std::fs::rename(partial, path)?;
    if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
        // A folder can be opened and synced on Unix; elsewhere the rename stands as it is.
        if let Ok(folder) = std::fs::File::open(folder) {
            let _ = folder.sync_all();
        }
    }
    Ok(())
}

/// The connection every sound workspace is opened with.
///
/// WAL lets a reader (the idle quick check, a backup) work beside the writer, and survives a
/// crash mid-transaction without a hot journal to replay. `synchronous = FULL` makes every
/// committed user edit durable through a power cut, at the cost of an fsync of the WAL per
/// commit, which a director's edit rate never notices. The busy timeout lets another process
/// (the `terrain` CLI run by cron while the app is open) wait its turn instead of failing
/// with "database is locked".
pub(crate) fn writable_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        // 64 MiB of page cache instead of SQLite's 2 MiB: a large import writes index pages
        // all over the name index, and with the default each one is evicted and read back.
        .pragma("cache_size", "-65536")
}

fn latest_known() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Rolls back an import that was interrupted (a kill, a crash, a power cut) before anything
/// else reads the file. Imports run with the rollback journal (see `Store::begin_bulk_load`),
/// so such an import leaves a hot journal beside the workspace, which only a connection that
/// may write can play back: the read-only probe and the damage checks that come first would
/// otherwise meet a file half-way through the import's pages. Any read of a plain connection
/// plays the journal back; one that fails leaves the journal for the next open.
async fn roll_back_interrupted_import(path: &Path) {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    if !std::fs::metadata(&journal).is_ok_and(|meta| meta.len() > 0) {
        return;
    }
    let rolled_back = async {
        let mut conn = SqliteConnectOptions::new()
            .filename(path)
            .busy_timeout(Duration::from_secs(10))
            .connect()
            .await?;
        let read = sqlx::query("SELECT count(*) FROM sqlite_master")
            .execute(&mut conn)
            .await;
        conn.close().await?;
        read.map(|_| ())
    }
    .await;
    match rolled_back {
        Ok(()) => tracing::info!(path = %path.display(), "rolled back an interrupted import"),
        Err(error) => tracing::warn!(
            path = %path.display(),
            %error,
            "could not roll back an interrupted import yet"
        ),
    }
}

/// Refuses a file a newer Terrain wrote before anything touches it. The pool's connection
/// would switch the file to WAL first, which rewrites its header: this one is read-only and
/// sets no journal mode, so a refused file stays byte for byte as it was.
async fn refuse_newer(path: &Path) -> Result<()> {
    let open_error = |source| Error::Open {
        path: path.to_path_buf(),
        source,
    };
    let mut probe = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(open_error)?;
    let applied = applied_versions(&mut probe).await;
    probe.close().await.map_err(open_error)?;
    check_not_newer(path, &applied?)
}

fn check_not_newer(path: &Path, applied: &[i64]) -> Result<()> {
    let known = latest_known();
    match applied.iter().max() {
        Some(&found) if found > known => Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found,
            known,
        }),
        _ => Ok(()),
    }
}

async fn applied_versions(conn: &mut SqliteConnection) -> Result<Vec<i64>> {
    let exists: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    let rows = sqlx::query("SELECT version FROM _sqlx_migrations WHERE success = 1")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.iter().map(|r| r.get::<i64, _>(0)).collect())
}
