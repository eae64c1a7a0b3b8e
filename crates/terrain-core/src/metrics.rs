//! Territory figures, exactly as DESIGN.md defines them, per rep, team, region and overall.
//!
//! - engagement: signals per account in the book over the last 30 days;
//! - conversion rate: won / (won + lost) among opportunities closed in the period; open ones
//!   do not count;
//! - time to close: days from creation to close of won opportunities, median and 75th
//!   percentile;
//! - revenue impact: the sum of won amounts (negative amounts, credit notes, are left out);
//! - accounts, expected value and the share of high-readiness accounts: what the active plan
//!   puts in each book.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::records::Outcome;
use crate::stats::{median, quantile};

/// A rep and the groups they belong to.
#[derive(Debug, Clone, PartialEq)]
pub struct RepInfo {
    pub id: i64,
    pub name: String,
    pub team: Option<String>,
    pub region: Option<String>,
}

/// A closed or open deal, credited to its owner.
#[derive(Debug, Clone, PartialEq)]
pub struct DealFact {
    pub rep_id: Option<i64>,
    pub outcome: Outcome,
    pub amount: Option<f64>,
    pub created: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
}

/// What the active plan gives one rep (or leaves in the pool).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BookFact {
    pub accounts: u32,
    pub expected_value: f64,
    /// Signals on the book's accounts over the last 30 days.
    pub signals_30d: u32,
    /// Accounts whose readiness puts them at the deciding or buying stage.
    pub high_readiness: u32,
}

impl BookFact {
    fn add(&mut self, other: BookFact) {
        self.accounts += other.accounts;
        self.expected_value += other.expected_value;
        self.signals_30d += other.signals_30d;
        self.high_readiness += other.high_readiness;
    }
}

/// The closing dates a set of figures covers, both included; `None` leaves that end open.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    /// Whether `day` lies in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day <= to)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub name: String,
    pub accounts: u32,
    pub engagement_30d: f64,
    pub won: u32,
    pub lost: u32,
    pub conversion_rate: Option<f64>,
    pub median_days_to_close: Option<f64>,
    pub p75_days_to_close: Option<f64>,
    pub won_revenue: f64,
    pub expected_value: f64,
    pub high_readiness_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TerritoryMetrics {
    pub overall: Figures,
    pub by_rep: Vec<Figures>,
    pub by_team: Vec<Figures>,
    pub by_region: Vec<Figures>,
    /// The active plan's books together: every rep, without the pool.
    pub plan: Figures,
}

#[derive(Default, Clone)]
struct Accumulator {
    book: BookFact,
    won: u32,
    lost: u32,
    won_revenue: f64,
    days: Vec<f64>,
}

impl Accumulator {
    /// Counts a deal that closed in the period; open deals and deals closed outside it do not
    /// count. A closed deal without a close date cannot be placed in a period, so it counts
    /// only when the period is open at both ends.
    fn add_deal(&mut self, deal: &DealFact, period: Period) {
        let in_period = match deal.closed {
            Some(closed) => period.contains(closed),
            None => period.from.is_none() && period.to.is_none(),
        };
        if !in_period {
            return;
        }
        match deal.outcome {
            Outcome::Won => {
                self.won += 1;
                if let Some(amount) = deal.amount.filter(|a| *a > 0.0) {
                    self.won_revenue += amount;
                }
                if let (Some(created), Some(closed)) = (deal.created, deal.closed) {
                    if closed >= created {
                        self.days.push((closed - created).num_days() as f64);
                    }
                }
            }
            Outcome::Lost => self.lost += 1,
            Outcome::Open => {}
        }
    }

    fn merge(&mut self, other: &Accumulator) {
        self.book.add(other.book);
        self.won += other.won;
        self.lost += other.lost;
        self.won_revenue += other.won_revenue;
        self.days.extend_from_slice(&other.days);
    }

    fn finish(mut self, name: String, total_high: u32) -> Figures {
        let closed = self.won + self.lost;
        let book = self.book;
        Figures {
            name,
            accounts: book.accounts,
            engagement_30d: if book.accounts > 0 {
                f64::from(book.signals_30d) / f64::from(book.accounts)
            } else {
                0.0
            },
            won: self.won,
            lost: self.lost,
            conversion_rate: (closed > 0).then(|| f64::from(self.won) / f64::from(closed)),
            median_days_to_close: median(&mut self.days),
            p75_days_to_close: quantile(&mut self.days, 0.75),
            won_revenue: self.won_revenue,
            expected_value: book.expected_value,
            high_readiness_share: (total_high > 0)
                .then(|| f64::from(book.high_readiness) / f64::from(total_high)),
        }
    }
}

