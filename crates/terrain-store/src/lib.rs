//! The workspace file: one SQLite database per director, reached through sqlx.
//!
//! This crate owns the schema and every query. It loads what `terrain-sheets` parsed, hands the
//! core plain rows to score and assign, and writes back scores, plans and journal entries. Each
//! user action is one transaction, so a failed import or a crash mid-write leaves the file as it
//! was before the action.

mod backups;
mod changes;
mod error;
mod health;
mod import;
mod journal;
mod merges;
mod open;
mod plans;
mod reads;
mod refreshes;
mod reviews;
mod scores;
mod session;
mod settings;
mod sources;

pub use backups::{backup_dir, list_backups, verify_backup, Backup, BackupKind};
pub use changes::{AccountKey, DoneEntry, RepCrmId};
pub use error::{Error, Result};
pub use import::{FileLoad, ImportData, ImportFile, LoadOutcome, LoadProblem};
pub use journal::{Change, HistoryEntry, JournalEntry, JournalSummary};
pub use merges::{MergeMember, MergeOutcome, MergeProposal, MergedAccount};
pub use plans::{Assignment, BookTotal, PlanRow};
pub use reads::{
    AccountFacts, AccountListRow, AccountOrder, AccountPageQuery, ImportLogRow, OpportunityFacts,
    RepRow, SignalWeek,
};
pub use refreshes::WatchedFile;
pub use reviews::{ReviewBaseline, ReviewDecision};
pub use scores::{ScorePoint, ScoreRow};
pub use session::{ImportSession, SessionFile, LISTED_PROBLEMS};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use sqlx::SqlitePool;

/// An open workspace database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    /// Counts this process's committed writes, so callers can tell whether anything they
    /// derived from the data is still current.
    writes: Arc<AtomicU64>,
    /// The file behind the pool; `None` for a workspace in memory.
    file: Option<Arc<WorkspaceFile>>,
    /// Whether an import switched the workspace out of WAL mode (see `begin_bulk_load`).
    bulk: Arc<AtomicBool>,
}

/// What every clone of a store shares about its file.
#[derive(Debug)]
struct WorkspaceFile {
    path: PathBuf,
    /// What is wrong with the file, once found; the pool is then read-only.
    damage: Mutex<Option<String>>,
}

impl Store {
    fn new(pool: SqlitePool, path: Option<&Path>) -> Store {
        Store {
            pool,
            writes: Arc::new(AtomicU64::new(0)),
            file: path.map(|path| {
                Arc::new(WorkspaceFile {
                    path: path.to_path_buf(),
                    damage: Mutex::new(None),
                })
            }),
            bulk: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The workspace file; `None` for a workspace in memory.
    pub fn path(&self) -> Option<&Path> {
        self.file.as_deref().map(|file| file.path.as_path())
    }

    /// What is wrong with the file, when it was found damaged (at open, by a quick check or
    /// by a query that met a bad page). A damaged workspace is open read-only.
    pub fn damage(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        // A poisoned lock still holds the last reason written, which is what to report.
        let damage = file.damage.lock().unwrap_or_else(|e| e.into_inner());
        damage.clone()
    }

    /// Changes whenever this process commits a write.
    pub fn generation(&self) -> u64 {
        self.writes.load(Ordering::SeqCst)
    }

    pub(crate) fn wrote(&self) {
        self.writes.fetch_add(1, Ordering::SeqCst);
    }

    /// SQLite's data version: it changes when another process commits to the file.
    pub async fn data_version(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("PRAGMA data_version")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Closes every connection, which checkpoints the WAL into the main file.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The underlying pool, for benchmarks and tests that need raw SQL.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
