//! An import in progress: files loaded a batch at a time into one transaction.
//!
//! A file of a million rows is read and loaded in batches so that memory stays bounded, yet
//! the import is still one user action: it commits whole at [`ImportSession::finish`], or is
//! rolled back when the session is dropped (a cancel, an error, a preview).

use std::sync::atomic::Ordering;

use sqlx::{Sqlite, Transaction};

use crate::import::{
    load_one, log_import, FileLoad, ImportData, LoadOutcome, LoadProblem, Tallies,
};
use crate::{Result, Store};

/// Problems listed per file; past this a file's problems are counted, not listed, so a file
/// whose every row is wrong cannot fill the memory with reports.
pub const LISTED_PROBLEMS: usize = 10_000;

/// One file of an import, as the session logs it.
#[derive(Debug, Clone)]
pub struct SessionFile {
    /// The file name, without its folder.
    pub file: String,
    /// The kind's plural name (`accounts`, ...).
    pub kind: &'static str,
    /// Data rows in the file.
    pub rows_read: u32,
}

/// An open import transaction. Dropping it without [`ImportSession::finish`] rolls back.
pub struct ImportSession {
    tx: Transaction<'static, Sqlite>,
    files: Vec<SessionFile>,
    outcome: LoadOutcome,
    /// Problems per file not listed because of [`LISTED_PROBLEMS`].
    unlisted: Vec<u32>,
    /// `(signature, settings)` of sources to remember when the import commits.
    sources: Vec<(String, String)>,
    tallies: Tallies,
}

impl Store {
    /// Readies the workspace for an import's one large transaction; [`Store::end_bulk_load`]
    /// undoes it, whatever became of the import.
    ///
    /// In WAL mode every page an import writes is written twice, to the WAL and again when it
    /// is checkpointed, and SQLite's documentation advises a rollback journal for transactions
    /// past a hundred megabytes, which a large import is. With the rollback journal, pages new
    /// to the file are written once and only the pages the import changes are journaled; the
    /// commit is as atomic and, with `synchronous = FULL`, as durable. The statement journal of
    /// each multi-row upsert is kept in memory instead of a temporary file: it holds only the
    /// pages one statement of a few thousand rows changes.
    ///
    /// Another process with the workspace open keeps it in WAL mode; the import then runs in
    /// WAL mode, only slower. While the import runs, other processes (the `terrain` command
    /// from cron, say) wait for it, as a rollback journal locks readers out once the pages
    /// it changes no longer fit in the cache. A kill mid-import leaves a hot journal, which
    /// the next open plays back before anything else reads the file.
    pub async fn begin_bulk_load(&self) {
        let switched = async {
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(&self.pool)
                .await?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Ok::<_, sqlx::Error>(());
            }
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode = DELETE")
                .fetch_one(&self.pool)
                .await?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Ok(());
            }
            // Set at once, so that whatever fails next, `end_bulk_load` puts WAL back. Only
            // ever set here: an import that finds the mode switched already (another import
            // between its commit and its `end_bulk_load`) must not clear the flag.
            self.bulk.store(true, Ordering::SeqCst);
            sqlx::query("PRAGMA temp_store = MEMORY")
                .execute(&self.pool)
                .await?;
            Ok(())
        }
        .await;
        if let Err(e) = switched {
            tracing::info!(error = %e, "the import runs in WAL mode");
        }
    }

    /// Puts back the WAL mode and temporary storage [`Store::begin_bulk_load`] changed.
    pub async fn end_bulk_load(&self) {
        if !self.bulk.swap(false, Ordering::SeqCst) {
            return;
        }
        let restored = async {
            sqlx::query("PRAGMA temp_store = DEFAULT")
                .execute(&self.pool)
                .await?;
            sqlx::query_scalar::<_, String>("PRAGMA journal_mode = WAL")
                .fetch_one(&self.pool)
                .await
        }
        .await;
        match restored {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => {}
            // The next open sets WAL again; until then the rollback journal keeps the
            // workspace just as safe.
            Ok(mode) => tracing::warn!(mode, "the workspace stays out of WAL mode"),
            Err(e) => tracing::warn!(error = %e, "the workspace stays out of WAL mode"),
        }
    }

    /// Starts an import of `files`; batches are then loaded in dependency order by the caller.
    pub async fn begin_import(&self, files: Vec<SessionFile>) -> Result<ImportSession> {
        let tx = self.pool.begin().await?;
        Ok(ImportSession {
            tx,
            outcome: LoadOutcome {
                files: vec![FileLoad::default(); files.len()],
                problems: Vec::new(),
            },
            unlisted: vec![0; files.len()],
            sources: Vec::new(),
            tallies: Tallies::default(),
            files,
        })
    }
}

impl ImportSession {
    /// Loads one batch of records of file `index`. `rejected` counts the batch's rows the
    /// reader already left out.
    pub async fn load(
        &mut self,
        index: usize,
        rows: &[u32],
        data: &ImportData<'_>,
        rejected: u32,
    ) -> Result<()> {
        let mut problems = Vec::new();
        let load = load_one(
            &mut self.tx,
            index,
            rows,
            data,
            &mut problems,
            &mut self.tallies,
        )
        .await?;
        let totals = &mut self.outcome.files[index];
        totals.imported += load.imported;
        totals.rejected += load.rejected + rejected;
        let listed = self
            .outcome
            .problems
            .iter()
            .filter(|p| p.file == index)
            .count();
        let room = LISTED_PROBLEMS.saturating_sub(listed);
        self.unlisted[index] += problems.len().saturating_sub(room) as u32;
        self.outcome
            .problems
            .extend(problems.into_iter().take(room));
        Ok(())
    }

    /// Sets the rows file `index` turned out to have, once read: a large file's count is an
    /// estimate until then.
    pub fn set_rows_read(&mut self, index: usize, rows: u32) {
        if let Some(file) = self.files.get_mut(index) {
            file.rows_read = rows;
        }
    }

    /// Remembers how a source's files are read, once the import commits.
    pub fn remember_source(&mut self, signature: String, settings: String) {
        self.sources.push((signature, settings));
    }

    /// Logs the files, remembers their sources, proposes merges of duplicate accounts and
    /// commits; with `commit` false, rolls everything back instead and reports what would have
    /// landed.
    pub async fn finish(mut self, store: &Store, commit: bool) -> Result<LoadOutcome> {
        let tallied = std::mem::take(&mut self.tallies).into_problems();
        self.outcome.problems.extend(tallied);
        for (index, file) in self.files.iter().enumerate() {
            let rejected = self.outcome.files[index].rejected;
            log_import(
                &mut self.tx,
                &file.file,
                file.kind,
                file.rows_read,
                rejected,
            )
            .await?;
            if self.unlisted[index] > 0 {
                self.outcome.problems.push(LoadProblem {
                    file: index,
                    row: None,
                    column: None,
                    message: format!(
                        "{} more problems of this file are not listed",
                        self.unlisted[index]
                    ),
                    rejected: false,
                });
            }
        }
        for (signature, settings) in &self.sources {
            crate::sources::save_source(&mut self.tx, signature, settings).await?;
        }
        crate::merges::propose_merges(&mut self.tx).await?;
        if commit {
            self.tx.commit().await?;
            store.wrote();
        } else {
            self.tx.rollback().await?;
        }
        Ok(self.outcome)
    }
}
