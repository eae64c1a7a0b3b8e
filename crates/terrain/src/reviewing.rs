//! The daily review on a workspace: what surged or cooled since the last finished review,
//! whose book is over capacity or has room, and today's proposed moves (see
//! `terrain_core::review` for how they are chosen).
//!
//! Finishing a review accepts some or all of the proposals as one journal entry, and makes
//! today's readiness the baseline the next review compares against, in one transaction.

use std::collections::{BTreeMap, HashMap};

use terrain_core::review::{propose, shifts, Proposal, ReviewSettings};
use terrain_store::{Change, ReviewDecision};

use crate::error::{Error, Result};
use crate::planning::{parse_reasons, start_of_day, today, PlanState};
use crate::views::{
    ApplyReviewInput, DailyReview, RepLoad, ReviewApplied, ReviewProposal, ScoreShift,
};
use crate::Workspace;

/// Readiness must move this much between reviews for an account to be listed as surged or
/// cooled: smaller changes are the day-to-day noise of fresh signals.
const SHIFT: f64 = 0.1;

/// Today's proposals and everything the review shows about them.
struct Proposed {
    state: PlanState,
    proposals: Vec<Proposal>,
    moved_today: u32,
    since: Option<chrono::NaiveDate>,
    baseline: Vec<(i64, f64)>,
    /// Rejections whose account's readiness has moved on since.
    expired: Vec<i64>,
}

impl Workspace {
    async fn proposed(&self) -> Result<Proposed> {
        let state = self.plan_state().await?;
        let (slots, mut candidates) = self.engine_input(&state, false).await?;
        let baseline = self.store.review_baseline().await?;
        // A move the director turned down stays down while the account's readiness is where it
        // was: the account is held where it is, as a lock would hold it, for this review only.
        // Once readiness has moved on, the "no" has served its purpose and is forgotten, so
        // it cannot come back into force if readiness later returns to where it was.
        let turned_down: HashMap<i64, f64> = baseline.rejected.iter().copied().collect();
        let mut expired = Vec::new();
        for candidate in &mut candidates {
            if let Some(then) = turned_down.get(&candidate.account_id) {
                if (candidate.readiness - then).abs() < SHIFT {
                    candidate.locked = true;
                } else {
                    expired.push(candidate.account_id);
                }
            }
        }
        // The budget counts today's accepted moves that still stand: an undone review gives
        // its moves back.
        let day = today();
        let (from, to) = (
            start_of_day(day),
            start_of_day(day.succ_opt().unwrap_or(day)),
        );
        let moved_today = self.store.review_moves_between(&from, &to).await?;
        let review = ReviewSettings::default();
        let proposals = propose(
            &slots,
            &candidates,
            &state.frame.settings,
            &review,
            moved_today,
        );
        Ok(Proposed {
            state,
            proposals,
            moved_today,
            since: baseline.on,
            baseline: baseline.readiness,
            expired,
        })
    }

    /// The daily review: what changed since the last one was finished, and today's moves.
    #[tracing::instrument(skip(self), err)]
    pub async fn daily_review(&self) -> Result<DailyReview> {
        let Proposed {
            state,
            proposals,
            moved_today,
            since,
            baseline,
            ..
        } = self.proposed().await?;
        let names: HashMap<i64, (String, String)> = self
            .store
            .account_facts()
            .await?
            .into_iter()
            .map(|a| (a.id, (a.key, a.name)))
            .collect();
        let account = |id: i64| {
            names
                .get(&id)
                .map_or_else(|| id.to_string(), |(_, name)| name.clone())
        };
        let key = |id: i64| {
            names
                .get(&id)
                .map_or_else(String::new, |(key, _)| key.clone())
        };
        let rep = |id: Option<i64>| id.map_or(String::new(), |r| state.frame.rep_name(r).into());

        let before: HashMap<i64, f64> = baseline.into_iter().collect();
        let now: Vec<(i64, f64)> = state
            .scores
            .values()
            .map(|s| (s.account_id, s.readiness))
            .collect();
        let (surged, cooled) = shifts(&before, &now, SHIFT);
        let shift = |s: &terrain_core::review::Shift| {
            let score = state.scores.get(&s.account_id);
            ScoreShift {
                account_id: s.account_id,
                account_key: key(s.account_id),
                account: account(s.account_id),
                before: s.before,
                after: s.after,
                stage: score.map(|s| s.stage.clone()).unwrap_or_default(),
                why: score
                    .and_then(|s| parse_reasons(&s.reasons).into_iter().next())
                    .map(|r| r.text)
                    .unwrap_or_default(),
            }
        };

        let mut held: BTreeMap<i64, u32> = BTreeMap::new();
        for assignment in state.owners.values() {
            if let Some(rep) = assignment.rep_id {
                *held.entry(rep).or_default() += 1;
            }
        }
        let waiting = state.owners.values().any(|a| {
            a.rep_id.is_none()
                && state
                    .scores
                    .get(&a.account_id)
                    .is_some_and(|s| s.readiness >= state.frame.settings.pool_below)
        });
        let loads: Vec<RepLoad> = state
            .frame
            .reps
            .iter()
            .filter(|r| r.active)
            .map(|r| RepLoad {
                rep_id: r.id,
                rep: r.name.clone(),
                accounts: held.get(&r.id).copied().unwrap_or(0),
                capacity: state.frame.capacity.get(&r.id).copied().unwrap_or(0),
            })
            .collect();

        Ok(DailyReview {
            as_of: self
                .store
                .scores_as_of()
                .await?
                .unwrap_or_else(today)
                .to_string(),
            since: since.map(|d| d.to_string()),
            surged: surged.iter().map(shift).collect(),
            cooled: cooled.iter().map(shift).collect(),
            over_capacity: loads
                .iter()
                .filter(|l| l.accounts > l.capacity)
                .cloned()
                .collect(),
            with_room: loads
                .into_iter()
                .filter(|l| waiting && l.accounts < l.capacity)
                .collect(),
            proposals: proposals
                .iter()
                .map(|p| ReviewProposal {
                    account_id: p.account_id,
                    account_key: key(p.account_id),
                    account: account(p.account_id),
                    from: rep(p.from),
                    to: rep(p.to),
                    from_rep: p.from,
                    to_rep: p.to,
                    reason: p.reason.clone(),
                })
                .collect(),
            budget: ReviewSettings::default().budget,
            moved_today,
        })
    }

