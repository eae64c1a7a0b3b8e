//! The assignment engine: which rep holds each account, and which accounts wait in the pool.
//!
//! It maximises expected value (readiness × potential × how well the rep fits the account's
//! segment) less the cost of every move, subject to each rep's capacity (accounts and,
//! optionally, workload), the balance band around the team's mean expected value, locks,
//! eligibility and the pool. See [`engine`] for the method and the bound it reports.
//!
//! Two plans are built and the better one is kept: one from scratch, steered by the prices of
//! the Lagrangian dual, and one that starts from today's owners and changes only what capacity,
//! balance or value ask for. The second wins unless the first is clearly better, so a run with
//! nothing new moves nothing.

mod baseline;
mod engine;

use std::collections::HashMap;

pub use baseline::round_robin;
use engine::{Item, Loads, Problem, State, POOL};

/// A rep as the engine sees them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RepSlot {
    pub id: i64,
    pub name: String,
    /// How many accounts the rep can carry in their active book; 0 is valid.
    pub capacity: u32,
    /// Inactive reps (left, on leave) receive nothing, and lose unlocked accounts.
    pub active: bool,
    /// The segments (region, language, industry…) the rep covers; empty covers every one.
    pub segments: Vec<String>,
    /// An optional limit on the summed workload of the rep's accounts.
    pub workload_capacity: Option<f64>,
}

/// An account to place.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidate {
    pub account_id: i64,
    pub readiness: f64,
    /// Readiness times potential.
    pub expected_value: f64,
    /// The current owner, if any.
    pub owner: Option<i64>,
    pub locked: bool,
    /// The account's segment, matched against [`RepSlot::segments`].
    pub segment: Option<String>,
    /// An open opportunity makes a move dearer: the deal would change hands mid-flight.
    pub open_deal: bool,
    /// So does recent contact between the account and its owner.
    pub recent_contact: bool,
    /// The account's share of a rep's workload; it only matters to reps with a workload limit.
    pub workload: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssignSettings {
    /// Accounts below this readiness wait in the pool.
    pub pool_below: f64,
    /// Allowed spread of each rep's expected value around the team mean (0.15 = ±15%).
    pub band: f64,
    /// Whether the band is a constraint; without it the engine only respects capacity.
    pub enforce_band: bool,
    /// The cost of any move, as a share of the mean account's expected value.
    pub move_cost: f64,
    /// What an open opportunity adds to that cost.
    pub open_deal_cost: f64,
    /// What recent contact with the owner adds to it.
    pub recent_contact_cost: f64,
    /// The fit of a rep outside the account's segment; `None` makes such reps ineligible.
    pub outside_segment_fit: Option<f64>,
    /// A plan from scratch must beat the one built from today's owners by this share of the
    /// objective to be chosen: it is the hysteresis that stops noise from reshuffling books.
    pub keep_threshold: f64,
}

impl Default for AssignSettings {
    fn default() -> Self {
        AssignSettings {
            pool_below: 0.2,
            band: 0.15,
            enforce_band: true,
            move_cost: 0.05,
            open_deal_cost: 0.5,
            recent_contact_cost: 0.25,
            outside_segment_fit: Some(0.9),
            keep_threshold: 0.002,
        }
    }
}

/// Where an account ends up, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub account_id: i64,
    pub rep: Option<i64>,
    pub reason: String,
}

/// How good the plan is, and how sure the engine is of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EngineReport {
    /// Expected value × fit of every placed account, less the cost of the moves.
    pub objective: f64,
    /// No plan under the same constraints can do better than this. `None` when the band
    /// cannot be met, because then the constraints have no plan to bound.
    pub bound: Option<f64>,
    /// `(bound − objective) / bound`.
    pub gap: Option<f64>,
    pub moves: u32,
    /// The summed expected value of the accounts in books.
    pub expected_value: f64,
    /// The team mean the band is drawn around.
    pub target_mean: f64,
    /// Active reps the band could not be met for.
    pub outside_band: Vec<i64>,
    pub iterations: u32,
    /// Whether the plan grew from today's owners rather than from scratch.
    pub from_current: bool,
}

