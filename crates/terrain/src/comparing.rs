//! The strategy comparison: static territories, round-robin and Terrain's dynamic plan, side
//! by side on the same workspace.
//!
//! All three start from the same point, the owners the CRM gave and the latest scores, and are
//! held to the same effort: each rep carries at most their capacity, and accounts too cold for
//! anyone to work stay in the pool. They are then measured by one function, so that a
//! difference in the figures is a difference in the strategy and never in the accounting. The
//! plans are built in memory and thrown away; the comparison changes no plan.

use std::collections::BTreeMap;

use terrain_core::assign::{assign, round_robin, AssignSettings, Candidate, RepSlot};
use terrain_core::metrics;

use crate::baselines::static_plan;
use crate::error::Result;
use crate::views::{Comparison, Strategy, StrategyBalance, StrategyFigures};
use crate::Workspace;

/// Each account's rep under one strategy; `None` is the pool.
type Owners = BTreeMap<i64, Option<i64>>;

impl Workspace {
    /// Builds static, round-robin and dynamic plans from the CRM's owners and measures each:
    /// expected value captured, balance, and moves away from the CRM.
    #[tracing::instrument(skip(self), err)]
    pub async fn compare(&self) -> Result<Comparison> {
        let state = self.plan_state().await?;
        let (slots, candidates) = self.engine_input(&state, true).await?;
        let accounts = self.store.account_facts().await?;
        let settings = state.frame.settings.clone();

        let geography = static_plan(&state, &accounts);

        // Dealt by id, a stable order that knows nothing of value, and only what is ready
        // enough to work, as the other two strategies do.
        let mut workable: Vec<i64> = candidates
            .iter()
            .filter(|c| c.readiness >= settings.pool_below)
            .map(|c| c.account_id)
            .collect();
        workable.sort_unstable();
        let mut dealt: Owners = candidates.iter().map(|c| (c.account_id, None)).collect();
        dealt.extend(round_robin(&slots, &workable));

        let owners_of = |plan: terrain_core::assign::Plan| -> Owners {
            plan.placements
                .iter()
                .map(|p| (p.account_id, p.rep))
                .collect()
        };
        let dynamic = owners_of(assign(&slots, &candidates, &settings));
        // A realignment starts over: no move costs anything, so only value and balance count.
        let free_moves = AssignSettings {
            move_cost: 0.0,
            open_deal_cost: 0.0,
            recent_contact_cost: 0.0,
            ..settings.clone()
        };
        let realignment = owners_of(assign(&slots, &candidates, &free_moves));

        let strategies = vec![
            measure(
                Strategy::Static,
                &geography.owners,
                &slots,
                &candidates,
                settings.band,
            ),
            measure(
                Strategy::RoundRobin,
                &dealt,
                &slots,
                &candidates,
                settings.band,
            ),
            measure(
                Strategy::Dynamic,
                &dynamic,
                &slots,
                &candidates,
                settings.band,
            ),
            measure(
                Strategy::Realignment,
                &realignment,
                &slots,
                &candidates,
                settings.band,
            ),
        ];
        let total_expected_value = candidates.iter().map(|c| c.expected_value).sum();
        let reps = slots.iter().filter(|s| s.active && s.capacity > 0).count() as u32;
        let headline = headline(
            &strategies,
            &geography.basis,
            total_expected_value,
            settings.band,
        );
        tracing::info!(
            static_ev = strategies[0].expected_value,
            round_robin_ev = strategies[1].expected_value,
            dynamic_ev = strategies[2].expected_value,
            dynamic_moves = strategies[2].moves,
            "compared strategies"
        );
        Ok(Comparison {
            scored_as_of: self.store.scores_as_of().await?.map(|d| d.to_string()),
            accounts: candidates.len() as u32,
            reps,
            total_expected_value,
            pool_below: settings.pool_below,
            band: settings.band,
            static_by: geography.basis,
            strategies,
            headline,
        })
    }
}

