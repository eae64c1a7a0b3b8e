//! The daily review: a few reasoned moves that keep books on the accounts ready now, without
//! the churn of a full re-plan.
//!
//! The engine proposes where every account should be; the review keeps only the moves worth
//! making today. Two guards stop score noise from making an account flip back and forth:
//!
//! - hysteresis around the pool threshold: a pooled account comes into a book only once its
//!   readiness clears the threshold by a margin, and a book keeps an account until it falls
//!   the same margin below;
//! - a daily movement budget, taken first by the moves that matter most: accounts leaving a
//!   book free the room that ready accounts then take.
//!
//! Moves are listed in an order that keeps every rep within capacity at every step (a swap
//! between two full books is the one pair that only works whole).

use std::collections::HashMap;

use crate::assign::{assign, AssignSettings, Candidate, RepSlot};

/// How far a daily review may go.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewSettings {
    /// Most moves a day, across all reviews of that day.
    pub budget: u32,
    /// Readiness an account must clear the pool threshold by to come in, or fall below it by
    /// to leave.
    pub margin: f64,
    /// The cost of moving an account between two reps, as a share of the mean account's
    /// expected value: higher than a re-plan's, so that only clear gains move a book.
    pub move_cost: f64,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings {
            budget: 25,
            margin: 0.05,
            move_cost: 0.25,
        }
    }
}

/// One proposed move, with its reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub account_id: i64,
    /// `None` is the pool.
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub reason: String,
    /// What the move adds to the team's expected value; negative for an account leaving a
    /// book.
    pub gain: f64,
}

/// Rounds of the engine a review runs at most: see [`propose`].
const ROUNDS: usize = 4;

/// Proposes today's moves: at most `budget − moved_today`, each with its reason.
///
/// Applying the engine's moves can open the way to more (a freed seat, a book back inside the
/// band), so the engine runs again on the result, up to [`ROUNDS`] times, and the review lists
/// where each account ends: once they are applied, a second review finds nothing left to do.
pub fn propose(
    reps: &[RepSlot],
    candidates: &[Candidate],
    settings: &AssignSettings,
    review: &ReviewSettings,
    moved_today: u32,
) -> Vec<Proposal> {
    let budget = review.budget.saturating_sub(moved_today) as usize;
    if budget == 0 || candidates.is_empty() {
        return Vec::new();
    }
    let mut state = candidates.to_vec();
    let mut latest: HashMap<i64, String> = HashMap::new();
    for _ in 0..ROUNDS {
        let moves = engine_moves(reps, &state, settings, review);
        if moves.is_empty() {
            break;
        }
        let to: HashMap<i64, (Option<i64>, String)> = moves
            .into_iter()
            .map(|m| (m.account_id, (m.to, m.reason)))
            .collect();
        for c in &mut state {
            if let Some((rep, reason)) = to.get(&c.account_id) {
                c.owner = *rep;
                latest.insert(c.account_id, reason.clone());
            }
        }
    }
    let moves: Vec<Proposal> = candidates
        .iter()
        .zip(&state)
        .filter(|(before, after)| before.owner != after.owner)
        .map(|(c, after)| Proposal {
            account_id: c.account_id,
            from: c.owner,
            to: after.owner,
            reason: latest.remove(&c.account_id).unwrap_or_default(),
            gain: c.expected_value.max(0.0)
                * (fit(reps, settings, after.owner, c) - fit(reps, settings, c.owner, c)),
        })
        .collect();
    take(reps, candidates, moves, budget)
}

/// How well `rep` fits the account's segment, as the engine sees it; 0 for the pool.
fn fit(reps: &[RepSlot], settings: &AssignSettings, rep: Option<i64>, c: &Candidate) -> f64 {
    let Some(rep) = rep.and_then(|id| reps.iter().find(|r| r.id == id)) else {
        return 0.0;
    };
    let covers = rep.segments.is_empty()
        || c.segment
            .as_deref()
            .is_none_or(|s| s.is_empty() || rep.segments.iter().any(|x| x == s));
    if covers {
        1.0
    } else {
        settings.outside_segment_fit.unwrap_or(0.0)
    }
}

