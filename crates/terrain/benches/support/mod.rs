//! The synthetic book the workspace benches load: numbered reps, accounts spread over a few
//! industries and sizes, and a deal for every other account over the past year. Seeded, so
//! that every run measures the same workspace.

use chrono::NaiveDate;
use terrain_core::records::{AccountRecord, CustomFields, OpportunityRecord, Outcome, RepRecord};
use terrain_store::{ImportData, ImportFile};

pub const INDUSTRIES: [&str; 6] = [
    "Software",
    "Retail",
    "Healthcare",
    "Media",
    "Logistics",
    "Finance",
];

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

pub struct Book {
    pub reps: Vec<RepRecord>,
    pub accounts: Vec<AccountRecord>,
    pub deals: Vec<OpportunityRecord>,
}

impl Book {
    pub fn new(accounts: usize, reps: usize) -> Book {
        let mut rng = fastrand::Rng::with_seed(7);
        let rep_records = (0..reps)
            .map(|i| RepRecord {
                name: format!("Rep {i:03}"),
                capacity: None,
                ..Default::default()
            })
            .collect();
        let account_records = (0..accounts)
            .map(|i| AccountRecord {
                key: format!("A{i:07}"),
                name: format!("Account {i}"),
                industry: Some(INDUSTRIES[i % INDUSTRIES.len()].into()),
                employees: Some(f64::from(rng.u32(10..20_000))),
                ..Default::default()
            })
            .collect();
        let deals = (0..accounts / 2)
            .map(|i| {
                let created = as_of() - chrono::Days::new(rng.u64(30..400));
                let outcome = match rng.u8(0..3) {
                    0 => Outcome::Won,
                    1 => Outcome::Lost,
                    _ => Outcome::Open,
                };
                OpportunityRecord {
                    key: format!("O{i:07}"),
                    account: Some(format!("A{:07}", rng.usize(0..accounts))),
                    owner: Some(format!("Rep {:03}", rng.usize(0..reps))),
                    product: None,
                    stage: outcome.as_str().into(),
                    outcome,
                    amount: Some(f64::from(rng.u32(1_000..90_000))),
                    created: Some(created),
                    closed: (outcome != Outcome::Open).then(|| created + chrono::Days::new(40)),
                    custom: CustomFields::new(),
                }
            })
            .collect();
        Book {
            reps: rep_records,
            accounts: account_records,
            deals,
        }
    }

    /// The book as the three files of one import.
    pub fn files(&self) -> [ImportFile<'_>; 3] {
        let file = |file, data| ImportFile {
            file,
            rows_read: 0,
            rejected: 0,
            rows: &[],
            data,
        };
        [
            file("reps", ImportData::Reps(&self.reps)),
            file("accounts", ImportData::Accounts(&self.accounts)),
            file("deals", ImportData::Opportunities(&self.deals)),
        ]
    }
}