/// One strategy's figures. Candidates come in account order, so every strategy sums the same
/// values in the same order, and equal books give equal totals to the last bit.
fn measure(
    name: Strategy,
    owners: &Owners,
    slots: &[RepSlot],
    candidates: &[Candidate],
    band: f64,
) -> StrategyFigures {
    let mut books: BTreeMap<i64, (u32, f64)> = BTreeMap::new();
    let (mut expected_value, mut in_books, mut moves) = (0.0, 0, 0);
    for candidate in candidates {
        let owner = owners.get(&candidate.account_id).copied().flatten();
        if owner != candidate.owner {
            moves += 1;
        }
        if let Some(rep) = owner {
            let book = books.entry(rep).or_default();
            book.0 += 1;
            book.1 += candidate.expected_value;
            expected_value += candidate.expected_value;
            in_books += 1;
        }
    }
    let rows: Vec<(u32, f64, u32)> = slots
        .iter()
        .filter(|s| s.active)
        .map(|s| {
            let (accounts, value) = books.get(&s.id).copied().unwrap_or_default();
            (accounts, value, s.capacity)
        })
        .collect();
    let balance = metrics::balance(&rows, band);
    let total: f64 = candidates.iter().map(|c| c.expected_value).sum();
    StrategyFigures {
        name,
        expected_value,
        expected_value_share: if total > 0.0 {
            expected_value / total
        } else {
            0.0
        },
        in_books,
        pooled: candidates.len() as u32 - in_books,
        balance: StrategyBalance {
            cv: balance.cv_expected_value,
            gini: balance.gini_expected_value,
            max_min: balance.max_min_expected_value,
            reps_outside_band: balance.reps_outside_band,
        },
        moves,
    }
}

/// Dynamic against static, the comparison a director is asked about, in a sentence or two.
fn headline(strategies: &[StrategyFigures], basis: &str, total: f64, band: f64) -> String {
    let find = |name| strategies.iter().find(|s| s.name == name);
    let (Some(fixed), Some(dynamic)) = (find(Strategy::Static), find(Strategy::Dynamic)) else {
        return String::new();
    };
    if total <= 0.0 {
        return "No account has any expected value yet: import opportunities and score the \
                accounts to compare strategies."
            .to_string();
    }
    // Static territories move accounts too, away from whoever the CRM has them with; the
    // sentence gives both counts so that neither side looks free.
    let moves = format!(
        "{} against their {}",
        match dynamic.moves {
            1 => "1 move".to_string(),
            n => format!("{} moves", thousands(u64::from(n))),
        },
        thousands(u64::from(fixed.moves))
    );
    let against = format!("static territories (by {basis})");
    if fixed.expected_value <= 0.0 {
        return format!(
            "Dynamic captures ${} of expected value where {against} capture none, with {moves}.",
            thousands(dynamic.expected_value.round() as u64)
        );
    }
    let change = dynamic.expected_value / fixed.expected_value - 1.0;
    let percent = (change * 100.0).abs();
    let percent = if percent >= 9.95 {
        format!("{percent:.0}%")
    } else {
        format!("{percent:.1}%")
    };
    let mut sentence = if change.abs() < 0.0005 {
        format!("Dynamic captures as much expected value as {against}, with {moves}.")
    } else if change > 0.0 {
        format!("Dynamic captures {percent} more expected value than {against}, with {moves}.")
    } else if dynamic.moves < fixed.moves {
        // Dynamic pays for continuity: lead with what it keeps, then what that costs.
        format!(
            "Dynamic leaves {} more accounts with their owners than {against}: {moves}, for \
             {percent} less expected value.",
            thousands(u64::from(fixed.moves - dynamic.moves))
        )
    } else {
        format!("Dynamic captures {percent} less expected value than {against}, with {moves}.")
    };
    // Where capacity lets every strategy hold the same accounts, the values tie and the
    // difference is in balance; say it, or the sentence reads as if dynamic gained nothing.
    if dynamic.balance.cv < 0.9 * fixed.balance.cv {
        let reps = |n: u32| match n {
            1 => "1 rep".to_string(),
            n => format!("{n} reps"),
        };
        sentence = format!(
            "{sentence} Its books are more even: EV spread {:.1}% against {:.1}%, {} outside \
             the ±{}% band against {}.",
            dynamic.balance.cv * 100.0,
            fixed.balance.cv * 100.0,
            reps(dynamic.balance.reps_outside_band),
            (band * 1000.0).round() / 10.0,
            fixed.balance.reps_outside_band,
        );
    }
    // The daily plan pays for continuity; say what a realignment that does not would reach.
    match find(Strategy::Realignment) {
        Some(realignment) if realignment.expected_value > dynamic.expected_value * 1.0005 => {
            let change = realignment.expected_value / fixed.expected_value - 1.0;
            let percent = (change * 100.0).abs();
            let percent = if percent < 0.1 {
                format!("{percent:.2}%")
            } else {
                format!("{percent:.1}%")
            };
            format!(
                "{sentence} A realignment from scratch captures {percent} {} than static, with \
                 {} moves.",
                if change >= 0.0 { "more" } else { "less" },
                thousands(u64::from(realignment.moves))
            )
        }
        _ => sentence,
    }
}

