//! The optimiser behind [`super::assign`].
//!
//! The problem: give each movable account to one eligible rep or to the pool, maximising the sum
//! of `expected value × fit − continuity cost`, with each rep's account count (and workload)
//! under capacity and each rep's expected value inside the balance band.
//!
//! Without balance this is a transportation problem, a min-cost flow whose node potentials are
//! one price per rep. Balance adds one linear constraint per rep and bound. Pricing every
//! capacity and band constraint (Lagrangian relaxation) leaves a problem that splits into one
//! tiny choice per account, so a whole evaluation is a single pass over the accounts. Projected
//! subgradient steps on the prices give:
//!
//! - an upper bound on the best plan (any non-negative prices do; the best one found is
//!   reported), which is how far from optimal the plan is shown to be;
//! - prices that say which reps are scarce or too rich, which steer a greedy construction that
//!   never breaks capacity.
//!
//! A repair pass then moves accounts until every rep is inside the band where that is possible,
//! and a local search keeps only moves that pay for their continuity cost. The plan built from
//! the current owners goes through the same repair and search and wins ties, which is what keeps
//! a second run from moving anything.

use std::collections::HashMap;

pub(super) const POOL: u32 = u32::MAX;

/// How many of the richest (or poorest) books a repair step trades with.
const NEIGHBOURS: usize = 4;

/// How much a unit of capacity or workload overflow weighs against a unit of band violation:
/// capacity is a hard limit, balance a strong preference.
const HARD: f64 = 1_000.0;

#[derive(Debug, Clone)]
pub(super) struct Item {
    pub ev: f64,
    pub seg: u32,
    /// The rep index that holds the account now, or [`POOL`].
    pub owner: u32,
    pub cost: f64,
    pub work: f64,
}

/// Account counts, expected value and workload per rep.
#[derive(Debug, Clone)]
pub(super) struct Loads {
    pub count: Vec<u32>,
    pub ev: Vec<f64>,
    pub work: Vec<f64>,
}

impl Loads {
    pub fn zero(reps: usize) -> Loads {
        Loads {
            count: vec![0; reps],
            ev: vec![0.0; reps],
            work: vec![0.0; reps],
        }
    }
}

pub(super) struct Problem {
    pub reps: usize,
    /// Accounts a rep may hold in total, locked ones included; 0 for inactive reps.
    pub cap: Vec<u32>,
    pub work_cap: Vec<f64>,
    /// Reps whose expected value must lie in the band: active, with room for accounts.
    pub balanced: Vec<bool>,
    pub lo: f64,
    pub hi: f64,
    /// Row-major `segments × reps`; 0 means the rep may not hold the segment's accounts.
    pub fit: Vec<f64>,
    pub eligible: Vec<Vec<u32>>,
    pub items: Vec<Item>,
    /// What locked accounts already put in each book.
    pub fixed: Loads,
    /// The mean expected value of an account, so that tolerances and step sizes scale.
    pub unit: f64,
    /// The mean workload of an account, for the same reason.
    pub work_unit: f64,
}

impl Problem {
    #[inline]
    pub fn fit(&self, seg: u32, rep: u32) -> f64 {
        self.fit[seg as usize * self.reps + rep as usize]
    }

    /// What placing item `i` at `to` contributes to the objective.
    #[inline]
    pub fn value(&self, i: usize, to: u32) -> f64 {
        let item = &self.items[i];
        let moved = if item.owner == to { 0.0 } else { item.cost };
        if to == POOL {
            // Leaving the pool for the pool is free; taking an account from its owner is not.
            -moved
        } else {
            item.ev * self.fit(item.seg, to) - moved
        }
    }

    /// How far a book with these loads lies outside its limits, in expected-value units.
    fn violation(&self, rep: usize, count: u32, ev: f64, work: f64) -> f64 {
        let mut v = 0.0;
        if self.balanced[rep] {
            v += (ev - self.hi).max(0.0) + (self.lo - ev).max(0.0);
        }
        if count > self.cap[rep] {
            v += HARD * self.unit * f64::from(count - self.cap[rep]);
        }
        if work > self.work_cap[rep] {
            v += HARD * self.unit * (work - self.work_cap[rep]) / self.work_unit;
        }
        v
    }

