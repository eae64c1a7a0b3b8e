//! Read models: the facts scoring and metrics need, and the rows the screens list.

use chrono::NaiveDate;
use sqlx::{FromRow, QueryBuilder, Sqlite};

use crate::{Result, Store};

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct RepRow {
    pub id: i64,
    pub name: String,
    pub team: Option<String>,
    pub region: Option<String>,
    pub capacity: Option<i64>,
    pub active: bool,
}

/// An account's firmographics, as scoring needs them.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct AccountFacts {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub owner_name: Option<String>,
    pub industry: Option<String>,
    pub employees: Option<f64>,
    pub revenue: Option<f64>,
    pub country: Option<String>,
    pub state: Option<String>,
    pub region: Option<String>,
    pub outcome: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct OpportunityFacts {
    pub account_id: Option<i64>,
    pub rep_id: Option<i64>,
    pub owner_name: Option<String>,
    pub outcome: String,
    pub amount: Option<f64>,
    pub created: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
}

/// Signals of one account, week and kind.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct SignalWeek {
    pub account_id: i64,
    pub week: NaiveDate,
    pub kind: String,
    /// The intent topic, empty for signals without one.
    pub topic: String,
    pub events: i64,
    pub strength: f64,
}

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct ImportLogRow {
    pub at: String,
    pub file: String,
    pub kind: String,
    pub rows: i64,
    pub rejected: i64,
}

/// One row of the accounts grid: the account, its latest score and its owner in a plan.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct AccountListRow {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub industry: Option<String>,
    pub country: Option<String>,
    pub state: Option<String>,
    pub region: Option<String>,
    pub employees: Option<f64>,
    pub revenue: Option<f64>,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub locked: bool,
    pub readiness: Option<f64>,
    pub potential: Option<f64>,
    pub stage: Option<String>,
    pub reasons: Option<String>,
}

/// The columns the accounts grid can sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountOrder {
    Name,
    Readiness,
    ExpectedValue,
    Owner,
    Industry,
    Revenue,
    Employees,
}

/// A page request of the accounts grid.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountPageQuery<'a> {
    /// The plan whose owners to show.
    pub plan: Option<i64>,
    /// The score snapshot to show.
    pub as_of: Option<NaiveDate>,
    pub search: &'a str,
    pub order: AccountOrder,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

