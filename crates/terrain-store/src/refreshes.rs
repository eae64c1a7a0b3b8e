//! The scheduled refresh's memory: which files of the watched folder were imported already.
//!
//! A file is known by its name, size and modification time, and is remembered in the same
//! transaction as its import, so a crash or a failed import never marks a file as done.

use chrono::Utc;

use crate::import::{load, ImportFile, LoadOutcome};
use crate::{Result, Store};

/// A file of the watched folder, as the refresh knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WatchedFile<'a> {
    /// The file name, without its folder.
    pub name: &'a str,
    pub size: i64,
    /// The modification time, RFC 3339.
    pub modified: &'a str,
}

impl Store {
    /// Whether this version of the file was imported by a refresh already.
    pub async fn was_refreshed(&self, file: WatchedFile<'_>) -> Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM refreshed_files WHERE name = ? AND size = ? AND modified = ?",
        )
        .bind(file.name)
        .bind(file.size)
        .bind(file.modified)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    /// Imports the records read from one watched file and remembers the file, in one
    /// transaction; `None` when another refresh has imported this version of the file since
    /// it was found, and then nothing is written.
    pub async fn import_watched(
        &self,
        watched: WatchedFile<'_>,
        files: &[ImportFile<'_>],
    ) -> Result<Option<LoadOutcome>> {
        let mut tx = self.pool.begin().await?;
        // Claimed first: of two refreshes running at once, the second finds the claim and
        // leaves the file alone rather than failing on it.
        let claimed = sqlx::query(
            "INSERT INTO refreshed_files (name, size, modified, imported_at) VALUES (?, ?, ?, ?) \
             ON CONFLICT DO NOTHING",
        )
        .bind(watched.name)
        .bind(watched.size)
        .bind(watched.modified)
        .bind(Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
        let outcome = load(&mut tx, files).await?;
        crate::merges::propose_merges(&mut tx).await?;
        tx.commit().await?;
        self.wrote();
        Ok(Some(outcome))
    }
}