    fn tolerance(&self) -> f64 {
        1e-9 * self.unit.max(1e-12)
    }
}

/// One plan under construction: where each item is, each book's members, and the loads that
/// follow.
#[derive(Debug, Clone)]
pub(super) struct State {
    pub at: Vec<u32>,
    pub loads: Loads,
    /// The items of each rep, and of the pool in the last entry, in no particular order.
    members: Vec<Vec<u32>>,
    /// Where each item sits in its book's member list.
    slot: Vec<u32>,
}

impl State {
    /// Every item in the pool; only locked accounts in books.
    pub fn empty(p: &Problem) -> State {
        let n = p.items.len();
        let mut members = vec![Vec::new(); p.reps + 1];
        members[p.reps] = (0..n as u32).collect();
        State {
            at: vec![POOL; n],
            loads: p.fixed.clone(),
            members,
            slot: (0..n as u32).collect(),
        }
    }

    pub fn from_positions(p: &Problem, at: Vec<u32>) -> State {
        let mut state = State::empty(p);
        for (i, to) in at.into_iter().enumerate() {
            state.shift(p, i, to);
        }
        state
    }

    fn book(&self, p: &Problem, at: u32) -> usize {
        if at == POOL {
            p.reps
        } else {
            at as usize
        }
    }

    /// The items in rep `at`'s book, or in the pool.
    pub fn members(&self, p: &Problem, at: u32) -> &[u32] {
        &self.members[self.book(p, at)]
    }

    /// Moves item `i`, updating the loads at once so the next decision sees them.
    pub fn shift(&mut self, p: &Problem, i: usize, to: u32) {
        let from = self.at[i];
        if from == to {
            return;
        }
        let item = &p.items[i];
        if from != POOL {
            let f = from as usize;
            self.loads.count[f] -= 1;
            self.loads.ev[f] -= item.ev;
            self.loads.work[f] -= item.work;
        }
        if to != POOL {
            let t = to as usize;
            self.loads.count[t] += 1;
            self.loads.ev[t] += item.ev;
            self.loads.work[t] += item.work;
        }
        let (a, b) = (self.book(p, from), self.book(p, to));
        let position = self.slot[i] as usize;
        self.members[a].swap_remove(position);
        if let Some(&displaced) = self.members[a].get(position) {
            self.slot[displaced as usize] = position as u32;
        }
        self.slot[i] = self.members[b].len() as u32;
        self.members[b].push(i as u32);
        self.at[i] = to;
    }

    pub fn objective(&self, p: &Problem) -> f64 {
        self.at
            .iter()
            .enumerate()
            .map(|(i, &to)| p.value(i, to))
            .sum()
    }

    pub fn rep_violation(&self, p: &Problem, rep: usize) -> f64 {
        p.violation(
            rep,
            self.loads.count[rep],
            self.loads.ev[rep],
            self.loads.work[rep],
        )
    }

    pub fn violation(&self, p: &Problem) -> f64 {
        (0..p.reps).map(|r| self.rep_violation(p, r)).sum()
    }

    /// The change in violation and objective if item `i` moved to `to`; `None` when the rep
    /// may not hold it.
    fn delta_move(&self, p: &Problem, i: usize, to: u32) -> Option<(f64, f64)> {
        let from = self.at[i];
        if from == to || (to != POOL && p.fit(p.items[i].seg, to) <= 0.0) {
            return None;
        }
        let item = &p.items[i];
        let mut dv = 0.0;
        if from != POOL {
            let f = from as usize;
            dv += p.violation(
                f,
                self.loads.count[f] - 1,
                self.loads.ev[f] - item.ev,
                self.loads.work[f] - item.work,
            ) - self.rep_violation(p, f);
        }
        if to != POOL {
            let t = to as usize;
            dv += p.violation(
                t,
                self.loads.count[t] + 1,
                self.loads.ev[t] + item.ev,
                self.loads.work[t] + item.work,
            ) - self.rep_violation(p, t);
        }
        Some((dv, p.value(i, to) - p.value(i, from)))
    }

