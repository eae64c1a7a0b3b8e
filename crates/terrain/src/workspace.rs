//! The workspace: one director's data in one SQLite file, and the use cases on it.
//!
//! Each use case lives in its own module (`importing`, `planning`, `board`, `exporting`,
//! `insights`, `baselines`, `demo`) as an `impl Workspace` block; this one opens the file and
//! summarises it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use terrain_store::Store;

use crate::board::BookCache;
use crate::error::Result;
use crate::modeling::ModelCache;
use crate::planning::CapacityCache;
use crate::views::{ImportLogEntry, PlanInfo, SheetKindName, WorkspaceSummary};

/// An open workspace. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub(crate) store: Store,
    path: PathBuf,
    /// Per-rep totals of the active plan, kept current across drag-and-drop moves so a move
    /// does not re-sum every book (see `board::BookCache`).
    pub(crate) books: Arc<Mutex<Option<BookCache>>>,
    /// The readiness model last trained, reused while the history it learned from is the same
    /// (see `modeling::ModelCache`).
    pub(crate) model: Arc<Mutex<Option<ModelCache>>>,
    /// The capacity Terrain computes for reps without one, reused while nothing it is
    /// computed from was written (see `planning::CapacityCache`).
    pub(crate) capacity: Arc<Mutex<Option<CapacityCache>>>,
}

impl Workspace {
    /// Opens the workspace file, creating an empty one when missing, and runs pending
    /// migrations (after backing the file up).
    pub async fn open(path: &Path) -> Result<Workspace> {
        let store = Store::open(path).await?;
        tracing::info!(path = %path.display(), "opened workspace");
        Ok(Workspace {
            store,
            path: path.to_path_buf(),
            books: Arc::default(),
            model: Arc::default(),
            capacity: Arc::default(),
        })
    }

    /// A private in-memory workspace, for tests and benchmarks.
    pub async fn in_memory() -> Result<Workspace> {
        Ok(Workspace {
            store: Store::open_in_memory().await?,
            path: PathBuf::from(":memory:"),
            books: Arc::default(),
            model: Arc::default(),
            capacity: Arc::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store underneath, for benchmarks and tests.
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub async fn summary(&self) -> Result<WorkspaceSummary> {
        let [reps, accounts, opportunities, signals, products, orphans] =
            self.store.counts().await?;
        let plan = self.store.active_plan().await?;
        let assigned = match &plan {
            Some(plan) => self.store.assigned_count(plan.id).await?,
            None => 0,
        };
        let pooled = accounts - assigned;
        let recent_imports = self
            .store
            .recent_imports(10)
            .await?
            .into_iter()
            .map(|row| ImportLogEntry {
                at: row.at,
                file: row.file,
                kind: kind_name(&row.kind),
                rows: row.rows as u32,
                rejected: row.rejected as u32,
            })
            .collect();
        Ok(WorkspaceSummary {
            path: self.path.display().to_string(),
            reps: reps as u32,
            accounts: accounts as u32,
            opportunities: opportunities as u32,
            signals: signals as u32,
            products: products as u32,
            opportunities_without_account: orphans as u32,
            scored_as_of: self.store.scores_as_of().await?.map(|d| d.to_string()),
            active_plan: plan.map(plan_info),
            assigned: assigned as u32,
            pooled: pooled.max(0) as u32,
            recent_imports,
            scoring_note: self
                .store
                .setting("scoring_note")
                .await?
                .unwrap_or_else(|| "Nothing scored yet: import accounts to begin.".into()),
        })
    }

    /// Closes the connection pool, checkpointing the WAL.
    pub async fn close(&self) {
        self.store.close().await;
    }
}

pub(crate) fn plan_info(plan: terrain_store::PlanRow) -> PlanInfo {
    PlanInfo {
        id: plan.id,
        name: plan.name,
        status: plan.status,
        effective: plan.effective.to_string(),
    }
}

pub(crate) fn kind_name(kind: &str) -> SheetKindName {
    match kind {
        "reps" => SheetKindName::Reps,
        "opportunities" => SheetKindName::Opportunities,
        "signals" => SheetKindName::Signals,
        "products" => SheetKindName::Products,
        _ => SheetKindName::Accounts,
    }
}