/// Figures for every rep, team and region, the plan, and overall. `books` maps rep ids to what
/// the active plan gives them; deals of no known rep count only overall.
pub fn territory_metrics(
    reps: &[RepInfo],
    deals: &[DealFact],
    books: &BTreeMap<i64, BookFact>,
    pooled: BookFact,
    period: Period,
) -> TerritoryMetrics {
    let mut overall = Accumulator::default();
    let mut per_rep: BTreeMap<i64, Accumulator> = BTreeMap::new();
    let known: BTreeMap<i64, &RepInfo> = reps.iter().map(|r| (r.id, r)).collect();
    for deal in deals {
        overall.add_deal(deal, period);
        if let Some(rep) = deal.rep_id.filter(|id| known.contains_key(id)) {
            per_rep.entry(rep).or_default().add_deal(deal, period);
        }
    }
    let mut plan = Accumulator::default();
    for (rep, book) in books {
        overall.book.add(*book);
        if known.contains_key(rep) {
            per_rep.entry(*rep).or_default().book.add(*book);
        }
    }
    overall.book.add(pooled);
    let total_high = overall.book.high_readiness;

    let mut by_team: BTreeMap<String, Accumulator> = BTreeMap::new();
    let mut by_region: BTreeMap<String, Accumulator> = BTreeMap::new();
    let mut by_rep = Vec::with_capacity(reps.len());
    let mut sorted: Vec<&RepInfo> = reps.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for rep in sorted {
        let acc = per_rep.remove(&rep.id).unwrap_or_default();
        let team = rep.team.clone().unwrap_or_else(|| "(no team)".into());
        let region = rep.region.clone().unwrap_or_else(|| "(no region)".into());
        by_team.entry(team).or_default().merge(&acc);
        by_region.entry(region).or_default().merge(&acc);
        plan.merge(&acc);
        by_rep.push(acc.finish(rep.name.clone(), total_high));
    }
    TerritoryMetrics {
        overall: overall.finish("Overall".into(), total_high),
        by_rep,
        by_team: by_team
            .into_iter()
            .map(|(name, acc)| acc.finish(name, total_high))
            .collect(),
        by_region: by_region
            .into_iter()
            .map(|(name, acc)| acc.finish(name, total_high))
            .collect(),
        plan: plan.finish(String::new(), total_high),
    }
}

/// How evenly a plan spreads expected value and accounts over the active reps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BalanceFigures {
    pub reps: u32,
    pub mean_expected_value: f64,
    pub cv_expected_value: f64,
    pub gini_expected_value: f64,
    pub max_min_expected_value: Option<f64>,
    pub cv_accounts: f64,
    pub max_min_accounts: Option<f64>,
    pub reps_outside_band: u32,
    pub reps_over_capacity: u32,
}

/// `books` holds, per active rep, (accounts, expected value, capacity). Reps with capacity 0
/// hold nothing by design, so they are left out of the spread figures.
pub fn balance(books: &[(u32, f64, u32)], band: f64) -> BalanceFigures {
    use crate::stats::{coefficient_of_variation, gini, max_over_min};
    let over_capacity = books.iter().filter(|b| b.0 > b.2).count() as u32;
    let books: Vec<(u32, f64, u32)> = books.iter().copied().filter(|b| b.2 > 0).collect();
    let values: Vec<f64> = books.iter().map(|b| b.1).collect();
    let counts: Vec<f64> = books.iter().map(|b| f64::from(b.0)).collect();
    let mean = if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    };
    BalanceFigures {
        reps: books.len() as u32,
        mean_expected_value: mean,
        cv_expected_value: coefficient_of_variation(&values),
        gini_expected_value: gini(&values),
        max_min_expected_value: max_over_min(&values),
        cv_accounts: coefficient_of_variation(&counts),
        max_min_accounts: max_over_min(&counts),
        reps_outside_band: values
            .iter()
            .filter(|v| mean > 0.0 && ((*v / mean) - 1.0).abs() > band + 1e-9)
            .count() as u32,
        reps_over_capacity: over_capacity,
    }
}
