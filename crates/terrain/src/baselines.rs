//! Territories as they are cut today, by geography: the baseline Terrain's plans are measured
//! against, both in the strategy comparison and in the "by geography" chart of the insights.
//!
//! A static plan gives every account to one rep's patch once, from where the account is, and
//! never looks at scores to decide whose patch it is. Scores only decide which accounts of a
//! patch its rep works, so that a static book and a Terrain book cost the rep the same effort.

use std::collections::{BTreeMap, HashMap};

use terrain_store::AccountFacts;

use crate::planning::PlanState;

/// Every account's place under static territories.
pub(crate) struct StaticPlan {
    /// The rep who works each account; `None` for accounts waiting in the pool, either because
    /// they are too cold to work or because their rep's patch holds more than they can carry.
    pub owners: BTreeMap<i64, Option<i64>>,
    /// What the patches were cut by, for people: "region, then state", "country", …
    pub basis: String,
}

/// Cuts static territories for the active reps with room for accounts.
///
/// Accounts of a region that has reps of its own go to those reps; the others are shared by
/// every rep. Within each of those groups, accounts sorted by state, country and name are cut
/// into equal contiguous runs, so a rep's patch is a block of neighbouring states or countries,
/// the way a spreadsheet split reads. A rep then works the best of their patch up to their
/// capacity, among accounts ready enough for anyone to work (`pool_below`); the rest wait in
/// the pool, as they would in Terrain's plan.
pub(crate) fn static_plan(state: &PlanState, accounts: &[AccountFacts]) -> StaticPlan {
    let capacity = |rep: i64| state.frame.capacity.get(&rep).copied().unwrap_or(0);
    let reps: Vec<_> = state
        .frame
        .reps
        .iter()
        .filter(|r| r.active && capacity(r.id) > 0)
        .collect();
    let mut by_region: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for rep in &reps {
        if let Some(region) = rep.region.as_deref() {
            by_region.entry(region).or_default().push(rep.id);
        }
    }
    let everyone: Vec<i64> = reps.iter().map(|r| r.id).collect();

    let mut sorted: Vec<&AccountFacts> = accounts.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.region, &a.state, &a.country, &a.name, a.id)
            .cmp(&(&b.region, &b.state, &b.country, &b.name, b.id))
    });
    let mut by_region_used = false;
    let mut groups: BTreeMap<&[i64], Vec<i64>> = BTreeMap::new();
    for account in sorted {
        let regional = account
            .region
            .as_deref()
            .and_then(|region| by_region.get(region));
        by_region_used |= regional.is_some();
        let owners = regional.unwrap_or(&everyone);
        groups.entry(owners).or_default().push(account.id);
    }

    let mut patches: HashMap<i64, Vec<i64>> = HashMap::new();
    for (owners, members) in &groups {
        if owners.is_empty() {
            continue;
        }
        for (position, account) in members.iter().enumerate() {
            let rep = owners[position * owners.len() / members.len()];
            patches.entry(rep).or_default().push(*account);
        }
    }

    let pool_below = state.frame.settings.pool_below;
    let readiness = |account: i64| state.scores.get(&account).map_or(0.0, |s| s.readiness);
    let mut owners: BTreeMap<i64, Option<i64>> = accounts.iter().map(|a| (a.id, None)).collect();
    for (rep, mut patch) in patches {
        patch.retain(|a| readiness(*a) >= pool_below);
        patch.sort_by(|a, b| {
            state
                .expected_value(*b)
                .total_cmp(&state.expected_value(*a))
                .then(a.cmp(b))
        });
        for account in patch.into_iter().take(capacity(rep) as usize) {
            owners.insert(account, Some(rep));
        }
    }

    let finer = if accounts.iter().any(|a| a.state.is_some()) {
        Some("state")
    } else if accounts.iter().any(|a| a.country.is_some()) {
        Some("country")
    } else {
        None
    };
    let basis = match (by_region_used, finer) {
        (true, Some(finer)) => format!("region, then {finer}"),
        (true, None) => "region".to_string(),
        (false, Some(finer)) => finer.to_string(),
        (false, None) => "account name".to_string(),
    };
    StaticPlan { owners, basis }
}