/// The engine's answer: a placement for every candidate, in the candidates' order.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub placements: Vec<Placement>,
    pub report: EngineReport,
}

/// The default capacity when a sheet gives none: enough room for every account worth working,
/// with a fifth to spare so that balance moves have somewhere to go.
pub fn default_capacity(workable_accounts: usize, active_reps: usize) -> u32 {
    if active_reps == 0 {
        return 0;
    }
    let per_rep = (workable_accounts as f64 * 1.2 / active_reps as f64).ceil();
    per_rep.max(1.0) as u32
}

/// How many dual iterations the engine allows itself.
const DUAL_ITERATIONS: u32 = 120;

/// Up to this many movable accounts, the engine also tries shuffled construction orders.
const SMALL_BOOK: usize = 400;
const RESTARTS: usize = 32;

/// Places every candidate with a rep or in the pool, each with its reason.
pub fn assign(reps: &[RepSlot], candidates: &[Candidate], settings: &AssignSettings) -> Plan {
    let setup = Setup::new(reps, candidates, settings);
    let p = &setup.problem;
    let order = engine::by_value(p);

    // From today's owners: fill free room, bring every book within its limits, fill what that
    // freed, then improve.
    let mut current = State::from_positions(p, setup.start.clone());
    engine::fill(p, &mut current, &order);
    engine::repair(p, &mut current);
    engine::fill(p, &mut current, &order);
    engine::improve(p, &mut current);

    // From scratch, steered by the dual prices.
    let target = current.objective(p);
    let dual = engine::dual(p, engine::Prices::zero(p.reps), target, DUAL_ITERATIONS);
    let mut fresh = engine::construct(p, &dual.best, &order);
    engine::repair(p, &mut fresh);
    engine::improve(p, &mut fresh);
    // And at plain value: the most valuable accounts first, each to the best rep with room,
    // ties to the poorest book. Where capacity binds and reps are alike this is already close
    // to balanced, which prices alone do not find.
    let mut plain = engine::construct(p, &engine::Prices::zero(p.reps), &order);
    engine::repair(p, &mut plain);
    engine::improve(p, &mut plain);
    if engine::better(p, &plain, &fresh) {
        fresh = plain;
    }
    // Small books are cheap to search wider: rebuild them from shuffled orders and keep the
    // best, which escapes the local optima that single moves and swaps cannot leave.
    if p.items.len() <= SMALL_BOOK {
        let mut rng = fastrand::Rng::with_seed(0x7e77a1);
        for _ in 0..RESTARTS {
            let mut shuffled = order.clone();
            rng.shuffle(&mut shuffled);
            let mut other = engine::construct(p, &dual.best, &shuffled);
            engine::repair(p, &mut other);
            engine::improve(p, &mut other);
            if engine::better(p, &other, &fresh) {
                fresh = other;
            }
        }
    }

    let tol = 1e-9 * p.unit * p.items.len().max(1) as f64;
    let (cv, fv) = (current.violation(p), fresh.violation(p));
    let (co, fo) = (current.objective(p), fresh.objective(p));
    let from_current =
        cv <= fv + tol && co >= fo - settings.keep_threshold * fo.abs() || cv + tol < fv;
    let state = if from_current { current } else { fresh };
    // A second descent from the prices the chosen plan implies usually tightens the bound.
    let refined = engine::dual(
        p,
        engine::prices_of(p, &state),
        state.objective(p),
        DUAL_ITERATIONS / 2,
    );
    let bound = dual.bound.min(refined.bound);
    setup.finish(
        state,
        bound,
        dual.iterations + refined.iterations,
        from_current,
    )
}

