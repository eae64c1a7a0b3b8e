//! The workspace file: one SQLite database per director, reached through sqlx.
//!
//! This crate owns the schema and every query. It loads what `terrain-sheets` parsed, hands the
//! core plain rows to score and assign, and writes back scores, plans and journal entries. Each
//! user action is one transaction, so a failed import or a crash mid-write leaves the file as it
//! was before the action.

mod error;
mod import;
mod journal;
mod open;
mod plans;
mod reads;
mod scores;
mod settings;

pub use error::{Error, Result};
pub use import::{FileLoad, ImportData, ImportFile, LoadOutcome, LoadProblem};
pub use journal::{Change, HistoryEntry, JournalEntry};
pub use plans::{Assignment, BookTotal, PlanRow};
pub use reads::{
    AccountFacts, AccountListRow, AccountOrder, AccountPageQuery, ImportLogRow, OpportunityFacts,
    RepRow, SignalWeek,
};
pub use scores::ScoreRow;

use sqlx::SqlitePool;

/// An open workspace database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Closes every connection, which checkpoints the WAL into the main file.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The underlying pool, for benchmarks and tests that need raw SQL.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