/// `1204` as `1,204`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(name: Strategy, expected_value: f64, moves: u32) -> StrategyFigures {
        StrategyFigures {
            name,
            expected_value,
            expected_value_share: 0.0,
            in_books: 0,
            pooled: 0,
            balance: StrategyBalance {
                cv: 0.0,
                gini: 0.0,
                max_min: None,
                reps_outside_band: 0,
            },
            moves,
        }
    }

    #[test]
    fn the_headline_gives_dynamic_against_static_as_a_percentage_with_the_moves() {
        let strategies = [
            figures(Strategy::Static, 100.0, 2_500),
            figures(Strategy::RoundRobin, 90.0, 2_000),
            figures(Strategy::Dynamic, 118.0, 1_204),
        ];
        assert_eq!(
            headline(&strategies, "region, then state", 200.0, 0.15),
            "Dynamic captures 18% more expected value than static territories \
             (by region, then state), with 1,204 moves against their 2,500."
        );
    }

    #[test]
    fn the_headline_says_less_when_dynamic_captures_less_and_keeps_a_decimal_below_ten() {
        let strategies = [
            figures(Strategy::Static, 100.0, 0),
            figures(Strategy::Dynamic, 97.5, 1),
        ];
        assert_eq!(
            headline(&strategies, "country", 200.0, 0.15),
            "Dynamic captures 2.5% less expected value than static territories (by country), \
             with 1 move against their 0."
        );
    }

    #[test]
    fn when_dynamic_captures_less_with_fewer_moves_the_headline_leads_with_what_it_keeps() {
        let strategies = [
            figures(Strategy::Static, 100.0, 2_483),
            figures(Strategy::Dynamic, 98.7, 890),
        ];
        assert_eq!(
            headline(&strategies, "region, then state", 200.0, 0.15),
            "Dynamic leaves 1,593 more accounts with their owners than static territories \
             (by region, then state): 890 moves against their 2,483, for 1.3% less expected \
             value."
        );
    }

    #[test]
    fn when_values_tie_the_headline_says_how_much_more_even_dynamic_books_are() {
        let mut fixed = figures(Strategy::Static, 100.0, 84);
        fixed.balance.cv = 0.247;
        fixed.balance.reps_outside_band = 17;
        let mut dynamic = figures(Strategy::Dynamic, 100.0, 27);
        dynamic.balance.cv = 0.092;
        assert_eq!(
            headline(&[fixed, dynamic], "country", 200.0, 0.15),
            "Dynamic captures as much expected value as static territories (by country), with \
             27 moves against their 84. Its books are more even: EV spread 9.2% against 24.7%, \
             0 reps outside the ±15% band against 17."
        );
    }

    #[test]
    fn the_headline_of_an_unscored_workspace_says_what_to_do() {
        let strategies = [
            figures(Strategy::Static, 0.0, 0),
            figures(Strategy::Dynamic, 0.0, 0),
        ];
        assert!(headline(&strategies, "state", 0.0, 0.15).contains("score the accounts"));
    }

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn moves_count_every_owner_change_including_to_and_from_the_pool() {
        let slots = [1, 2].map(|id| RepSlot {
            id,
            name: format!("rep {id}"),
            capacity: 5,
            active: true,
            ..RepSlot::default()
        });
        let candidates: Vec<Candidate> = [(10, Some(1)), (11, Some(1)), (12, None), (13, Some(2))]
            .into_iter()
            .map(|(account_id, owner)| Candidate {
                account_id,
                readiness: 0.5,
                expected_value: 10.0,
                owner,
                workload: 1.0,
                ..Candidate::default()
            })
            .collect();
        // 10 stays, 11 goes to rep 2, 12 comes out of the pool, 13 goes into it.
        let owners: Owners = [(10, Some(1)), (11, Some(2)), (12, Some(1)), (13, None)]
            .into_iter()
            .collect();
        let f = measure(Strategy::Static, &owners, &slots, &candidates, 0.15);
        assert_eq!(f.moves, 3);
        assert_eq!((f.in_books, f.pooled), (3, 1));
        assert_eq!(f.expected_value, 30.0);
        assert!((f.expected_value_share - 0.75).abs() < 1e-12);
        assert_eq!(f.balance.max_min, Some(2.0));
    }
}
