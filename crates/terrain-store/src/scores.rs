//! Score snapshots: one row per account and day.

use chrono::NaiveDate;
use sqlx::{FromRow, QueryBuilder, Sqlite};

use crate::{Result, Store};

const CHUNK: usize = 500;

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ScoreRow {
    pub account_id: i64,
    pub fit: f64,
    pub engagement: f64,
    pub intent: f64,
    pub readiness: f64,
    /// The value of a deal if the account buys, in the workspace's currency.
    pub potential: f64,
    pub stage: String,
    /// The top reasons as JSON: `[{"text": ..., "effect": ...}]`.
    pub reasons: String,
}

/// One account's score on one day.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ScorePoint {
    pub as_of: NaiveDate,
    pub fit: f64,
    pub engagement: f64,
    pub intent: f64,
    pub readiness: f64,
    pub stage: String,
}

impl Store {
    /// Every snapshot of one account's score, oldest first.
    pub async fn score_history(&self, account_id: i64) -> Result<Vec<ScorePoint>> {
        Ok(sqlx::query_as(
            "SELECT as_of, fit, engagement, intent, readiness, stage FROM scores \
             WHERE account_id = ? ORDER BY as_of",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Replaces the snapshot of `as_of` and makes it the current one, in one transaction.
    pub async fn save_scores(&self, as_of: NaiveDate, scores: &[ScoreRow]) -> Result<()> {
        let day = as_of.to_string();
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM scores WHERE as_of = ?")
            .bind(&day)
            .execute(&mut *tx)
            .await?;
        for chunk in scores.chunks(CHUNK) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO scores (account_id, as_of, fit, engagement, intent, readiness, \
                 potential, stage, reasons) ",
            );
            q.push_values(chunk, |mut b, s| {
                b.push_bind(s.account_id)
                    .push_bind(&day)
                    .push_bind(s.fit)
                    .push_bind(s.engagement)
                    .push_bind(s.intent)
                    .push_bind(s.readiness)
                    .push_bind(s.potential)
                    .push_bind(&s.stage)
                    .push_bind(&s.reasons);
            });
            q.build().execute(&mut *tx).await?;
        }
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ('scores_as_of', ?) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(&day)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        Ok(())
    }

    /// The date of the current snapshot.
    pub async fn scores_as_of(&self) -> Result<Option<NaiveDate>> {
        let value: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = 'scores_as_of'")
                .fetch_optional(&self.pool)
                .await?;
        Ok(value.and_then(|v| v.parse().ok()))
    }

    /// How many accounts of the current snapshot are at least `readiness` ready: the accounts
    /// worth working, counted in SQL so that no caller loads every score to learn it. `None`
    /// before the first scoring.
    pub async fn ready_count(&self, readiness: f64) -> Result<Option<i64>> {
        let Some(as_of) = self.scores_as_of().await? else {
            return Ok(None);
        };
        let count =
            sqlx::query_scalar("SELECT count(*) FROM scores WHERE as_of = ? AND readiness >= ?")
                .bind(as_of.to_string())
                .bind(readiness)
                .fetch_one(&self.pool)
                .await?;
        Ok(Some(count))
    }

    /// The current snapshot, in account id order.
    pub async fn current_scores(&self) -> Result<Vec<ScoreRow>> {
        let Some(as_of) = self.scores_as_of().await? else {
            return Ok(Vec::new());
        };
        Ok(sqlx::query_as(
            "SELECT account_id, fit, engagement, intent, readiness, potential, stage, reasons \
             FROM scores WHERE as_of = ? ORDER BY account_id",
        )
        .bind(as_of.to_string())
        .fetch_all(&self.pool)
        .await?)
    }
}