/// The problem in the engine's terms, plus what it takes to turn an answer back into
/// placements and reasons.
struct Setup<'a> {
    reps: &'a [RepSlot],
    candidates: &'a [Candidate],
    settings: &'a AssignSettings,
    problem: Problem,
    /// Index into `problem.items` for each candidate that the engine places.
    item_of: Vec<Option<usize>>,
    /// Where each item starts: its owner when that rep may hold it, else the pool.
    start: Vec<u32>,
    segment_names: Vec<String>,
    /// Each rep's book as it was, before the engine ran.
    before: Loads,
    mean: f64,
}

impl<'a> Setup<'a> {
    fn new(reps: &'a [RepSlot], candidates: &'a [Candidate], settings: &'a AssignSettings) -> Self {
        let n = reps.len();
        let index: HashMap<i64, usize> = reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let cap: Vec<u32> = reps
            .iter()
            .map(|r| if r.active { r.capacity } else { 0 })
            .collect();
        let balanced: Vec<bool> = reps.iter().map(|r| r.active && r.capacity > 0).collect();
        let work_cap: Vec<f64> = reps
            .iter()
            .map(|r| {
                r.workload_capacity
                    .filter(|w| w.is_finite())
                    .unwrap_or(f64::INFINITY)
            })
            .collect();

        // Segments: one row of fits per distinct segment, plus row 0 for accounts without one.
        let mut segment_names = vec![String::new()];
        let mut segment_index: HashMap<&str, u32> = HashMap::new();
        let mut seg_of = Vec::with_capacity(candidates.len());
        for c in candidates {
            let seg = match c.segment.as_deref().filter(|s| !s.is_empty()) {
                None => 0,
                Some(name) => *segment_index.entry(name).or_insert_with(|| {
                    segment_names.push(name.to_string());
                    (segment_names.len() - 1) as u32
                }),
            };
            seg_of.push(seg);
        }
        let mut fit = vec![0.0; segment_names.len() * n];
        for (s, name) in segment_names.iter().enumerate() {
            for (r, rep) in reps.iter().enumerate() {
                let covers =
                    s == 0 || rep.segments.is_empty() || rep.segments.iter().any(|x| x == name);
                fit[s * n + r] = match (cap[r] > 0, covers) {
                    (false, _) => 0.0,
                    (true, true) => 1.0,
                    (true, false) => settings.outside_segment_fit.unwrap_or(0.0).max(0.0),
                };
            }
        }
        let eligible: Vec<Vec<u32>> = (0..segment_names.len())
            .map(|s| {
                (0..n as u32)
                    .filter(|&r| fit[s * n + r as usize] > 0.0)
                    .collect()
            })
            .collect();

        let mut before = Loads::zero(n);
        let mut fixed = Loads::zero(n);
        for c in candidates {
            if let Some(&r) = c.owner.and_then(|o| index.get(&o)) {
                before.count[r] += 1;
                before.ev[r] += c.expected_value;
                before.work[r] += c.workload;
                if c.locked {
                    fixed.count[r] += 1;
                    fixed.ev[r] += c.expected_value;
                    fixed.work[r] += c.workload;
                }
            }
        }

        // The engine places unlocked accounts worth a rep's time; the rest stay put or pool.
        let movable = |c: &Candidate| !c.locked && c.readiness >= settings.pool_below;
        let values: Vec<f64> = candidates
            .iter()
            .filter(|c| movable(c))
            .map(|c| c.expected_value.max(0.0))
            .collect();
        let unit = {
            let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
            if mean > 0.0 {
                mean
            } else {
                1.0
            }
        };
        let work_unit = {
            let works: Vec<f64> = candidates
                .iter()
                .filter(|c| movable(c))
                .map(|c| c.workload)
                .collect();
            let mean = works.iter().sum::<f64>() / works.len().max(1) as f64;
            if mean > 0.0 {
                mean
            } else {
                1.0
            }
        };

        let mut items = Vec::new();
        let mut item_of = Vec::with_capacity(candidates.len());
        let mut start = Vec::new();
        for (c, &seg) in candidates.iter().zip(&seg_of) {
            if !movable(c) {
                item_of.push(None);
                continue;
            }
            let owner = c
                .owner
                .and_then(|o| index.get(&o))
                .map_or(POOL, |&r| r as u32);
            // Continuity is a relationship with an owner: an open deal or recent contact makes
            // taking an account from its rep dear, but a pooled account has no rep to lose, and
            // its fresh activity is a reason to bring it in, not a cost.
            let owned = owner != POOL;
            let cost = unit
                * (settings.move_cost
                    + if c.open_deal && owned {
                        settings.open_deal_cost
                    } else {
                        0.0
                    }
                    + if c.recent_contact && owned {
                        settings.recent_contact_cost
                    } else {
                        0.0
                    });
            item_of.push(Some(items.len()));
            start.push(
                if owner != POOL && fit[seg as usize * n + owner as usize] > 0.0 {
                    owner
                } else {
                    POOL
                },
            );
            items.push(Item {
                ev: c.expected_value.max(0.0),
                seg,
                owner,
                cost,
                work: c.workload.max(0.0),
            });
        }

        // The band is drawn around what the team could hold: locked books plus the most
        // valuable accounts that fit in the free capacity, shared by every rep with room.
        let members = balanced.iter().filter(|b| **b).count();
        let room: u64 = (0..n)
            .filter(|&r| balanced[r])
            .map(|r| u64::from(cap[r].saturating_sub(fixed.count[r])))
            .sum();
        let mut placeable: Vec<f64> = items
            .iter()
            .filter(|it| !eligible[it.seg as usize].is_empty())
            .map(|it| it.ev)
            .collect();
        placeable.sort_by(|a, b| b.total_cmp(a));
        let held: f64 = (0..n).filter(|&r| balanced[r]).map(|r| fixed.ev[r]).sum();
        let mean = if members == 0 {
            0.0
        } else {
            (held + placeable.iter().take(room as usize).sum::<f64>()) / members as f64
        };
        let (lo, hi) = if settings.enforce_band && settings.band.is_finite() && mean > 0.0 {
            (mean * (1.0 - settings.band), mean * (1.0 + settings.band))
        } else {
            (f64::NEG_INFINITY, f64::INFINITY)
        };

        Setup {
            reps,
            candidates,
            settings,
            problem: Problem {
                reps: n,
                cap,
                work_cap,
                balanced,
                lo,
                hi,
                fit,
                eligible,
                items,
                fixed,
                unit,
                work_unit,
            },
            item_of,
            start,
            segment_names,
            before,
            mean,
        }
    }