    /// The change in violation and objective if items `i` and `k`, in different books,
    /// traded places.
    fn delta_swap(&self, p: &Problem, i: usize, k: usize) -> Option<(f64, f64)> {
        let (a, b) = (self.at[i], self.at[k]);
        if a == b {
            return None;
        }
        let (x, y) = (&p.items[i], &p.items[k]);
        if (b != POOL && p.fit(x.seg, b) <= 0.0) || (a != POOL && p.fit(y.seg, a) <= 0.0) {
            return None;
        }
        let mut dv = 0.0;
        for (rep, out, into) in [(a, x, y), (b, y, x)] {
            if rep != POOL {
                let r = rep as usize;
                dv += p.violation(
                    r,
                    self.loads.count[r],
                    self.loads.ev[r] - out.ev + into.ev,
                    self.loads.work[r] - out.work + into.work,
                ) - self.rep_violation(p, r);
            }
        }
        let before = p.value(i, a) + p.value(k, b);
        let after = p.value(i, b) + p.value(k, a);
        Some((dv, after - before))
    }

    fn swap(&mut self, p: &Problem, i: usize, k: usize) {
        let (a, b) = (self.at[i], self.at[k]);
        self.shift(p, i, POOL);
        self.shift(p, k, a);
        self.shift(p, i, b);
    }
}

/// Prices on each rep's capacity (`u`, per account), band ceiling (`mu`) and floor (`nu`), both
/// per unit of expected value, and workload (`om`, per unit of workload).
#[derive(Debug, Clone)]
pub(super) struct Prices {
    pub u: Vec<f64>,
    pub mu: Vec<f64>,
    pub nu: Vec<f64>,
    pub om: Vec<f64>,
}

impl Prices {
    pub fn zero(reps: usize) -> Prices {
        Prices {
            u: vec![0.0; reps],
            mu: vec![0.0; reps],
            nu: vec![0.0; reps],
            om: vec![0.0; reps],
        }
    }

    #[inline]
    fn reduced(&self, p: &Problem, i: usize, to: u32) -> f64 {
        let value = p.value(i, to);
        if to == POOL {
            return value;
        }
        let (r, item) = (to as usize, &p.items[i]);
        value - self.u[r] - (self.mu[r] - self.nu[r]) * item.ev - self.om[r] * item.work
    }
}

pub(super) struct Dual {
    pub bound: f64,
    pub best: Prices,
    pub iterations: u32,
}

