//! The first assignment: which rep holds each account, and which accounts wait in the pool.
//!
//! It starts from the current owners and changes only what a rule asks it to, which is what
//! makes a second run with nothing new move nothing:
//!
//! 1. locked accounts stay where they are;
//! 2. other accounts stay with an active owner while they are ready enough to work;
//! 3. a rep over capacity gives up their least valuable accounts;
//! 4. accounts without an owner go, most valuable first, to the rep with the least expected
//!    value who has room; when every rep is full, an account only gets in by displacing the
//!    least valuable account in any book;
//! 5. while a rep's expected value lies outside the balance band, the account that best
//!    narrows the gap moves from the richest rep to the poorest one with room. Every such move
//!    lowers the spread, so the loop ends, and at its end no rule fires any more.

use std::collections::{BTreeSet, HashMap};

/// A rep as the engine sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct RepSlot {
    pub id: i64,
    pub name: String,
    /// How many accounts the rep can carry in their active book; 0 is valid.
    pub capacity: u32,
    /// Inactive reps (left, on leave) receive nothing, and lose unlocked accounts.
    pub active: bool,
}

/// An account to place.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub account_id: i64,
    pub readiness: f64,
    /// Readiness times potential.
    pub expected_value: f64,
    /// The current owner, if any.
    pub owner: Option<i64>,
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssignSettings {
    /// Accounts below this readiness wait in the pool.
    pub pool_below: f64,
    /// Allowed spread of each rep's expected value around the team mean (0.15 = ±15%).
    pub band: f64,
}

