//! The territories board, its balance figures and the accounts grid, built from the active plan
//! and the current scores.

use std::collections::HashMap;

use terrain_core::metrics::balance;
use terrain_store::{AccountOrder, AccountPageQuery};

use crate::error::Result;
use crate::planning::{parse_reasons, PlanState};
use crate::views::{
    AccountPage, AccountQuery, AccountRow, AccountSort, Balance, Board, Card, RepColumn,
};
use crate::workspace::plan_info;
use crate::Workspace;

/// The largest page the accounts grid may ask for.
const MAX_PAGE: u32 = 1_000;

impl Workspace {
    pub async fn board(&self) -> Result<Board> {
        let state = self.plan_state().await?;
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
                    capacity: state.capacity.get(&rep.id).copied().unwrap_or(0),
                    expected_value: cards.iter().map(|c| c.expected_value).sum(),
                    accounts: cards,
                }
            })
            .collect();
        Ok(Board {
            balance: balance_of(&state),
            plan: Some(plan_info(state.plan)),
            reps,
            pool,
            history: self.history().await?,
        })
    }

    /// The balance figures of the active plan.
    pub async fn balance(&self) -> Result<Balance> {
        Ok(balance_of(&self.plan_state().await?))
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
        let rows = rows
            .into_iter()
            .map(|row| {
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
                }
            })
            .collect();
        Ok(AccountPage {
            total: total as u32,
            rows,
        })
    }
}

pub(crate) fn balance_of(state: &PlanState) -> Balance {
    let mut books: HashMap<i64, (u32, f64)> = HashMap::new();
    let mut pooled = 0;
    let mut total = 0.0;
    for (account, assignment) in &state.owners {
        let value = state.expected_value(*account);
        match assignment.rep_id {
            Some(rep) => {
                let book = books.entry(rep).or_default();
                book.0 += 1;
                book.1 += value;
                total += value;
            }
            None => pooled += 1,
        }
    }
    pooled += state
        .scores
        .keys()
        .filter(|id| !state.owners.contains_key(id))
        .count() as u32;
    let active: Vec<(u32, f64, u32)> = state
        .reps
        .iter()
        .filter(|r| r.active)
        .map(|r| {
            let (count, value) = books.get(&r.id).copied().unwrap_or_default();
            (
                count,
                value,
                state.capacity.get(&r.id).copied().unwrap_or(0),
            )
        })
        .collect();
    let figures = balance(&active, state.settings.band);
    Balance {
        reps: figures.reps,
        assigned: books.values().map(|b| b.0).sum(),
        pooled,
        total_expected_value: total,
        mean_expected_value: figures.mean_expected_value,
        cv_expected_value: figures.cv_expected_value,
        gini_expected_value: figures.gini_expected_value,
        max_min_expected_value: figures.max_min_expected_value,
        cv_accounts: figures.cv_accounts,
        max_min_accounts: figures.max_min_accounts,
        band: state.settings.band,
        reps_outside_band: figures.reps_outside_band,
        reps_over_capacity: figures.reps_over_capacity,
    }
}
