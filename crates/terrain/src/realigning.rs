//! The quarterly realignment: a draft plan built by the engine from scratch, edited on the
//! board like the active plan, set beside it, and made active with a backup copy taken first.
//!
//! Activation is one transaction and one journal entry, so undo puts the previous plan back
//! exactly as it was, and the draft back as the draft.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use terrain_core::assign::{assign, AssignSettings};
use terrain_store::{Assignment, Change};

use crate::comparing::thousands;
use crate::error::{Error, Result};
use crate::planning::{today, PlanState};
use crate::views::{ActivateInput, Activation, DraftComparison, DraftRep, RealignInput};
use crate::workspace::plan_info;
use crate::Workspace;

/// The first day of the quarter after `day`.
fn next_quarter(day: NaiveDate) -> NaiveDate {
    let quarter_start_month = (day.month0() / 3) * 3 + 1;
    let (year, month) = if quarter_start_month == 10 {
        (day.year() + 1, 1)
    } else {
        (day.year(), quarter_start_month + 3)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(day)
}

fn quarter_label(day: NaiveDate) -> String {
    format!("Q{} {}", day.month0() / 3 + 1, day.year())
}

fn owner_of(state: &PlanState, account: i64) -> Option<i64> {
    state.owners.get(&account).and_then(|a| a.rep_id)
}

impl Workspace {
    /// Builds a draft from scratch under `input`'s constraints, replacing any earlier draft,
    /// and sets it beside the active plan. The active plan is not touched.
    #[tracing::instrument(skip(self), err)]
    pub async fn create_realignment(&self, input: &RealignInput) -> Result<DraftComparison> {
        let effective = match input.effective.as_deref().map(str::trim) {
            None | Some("") => next_quarter(today()),
            Some(text) => text.parse::<NaiveDate>().map_err(|_| {
                Error::BadInput(format!(
                    "effective date \"{text}\" is not a date; write it as YYYY-MM-DD"
                ))
            })?,
        };
        if let Some(band) = input.band {
            if !(band.is_finite() && band > 0.0 && band <= 1.0) {
                return Err(Error::BadInput(format!(
                    "the balance band must be above 0% and at most 100%, not {}%",
                    (band * 1000.0).round() / 10.0
                )));
            }
        }
        let state = self.plan_state().await?;
        let (slots, mut candidates) = self.engine_input(&state, false).await?;
        if !input.keep_locks {
            for candidate in &mut candidates {
                candidate.locked = false;
            }
        }
        // From scratch: no move costs anything, so only value, capacity and balance count.
        let settings = AssignSettings {
            move_cost: 0.0,
            open_deal_cost: 0.0,
            recent_contact_cost: 0.0,
            band: input.band.unwrap_or(state.frame.settings.band),
            ..state.frame.settings.clone()
        };
        let plan = assign(&slots, &candidates, &settings);
        let locked: HashSet<i64> = candidates
            .iter()
            .filter(|c| c.locked)
            .map(|c| c.account_id)
            .collect();
        let rows: Vec<Assignment> = plan
            .placements
            .iter()
            .map(|p| Assignment {
                account_id: p.account_id,
                rep_id: p.rep,
                locked: locked.contains(&p.account_id),
                reason: p.reason.clone(),
            })
            .collect();
        let name = format!("Realignment for {}", quarter_label(effective));
        let draft = self.store.create_draft(&name, effective, &rows).await?;
        tracing::info!(
            draft = draft.id,
            accounts = rows.len(),
            gap = plan.report.gap,
            "realignment drafted"
        );
        self.draft_comparison().await
    }

    /// The draft beside the active plan: books, moves, balance, value and continuity.
    pub async fn draft_comparison(&self) -> Result<DraftComparison> {
        let active = self.plan_state_of(false).await?;
        let draft = self.plan_state_of(true).await?;
        let active_books = self.book_cache(&active.frame).await?.totals;
        let active_balance = self.balance_in(&active.frame).await?;
        let draft_books = self.book_cache(&draft.frame).await?.totals;
        let draft_balance = self.balance_in(&draft.frame).await?;

        let accounts: HashSet<i64> = active
            .owners
            .keys()
            .chain(draft.owners.keys())
            .copied()
            .collect();
        let mut moves = 0u32;
        let (mut booked, mut kept) = (0u32, 0u32);
        let mut moves_in: HashMap<i64, u32> = HashMap::new();
        let mut moves_out: HashMap<i64, u32> = HashMap::new();
        for account in accounts {
            let (from, to) = (owner_of(&active, account), owner_of(&draft, account));
            if from.is_some() {
                booked += 1;
                kept += u32::from(from == to);
            }
            if from != to {
                moves += 1;
                if let Some(rep) = to {
                    *moves_in.entry(rep).or_default() += 1;
                }
                if let Some(rep) = from {
                    *moves_out.entry(rep).or_default() += 1;
                }
            }
        }
        let figures = |books: &BTreeMap<i64, (i64, f64)>, rep: i64| {
            books
                .get(&rep)
                .map_or((0, 0.0), |&(n, value)| (n as u32, value))
        };
        let reps: Vec<DraftRep> = draft
            .frame
            .reps
            .iter()
            .filter(|r| r.active || active_books.contains_key(&r.id))
            .map(|r| {
                let (active_accounts, active_value) = figures(&active_books, r.id);
                let (draft_accounts, draft_value) = figures(&draft_books, r.id);
                DraftRep {
                    rep_id: r.id,
                    rep: r.name.clone(),
                    active_accounts,
                    draft_accounts,
                    moves_in: moves_in.get(&r.id).copied().unwrap_or(0),
                    moves_out: moves_out.get(&r.id).copied().unwrap_or(0),
                    active_value,
                    draft_value,
                }
            })
            .collect();
        let active_value: f64 = active_books.values().map(|(_, v)| v).sum();
        let draft_value: f64 = draft_books.values().map(|(_, v)| v).sum();
        let continuity = if booked == 0 {
            1.0
        } else {
            f64::from(kept) / f64::from(booked)
        };
        let headline = draft_headline(
            moves,
            continuity,
            (active_value, draft_value),
            (
                active_balance.cv_expected_value,
                draft_balance.cv_expected_value,
            ),
        );
        let version = self.store.journal_version().await?;
        Ok(DraftComparison {
            version,
            draft: plan_info(draft.frame.plan),
            active: plan_info(active.frame.plan),
            reps,
            active_balance,
            draft_balance,
            active_value,
            draft_value,
            moves,
            continuity,
            headline,
        })
    }

    /// The draft beside the active plan, or `None` when there is no draft.
    pub async fn draft_if_any(&self) -> Result<Option<DraftComparison>> {
        if self.store.draft_plan().await?.is_none() {
            return Ok(None);
        }
        self.draft_comparison().await.map(Some)
    }

    /// Throws the draft away; the active plan is untouched.
    #[tracing::instrument(skip(self), err)]
    pub async fn discard_draft(&self) -> Result<bool> {
        Ok(self.store.discard_draft().await?)
    }

    /// Makes the draft the active plan: first a backup copy of the workspace beside it, then,
    /// in one transaction, the switch and its journal entry holding every owner change.
    ///
    /// With `seen`, the draft must still be the one the director looked at, with as many owner
    /// changes as then: a draft rebuilt, or an active plan changed by a review since, is
    /// refused rather than activated unseen.
    #[tracing::instrument(skip(self), err)]
    pub async fn activate_draft(&self, seen: Option<ActivateInput>) -> Result<Activation> {
        let active = self.plan_state_of(false).await?;
        let draft = self.plan_state_of(true).await?;
        let mut changes = Vec::new();
        let accounts: std::collections::BTreeSet<i64> = active
            .owners
            .keys()
            .chain(draft.owners.keys())
            .copied()
            .collect();
        for account in accounts {
            let (before, after) = (active.owners.get(&account), draft.owners.get(&account));
            let (from, to) = (before.and_then(|a| a.rep_id), after.and_then(|a| a.rep_id));
            if from == to {
                continue;
            }
            changes.push(Change {
                account_id: account,
                from_rep: from,
                to_rep: to,
                from_locked: before.is_some_and(|a| a.locked),
                to_locked: after.is_some_and(|a| a.locked),
                from_reason: before.map(|a| a.reason.clone()).unwrap_or_default(),
                to_reason: after.map(|a| a.reason.clone()).unwrap_or_default(),
            });
        }
        if let Some(seen) = seen {
            let version = self.store.journal_version().await?;
            if seen.draft_id != draft.frame.plan.id || seen.version != version {
                return Err(Error::Conflict(format!(
                    "the draft or the active plan changed since you looked ({} now makes {} \
                     owner changes); nothing was activated, so look at the draft again",
                    draft.frame.plan.name,
                    changes.len()
                )));
            }
        }
        let backup = self
            .store
            .back_up(terrain_store::BackupKind::Activation, None)
            .await?;
        let moves = changes.len() as u32;
        let label = match moves {
            1 => format!("activate {}: 1 move", draft.frame.plan.name),
            n => format!("activate {}: {n} moves", draft.frame.plan.name),
        };
        self.store
            .activate_draft(draft.frame.plan.id, &label, &changes)
            .await?;
        let plan = self
            .store
            .active_plan()
            .await?
            .ok_or_else(|| Error::Conflict("no plan is active after activation".into()))?;
        tracing::info!(plan = plan.id, moves, "draft activated");
        Ok(Activation {
            plan: plan_info(plan),
            moves,
            backup: backup.map(|b| b.path.display().to_string()),
            history: self.history().await?,
        })
    }
}

/// One sentence on what the draft changes.
fn draft_headline(moves: u32, continuity: f64, value: (f64, f64), spread: (f64, f64)) -> String {
    let moves = match moves {
        0 => "moves no account".to_string(),
        1 => "moves 1 account".to_string(),
        n => format!("moves {} accounts", thousands(u64::from(n))),
    };
    let change = if value.0 > 0.0 {
        let percent = (value.1 / value.0 - 1.0) * 100.0;
        format!(" ({percent:+.1}%)")
    } else {
        String::new()
    };
    format!(
        "The draft {moves}; {:.0}% of booked accounts keep their rep. Expected value in books \
         ${} against ${} today{change}; EV spread {:.1}% against {:.1}%.",
        continuity * 100.0,
        thousands(value.1.max(0.0).round() as u64),
        thousands(value.0.max(0.0).round() as u64),
        spread.1 * 100.0,
        spread.0 * 100.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn the_next_quarter_starts_on_the_first_day_of_its_first_month() {
        assert_eq!(next_quarter(day("2026-12-04")), day("2027-01-01"));
        assert_eq!(next_quarter(day("2026-01-01")), day("2026-04-01"));
        assert_eq!(next_quarter(day("2026-06-30")), day("2026-07-01"));
        assert_eq!(quarter_label(day("2027-01-01")), "Q1 2027");
    }

    #[test]
    fn the_headline_gives_moves_continuity_value_and_spread() {
        assert_eq!(
            draft_headline(1_796, 0.75, (1000.0, 1100.0), (0.2, 0.05)),
            "The draft moves 1,796 accounts; 75% of booked accounts keep their rep. Expected \
             value in books $1,100 against $1,000 today (+10.0%); EV spread 5.0% against 20.0%."
        );
    }
}