impl Default for AssignSettings {
    fn default() -> Self {
        AssignSettings {
            pool_below: 0.2,
            band: 0.15,
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

/// The default capacity when a sheet gives none: enough room for every account worth working,
/// with a fifth to spare so that balance moves have somewhere to go.
pub fn default_capacity(workable_accounts: usize, active_reps: usize) -> u32 {
    if active_reps == 0 {
        return 0;
    }
    let per_rep = (workable_accounts as f64 * 1.2 / active_reps as f64).ceil();
    per_rep.max(1.0) as u32
}

/// Ordered key for "least valuable first": expected value, then id for determinism.
#[derive(Debug, Clone, Copy)]
struct Valued(f64, i64);

impl PartialEq for Valued {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Valued {}

impl PartialOrd for Valued {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Valued {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

struct Book {
    capacity: u32,
    active: bool,
    name: String,
    value: f64,
    /// Unlocked accounts, least valuable first.
    movable: BTreeSet<Valued>,
    locked: u32,
}

impl Book {
    fn count(&self) -> u32 {
        self.locked + self.movable.len() as u32
    }

    fn has_room(&self) -> bool {
        self.active && self.count() < self.capacity
    }
}

struct Engine<'a> {
    books: Vec<Book>,
    index: HashMap<i64, usize>,
    owner: HashMap<i64, Option<usize>>,
    reason: HashMap<i64, String>,
    settings: &'a AssignSettings,
}

impl Engine<'_> {
    fn place(&mut self, account: &Candidate, book: usize, reason: String) {
        let b = &mut self.books[book];
        b.value += account.expected_value;
        if account.locked {
            b.locked += 1;
        } else {
            b.movable
                .insert(Valued(account.expected_value, account.account_id));
        }
        self.owner.insert(account.account_id, Some(book));
        self.reason.insert(account.account_id, reason);
    }

    fn remove(&mut self, account: Valued, reason: String) {
        if let Some(Some(book)) = self.owner.insert(account.1, None) {
            let b = &mut self.books[book];
            b.value -= account.0;
            b.movable.remove(&account);
        }
        self.reason.insert(account.1, reason);
    }

    /// The mean over reps who can hold accounts: a rep with capacity 0 would pull the mean
    /// down and make everyone else look above the band.
    fn mean_value(&self) -> f64 {
        let active: Vec<&Book> = self
            .books
            .iter()
            .filter(|b| b.active && b.capacity > 0)
            .collect();
        if active.is_empty() {
            return 0.0;
        }
        active.iter().map(|b| b.value).sum::<f64>() / active.len() as f64
    }

    /// The active rep with room and the least expected value.
    fn poorest_with_room(&self) -> Option<usize> {
        (0..self.books.len())
            .filter(|&i| self.books[i].has_room())
            .min_by(|&a, &b| {
                let (x, y) = (&self.books[a], &self.books[b]);
                x.value
                    .total_cmp(&y.value)
                    .then(x.count().cmp(&y.count()))
                    .then(a.cmp(&b))
            })
    }

    /// The least valuable unlocked account in any active book.
    fn least_valuable_held(&self) -> Option<(usize, Valued)> {
        self.books
            .iter()
            .enumerate()
            .filter(|(_, b)| b.active)
            .filter_map(|(i, b)| b.movable.first().map(|v| (i, *v)))
            .min_by(|a, b| a.1.cmp(&b.1))
    }

    /// One balancing move, if a rep lies outside the band and a move narrows the gap.
    fn balance_step(&mut self) -> bool {
        let mean = self.mean_value();
        if mean <= 0.0 {
            return false;
        }
        let high = mean * (1.0 + self.settings.band);
        let low = mean * (1.0 - self.settings.band);
        let mut order: Vec<usize> = (0..self.books.len())
            .filter(|&i| self.books[i].active && self.books[i].capacity > 0)
            .collect();
        order.sort_by(|&a, &b| {
            self.books[a]
                .value
                .total_cmp(&self.books[b].value)
                .then(a.cmp(&b))
        });
        let Some(&richest) = order.last() else {
            return false;
        };
        for &poorest in order.iter().filter(|&&i| self.books[i].has_room()) {
            let (rich, poor) = (&self.books[richest], &self.books[poorest]);
            if rich.value <= high && poor.value >= low {
                continue;
            }
            let gap = rich.value - poor.value;
            // The account whose value is closest to half the gap narrows it the most; any
            // account worth less than the gap narrows it at least a little.
            let best = rich
                .movable
                .iter()
                .filter(|v| v.0 > 0.0 && v.0 < gap - 1e-9)
                .min_by(|a, b| (a.0 - gap / 2.0).abs().total_cmp(&(b.0 - gap / 2.0).abs()));
            if let Some(&account) = best {
                let before = rich.value;
                let reason = format!(
                    "to {}: {} held {:.0}% above the team's mean expected value; keeps balance \
                     within {:.0}%",
                    poor.name,
                    rich.name,
                    100.0 * (before / mean - 1.0),
                    self.settings.band * 100.0
                );
                self.remove(account, String::new());
                let candidate = Candidate {
                    account_id: account.1,
                    readiness: 0.0,
                    expected_value: account.0,
                    owner: None,
                    locked: false,
                };
                self.place(&candidate, poorest, reason);
                return true;
            }
        }
        false
    }
}

/// Places every candidate with a rep or in the pool, each with its reason.
pub fn assign(
    reps: &[RepSlot],
    candidates: &[Candidate],
    settings: &AssignSettings,
) -> Vec<Placement> {
    let mut engine = Engine {
        books: reps
            .iter()
            .map(|r| Book {
                capacity: r.capacity,
                active: r.active,
                name: r.name.clone(),
                value: 0.0,
                movable: BTreeSet::new(),
                locked: 0,
            })
            .collect(),
        index: reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect(),
        owner: HashMap::with_capacity(candidates.len()),
        reason: HashMap::with_capacity(candidates.len()),
        settings,
    };
    let by_id: HashMap<i64, &Candidate> = candidates.iter().map(|c| (c.account_id, c)).collect();
    let mut waiting: Vec<&Candidate> = Vec::new();

    // 1 and 2: locks hold, in a book or in the pool; ready accounts stay with active owners.
    for c in candidates {
        let book = c.owner.and_then(|o| engine.index.get(&o).copied());
        if c.locked && book.is_none() {
            engine.owner.insert(c.account_id, None);
            engine
                .reason
                .insert(c.account_id, "locked in the pool".into());
            continue;
        }
        match book {
            Some(b) if c.locked => {
                let reason = format!("locked with {}", engine.books[b].name);
                engine.place(c, b, reason);
            }
            Some(b) if engine.books[b].active && c.readiness >= settings.pool_below => {
                let reason = format!(
                    "stays with {}: readiness {:.2}",
                    engine.books[b].name, c.readiness
                );
                engine.place(c, b, reason);
            }
            _ => {
                engine.owner.insert(c.account_id, None);
                waiting.push(c);
            }
        }
    }

    // 3: reps over capacity give up their least valuable unlocked accounts.
    for b in 0..engine.books.len() {
        while engine.books[b].count() > engine.books[b].capacity {
            let Some(&least) = engine.books[b].movable.first() else {
                break;
            };
            let reason = format!(
                "left {}'s book: over capacity ({} accounts for {})",
                engine.books[b].name,
                engine.books[b].count(),
                engine.books[b].capacity
            );
            engine.remove(least, reason);
            if let Some(c) = by_id.get(&least.1) {
                waiting.push(c);
            }
        }
    }

    // 4: unowned accounts, most valuable first.
    waiting.sort_by(|a, b| {
        b.expected_value
            .total_cmp(&a.expected_value)
            .then(a.account_id.cmp(&b.account_id))
    });
    for c in waiting {
        if c.readiness < settings.pool_below {
            engine.reason.insert(
                c.account_id,
                format!(
                    "in the pool: readiness {:.2} is below the {:.2} worth a rep's time",
                    c.readiness, settings.pool_below
                ),
            );
            continue;
        }
        if let Some(b) = engine.poorest_with_room() {
            let reason = format!(
                "to {}: readiness {:.2}, the least expected value on the team with room",
                engine.books[b].name, c.readiness
            );
            engine.place(c, b, reason);
            continue;
        }
        match engine.least_valuable_held() {
            Some((b, least)) if least.0 < c.expected_value => {
                let name = engine.books[b].name.clone();
                engine.remove(
                    least,
                    format!("to the pool: {name} is at capacity with readier accounts"),
                );
                let reason = format!(
                    "to {name}: readiness {:.2}, replaces a less valuable account at capacity",
                    c.readiness
                );
                engine.place(c, b, reason);
            }
            _ => {
                engine.reason.insert(
                    c.account_id,
                    "in the pool: every rep is at capacity with more valuable accounts".into(),
                );
            }
        }
    }

    // 5: balance. Each step lowers the sum of squared book values, so this ends; the bound is
    // a guard against floating-point ties.
    let mut steps = 0;
    while steps < candidates.len() * 4 && engine.balance_step() {
        steps += 1;
    }

    candidates
        .iter()
        .map(|c| {
            let rep = engine
                .owner
                .get(&c.account_id)
                .copied()
                .flatten()
                .map(|b| reps[b].id);
            let reason = engine.reason.remove(&c.account_id).unwrap_or_default();
            Placement {
                account_id: c.account_id,
                rep,
                reason,
            }
        })
        .collect()
}
