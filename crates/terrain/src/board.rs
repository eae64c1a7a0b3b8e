//! The territories board, its balance figures and the accounts grid, built from the active plan
//! and the current scores.

use std::collections::HashMap;

use terrain_core::metrics::balance;
use terrain_store::{AccountListRow, AccountOrder, AccountPageQuery};

use crate::error::Result;
use crate::planning::{parse_reasons, PlanFrame};
use crate::views::{
    AccountPage, AccountQuery, AccountRow, AccountSort, Balance, Board, Card, MergedRecord,
    RepColumn,
};
use crate::workspace::plan_info;
use crate::Workspace;

/// The largest page the accounts grid may ask for.
const MAX_PAGE: u32 = 1_000;

/// Accounts and expected value per rep of one plan, as of one score snapshot, valid for one
/// generation of the store's writes and one SQLite data version.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BookCache {
    pub plan: i64,
    pub as_of: Option<chrono::NaiveDate>,
    pub generation: u64,
    pub data_version: i64,
    pub accounts: i64,
    /// Rep id to (accounts, expected value), in rep id order.
    pub totals: std::collections::BTreeMap<i64, (i64, f64)>,
}

impl Workspace {
    /// The active plan's board.
    pub async fn board(&self) -> Result<Board> {
        self.board_of(false).await
    }

    /// The board of the active plan, or with `draft` of the quarterly draft.
    pub async fn board_of(&self, draft: bool) -> Result<Board> {
        let state = self.plan_state_of(draft).await?;
        let accounts = self.store.account_names().await?;
        let mut columns: HashMap<i64, Vec<Card>> = HashMap::new();
        let mut pool = Vec::new();
        for (id, name, industry) in accounts {
            let score = state.scores.get(&id);
            let assignment = state.owners.get(&id);
            let card = Card {
                id,
                name,
                industry,
                readiness: score.map_or(0.0, |s| s.readiness),
                stage: score.map_or_else(|| "cold".to_string(), |s| s.stage.clone()),
                expected_value: state.expected_value(id),
                locked: assignment.is_some_and(|a| a.locked),
                top_reason: score
                    .and_then(|s| parse_reasons(&s.reasons).into_iter().next())
                    .map(|r| r.text),
            };
            match assignment.and_then(|a| a.rep_id) {
                Some(rep) => columns.entry(rep).or_default().push(card),
                None => pool.push(card),
            }
        }
        let by_readiness = |a: &Card, b: &Card| {
            b.readiness
                .total_cmp(&a.readiness)
                .then_with(|| a.name.cmp(&b.name))
        };
        pool.sort_by(by_readiness);
        let reps = state
            .frame
            .reps
            .iter()
            .filter(|r| r.active)
            .map(|rep| {
                let mut cards = columns.remove(&rep.id).unwrap_or_default();
                cards.sort_by(by_readiness);
                RepColumn {
                    id: rep.id,
                    name: rep.name.clone(),
                    team: rep.team.clone(),
                    region: rep.region.clone(),
                    capacity: state.frame.capacity.get(&rep.id).copied().unwrap_or(0),
                    expected_value: cards.iter().map(|c| c.expected_value).sum(),
                    accounts: cards,
                }
            })
            .collect();
        Ok(Board {
            balance: self.balance_in(&state.frame).await?,
            plan: Some(plan_info(state.frame.plan)),
            reps,
            pool,
            history: self.history().await?,
        })
    }

    /// The balance figures of the active plan.
    pub async fn balance(&self) -> Result<Balance> {
        self.balance_in(&self.plan_frame().await?).await
    }

    /// The per-rep totals behind the balance figures: from the cache while nothing else has
    /// written since it was filled, otherwise summed afresh in SQL and cached.
    pub(crate) async fn book_cache(&self, frame: &PlanFrame) -> Result<BookCache> {
        let as_of = self.store.scores_as_of().await?;
        let data_version = self.store.data_version().await?;
        let generation = self.store.generation();
        if let Some(cached) = self.cached_books() {
            if cached.plan == frame.plan.id
                && cached.as_of == as_of
                && cached.generation == generation
                && cached.data_version == data_version
            {
                return Ok(cached);
            }
        }
        let rows = self.store.book_totals(frame.plan.id, as_of).await?;
        let fresh = BookCache {
            plan: frame.plan.id,
            as_of,
            generation,
            data_version,
            accounts: self.store.account_count().await?,
            totals: rows
                .into_iter()
                .map(|t| (t.rep_id, (t.accounts, t.expected_value)))
                .collect(),
        };
        self.cache_books(Some(fresh.clone()));
        Ok(fresh)
    }

