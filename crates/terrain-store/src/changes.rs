//! What a change-set for the CRM is made of: the owner changes the journal holds for a plan,
//! a plan's assignments by id, the accounts' CRM keys, and each rep's CRM user id.
//!
//! The journal keeps every change with its before and after values; netting them per account
//! is the use case's job (`terrain::changesets`), this module only reads them in order.

use sqlx::{FromRow, QueryBuilder, Sqlite};

use crate::journal::{Change, ACTIVATE};
use crate::plans::PlanRow;
use crate::{Error, Result, Store};

const CHUNK: usize = 500;

/// The changes of one journal entry that is in effect, with when it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct DoneEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub changes: Vec<Change>,
}

/// An account as the CRM knows it.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct AccountKey {
    pub id: i64,
    /// The CRM's account id, as imported.
    pub key: String,
    pub name: String,
}

/// A rep and the user id the CRM knows them by.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct RepCrmId {
    pub id: i64,
    pub name: String,
    pub crm_user_id: Option<String>,
}

impl Store {
    /// The journal entries in effect (done, neither undone nor dropped) that were made on a
    /// plan while it was active, oldest first: those of `plan` alone, or of every plan when
    /// `None`, made at or after `since` (an RFC 3339 UTC time, compared as text, which orders
    /// such times correctly; `None` for all).
    ///
    /// Edits of a quarterly draft are journalled on the draft, and become the active plan's
    /// entries when it is activated; they changed no owner anyone works with, so only the
    /// entries from the draft's activation on count. A plan that was never activated by an
    /// entry (the first one) counts unless it is a draft. Read this way, the entries chain:
    /// an activation's "before" owners are the old plan's owners at that moment.
    pub async fn done_entries(
        &self,
        plan: Option<i64>,
        since: Option<&str>,
    ) -> Result<Vec<DoneEntry>> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT j.id, j.at, j.changes FROM journal j JOIN plans p ON p.id = j.plan_id \
             WHERE j.state = 'done' AND j.at >= ?1 AND (?2 IS NULL OR j.plan_id = ?2) \
             AND CASE WHEN EXISTS (SELECT 1 FROM journal a WHERE a.plan_id = j.plan_id \
                                   AND a.action = ?3) \
             THEN j.id >= (SELECT min(a.id) FROM journal a WHERE a.plan_id = j.plan_id \
                           AND a.action = ?3 AND a.state = 'done') \
             ELSE p.status != 'draft' END \
             ORDER BY j.id",
        )
        .bind(since.unwrap_or(""))
        .bind(plan)
        .bind(ACTIVATE)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, at, changes)| {
                let changes = serde_json::from_str(&changes).map_err(|source| Error::Json {
                    what: "journal changes",
                    source,
                })?;
                Ok(DoneEntry { id, at, changes })
            })
            .collect()
    }

    /// One plan, whatever its status.
    pub async fn plan(&self, id: i64) -> Result<Option<PlanRow>> {
        Ok(
            sqlx::query_as("SELECT id, name, status, effective FROM plans WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// The CRM keys and names of some accounts, in id order.
    pub async fn account_keys(&self, ids: &[i64]) -> Result<Vec<AccountKey>> {
        let mut found = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            let mut q =
                QueryBuilder::<Sqlite>::new("SELECT id, key, name FROM accounts WHERE id IN (");
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(id);
            }
            q.push(")");
            found.extend(
                q.build_query_as::<AccountKey>()
                    .fetch_all(&self.pool)
                    .await?,
            );
        }
        found.sort_by_key(|a| a.id);
        Ok(found)
    }

    /// Every rep with their CRM user id, by name.
    pub async fn crm_user_ids(&self) -> Result<Vec<RepCrmId>> {
        Ok(
            sqlx::query_as("SELECT id, name, crm_user_id FROM reps ORDER BY name, id")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// Sets reps' CRM user ids (`None` clears one) in one transaction.
    ///
    /// Every edited rep lets go of its id before any is given, so that two reps trading ids
    /// never meet the unique index half-way. The caller checks that the result gives no id to
    /// two reps; should it not, the index refuses the whole edit.
    pub async fn set_crm_user_ids(&self, edits: &[(i64, Option<String>)]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for (rep, _) in edits {
            sqlx::query("UPDATE reps SET crm_user_id = NULL WHERE id = ?")
                .bind(rep)
                .execute(&mut *tx)
                .await?;
        }
        for (rep, id) in edits {
            if let Some(id) = id {
                sqlx::query("UPDATE reps SET crm_user_id = ? WHERE id = ?")
                    .bind(id)
                    .bind(rep)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        self.wrote();
        Ok(())
    }
}
