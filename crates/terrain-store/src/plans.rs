//! Plans and their assignments of accounts to reps.

use chrono::{NaiveDate, Utc};
use sqlx::{FromRow, QueryBuilder, Sqlite, Transaction};

use crate::journal::Change;
use crate::{Error, Result, Store};

const CHUNK: usize = 500;

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct PlanRow {
    pub id: i64,
    pub name: String,
    pub status: String,
    pub effective: NaiveDate,
}

/// Who holds one account in a plan. `rep_id` is `None` for the pool.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct Assignment {
    pub account_id: i64,
    pub rep_id: Option<i64>,
    pub locked: bool,
    pub reason: String,
}

impl Store {
    pub async fn active_plan(&self) -> Result<Option<PlanRow>> {
        Ok(
            sqlx::query_as("SELECT id, name, status, effective FROM plans WHERE status = 'active'")
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// The active plan, created empty (every account in the pool) when there is none yet.
    ///
    /// One statement checks and inserts, so two views loading at once on a new workspace
    /// cannot both create a plan.
    pub async fn ensure_active_plan(&self, effective: NaiveDate) -> Result<PlanRow> {
        if let Some(plan) = self.active_plan().await? {
            return Ok(plan);
        }
        let name = format!("Plan of {}", effective.format("%-d %B %Y"));
        let inserted = sqlx::query(
            "INSERT INTO plans (name, status, effective, created_at) \
             SELECT ?, 'active', ?, ? WHERE NOT EXISTS \
             (SELECT 1 FROM plans WHERE status = 'active')",
        )
        .bind(&name)
        .bind(effective.to_string())
        .bind(Utc::now().to_rfc3339())
        .execute(&self.pool)
        .await?
        .rows_affected();
        if inserted > 0 {
            self.wrote();
        }
        self.active_plan()
            .await?
            .ok_or(Error::Sql(sqlx::Error::RowNotFound))
    }

    pub async fn assignments(&self, plan: i64) -> Result<Vec<Assignment>> {
        Ok(sqlx::query_as(
            "SELECT account_id, rep_id, locked, reason FROM assignments WHERE plan_id = ? \
             ORDER BY account_id",
        )
        .bind(plan)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Applies owner and lock changes to a plan and records them as one journal entry, in one
    /// transaction. A new entry ends the redo history, as in any editor.
    pub async fn apply_changes(
        &self,
        plan: i64,
        action: &str,
        label: &str,
        changes: &[Change],
    ) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let id = record_changes(&mut tx, plan, action, label, changes).await?;
        tx.commit().await?;
        self.wrote();
        Ok(id)
    }
}

/// Writes owner and lock changes and their journal entry inside the caller's transaction.
pub(crate) async fn record_changes(
    tx: &mut Transaction<'_, Sqlite>,
    plan: i64,
    action: &str,
    label: &str,
    changes: &[Change],
) -> Result<i64> {
    // What the caller read as "before" may be stale by now (two quick drops of the same
    // card); the journal must hold what the rows really were, or undo is not exact.
    let changes = with_current_before(tx, plan, changes).await?;
    write_assignments(tx, plan, changes.iter().map(Change::after)).await?;
    journal_entry(tx, plan, action, label, &changes, None).await
}

/// Adds a journal entry inside the caller's transaction. A new entry ends the redo history,
/// as in any editor; `previous` is the plan an activation replaced.
async fn journal_entry(
    tx: &mut Transaction<'_, Sqlite>,
    plan: i64,
    action: &str,
    label: &str,
    changes: &[Change],
    previous: Option<i64>,
) -> Result<i64> {
    let json = serde_json::to_string(changes).map_err(|source| Error::Json {
        what: "journal changes",
        source,
    })?;
    sqlx::query("UPDATE journal SET state = 'dropped' WHERE state = 'undone'")
        .execute(&mut **tx)
        .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO journal (at, plan_id, action, label, changes, previous_plan) \
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(Utc::now().to_rfc3339())
    .bind(plan)
    .bind(action)
    .bind(label)
    .bind(json)
    .bind(previous)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The changes with their "before" values read inside the transaction.
async fn with_current_before(
    tx: &mut Transaction<'_, Sqlite>,
    plan: i64,
    changes: &[Change],
) -> Result<Vec<Change>> {
    let mut current = std::collections::HashMap::with_capacity(changes.len());
    for chunk in changes.chunks(CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT account_id, rep_id, locked, reason FROM assignments WHERE plan_id = ",
        );
        q.push_bind(plan);
        q.push(" AND account_id IN (");
        let mut list = q.separated(", ");
        for change in chunk {
            list.push_bind(change.account_id);
        }
        q.push(")");
        for row in q
            .build_query_as::<Assignment>()
            .fetch_all(&mut **tx)
            .await?
        {
            current.insert(row.account_id, row);
        }
    }
    Ok(changes
        .iter()
        .map(|change| {
            let now = current.get(&change.account_id);
            Change {
                from_rep: now.and_then(|a| a.rep_id),
                from_locked: now.is_some_and(|a| a.locked),
                from_reason: now.map(|a| a.reason.clone()).unwrap_or_default(),
                ..change.clone()
            }
        })
        .collect())
}

/// One assignment row to write: account, rep (`None` for the pool), locked, reason.
pub(crate) type AssignmentValues<'a> = (i64, Option<i64>, bool, &'a str);

/// Upserts assignment rows.
pub(crate) async fn write_assignments<'a>(
    tx: &mut Transaction<'_, Sqlite>,
    plan: i64,
    rows: impl Iterator<Item = AssignmentValues<'a>>,
) -> Result<()> {
    let rows: Vec<_> = rows.collect();
    for chunk in rows.chunks(CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO assignments (plan_id, account_id, rep_id, locked, reason) ",
        );
        q.push_values(chunk, |mut b, (account, rep, locked, reason)| {
            b.push_bind(plan)
                .push_bind(account)
                .push_bind(rep)
                .push_bind(locked)
                .push_bind(*reason);
        });
        q.push(
            " ON CONFLICT (plan_id, account_id) DO UPDATE SET rep_id = excluded.rep_id, \
             locked = excluded.locked, reason = excluded.reason",
        );
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// One rep's book in a plan: how many accounts and how much expected value.
#[derive(Debug, Clone, Copy, PartialEq, FromRow)]
pub struct BookTotal {
    pub rep_id: i64,
    pub accounts: i64,
    pub expected_value: f64,
}

impl Store {
    /// How many accounts the plan puts in some rep's book.
    pub async fn assigned_count(&self, plan: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT count(*) FROM assignments WHERE plan_id = ? AND rep_id IS NOT NULL",
        )
        .bind(plan)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Totals per rep, summed in SQL so that a drag-and-drop move never loads the whole plan.
    pub async fn book_totals(&self, plan: i64, as_of: Option<NaiveDate>) -> Result<Vec<BookTotal>> {
        Ok(sqlx::query_as(
            "SELECT x.rep_id AS rep_id, count(*) AS accounts, \
             total(s.readiness * s.potential) AS expected_value \
             FROM assignments x \
             LEFT JOIN scores s ON s.account_id = x.account_id AND s.as_of = ? \
             WHERE x.plan_id = ? AND x.rep_id IS NOT NULL \
             GROUP BY x.rep_id ORDER BY x.rep_id",
        )
        .bind(as_of.map(|d| d.to_string()).unwrap_or_default())
        .bind(plan)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Readiness times potential of some accounts in the snapshot of `as_of`.
    pub async fn expected_values(
        &self,
        as_of: Option<NaiveDate>,
        accounts: &[i64],
    ) -> Result<std::collections::HashMap<i64, f64>> {
        let mut found = std::collections::HashMap::with_capacity(accounts.len());
        for chunk in accounts.chunks(CHUNK) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT account_id, readiness * potential FROM scores WHERE as_of = ",
            );
            q.push_bind(as_of.map(|d| d.to_string()).unwrap_or_default());
            q.push(" AND account_id IN (");
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(id);
            }
            q.push(")");
            found.extend(
                q.build_query_as::<(i64, f64)>()
                    .fetch_all(&self.pool)
                    .await?,
            );
        }
        Ok(found)
    }

    /// The current assignments of some accounts in a plan.
    pub async fn assignments_of(&self, plan: i64, accounts: &[i64]) -> Result<Vec<Assignment>> {
        let mut found = Vec::with_capacity(accounts.len());
        for chunk in accounts.chunks(CHUNK) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "SELECT account_id, rep_id, locked, reason FROM assignments WHERE plan_id = ",
            );
            q.push_bind(plan);
            q.push(" AND account_id IN (");
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(id);
            }
            q.push(")");
            found.extend(
                q.build_query_as::<Assignment>()
                    .fetch_all(&self.pool)
                    .await?,
            );
        }
        Ok(found)
    }
}