/// Projected subgradient descent on the Lagrangian dual, with Polyak steps aimed at the best
/// plan known so far. Every evaluation is a valid upper bound; the least is kept.
pub(super) fn dual(p: &Problem, start: Prices, target: f64, max_iterations: u32) -> Dual {
    let n = p.reps;
    let mut prices = start;
    let mut best = prices.clone();
    let mut bound = f64::INFINITY;
    let mut theta = 1.0;
    let mut since_better = 0;
    let mut iterations = 0;
    let mut count = vec![0u32; n];
    let mut ev = vec![0.0; n];
    let mut work = vec![0.0; n];
    let wscale = p.unit / p.work_unit;

    while iterations < max_iterations {
        iterations += 1;
        count.iter_mut().for_each(|c| *c = 0);
        ev.iter_mut().for_each(|e| *e = 0.0);
        work.iter_mut().for_each(|w| *w = 0.0);
        let mut value = 0.0;
        for (i, item) in p.items.iter().enumerate() {
            let mut best_value = prices.reduced(p, i, POOL);
            let mut choice = POOL;
            for &r in &p.eligible[item.seg as usize] {
                let v = prices.reduced(p, i, r);
                if v > best_value {
                    best_value = v;
                    choice = r;
                }
            }
            value += best_value;
            if choice != POOL {
                let r = choice as usize;
                count[r] += 1;
                ev[r] += item.ev;
                work[r] += item.work;
            }
        }

        // The constant part of the Lagrangian, and its gradient with respect to each price.
        let mut grad_u = vec![0.0; n];
        let mut grad_mu = vec![0.0; n];
        let mut grad_nu = vec![0.0; n];
        let mut grad_om = vec![0.0; n];
        for r in 0..n {
            let room = f64::from(p.cap[r]) - f64::from(p.fixed.count[r]);
            value += prices.u[r] * room;
            grad_u[r] = p.unit * (room - f64::from(count[r]));
            if p.balanced[r] && p.hi.is_finite() {
                let total = p.fixed.ev[r] + ev[r];
                value +=
                    prices.mu[r] * (p.hi - p.fixed.ev[r]) - prices.nu[r] * (p.lo - p.fixed.ev[r]);
                grad_mu[r] = p.hi - total;
                grad_nu[r] = total - p.lo;
            }
            if p.work_cap[r].is_finite() {
                let room = p.work_cap[r] - p.fixed.work[r];
                value += prices.om[r] * room;
                grad_om[r] = wscale * (room - work[r]);
            }
        }

        if value < bound - p.tolerance() {
            bound = value;
            best = prices.clone();
            since_better = 0;
        } else {
            since_better += 1;
            if since_better >= 6 {
                theta /= 2.0;
                since_better = 0;
            }
        }
        let gap = value - target;
        if bound - target <= 1e-5 * target.abs().max(p.unit) || theta < 1e-4 {
            break;
        }

        // Only the components that can move count in the step: a price at zero whose gradient
        // pushes it below zero stays where it is.
        let active = |price: f64, grad: f64| if price > 0.0 || grad < 0.0 { grad } else { 0.0 };
        let mut norm = 0.0;
        for r in 0..n {
            for (price, grad) in [
                (prices.u[r] / p.unit, grad_u[r]),
                (prices.mu[r], grad_mu[r]),
                (prices.nu[r], grad_nu[r]),
                (prices.om[r] / wscale, grad_om[r]),
            ] {
                norm += active(price, grad).powi(2);
            }
        }
        if norm <= 0.0 {
            // Nothing is violated at these prices: they are optimal.
            break;
        }
        let step = theta * gap.max(p.tolerance()) / norm;
        for r in 0..n {
            prices.u[r] = (prices.u[r] - step * grad_u[r] * p.unit).max(0.0);
            prices.mu[r] = (prices.mu[r] - step * grad_mu[r]).max(0.0);
            prices.nu[r] = (prices.nu[r] - step * grad_nu[r]).max(0.0);
            prices.om[r] = (prices.om[r] - step * grad_om[r] * wscale).max(0.0);
        }
    }
    Dual {
        bound,
        best,
        iterations,
    }
}

/// Capacity prices read off a plan: a full book's price is what its least valuable account
/// gains by being there rather than in the pool. Where the plan is close to optimal these are
/// close to the dual optimum, which the subgradient steps alone can take long to reach when
/// many reps are alike. Band and workload prices start at zero.
pub(super) fn prices_of(p: &Problem, state: &State) -> Prices {
    let mut prices = Prices::zero(p.reps);
    for r in 0..p.reps {
        if state.loads.count[r] < p.cap[r] {
            continue;
        }
        prices.u[r] = state
            .members(p, r as u32)
            .iter()
            .map(|&i| p.value(i as usize, r as u32) - p.value(i as usize, POOL))
            .fold(f64::INFINITY, f64::min)
            .max(0.0);
        if !prices.u[r].is_finite() {
            prices.u[r] = 0.0;
        }
    }
    prices
}