/// Every move one run of the engine makes from `candidates`, under the review's hysteresis
/// and continuity cost.
fn engine_moves(
    reps: &[RepSlot],
    candidates: &[Candidate],
    settings: &AssignSettings,
    review: &ReviewSettings,
) -> Vec<Proposal> {
    // Hysteresis: the engine sees an account inside the margin as where it already is.
    let threshold = settings.pool_below;
    let margin = review.margin.max(0.0);
    let steady: Vec<Candidate> = candidates
        .iter()
        .map(|c| {
            let mut c = c.clone();
            let near = (c.readiness - threshold).abs() < margin;
            if near && !c.locked {
                c.readiness = if c.owner.is_some() {
                    c.readiness.max(threshold)
                } else {
                    c.readiness.min(threshold - f64::EPSILON)
                };
            }
            c
        })
        .collect();
    let daily = AssignSettings {
        move_cost: settings.move_cost.max(review.move_cost),
        ..settings.clone()
    };
    let plan = assign(reps, &steady, &daily);
    candidates
        .iter()
        .zip(&plan.placements)
        .filter(|(c, p)| p.rep != c.owner && !c.locked)
        .map(|(c, p)| Proposal {
            account_id: c.account_id,
            from: c.owner,
            to: p.rep,
            reason: p.reason.clone(),
            gain: 0.0,
        })
        .collect()
}

/// The moves in the order they can be made, at most `budget` of them.
fn take(
    reps: &[RepSlot],
    candidates: &[Candidate],
    mut moves: Vec<Proposal>,
    budget: usize,
) -> Vec<Proposal> {
    // Leaving a book first, since it frees room; then moves between reps, then accounts
    // joining from the pool; the largest change first within each.
    let rank = |m: &Proposal| match (m.from, m.to) {
        (Some(_), None) => 0,
        (Some(_), Some(_)) => 1,
        (None, _) => 2,
    };
    moves.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(b.gain.abs().total_cmp(&a.gain.abs()))
            .then(a.account_id.cmp(&b.account_id))
    });

    // Take moves while every book stays within capacity, counting each move as it is taken.
    // A move into a full book waits for a later pass, once a move out of it has been taken; a
    // swap between two full books is taken as a pair.
    let mut count: HashMap<i64, u32> = HashMap::new();
    for c in candidates {
        if let Some(owner) = c.owner {
            *count.entry(owner).or_default() += 1;
        }
    }
    let capacity: HashMap<i64, u32> = reps
        .iter()
        .map(|r| (r.id, if r.active { r.capacity } else { 0 }))
        .collect();
    let room = |count: &HashMap<i64, u32>, rep: Option<i64>| match rep {
        None => true,
        Some(r) => count.get(&r).copied().unwrap_or(0) < capacity.get(&r).copied().unwrap_or(0),
    };
    let shift = |count: &mut HashMap<i64, u32>, m: &Proposal| {
        if let Some(to) = m.to {
            *count.entry(to).or_default() += 1;
        }
        if let Some(held) = m.from.and_then(|from| count.get_mut(&from)) {
            *held = held.saturating_sub(1);
        }
    };
    let mut waiting = moves;
    let mut taken: Vec<Proposal> = Vec::new();
    while taken.len() < budget && !waiting.is_empty() {
        let before = taken.len();
        let mut still = Vec::new();
        for m in waiting {
            if taken.len() < budget && room(&count, m.to) {
                shift(&mut count, &m);
                taken.push(m);
            } else {
                still.push(m);
            }
        }
        waiting = still;
        if taken.len() == before && taken.len() + 2 <= budget {
            let pair = (0..waiting.len()).find_map(|i| {
                (i + 1..waiting.len())
                    .find(|&j| {
                        waiting[i].from == waiting[j].to
                            && waiting[i].to == waiting[j].from
                            && waiting[i].to.is_some()
                            && waiting[j].to.is_some()
                    })
                    .map(|j| (i, j))
            });
            let Some((i, j)) = pair else {
                break;
            };
            let second = waiting.remove(j);
            let first = waiting.remove(i);
            shift(&mut count, &first);
            shift(&mut count, &second);
            taken.push(first);
            taken.push(second);
        } else if taken.len() == before {
            break;
        }
    }
    taken
}

/// An account whose readiness moved since the last review.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    pub account_id: i64,
    pub before: f64,
    pub after: f64,
}

/// The accounts that surged and those that cooled by at least `min_change` of readiness
/// between two snapshots, the largest change first. Accounts missing from either snapshot
/// have nothing to compare and are left out.
pub fn shifts(
    before: &HashMap<i64, f64>,
    after: &[(i64, f64)],
    min_change: f64,
) -> (Vec<Shift>, Vec<Shift>) {
    let mut surged = Vec::new();
    let mut cooled = Vec::new();
    for &(account_id, now) in after {
        let Some(&then) = before.get(&account_id) else {
            continue;
        };
        let shift = Shift {
            account_id,
            before: then,
            after: now,
        };
        if now - then >= min_change {
            surged.push(shift);
        } else if then - now >= min_change {
            cooled.push(shift);
        }
    }
    let by_size = |a: &Shift, b: &Shift| {
        (b.after - b.before)
            .abs()
            .total_cmp(&(a.after - a.before).abs())
            .then(a.account_id.cmp(&b.account_id))
    };
    surged.sort_by(by_size);
    cooled.sort_by(by_size);
    (surged, cooled)
}