    fn finish(&self, state: State, bound: f64, iterations: u32, from_current: bool) -> Plan {
        let p = &self.problem;
        let objective = state.objective(p);
        let outside_band: Vec<i64> = (0..p.reps)
            .filter(|&r| {
                p.balanced[r]
                    && (state.loads.ev[r] > p.hi * (1.0 + 1e-9)
                        || state.loads.ev[r] < p.lo * (1.0 + 1e-9) - 1e-9)
            })
            .map(|r| self.reps[r].id)
            .collect();
        let feasible = state.violation(p) <= 1e-6 * p.unit;
        let bound = (feasible && bound.is_finite()).then_some(bound.max(objective));
        let gap = bound.map(|b| {
            if b.abs() > 0.0 {
                (b - objective) / b.abs()
            } else {
                0.0
            }
        });
        // The widest deviation from the mean any balanced book ends with, for the reasons.
        let spread = (0..p.reps)
            .filter(|&r| p.balanced[r] && self.mean > 0.0)
            .map(|r| (state.loads.ev[r] / self.mean - 1.0).abs())
            .fold(0.0, f64::max);

        let mut moves = 0;
        let mut expected_value = 0.0;
        let placements: Vec<Placement> = self
            .candidates
            .iter()
            .zip(&self.item_of)
            .map(|(c, item)| {
                let to = match item {
                    Some(i) => state.at[*i],
                    None if c.locked => c
                        .owner
                        .and_then(|o| self.reps.iter().position(|r| r.id == o))
                        .map_or(POOL, |r| r as u32),
                    None => POOL,
                };
                let rep = (to != POOL).then(|| self.reps[to as usize].id);
                if rep != c.owner {
                    moves += 1;
                }
                if rep.is_some() {
                    expected_value += c.expected_value;
                }
                Placement {
                    account_id: c.account_id,
                    rep,
                    reason: self.reason(c, *item, to, spread),
                }
            })
            .collect();
        Plan {
            placements,
            report: EngineReport {
                objective,
                bound,
                gap,
                moves,
                expected_value,
                target_mean: self.mean,
                outside_band,
                iterations,
                from_current,
            },
        }
    }

