//! The journal: every owner or lock change as before/after values, which makes undo and redo
//! exact and lets them survive a restart.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::plans::{write_assignments, AssignmentValues};
use crate::{Error, Result, Store};

/// One account's owner and lock, before and after an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub account_id: i64,
    pub from_rep: Option<i64>,
    pub to_rep: Option<i64>,
    pub from_locked: bool,
    pub to_locked: bool,
    pub from_reason: String,
    pub to_reason: String,
}

impl Change {
    pub(crate) fn after(&self) -> AssignmentValues<'_> {
        (
            self.account_id,
            self.to_rep,
            self.to_locked,
            &self.to_reason,
        )
    }

    fn before(&self) -> AssignmentValues<'_> {
        (
            self.account_id,
            self.from_rep,
            self.from_locked,
            &self.from_reason,
        )
    }
}

/// A journal entry as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalEntry {
    pub id: i64,
    pub at: String,
    pub plan_id: i64,
    pub action: String,
    pub label: String,
    pub changes: Vec<Change>,
}

/// What undo and redo would do now.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoryEntry {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

#[derive(FromRow)]
struct EntryRow {
    id: i64,
    at: String,
    plan_id: i64,
    action: String,
    label: String,
    changes: String,
}

impl EntryRow {
    fn decode(self) -> Result<JournalEntry> {
        let changes = serde_json::from_str(&self.changes).map_err(|source| Error::Json {
            what: "journal changes",
            source,
        })?;
        Ok(JournalEntry {
            id: self.id,
            at: self.at,
            plan_id: self.plan_id,
            action: self.action,
            label: self.label,
            changes,
        })
    }
}

const LAST_DONE: &str = "SELECT id, at, plan_id, action, label, changes FROM journal \
                         WHERE state = 'done' ORDER BY id DESC LIMIT 1";
const FIRST_UNDONE: &str = "SELECT id, at, plan_id, action, label, changes FROM journal \
                            WHERE state = 'undone' ORDER BY id ASC LIMIT 1";

impl Store {
    /// Reverts the latest done entry; `None` when there is nothing to undo.
    pub async fn undo(&self) -> Result<Option<JournalEntry>> {
        self.step(LAST_DONE, "undone", Change::before).await
    }

    /// Re-applies the earliest undone entry; `None` when there is nothing to redo.
    pub async fn redo(&self) -> Result<Option<JournalEntry>> {
        self.step(FIRST_UNDONE, "done", Change::after).await
    }

    async fn step(
        &self,
        pick: &str,
        new_state: &str,
        values: fn(&Change) -> AssignmentValues<'_>,
    ) -> Result<Option<JournalEntry>> {
        let mut tx = self.pool.begin().await?;
        let Some(row) = sqlx::query_as::<_, EntryRow>(pick)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(None);
        };
        let entry = row.decode()?;
        write_assignments(&mut tx, entry.plan_id, entry.changes.iter().map(values)).await?;
        sqlx::query("UPDATE journal SET state = ? WHERE id = ?")
            .bind(new_state)
            .bind(entry.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.wrote();
        Ok(Some(entry))
    }

    pub async fn history(&self) -> Result<HistoryEntry> {
        let undo: Option<String> = sqlx::query_scalar(
            "SELECT label FROM journal WHERE state = 'done' ORDER BY id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let redo: Option<String> = sqlx::query_scalar(
            "SELECT label FROM journal WHERE state = 'undone' ORDER BY id ASC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(HistoryEntry { undo, redo })
    }
}
