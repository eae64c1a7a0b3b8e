//! Daily reviews: the readiness every account had when the last review was finished, and the
//! moves taken on each day, which the movement budget counts.

use chrono::NaiveDate;
use sqlx::{QueryBuilder, Sqlite};

use crate::journal::Change;
use crate::plans::record_changes;
use crate::{Result, Store};

const CHUNK: usize = 500;
const REVIEWED_ON: &str = "reviewed_on";

/// What the last finished review saw.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewBaseline {
    /// The day it was finished; `None` before the first review.
    pub on: Option<NaiveDate>,
    /// Each account's readiness then.
    pub readiness: Vec<(i64, f64)>,
    /// Accounts whose proposed move the director turned down, with their readiness then.
    pub rejected: Vec<(i64, f64)>,
}

/// What the director decided when finishing a review.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewDecision<'a> {
    pub label: &'a str,
    /// The accepted moves, applied as one journal entry.
    pub accepted: &'a [Change],
    /// Accounts whose move was turned down, with their readiness now.
    pub rejected: &'a [(i64, f64)],
    /// Earlier rejections to forget: the account's readiness has moved on since.
    pub expired: &'a [i64],
    /// Every account's readiness now: the next review's baseline.
    pub readiness: &'a [(i64, f64)],
}

impl Store {
    /// Accounts moved by reviews accepted between two instants (RFC 3339, UTC) and not undone:
    /// what the daily movement budget has spent.
    pub async fn review_moves_between(&self, from: &str, to: &str) -> Result<u32> {
        let moved: i64 = sqlx::query_scalar(
            "SELECT COALESCE(SUM(json_array_length(changes)), 0) FROM journal \
             WHERE action = 'review' AND state = 'done' AND at >= ? AND at < ?",
        )
        .bind(from)
        .bind(to)
        .fetch_one(&self.pool)
        .await?;
        Ok(u32::try_from(moved).unwrap_or(u32::MAX))
    }

    pub async fn review_baseline(&self) -> Result<ReviewBaseline> {
        let on = self
            .setting(REVIEWED_ON)
            .await?
            .and_then(|v| v.parse::<NaiveDate>().ok());
        let readiness: Vec<(i64, f64)> =
            sqlx::query_as("SELECT account_id, readiness FROM reviewed_scores ORDER BY account_id")
                .fetch_all(&self.pool)
                .await?;
        let rejected: Vec<(i64, f64)> = sqlx::query_as(
            "SELECT account_id, readiness FROM review_rejections ORDER BY account_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(ReviewBaseline {
            on,
            readiness,
            rejected,
        })
    }

    /// Finishes a review in one transaction: applies the accepted moves as one journal entry
    /// (none when nothing was accepted), remembers the rejected ones and makes the readiness
    /// the baseline of the next review.
    pub async fn finish_review(
        &self,
        plan: i64,
        decision: &ReviewDecision<'_>,
        on: NaiveDate,
    ) -> Result<Option<i64>> {
        let ReviewDecision {
            label,
            accepted: changes,
            rejected,
            expired,
            readiness,
        } = *decision;
        let mut tx = self.pool.begin().await?;
        let entry = if changes.is_empty() {
            None
        } else {
            Some(record_changes(&mut tx, plan, "review", label, changes).await?)
        };
        for chunk in expired.chunks(CHUNK) {
            let mut q =
                QueryBuilder::<Sqlite>::new("DELETE FROM review_rejections WHERE account_id IN (");
            let mut list = q.separated(", ");
            for account in chunk {
                list.push_bind(account);
            }
            q.push(")");
            q.build().execute(&mut *tx).await?;
        }
        for chunk in rejected.chunks(CHUNK) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO review_rejections (account_id, readiness, rejected_on) ",
            );
            q.push_values(chunk, |mut b, (account, readiness)| {
                b.push_bind(account)
                    .push_bind(readiness)
                    .push_bind(on.to_string());
            });
            q.push(
                " ON CONFLICT (account_id) DO UPDATE SET readiness = excluded.readiness, \
                 rejected_on = excluded.rejected_on",
            );
            q.build().execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?, ?) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(REVIEWED_ON)
        .bind(on.to_string())
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM reviewed_scores")
            .execute(&mut *tx)
            .await?;
        for chunk in readiness.chunks(CHUNK) {
            let mut q =
                QueryBuilder::<Sqlite>::new("INSERT INTO reviewed_scores (account_id, readiness) ");
            q.push_values(chunk, |mut b, (account, readiness)| {
                b.push_bind(account).push_bind(readiness);
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        self.wrote();
        Ok(entry)
    }
}
