//! Opening a workspace: connection settings, migrations, and the backup taken before them.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::Row;

use crate::{Error, Result, Store};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

impl Store {
    /// Opens (or creates) the workspace at `path` and brings its schema up to date.
    ///
    /// WAL lets the UI read while an import writes; `synchronous = FULL` makes every committed
    /// user edit durable even through a power cut, which matters more here than write speed.
    /// One connection is the single writer the design asks for, and it also rules out the
    /// lock-upgrade deadlocks SQLite reports as "database is locked".
    pub async fn open(path: &Path) -> Result<Store> {
        let existed = path.exists();
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // 64 MiB of page cache instead of SQLite's 2 MiB: a large import writes index pages
            // all over the name index, and with the default each one is evicted and read back.
            .pragma("cache_size", "-65536");
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .map_err(|source| Error::Open {
                path: path.to_path_buf(),
                source,
            })?;
        let store = Store::new(pool);
        store.migrate(path, existed).await?;
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
        Ok(Store::new(pool))
    }

    async fn migrate(&self, path: &Path, existed: bool) -> Result<()> {
        let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        let applied = self.applied_versions().await?;
        if let Some(&found) = applied.iter().max() {
            if found > known {
                return Err(Error::NewerSchema {
                    path: path.to_path_buf(),
                    found,
                    known,
                });
            }
        }
        let pending = MIGRATOR.iter().any(|m| !applied.contains(&m.version));
        if pending && existed && !applied.is_empty() {
            self.backup_before_migration(path, known).await?;
        }
        if pending {
            tracing::info!(path = %path.display(), to = known, "migrating workspace");
        }
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    async fn applied_versions(&self) -> Result<Vec<i64>> {
        let exists: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_one(&self.pool)
        .await?;
        if exists == 0 {
            return Ok(Vec::new());
        }
        let rows = sqlx::query("SELECT version FROM _sqlx_migrations WHERE success = 1")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| r.get::<i64, _>(0)).collect())
    }

    /// Writes a consistent copy of the workspace to `path`, which must not exist yet.
    pub async fn backup_to(&self, path: &Path) -> Result<()> {
        self.vacuum_into(path).await.map_err(|source| Error::Copy {
            path: path.to_path_buf(),
            source,
        })
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

    /// A copy kept once per schema version: an existing backup is left as it is.
    async fn backup_before_migration(&self, path: &Path, to: i64) -> Result<()> {
        let backup = path.with_extension(format!("before-{to}.bak"));
        if backup.exists() {
            return Ok(());
        }
        self.vacuum_into(&backup)
            .await
            .map_err(|source| Error::Backup {
                path: path.to_path_buf(),
                source,
            })?;
        tracing::info!(backup = %backup.display(), "backed up workspace before migrating");
        Ok(())
    }
}