impl Store {
    pub async fn reps(&self) -> Result<Vec<RepRow>> {
        Ok(sqlx::query_as(
            "SELECT id, name, team, region, capacity, active FROM reps ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Each rep's custom fields as the JSON object the import stored, by rep id: where a
    /// reps sheet says which languages or industries a rep covers.
    pub async fn rep_custom(&self) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as("SELECT id, custom FROM reps ORDER BY id")
            .fetch_all(&self.pool)
            .await?)
    }

    /// The names of the custom fields any rep carries, in alphabetical order.
    pub async fn rep_custom_fields(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT field.key FROM reps, json_each(reps.custom) AS field \
             ORDER BY field.key",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn account_facts(&self) -> Result<Vec<AccountFacts>> {
        Ok(sqlx::query_as(
            "SELECT id, key, name, owner_name, industry, employees, revenue, country, state, \
             region, outcome FROM accounts ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn opportunity_facts(&self) -> Result<Vec<OpportunityFacts>> {
        Ok(sqlx::query_as(
            "SELECT account_id, rep_id, owner_name, outcome, amount, created, closed \
             FROM opportunities ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Weekly signal rollups from `since` on.
    pub async fn signal_weeks(&self, since: NaiveDate) -> Result<Vec<SignalWeek>> {
        Ok(sqlx::query_as(
            "SELECT account_id, week, kind, topic, events, strength FROM signal_weeks \
             WHERE week >= ? ORDER BY account_id, week",
        )
        .bind(since.to_string())
        .fetch_all(&self.pool)
        .await?)
    }

    /// Row counts of the main tables: reps, accounts, opportunities, signals, products, and
    /// opportunities with no account.
    pub async fn counts(&self) -> Result<[i64; 6]> {
        let row: (i64, i64, i64, i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM reps), (SELECT count(*) FROM accounts), \
             (SELECT count(*) FROM opportunities), (SELECT count(*) FROM signals), \
             (SELECT count(*) FROM products), \
             (SELECT count(*) FROM opportunities WHERE account_id IS NULL)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok([row.0, row.1, row.2, row.3, row.4, row.5])
    }

    pub async fn recent_imports(&self, limit: u32) -> Result<Vec<ImportLogRow>> {
        Ok(sqlx::query_as(
            "SELECT at, file, kind, rows, rejected FROM imports ORDER BY id DESC LIMIT ?",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// A page of accounts matching the search, with their score and owner, plus the number of
    /// matches across all pages.
    pub async fn account_page(
        &self,
        query: &AccountPageQuery<'_>,
    ) -> Result<(i64, Vec<AccountListRow>)> {
        let AccountPageQuery {
            plan,
            as_of,
            search,
            order,
            descending,
            offset,
            limit,
        } = *query;
        let pattern = format!(
            "%{}%",
            search.trim().replace('%', "\\%").replace('_', "\\_")
        );
        let from = |q: &mut QueryBuilder<Sqlite>| {
            q.push(
                " FROM accounts a \
                 LEFT JOIN assignments x ON x.account_id = a.id AND x.plan_id = ",
            );
            q.push_bind(plan.unwrap_or(-1));
            q.push(
                " LEFT JOIN reps r ON r.id = x.rep_id \
                 LEFT JOIN scores s ON s.account_id = a.id AND s.as_of = ",
            );
            q.push_bind(as_of.map(|d| d.to_string()).unwrap_or_default());
            if !search.trim().is_empty() {
                q.push(" WHERE (a.name LIKE ");
                q.push_bind(pattern.clone());
                q.push(" ESCAPE '\\' OR a.key LIKE ");
                q.push_bind(pattern.clone());
                q.push(" ESCAPE '\\' OR a.industry LIKE ");
                q.push_bind(pattern.clone());
                q.push(" ESCAPE '\\' OR a.country LIKE ");
                q.push_bind(pattern.clone());
                q.push(" ESCAPE '\\' OR a.state LIKE ");
                q.push_bind(pattern.clone());
                q.push(" ESCAPE '\\' OR r.name LIKE ");
                q.push_bind(pattern.clone());
                q.push(" ESCAPE '\\')");
            }
        };

        let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*)");
        from(&mut count);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT a.id, a.key, a.name, a.industry, a.country, a.state, a.region, a.employees, \
             a.revenue, x.rep_id AS owner_id, r.name AS owner, coalesce(x.locked, 0) AS locked, \
             s.readiness, s.potential, s.stage, s.reasons",
        );
        from(&mut q);
        let column = match order {
            AccountOrder::Name => "a.name COLLATE NOCASE",
            AccountOrder::Readiness => "s.readiness",
            AccountOrder::ExpectedValue => "s.readiness * s.potential",
            AccountOrder::Owner => "r.name COLLATE NOCASE",
            AccountOrder::Industry => "a.industry COLLATE NOCASE",
            AccountOrder::Revenue => "a.revenue",
            AccountOrder::Employees => "a.employees",
        };
        let direction = if descending { "DESC" } else { "ASC" };
        // Missing values sort last in either direction, then ties break by id for stable pages.
        q.push(format!(
            " ORDER BY {column} IS NULL, {column} {direction}, a.id LIMIT "
        ));
        q.push_bind(limit);
        q.push(" OFFSET ");
        q.push_bind(offset);
        let rows = q
            .build_query_as::<AccountListRow>()
            .fetch_all(&self.pool)
            .await?;
        Ok((total, rows))
    }
}

impl Store {
    /// Which of `ids` are accounts of the workspace.
    pub async fn account_ids(&self, ids: &[i64]) -> Result<std::collections::HashSet<i64>> {
        let mut found = std::collections::HashSet::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let mut q = QueryBuilder::<Sqlite>::new("SELECT id FROM accounts WHERE id IN (");
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(id);
            }
            q.push(")");
            found.extend(q.build_query_scalar::<i64>().fetch_all(&self.pool).await?);
        }
        Ok(found)
    }
}

impl Store {
    /// Every account's id, name and industry, for cards.
    pub async fn account_names(&self) -> Result<Vec<(i64, String, Option<String>)>> {
        Ok(
            sqlx::query_as("SELECT id, name, industry FROM accounts ORDER BY id")
                .fetch_all(&self.pool)
                .await?,
        )
    }
}

impl Store {
    /// Every account's custom fields, as the JSON object the import stored.
    pub async fn account_custom(&self) -> Result<Vec<(i64, String)>> {
        Ok(
            sqlx::query_as("SELECT id, custom FROM accounts ORDER BY id")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// The names of the custom fields any account carries, in alphabetical order: the headers
    /// an import kept because they map to no known field.
    pub async fn account_custom_fields(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT field.key FROM accounts, json_each(accounts.custom) AS field \
             ORDER BY field.key",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn account_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT count(*) FROM accounts")
            .fetch_one(&self.pool)
            .await?)
    }
}

impl Store {
    /// Signals per account dated between `from` and `to`, both included.
    pub async fn signal_counts(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT account_id, count(*) FROM signals WHERE day BETWEEN ? AND ? \
             GROUP BY account_id",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await?)
    }

    /// The latest day any signal or opportunity date reaches.
    pub async fn last_activity(&self) -> Result<Option<NaiveDate>> {
        let day: Option<String> = sqlx::query_scalar(
            "SELECT max(d) FROM (SELECT max(day) AS d FROM signals \
             UNION ALL SELECT max(closed) FROM opportunities \
             UNION ALL SELECT max(created) FROM opportunities)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(day.and_then(|d| d.parse().ok()))
    }
}