    /// Finishes the daily review: accepts the chosen proposals (all of them when none are
    /// named) as one journal entry, remembers the ones turned down so they are not proposed
    /// again until the account's readiness moves on, and makes today's readiness the next
    /// review's baseline.
    #[tracing::instrument(skip(self), err)]
    pub async fn apply_review(&self, input: &ApplyReviewInput) -> Result<ReviewApplied> {
        let Proposed {
            state,
            proposals,
            expired,
            ..
        } = self.proposed().await?;
        // What the director answered must still be what is proposed: a rescore or a move since
        // the review was shown may have changed it, and then nothing is applied.
        let named = input.accept.iter().flatten().chain(&input.reject);
        for seen in named {
            let current = proposals.iter().find(|p| p.account_id == seen.account_id);
            if current.is_none_or(|p| p.to != seen.to_rep) {
                let rep = |id: Option<i64>| {
                    id.map_or("the pool".to_string(), |r| {
                        state.frame.rep_name(r).to_string()
                    })
                };
                let name = self
                    .store
                    .account_names()
                    .await?
                    .into_iter()
                    .find(|(id, _, _)| *id == seen.account_id)
                    .map_or_else(|| format!("account {}", seen.account_id), |(_, n, _)| n);
                let now = match current {
                    Some(p) => format!("it is now proposed to {}", rep(p.to)),
                    None => "it is no longer proposed".to_string(),
                };
                return Err(Error::Conflict(format!(
                    "the review changed since it was shown: {name} was to go to {}, but {now}; \
                     nothing was applied, so look at the review again",
                    rep(seen.to_rep)
                )));
            }
        }
        let accepted: Vec<&Proposal> = proposals
            .iter()
            .filter(|p| {
                input
                    .accept
                    .as_ref()
                    .is_none_or(|moves| moves.iter().any(|m| m.account_id == p.account_id))
            })
            .collect();
        let changes: Vec<Change> = accepted
            .iter()
            .map(|p| {
                let current = state.owners.get(&p.account_id);
                Change {
                    account_id: p.account_id,
                    from_rep: p.from,
                    to_rep: p.to,
                    from_locked: false,
                    to_locked: false,
                    from_reason: current.map(|c| c.reason.clone()).unwrap_or_default(),
                    to_reason: p.reason.clone(),
                }
            })
            .collect();
        let readiness_of = |account: i64| state.scores.get(&account).map_or(0.0, |s| s.readiness);
        let rejected: Vec<(i64, f64)> = proposals
            .iter()
            .filter(|p| input.reject.iter().any(|m| m.account_id == p.account_id))
            .filter(|p| !accepted.iter().any(|a| a.account_id == p.account_id))
            .map(|p| (p.account_id, readiness_of(p.account_id)))
            .collect();
        let baseline: Vec<(i64, f64)> = state
            .scores
            .values()
            .map(|s| (s.account_id, s.readiness))
            .collect();
        let label = match changes.len() {
            1 => "daily review: 1 move".to_string(),
            n => format!("daily review: {n} moves"),
        };
        let decision = ReviewDecision {
            label: &label,
            accepted: &changes,
            rejected: &rejected,
            expired: &expired,
            readiness: &baseline,
        };
        self.store
            .finish_review(state.frame.plan.id, &decision, today())
            .await?;
        tracing::info!(
            applied = changes.len(),
            rejected = rejected.len(),
            proposed = proposals.len(),
            "review finished"
        );
        Ok(ReviewApplied {
            applied: changes.len() as u32,
            rejected: rejected.len() as u32,
            history: self.history().await?,
        })
    }
}