/// Expected value per rep under static territories, for the chart that sets them beside
/// Terrain's plan.
pub(crate) fn static_books(state: &PlanState, accounts: &[AccountFacts]) -> HashMap<i64, f64> {
    let mut books: HashMap<i64, f64> = HashMap::new();
    for (account, rep) in static_plan(state, accounts).owners {
        if let Some(rep) = rep {
            *books.entry(rep).or_default() += state.expected_value(account);
        }
    }
    books
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use chrono::NaiveDate;
    use terrain_core::assign::AssignSettings;
    use terrain_store::{AccountFacts, PlanRow, RepRow, ScoreRow};

    use super::*;
    use crate::planning::PlanFrame;

    fn rep(id: i64, region: Option<&str>, capacity: u32) -> (RepRow, u32) {
        let row = RepRow {
            id,
            name: format!("rep {id}"),
            team: None,
            region: region.map(str::to_string),
            capacity: None,
            active: true,
        };
        (row, capacity)
    }

    fn account(id: i64, region: Option<&str>, state: &str) -> AccountFacts {
        AccountFacts {
            id,
            key: id.to_string(),
            name: format!("account {id:03}"),
            owner_name: None,
            industry: None,
            employees: None,
            revenue: None,
            country: Some("United States".into()),
            state: Some(state.into()),
            region: region.map(str::to_string),
            outcome: None,
        }
    }

    fn plan_state(reps: Vec<(RepRow, u32)>, readiness: &[(i64, f64)]) -> PlanState {
        let capacity: HashMap<i64, u32> = reps.iter().map(|(r, c)| (r.id, *c)).collect();
        let scores = readiness
            .iter()
            .map(|&(account_id, readiness)| {
                let score = ScoreRow {
                    account_id,
                    fit: 0.0,
                    engagement: 0.0,
                    intent: 0.0,
                    readiness,
                    potential: 1_000.0,
                    stage: "aware".into(),
                    reasons: "[]".into(),
                };
                (account_id, score)
            })
            .collect();
        PlanState {
            frame: PlanFrame {
                plan: PlanRow {
                    id: 1,
                    name: "plan".into(),
                    status: "active".into(),
                    effective: NaiveDate::default(),
                },
                reps: reps.into_iter().map(|(r, _)| r).collect(),
                capacity,
                settings: AssignSettings::default(),
                planning: crate::views::PlanningSettings::default(),
            },
            owners: BTreeMap::new(),
            scores,
        }
    }

    #[test]
    fn accounts_of_a_region_with_reps_stay_with_that_regions_reps() {
        let state = plan_state(
            vec![
                rep(1, Some("West"), 10),
                rep(2, Some("West"), 10),
                rep(3, Some("East"), 10),
            ],
            &(1..=6).map(|id| (id, 0.5)).collect::<Vec<_>>(),
        );
        let accounts = vec![
            account(1, Some("West"), "CA"),
            account(2, Some("West"), "WA"),
            account(3, Some("West"), "OR"),
            account(4, Some("West"), "CA"),
            account(5, Some("East"), "NY"),
            account(6, Some("East"), "MA"),
        ];
        let plan = static_plan(&state, &accounts);
        assert_eq!(plan.basis, "region, then state");
        for id in 1..=4 {
            assert!(matches!(plan.owners[&id], Some(1 | 2)), "{id}");
        }
        assert_eq!((plan.owners[&5], plan.owners[&6]), (Some(3), Some(3)));
        // Sorted by state, California's two accounts open the first rep's run.
        assert_eq!((plan.owners[&1], plan.owners[&4]), (Some(1), Some(1)));
    }

    #[test]
    fn a_rep_works_the_best_of_their_patch_up_to_capacity_and_cold_accounts_wait() {
        let state = plan_state(
            vec![rep(1, None, 2)],
            &[(1, 0.9), (2, 0.1), (3, 0.5), (4, 0.7)],
        );
        let accounts: Vec<AccountFacts> = (1..=4).map(|id| account(id, None, "TX")).collect();
        let plan = static_plan(&state, &accounts);
        assert_eq!(plan.basis, "state");
        let worked: Vec<i64> = plan
            .owners
            .iter()
            .filter(|(_, rep)| rep.is_some())
            .map(|(account, _)| *account)
            .collect();
        assert_eq!(worked, vec![1, 4]);
    }

    #[test]
    fn reps_without_room_get_no_patch() {
        let state = plan_state(
            vec![rep(1, None, 0), rep(2, None, 5)],
            &[(1, 0.9), (2, 0.9)],
        );
        let accounts: Vec<AccountFacts> = (1..=2).map(|id| account(id, None, "TX")).collect();
        let plan = static_plan(&state, &accounts);
        assert!(plan.owners.values().all(|rep| *rep == Some(2)));
    }
}
