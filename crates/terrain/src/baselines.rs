//! Territories as they are cut today, to compare Terrain's plan against: by geography, every
//! account given to a rep of its region in contiguous blocks of states and countries.

use std::collections::{BTreeMap, HashMap};

use crate::error::Result;
use crate::planning::PlanState;
use crate::Workspace;

impl Workspace {
    /// Expected value per rep when accounts are split by geography. Within each region that
    /// has reps of its own, accounts sorted by state, country and name are cut into equal
    /// contiguous blocks; accounts of regions no rep covers are cut the same way across all
    /// reps. Each rep then works the best of their own patch up to the same capacity Terrain's
    /// plan gives them, so both sides are compared on equal effort.
    pub(crate) async fn static_books(&self, state: &PlanState) -> Result<HashMap<i64, f64>> {
        let reps: Vec<_> = state.frame.reps.iter().filter(|r| r.active).collect();
        let mut by_region: BTreeMap<Option<String>, Vec<i64>> = BTreeMap::new();
        for rep in &reps {
            by_region
                .entry(rep.region.clone())
                .or_default()
                .push(rep.id);
        }
        let everyone: Vec<i64> = reps.iter().map(|r| r.id).collect();

        let mut accounts = self.store.account_facts().await?;
        accounts.sort_by(|a, b| {
            (&a.region, &a.state, &a.country, &a.name)
                .cmp(&(&b.region, &b.state, &b.country, &b.name))
        });
        let mut groups: BTreeMap<Vec<i64>, Vec<i64>> = BTreeMap::new();
        for account in &accounts {
            let owners = by_region
                .get(&account.region)
                .filter(|_| account.region.is_some())
                .unwrap_or(&everyone);
            groups.entry(owners.clone()).or_default().push(account.id);
        }

        let mut patches: HashMap<i64, Vec<f64>> = HashMap::new();
        for (owners, members) in groups {
            if owners.is_empty() {
                continue;
            }
            for (position, account) in members.iter().enumerate() {
                let rep = owners[position * owners.len() / members.len()];
                patches
                    .entry(rep)
                    .or_default()
                    .push(state.expected_value(*account));
            }
        }
        Ok(patches
            .into_iter()
            .map(|(rep, mut values)| {
                values.sort_by(|a, b| b.total_cmp(a));
                let capacity = state.frame.capacity.get(&rep).copied().unwrap_or(0) as usize;
                (rep, values.iter().take(capacity).sum())
            })
            .collect())
    }
}