/// Whether `to` may take item `i` without going over capacity, workload or the band ceiling.
fn fits(p: &Problem, state: &State, i: usize, to: u32) -> bool {
    let (r, item) = (to as usize, &p.items[i]);
    p.fit(item.seg, to) > 0.0
        && state.loads.count[r] < p.cap[r]
        && state.loads.work[r] + item.work <= p.work_cap[r]
        && (!p.balanced[r] || state.loads.ev[r] + item.ev <= p.hi)
}

/// The best rep for item `i` among those that can take it, by `score`; ties go to the book
/// with the least expected value, so equal accounts spread evenly.
fn best_rep(
    p: &Problem,
    state: &State,
    i: usize,
    score: impl Fn(u32) -> f64,
) -> Option<(u32, f64)> {
    let tol = p.tolerance();
    let mut best: Option<(u32, f64)> = None;
    for &r in &p.eligible[p.items[i].seg as usize] {
        if !fits(p, state, i, r) {
            continue;
        }
        let s = score(r);
        let better = match best {
            None => true,
            Some((b, bs)) => {
                s > bs + tol
                    || (s > bs - tol && state.loads.ev[r as usize] < state.loads.ev[b as usize])
            }
        };
        if better {
            best = Some((r, s));
        }
    }
    best
}

/// Whether plan `a` is better than plan `b`: less violation first, then more objective.
pub(super) fn better(p: &Problem, a: &State, b: &State) -> bool {
    let tol = p.tolerance() * p.items.len().max(1) as f64;
    let (va, vb) = (a.violation(p), b.violation(p));
    va < vb - tol || (va <= vb + tol && a.objective(p) > b.objective(p) + tol)
}

/// Items by expected value, highest first: the accounts that matter most choose first.
pub(super) fn by_value(p: &Problem) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.items.len()).collect();
    order.sort_by(|&a, &b| p.items[b].ev.total_cmp(&p.items[a].ev).then(a.cmp(&b)));
    order
}

/// Builds a plan under hard capacity. Each account takes the eligible rep that is best at the
/// given prices and still has room; accounts the prices send to the pool get a second chance
/// at plain value once everyone else has chosen, so that no capacity is left idle for nothing.
pub(super) fn construct(p: &Problem, prices: &Prices, order: &[usize]) -> State {
    let mut state = State::empty(p);
    for &i in order {
        if let Some((r, v)) = best_rep(p, &state, i, |r| prices.reduced(p, i, r)) {
            if v > prices.reduced(p, i, POOL) {
                state.shift(p, i, r);
            }
        }
    }
    fill(p, &mut state, order);
    state
}

/// Places pooled accounts where they are worth more than in the pool and a rep has room.
pub(super) fn fill(p: &Problem, state: &mut State, order: &[usize]) {
    for &i in order {
        if state.at[i] != POOL {
            continue;
        }
        if let Some((r, v)) = best_rep(p, state, i, |r| p.value(i, r)) {
            if v > p.value(i, POOL) {
                state.shift(p, i, r);
            }
        }
    }
}

/// A candidate change and how it scores: violation removed per unit of objective lost.
#[derive(Clone, Copy)]
enum Change {
    Move(usize, u32),
    Swap(usize, usize),
}

/// A repair candidate: violation change, objective change, and the destination's load, which
/// breaks ties so that equal accounts spread over the emptiest books.
type Scored = (f64, f64, f64, Change);

fn better_repair(candidate: (f64, f64, f64), best: Option<Scored>, tol: f64) -> bool {
    // Lower loss per unit of violation removed wins; a gain is better than any loss.
    let key = |dv: f64, dobj: f64| -dobj / -dv;
    best.is_none_or(|(dv, dobj, load, _)| {
        let (a, b) = (key(candidate.0, candidate.1), key(dv, dobj));
        a < b - tol || (a <= b + tol && candidate.2 < load)
    })
}