    /// Shifts the cached totals in `books` by accounts that changed owner, as (account, rep
    /// before, rep after), when the write that moved them is the only one since `books` was
    /// current. Otherwise the cache is left stale, to be summed afresh when next read.
    pub(crate) async fn shift_books(
        &self,
        mut books: BookCache,
        moved: &[(i64, Option<i64>, Option<i64>)],
    ) -> Result<()> {
        if self.store.generation() != books.generation + 1 {
            return Ok(());
        }
        let ids: Vec<i64> = moved.iter().map(|m| m.0).collect();
        let values = self.store.expected_values(books.as_of, &ids).await?;
        for &(account, from, to) in moved {
            let value = values.get(&account).copied().unwrap_or(0.0);
            if let Some(rep) = from {
                let book = books.totals.entry(rep).or_default();
                book.0 -= 1;
                book.1 -= value;
            }
            if let Some(rep) = to {
                let book = books.totals.entry(rep).or_default();
                book.0 += 1;
                book.1 += value;
            }
        }
        books.generation = self.store.generation();
        self.cache_books(Some(books));
        Ok(())
    }

    pub(crate) fn cached_books(&self) -> Option<BookCache> {
        self.books.lock().map_or(None, |cache| cache.clone())
    }

    pub(crate) fn cache_books(&self, books: Option<BookCache>) {
        if let Ok(mut cache) = self.books.lock() {
            *cache = books;
        }
    }

    pub(crate) async fn balance_in(&self, frame: &PlanFrame) -> Result<Balance> {
        let books = self.book_cache(frame).await?;
        // In rep id order, so the sums come out the same to the last bit every time.
        let total_expected_value = books.totals.values().map(|t| t.1).sum();
        let assigned: i64 = books.totals.values().map(|t| t.0).sum();
        let accounts = books.accounts;
        let active: Vec<(u32, f64, u32)> = frame
            .reps
            .iter()
            .filter(|r| r.active)
            .map(|r| {
                let (count, value) = books
                    .totals
                    .get(&r.id)
                    .map_or((0, 0.0), |t| (t.0 as u32, t.1));
                (
                    count,
                    value,
                    frame.capacity.get(&r.id).copied().unwrap_or(0),
                )
            })
            .collect();
        let figures = balance(&active, frame.settings.band);
        Ok(Balance {
            reps: figures.reps,
            assigned: assigned as u32,
            pooled: (accounts - assigned).max(0) as u32,
            total_expected_value,
            mean_expected_value: figures.mean_expected_value,
            cv_expected_value: figures.cv_expected_value,
            gini_expected_value: figures.gini_expected_value,
            max_min_expected_value: figures.max_min_expected_value,
            cv_accounts: figures.cv_accounts,
            max_min_accounts: figures.max_min_accounts,
            band: frame.settings.band,
            reps_outside_band: figures.reps_outside_band,
            reps_over_capacity: figures.reps_over_capacity,
        })
    }

    pub async fn accounts(&self, query: &AccountQuery) -> Result<AccountPage> {
        let plan = self.store.active_plan().await?.map(|p| p.id);
        let as_of = self.store.scores_as_of().await?;
        let order = match query.sort {
            AccountSort::Name => AccountOrder::Name,
            AccountSort::Readiness => AccountOrder::Readiness,
            AccountSort::ExpectedValue => AccountOrder::ExpectedValue,
            AccountSort::Owner => AccountOrder::Owner,
            AccountSort::Industry => AccountOrder::Industry,
            AccountSort::Revenue => AccountOrder::Revenue,
            AccountSort::Employees => AccountOrder::Employees,
        };
        let (total, rows) = self
            .store
            .account_page(&AccountPageQuery {
                plan,
                as_of,
                search: &query.search,
                order,
                descending: query.descending,
                offset: query.offset,
                limit: query.limit.min(MAX_PAGE),
            })
            .await?;
        let mut rows: Vec<AccountRow> = rows.into_iter().map(account_row).collect();
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut merged: HashMap<i64, Vec<MergedRecord>> = HashMap::new();
        for m in self.store.merged_accounts(&ids).await? {
            merged.entry(m.account_id).or_default().push(MergedRecord {
                key: m.key,
                name: m.name,
                website: m.website,
            });
        }
        for row in &mut rows {
            row.merged_from = merged.remove(&row.id).unwrap_or_default();
        }
        Ok(AccountPage {
            total: total as u32,
            rows,
        })
    }
}

/// An account row of the grid, from what the store read.
pub(crate) fn account_row(row: AccountListRow) -> AccountRow {
    let readiness = row.readiness.unwrap_or(0.0);
    let location = [
        row.state.as_deref(),
        row.country.as_deref(),
        row.region.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>();
    AccountRow {
        id: row.id,
        key: row.key,
        name: row.name,
        industry: row.industry,
        location: (!location.is_empty()).then(|| location.join(", ")),
        employees: row.employees,
        revenue: row.revenue,
        owner_id: row.owner_id,
        owner: row.owner,
        locked: row.locked,
        readiness,
        stage: row.stage.unwrap_or_else(|| "cold".into()),
        expected_value: readiness * row.potential.unwrap_or(0.0),
        reasons: row
            .reasons
            .as_deref()
            .map(parse_reasons)
            .unwrap_or_default(),
        merged_from: Vec::new(),
    }
}
