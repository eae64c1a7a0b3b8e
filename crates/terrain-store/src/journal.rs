//! The journal: every owner or lock change as before/after values, which makes undo and redo
//! exact and lets them survive a restart.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use crate::plans::{swap_activation, write_assignments, AssignmentValues};

/// The journal action of a draft made active.
pub const ACTIVATE: &str = "activate";
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
    /// Filled by an undo or redo: each account whose owner it changed, as (account, owner
    /// before, owner after), `None` being the pool. These are the rows as they were, which a
    /// merge since the entry may have made differ from its changes' own before and after, so
    /// that totals kept per rep can be shifted exactly instead of summed again.
    pub reassigned: Vec<(i64, Option<i64>, Option<i64>)>,
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
            reassigned: Vec::new(),
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
        let mut entry = row.decode()?;
        if entry.action == ACTIVATE {
            // An activation changed which plan is active, not the rows of either plan.
            let previous: Option<i64> =
                sqlx::query_scalar("SELECT previous_plan FROM journal WHERE id = ?")
                    .bind(entry.id)
                    .fetch_one(&mut *tx)
                    .await?;
            swap_activation(&mut tx, entry.plan_id, previous, new_state == "undone").await?;
        } else {
            // An account merged into another since is gone, and so is its placement: the kept
            // account has its own, which this entry did not set.
            let remaining = existing_accounts(&mut tx, &entry.changes).await?;
            let changes: Vec<&Change> = entry
                .changes
                .iter()
                .filter(|c| remaining.contains(&c.account_id))
                .collect();
            let owners = current_owners(&mut tx, entry.plan_id, &changes).await?;
            write_assignments(&mut tx, entry.plan_id, changes.iter().map(|c| values(c))).await?;
            entry.reassigned = changes
                .iter()
                .map(|c| {
                    let before = owners.get(&c.account_id).copied().flatten();
                    (c.account_id, before, values(c).1)
                })
                .filter(|(_, before, after)| before != after)
                .collect();
        }
        sqlx::query("UPDATE journal SET state = ? WHERE id = ?")
            .bind(new_state)
            .bind(entry.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.wrote();
        Ok(Some(entry))
    }

    /// The latest entry in effect, `0` for none: it changes with every edit, undo and redo.
    pub async fn journal_version(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM journal WHERE state = 'done'")
                .fetch_one(&self.pool)
                .await?,
        )
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

/// Which of the changes' accounts still exist.
async fn existing_accounts(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    changes: &[Change],
) -> Result<std::collections::HashSet<i64>> {
    let mut found = std::collections::HashSet::with_capacity(changes.len());
    for chunk in changes.chunks(500) {
        let mut q =
            sqlx::QueryBuilder::<sqlx::Sqlite>::new("SELECT id FROM accounts WHERE id IN (");
        let mut list = q.separated(", ");
        for change in chunk {
            list.push_bind(change.account_id);
        }
        q.push(")");
        found.extend(q.build_query_scalar::<i64>().fetch_all(&mut **tx).await?);
    }
    Ok(found)
}

/// The rep each of the changes' accounts has in `plan` now; an account with no row is absent.
async fn current_owners(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    plan: i64,
    changes: &[&Change],
) -> Result<std::collections::HashMap<i64, Option<i64>>> {
    let mut owners = std::collections::HashMap::with_capacity(changes.len());
    for chunk in changes.chunks(500) {
        let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
            "SELECT account_id, rep_id FROM assignments WHERE plan_id = ",
        );
        q.push_bind(plan);
        q.push(" AND account_id IN (");
        let mut list = q.separated(", ");
        for change in chunk {
            list.push_bind(change.account_id);
        }
        q.push(")");
        owners.extend(
            q.build_query_as::<(i64, Option<i64>)>()
                .fetch_all(&mut **tx)
                .await?,
        );
    }
    Ok(owners)
}

/// A journal entry as the audit log lists it: what was done, when, and to how many accounts.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct JournalSummary {
    pub id: i64,
    pub at: String,
    pub action: String,
    pub label: String,
    /// `done`, `undone` (reverted, may be redone) or `dropped` (reverted, then replaced).
    pub state: String,
    pub changes: i64,
}

const SUMMARY: &str = "SELECT id, at, action, label, state, json_array_length(changes) AS changes \
                       FROM journal";
/// Entries that changed one account, read from the changes' JSON so no second index is kept.
const TOUCHING: &str = " WHERE EXISTS (SELECT 1 FROM json_each(journal.changes) \
                        WHERE json_extract(json_each.value, '$.account_id') = ?)";

impl Store {
    /// A page of the journal, newest first, optionally only the entries that changed
    /// `account`, with how many entries there are in all.
    pub async fn journal_page(
        &self,
        account: Option<i64>,
        limit: u32,
        offset: u32,
    ) -> Result<(i64, Vec<JournalSummary>)> {
        let filter = if account.is_some() { TOUCHING } else { "" };
        let count = format!("SELECT COUNT(*) FROM journal{filter}");
        let mut total = sqlx::query_scalar::<_, i64>(&count);
        let page = format!("{SUMMARY}{filter} ORDER BY id DESC LIMIT ? OFFSET ?");
        let mut rows = sqlx::query_as::<_, JournalSummary>(&page);
        if let Some(account) = account {
            total = total.bind(account);
            rows = rows.bind(account);
        }
        let total = total.fetch_one(&self.pool).await?;
        let rows = rows
            .bind(i64::from(limit))
            .bind(i64::from(offset))
            .fetch_all(&self.pool)
            .await?;
        Ok((total, rows))
    }

    /// Every journal entry with its changes, oldest first: the audit log's export.
    pub async fn journal_entries(&self) -> Result<Vec<(JournalSummary, Vec<Change>)>> {
        let rows = sqlx::query_as::<_, EntryRow>(
            "SELECT id, at, plan_id, action, label, changes FROM journal ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        let states: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, state FROM journal ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        let states: std::collections::HashMap<i64, String> = states.into_iter().collect();
        rows.into_iter()
            .map(|row| {
                let entry = row.decode()?;
                let summary = JournalSummary {
                    id: entry.id,
                    at: entry.at,
                    action: entry.action,
                    label: entry.label,
                    state: states.get(&entry.id).cloned().unwrap_or_default(),
                    changes: entry.changes.len() as i64,
                };
                Ok((summary, entry.changes))
            })
            .collect()
    }

    /// One entry's changes; `None` when there is no such entry.
    pub async fn journal_changes(&self, id: i64) -> Result<Option<Vec<Change>>> {
        let row = sqlx::query_as::<_, EntryRow>(
            "SELECT id, at, plan_id, action, label, changes FROM journal WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(EntryRow::decode).transpose()?.map(|e| e.changes))
    }
}