    /// The reason for one placement, in words a rep would accept.
    fn reason(&self, c: &Candidate, item: Option<usize>, to: u32, spread: f64) -> String {
        let p = &self.problem;
        let name = |r: u32| self.reps[r as usize].name.as_str();
        let owner = c
            .owner
            .and_then(|o| self.reps.iter().position(|r| r.id == o))
            .map(|r| r as u32);
        if c.locked {
            return match owner {
                Some(r) => format!("locked with {}", name(r)),
                None => "locked in the pool".into(),
            };
        }
        let readiness = format!("readiness {:.2}", c.readiness);
        if item.is_none() {
            return format!(
                "in the pool: {readiness} is below the {:.2} worth a rep's time",
                self.settings.pool_below
            );
        }
        let seg = p.items[item.unwrap_or_default()].seg;
        if to == POOL {
            if p.eligible[seg as usize].is_empty() {
                return format!(
                    "in the pool: no active rep covers {}",
                    self.segment_names[seg as usize]
                );
            }
            return match owner {
                Some(r) if !self.reps[r as usize].active => {
                    format!(
                        "to the pool: {} is inactive and every other rep is full",
                        name(r)
                    )
                }
                Some(r) => format!(
                    "to the pool: {} is at capacity with readier accounts",
                    name(r)
                ),
                None => {
                    "in the pool: every eligible rep is at capacity with readier accounts".into()
                }
            };
        }
        if owner == Some(to) {
            return format!("stays with {}: {readiness}", name(to));
        }
        let balance = if p.hi.is_finite() {
            format!(
                ", keeps team balance within {:.0}%",
                (spread * 100.0).ceil()
            )
        } else {
            String::new()
        };
        let t = to as usize;
        let why = match owner {
            Some(r) => {
                let (f, rep) = (r as usize, &self.reps[r as usize]);
                if !rep.active {
                    format!("{} is inactive", rep.name)
                } else if rep.capacity == 0 {
                    format!("{} has capacity 0", rep.name)
                } else if self.before.count[f] > rep.capacity {
                    format!("{} is at capacity", rep.name)
                } else if p.fit(seg, to) > p.fit(seg, r) {
                    format!("{} covers {}", name(to), self.segment_names[seg as usize])
                } else if p.balanced[f] && self.mean > 0.0 && self.before.ev[f] > p.hi {
                    format!(
                        "{} held {:.0}% above the team mean",
                        rep.name,
                        100.0 * (self.before.ev[f] / self.mean - 1.0)
                    )
                } else if p.balanced[t] && self.mean > 0.0 && self.before.ev[t] < p.lo {
                    format!(
                        "{} was {:.0}% below the team mean",
                        name(to),
                        100.0 * (1.0 - self.before.ev[t] / self.mean)
                    )
                } else {
                    "raises the team's expected value".into()
                }
            }
            None if seg != 0 && p.fit(seg, to) >= 1.0 && !self.reps[t].segments.is_empty() => {
                format!("{} covers {}", name(to), self.segment_names[seg as usize])
            }
            None => format!("{} has room", name(to)),
        };
        format!("to {}: {readiness}, {why}{balance}", name(to))
    }
}