/// Moves accounts, one at a time with the loads updated after each, until every book is within
/// capacity and the band or no single move or swap brings a book closer.
pub(super) fn repair(p: &Problem, state: &mut State) {
    let tol = p.tolerance();
    let mut stuck = vec![false; p.reps];
    let mut steps = 0usize;
    let limit = 4 * p.items.len() + 1_000;
    while steps < limit {
        steps += 1;
        let worst = (0..p.reps)
            .filter(|&r| !stuck[r])
            .map(|r| (r, state.rep_violation(p, r)))
            .filter(|&(_, v)| v > tol)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((rep, _)) = worst else {
            break;
        };
        let r = rep as u32;
        let too_much = state.loads.count[rep] > p.cap[rep]
            || state.loads.work[rep] > p.work_cap[rep]
            || (p.balanced[rep] && state.loads.ev[rep] > p.hi);

        let mut best: Option<Scored> = None;
        let destination = |change: Change| match change {
            Change::Move(_, to) if to != POOL => state.loads.ev[to as usize],
            _ => f64::INFINITY,
        };
        let consider = |best: &mut Option<Scored>, delta: Option<(f64, f64)>, change| {
            if let Some((dv, dobj)) = delta {
                let load = destination(change);
                if dv < -tol && better_repair((dv, dobj, load), *best, 1e-12) {
                    *best = Some((dv, dobj, load, change));
                }
            }
        };
        // Books by expected value: a rich book gives to the poorest ones, a poor book takes
        // from the richest ones and the pool. Looking only there keeps a step cheap.
        let mut ranked: Vec<u32> = (0..p.reps as u32)
            .filter(|&x| x != r && p.cap[x as usize] > 0)
            .collect();
        ranked.sort_by(|&x, &y| state.loads.ev[x as usize].total_cmp(&state.loads.ev[y as usize]));
        if !too_much {
            ranked.reverse();
        }
        let partners: Vec<u32> = ranked
            .iter()
            .copied()
            .take(NEIGHBOURS)
            .chain([POOL])
            .collect();
        if too_much {
            for &i in state.members(p, r) {
                let i = i as usize;
                for &to in &partners {
                    consider(&mut best, state.delta_move(p, i, to), Change::Move(i, to));
                }
            }
        } else {
            for &from in &partners {
                for &i in state.members(p, from) {
                    let i = i as usize;
                    consider(&mut best, state.delta_move(p, i, r), Change::Move(i, r));
                }
            }
        }
        if best.is_none() {
            // A full book that is too poor (or too rich) can only trade: its cheapest
            // accounts for dearer ones elsewhere, or the reverse.
            let by_ev =
                |a: &u32, b: &u32| p.items[*a as usize].ev.total_cmp(&p.items[*b as usize].ev);
            let mut inside: Vec<u32> = state.members(p, r).to_vec();
            let mut outside: Vec<u32> = partners
                .iter()
                .flat_map(|&x| state.members(p, x).iter().copied())
                .collect();
            inside.sort_by(by_ev);
            outside.sort_by(by_ev);
            if too_much {
                inside.reverse();
            } else {
                outside.reverse();
            }
            for &i in inside.iter().take(24) {
                for &k in outside.iter().take(400) {
                    let (i, k) = (i as usize, k as usize);
                    consider(&mut best, state.delta_swap(p, i, k), Change::Swap(i, k));
                }
            }
        }
        match best {
            Some((_, _, _, Change::Move(i, to))) => state.shift(p, i, to),
            Some((_, _, _, Change::Swap(i, k))) => state.swap(p, i, k),
            None => stuck[rep] = true,
        }
    }
}