impl Store {
    /// The draft being prepared, if any.
    pub async fn draft_plan(&self) -> Result<Option<PlanRow>> {
        Ok(sqlx::query_as(
            "SELECT id, name, status, effective FROM plans WHERE status = 'draft' \
             ORDER BY id DESC LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Replaces any draft with a new one holding `rows`, in one transaction. Edits journalled
    /// against the old draft go with it.
    pub async fn create_draft(
        &self,
        name: &str,
        effective: NaiveDate,
        rows: &[Assignment],
    ) -> Result<PlanRow> {
        let mut tx = self.pool.begin().await?;
        discard_drafts(&mut tx).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO plans (name, status, effective, created_at) VALUES (?, 'draft', ?, ?) \
             RETURNING id",
        )
        .bind(name)
        .bind(effective.to_string())
        .bind(Utc::now().to_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        write_assignments(
            &mut tx,
            id,
            rows.iter()
                .map(|a| (a.account_id, a.rep_id, a.locked, a.reason.as_str())),
        )
        .await?;
        tx.commit().await?;
        self.wrote();
        Ok(PlanRow {
            id,
            name: name.to_string(),
            status: "draft".to_string(),
            effective,
        })
    }

    /// Deletes the draft and its journal entries; `false` when there was none.
    pub async fn discard_draft(&self) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let discarded = discard_drafts(&mut tx).await?;
        tx.commit().await?;
        if discarded {
            self.wrote();
        }
        Ok(discarded)
    }

    /// Makes `draft` the active plan and archives the active one, in one transaction, recorded
    /// as one journal entry holding every owner change so the audit log and change-sets see
    /// them; undoing it makes the archived plan active again, exactly as it was.
    pub async fn activate_draft(&self, draft: i64, label: &str, changes: &[Change]) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let status: Option<String> = sqlx::query_scalar("SELECT status FROM plans WHERE id = ?")
            .bind(draft)
            .fetch_optional(&mut *tx)
            .await?;
        if status.as_deref() != Some("draft") {
            return Err(Error::NotADraft(draft));
        }
        let previous: Option<i64> =
            sqlx::query_scalar("SELECT id FROM plans WHERE status = 'active'")
                .fetch_optional(&mut *tx)
                .await?;
        // The one-active index checks each statement, so the old plan steps down first.
        sqlx::query("UPDATE plans SET status = 'archived' WHERE status = 'active'")
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE plans SET status = 'active' WHERE id = ?")
            .bind(draft)
            .execute(&mut *tx)
            .await?;
        let id = journal_entry(
            &mut tx,
            draft,
            crate::journal::ACTIVATE,
            label,
            changes,
            previous,
        )
        .await?;
        tx.commit().await?;
        self.wrote();
        Ok(id)
    }
}

async fn discard_drafts(tx: &mut Transaction<'_, Sqlite>) -> Result<bool> {
    sqlx::query(
        "DELETE FROM journal WHERE plan_id IN (SELECT id FROM plans WHERE status = 'draft')",
    )
    .execute(&mut **tx)
    .await?;
    let deleted = sqlx::query("DELETE FROM plans WHERE status = 'draft'")
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(deleted > 0)
}

/// Undoes (`undo`) or redoes an activation inside the caller's transaction: the plan it
/// replaced and the plan it activated swap places again.
pub(crate) async fn swap_activation(
    tx: &mut Transaction<'_, Sqlite>,
    activated: i64,
    previous: Option<i64>,
    undo: bool,
) -> Result<()> {
    // Undone, the plan goes back to being the draft, unless a newer draft was made since:
    // then it is archived, and the newer draft is kept.
    let down_to = if undo {
        let other_draft: Option<i64> =
            sqlx::query_scalar("SELECT id FROM plans WHERE status = 'draft' AND id <> ? LIMIT 1")
                .bind(activated)
                .fetch_optional(&mut **tx)
                .await?;
        if other_draft.is_some() {
            "archived"
        } else {
            "draft"
        }
    } else {
        "archived"
    };
    let (step_down, step_up) = if undo {
        (Some(activated), previous)
    } else {
        (previous, Some(activated))
    };
    if let Some(plan) = step_down {
        sqlx::query("UPDATE plans SET status = ? WHERE id = ?")
            .bind(down_to)
            .bind(plan)
            .execute(&mut **tx)
            .await?;
    }
    if let Some(plan) = step_up {
        sqlx::query("UPDATE plans SET status = 'active' WHERE id = ?")
            .bind(plan)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
