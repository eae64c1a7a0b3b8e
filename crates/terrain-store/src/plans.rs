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
    pub async fn ensure_active_plan(&self, effective: NaiveDate) -> Result<PlanRow> {
        if let Some(plan) = self.active_plan().await? {
            return Ok(plan);
        }
        let name = format!("Plan of {}", effective.format("%-d %B %Y"));
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO plans (name, status, effective, created_at) VALUES (?, 'active', ?, ?) \
             RETURNING id",
        )
        .bind(&name)
        .bind(effective.to_string())
        .bind(Utc::now().to_rfc3339())
        .fetch_one(&self.pool)
        .await?;
        Ok(PlanRow {
            id,
            name,
            status: "active".into(),
            effective,
        })
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
        write_assignments(&mut tx, plan, changes.iter().map(Change::after)).await?;
        let json = serde_json::to_string(changes).map_err(|source| Error::Json {
            what: "journal changes",
            source,
        })?;
        sqlx::query("UPDATE journal SET state = 'dropped' WHERE state = 'undone'")
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO journal (at, plan_id, action, label, changes) VALUES (?, ?, ?, ?, ?) \
             RETURNING id",
        )
        .bind(Utc::now().to_rfc3339())
        .bind(plan)
        .bind(action)
        .bind(label)
        .bind(json)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }
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