/// Keeps making the single move (and, on small books, the swap) that most improves the plan
/// without adding violation, until none is left or the passes run out.
pub(super) fn improve(p: &Problem, state: &mut State) {
    let tol = p.tolerance();
    let accept = |(dv, dobj): (f64, f64)| dv < -tol || (dv <= tol && dobj > tol);
    for _ in 0..MAX_PASSES {
        let mut changed = false;
        for i in 0..p.items.len() {
            let mut best: Option<(f64, f64, u32)> = None;
            let options = p.eligible[p.items[i].seg as usize]
                .iter()
                .copied()
                .chain([POOL]);
            for to in options {
                if let Some(delta) = state.delta_move(p, i, to) {
                    let wins = best.is_none_or(|(dv, dobj, _)| {
                        delta.0 < dv - tol || (delta.0 <= dv + tol && delta.1 > dobj)
                    });
                    if accept(delta) && wins {
                        best = Some((delta.0, delta.1, to));
                    }
                }
            }
            if let Some((_, _, to)) = best {
                state.shift(p, i, to);
                changed = true;
            }
        }
        changed |= exchange(p, state);
        // Swaps are quadratic; on small books they close most of what single moves leave.
        if p.items.len() <= 400 {
            for i in 0..p.items.len() {
                for k in i + 1..p.items.len() {
                    if let Some(delta) = state.delta_swap(p, i, k) {
                        if accept(delta) {
                            state.swap(p, i, k);
                            changed = true;
                        }
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Local search runs until no move or trade improves the plan; this only guards against a
/// pathological crawl. A plan that stopped short of a local optimum would be improved by the
/// next run, which would then move accounts with nothing new.
const MAX_PASSES: usize = 60;

/// How many accounts at each end of a book the exchange pass tries, against the pool and
/// against every other book.
const EXCHANGE_WITH_POOL: usize = 64;
const EXCHANGE_BETWEEN_REPS: usize = 12;

/// Trades between books where single moves cannot help because the books are full: the pool's
/// most valuable accounts against each book's least valuable ones, and each book's most
/// valuable against every other book's least valuable. Only trades that gain without adding
/// violation are made.
fn exchange(p: &Problem, state: &mut State) -> bool {
    let tol = p.tolerance();
    let mut changed = false;
    // Each book's ends are sorted once per pass; a trade that empties a slot is skipped when
    // its account has since moved. The ends are chosen by expected value alone, not by what
    // an account's owner makes it worth: the same plan then offers the same trades whoever
    // owned what before, so a plan this search leaves alone stays alone on the next run.
    let sorted = |book: u32, k: usize, best: bool| -> Vec<u32> {
        let mut members = state.members(p, book).to_vec();
        let value = |i: u32| p.items[i as usize].ev;
        members.sort_by(|&a, &b| {
            let order = value(a).total_cmp(&value(b)).then(a.cmp(&b));
            if best {
                order.reverse()
            } else {
                order
            }
        });
        members.truncate(k);
        members
    };
    let reps: Vec<u32> = (0..p.reps as u32)
        .filter(|&r| p.cap[r as usize] > 0)
        .collect();
    let k = EXCHANGE_WITH_POOL.max(EXCHANGE_BETWEEN_REPS);
    let mut best_of: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut worst_of: HashMap<u32, Vec<u32>> = HashMap::new();
    best_of.insert(POOL, sorted(POOL, EXCHANGE_WITH_POOL, true));
    for &r in &reps {
        best_of.insert(r, sorted(r, EXCHANGE_BETWEEN_REPS, true));
        worst_of.insert(r, sorted(r, k, false));
    }
    let pairs = reps
        .iter()
        .map(|&r| (POOL, r, EXCHANGE_WITH_POOL))
        .chain(reps.iter().flat_map(|&a| {
            reps.iter()
                .filter(move |&&b| b != a)
                .map(move |&b| (a, b, EXCHANGE_BETWEEN_REPS))
        }))
        .collect::<Vec<_>>();
    for (from, to, k) in pairs {
        let givers = &best_of[&from];
        let takers = &worst_of[&to][..k.min(worst_of[&to].len())];
        let mut used = vec![false; takers.len()];
        for &i in givers {
            for (t, &o) in takers.iter().enumerate() {
                if used[t] || state.at[i as usize] != from || state.at[o as usize] != to {
                    continue;
                }
                if let Some((dv, dobj)) = state.delta_swap(p, i as usize, o as usize) {
                    if dv < -tol || (dv <= tol && dobj > tol) {
                        state.swap(p, i as usize, o as usize);
                        used[t] = true;
                        changed = true;
                        break;
                    }
                }
            }
        }
    }
    changed
}
