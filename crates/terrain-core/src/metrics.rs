//! Territory figures, exactly as DESIGN.md defines them, per rep, team, region and overall.
//!
//! - conversion rate: won / (won + lost) among closed opportunities; open ones do not count;
//! - time to close: days from creation to close of won opportunities (median);
//! - revenue impact: the sum of won amounts (negative amounts, credit notes, are left out);
//! - accounts and expected value: what the active plan puts in each book.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::records::Outcome;
use crate::stats::median;

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

/// What the active plan gives one rep.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BookFact {
    pub accounts: u32,
    pub expected_value: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    pub name: String,
    pub accounts: u32,
    pub won: u32,
    pub lost: u32,
    pub conversion_rate: Option<f64>,
    pub median_days_to_close: Option<f64>,
    pub won_revenue: f64,
    pub expected_value: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TerritoryMetrics {
    pub overall: Figures,
    pub by_rep: Vec<Figures>,
    pub by_team: Vec<Figures>,
    pub by_region: Vec<Figures>,
}

#[derive(Default)]
struct Accumulator {
    accounts: u32,
    won: u32,
    lost: u32,
    won_revenue: f64,
    expected_value: f64,
    days: Vec<f64>,
}

impl Accumulator {
    fn add_deal(&mut self, deal: &DealFact) {
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

    fn add_book(&mut self, book: BookFact) {
        self.accounts += book.accounts;
        self.expected_value += book.expected_value;
    }

    fn finish(mut self, name: String) -> Figures {
        let closed = self.won + self.lost;
        Figures {
            name,
            accounts: self.accounts,
            won: self.won,
            lost: self.lost,
            conversion_rate: (closed > 0).then(|| f64::from(self.won) / f64::from(closed)),
            median_days_to_close: median(&mut self.days),
            won_revenue: self.won_revenue,
            expected_value: self.expected_value,
        }
    }
}

/// Figures for every rep, team and region, and overall. `books` maps rep ids to what the
/// active plan gives them; deals of no known rep count only overall.
pub fn territory_metrics(
    reps: &[RepInfo],
    deals: &[DealFact],
    books: &BTreeMap<i64, BookFact>,
    pooled: BookFact,
) -> TerritoryMetrics {
    let mut overall = Accumulator::default();
    let mut per_rep: BTreeMap<i64, Accumulator> = BTreeMap::new();
    let known: BTreeMap<i64, &RepInfo> = reps.iter().map(|r| (r.id, r)).collect();
    for deal in deals {
        overall.add_deal(deal);
        if let Some(rep) = deal.rep_id.filter(|id| known.contains_key(id)) {
            per_rep.entry(rep).or_default().add_deal(deal);
        }
    }
    for (rep, book) in books {
        overall.add_book(*book);
        if known.contains_key(rep) {
            per_rep.entry(*rep).or_default().add_book(*book);
        }
    }
    overall.add_book(pooled);

    let mut by_team: BTreeMap<String, Accumulator> = BTreeMap::new();
    let mut by_region: BTreeMap<String, Accumulator> = BTreeMap::new();
    let mut by_rep = Vec::with_capacity(reps.len());
    let mut sorted: Vec<&RepInfo> = reps.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for rep in sorted {
        let acc = per_rep.remove(&rep.id).unwrap_or_default();
        let team = rep.team.clone().unwrap_or_else(|| "(no team)".into());
        let region = rep.region.clone().unwrap_or_else(|| "(no region)".into());
        for group in [
            by_team.entry(team).or_default(),
            by_region.entry(region).or_default(),
        ] {
            group.accounts += acc.accounts;
            group.won += acc.won;
            group.lost += acc.lost;
            group.won_revenue += acc.won_revenue;
            group.expected_value += acc.expected_value;
            group.days.extend_from_slice(&acc.days);
        }
        by_rep.push(acc.finish(rep.name.clone()));
    }
    TerritoryMetrics {
        overall: overall.finish("Overall".into()),
        by_rep,
        by_team: by_team
            .into_iter()
            .map(|(name, acc)| acc.finish(name))
            .collect(),
        by_region: by_region
            .into_iter()
            .map(|(name, acc)| acc.finish(name))
            .collect(),
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

/// `books` holds, per active rep, (accounts, expected value, capacity).
pub fn balance(books: &[(u32, f64, u32)], band: f64) -> BalanceFigures {
    use crate::stats::{coefficient_of_variation, gini, max_over_min};
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
        reps_over_capacity: books.iter().filter(|b| b.0 > b.2).count() as u32,
    }
}
