//! The built-in demo workspace: a generated regional book that behaves like a real one.
//!
//! Each account gets a hidden propensity to buy from its industry, size and chance. Deals over
//! the past year are won more often on high-propensity accounts, and recent activity (opens,
//! visits, meetings, intent) follows the same propensity, with a few accounts surging in the
//! last fortnight. So the scores, the plan and the charts a new user sees have structure to
//! find, and it is the same every time: the generator is seeded.

use std::path::Path;

use chrono::NaiveDate;
use terrain_core::records::{
    AccountRecord, CustomFields, CustomValue, OpportunityRecord, Outcome, RepRecord, SignalRecord,
};
use terrain_core::stats::sigmoid;
use terrain_store::{ImportData, ImportFile};

use crate::error::{Error, Result};
use crate::planning::today;
use crate::Workspace;

const ACCOUNTS: usize = 3_000;
const SEED: u64 = 20_261_203;
/// Room for about two thirds of the book across twelve reps, so that the pool holds the
/// accounts least worth a rep's time and the plan has real choices to make.
const CAPACITY: u32 = 170;

struct Region {
    name: &'static str,
    manager: &'static str,
    states: &'static [&'static str],
    reps: &'static [&'static str],
}

const REGIONS: [Region; 3] = [
    Region {
        name: "West",
        manager: "Maya Lindqvist",
        states: &["CA", "WA", "OR", "AZ", "CO", "UT", "NV"],
        reps: &[
            "Ana Ortiz",
            "Ben Okafor",
            "Chloe Nakamura",
            "Diego Ferreira",
        ],
    },
    Region {
        name: "Central",
        manager: "Samuel Adeyemi",
        states: &["TX", "IL", "MN", "MO", "OH", "MI", "WI"],
        reps: &[
            "Elena Petrova",
            "Farid Haddad",
            "Grace Whitfield",
            "Hugo Lemaire",
        ],
    },
    Region {
        name: "East",
        manager: "Priya Raman",
        states: &["NY", "MA", "NJ", "PA", "GA", "FL", "NC", "VA"],
        reps: &[
            "Isla McAllister",
            "Jonah Berger",
            "Keiko Tanaka",
            "Luca Romano",
        ],
    },
];

/// Industry, base propensity shift, typical deal size.
const INDUSTRIES: [(&str, f64, f64); 8] = [
    ("Software", 0.6, 48_000.0),
    ("Financial Services", 0.4, 62_000.0),
    ("Healthcare", 0.2, 41_000.0),
    ("Manufacturing", 0.0, 37_000.0),
    ("Logistics", -0.1, 29_000.0),
    ("Retail", -0.3, 22_000.0),
    ("Media", -0.4, 18_000.0),
    ("Education", -0.6, 15_000.0),
];

const NAME_PLACE: [&str; 12] = [
    "Atlas",
    "Beacon",
    "Copper",
    "Eastgate",
    "Highland",
    "Lakeside",
    "Maple",
    "Pacific",
    "Redwood",
    "Silver",
    "Stone",
    "Westbrook",
];
const NAME_FIRST: [&str; 24] = [
    "Alder", "Birch", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
    "Kestrel", "Lumen", "Meridian", "North", "Orchard", "Pioneer", "Quarry", "River", "Summit",
    "Tidal", "Union", "Vista", "Willow", "Zenith",
];
const NAME_SECOND: [&str; 20] = [
    "Labs",
    "Systems",
    "Health",
    "Logistics",
    "Foods",
    "Partners",
    "Works",
    "Analytics",
    "Dynamics",
    "Networks",
    "Capital",
    "Media",
    "Robotics",
    "Supply",
    "Clinics",
    "Freight",
    "Retail",
    "Learning",
    "Energy",
    "Industries",
];
const SUFFIX: [&str; 4] = ["Inc", "LLC", "Corp", "Co"];

impl Workspace {
    /// Creates the built-in demo workspace at `path`, scored and assigned as of today. Refuses
    /// to touch a file that already holds accounts.
    ///
    /// A new file is built beside its final name and renamed into place when complete, so a
    /// failure part-way (disk full, a crash) never leaves a half-built demo that the app would
    /// then open as the director's workspace.
    pub async fn create_demo(path: &Path) -> Result<Workspace> {
        if path.exists() {
            let workspace = Workspace::open(path).await?;
            workspace.fill_demo(today()).await?;
            return Ok(workspace);
        }
        let partial = path.with_extension("partial");
        for stale in [
            partial.clone(),
            with_suffix(&partial, "-wal"),
            with_suffix(&partial, "-shm"),
        ] {
            if stale.exists() {
                std::fs::remove_file(&stale).map_err(|source| Error::Io {
                    path: stale.display().to_string(),
                    source,
                })?;
            }
        }
        let building = Workspace::open(&partial).await?;
        let filled = building.fill_demo(today()).await;
        building.close().await;
        if let Err(e) = filled {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Workspace::open(path).await
    }

    /// Fills an empty workspace with the demo book as of `today`.
    pub async fn fill_demo(&self, today: NaiveDate) -> Result<()> {
        let [_, accounts, ..] = self.store.counts().await?;
        if accounts > 0 {
            return Err(Error::Conflict(format!(
                "{} already holds {accounts} accounts; the demo needs an empty workspace",
                self.path().display()
            )));
        }
        let book = generate(today);
        self.store
            .import(&[
                ImportFile {
                    file: "demo reps",
                    rows_read: book.reps.len() as u32,
                    rejected: 0,
                    rows: &[],
                    data: ImportData::Reps(&book.reps),
                },
                ImportFile {
                    file: "demo accounts",
                    rows_read: book.accounts.len() as u32,
                    rejected: 0,
                    rows: &[],
                    data: ImportData::Accounts(&book.accounts),
                },
                ImportFile {
                    file: "demo opportunities",
                    rows_read: book.opportunities.len() as u32,
                    rejected: 0,
                    rows: &[],
                    data: ImportData::Opportunities(&book.opportunities),
                },
                ImportFile {
                    file: "demo signals",
                    rows_read: book.signals.len() as u32,
                    rejected: 0,
                    rows: &[],
                    data: ImportData::Signals(&book.signals),
                },
            ])
            .await?;
        self.score(Some(today)).await?;
        self.assign().await?;
        tracing::info!(
            accounts = book.accounts.len(),
            opportunities = book.opportunities.len(),
            signals = book.signals.len(),
            "created the demo workspace"
        );
        Ok(())
    }
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

struct Book {
    reps: Vec<RepRecord>,
    accounts: Vec<AccountRecord>,
    opportunities: Vec<OpportunityRecord>,
    signals: Vec<SignalRecord>,
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// A standard normal draw (Box-Muller).
fn normal(rng: &mut fastrand::Rng) -> f64 {
    let u = rng.f64().max(1e-12);
    let v = rng.f64();
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// A Poisson draw, by counting exponential gaps (fine for the small means used here).
fn poisson(rng: &mut fastrand::Rng, mean: f64) -> u32 {
    let limit = (-mean).exp();
    let mut product = rng.f64();
    let mut count = 0;
    while product > limit && count < 500 {
        product *= rng.f64();
        count += 1;
    }
    count
}

fn generate(today: NaiveDate) -> Book {
    let mut rng = fastrand::Rng::with_seed(SEED);
    let days_ago = |d: u64| today - chrono::Days::new(d);

    let reps = REGIONS
        .iter()
        .flat_map(|region| {
            region.reps.iter().map(|name| RepRecord {
                name: (*name).into(),
                team: Some(region.manager.into()),
                region: Some(region.name.into()),
                capacity: Some(CAPACITY),
                crm_user_id: None,
                custom: CustomFields::new(),
            })
        })
        .collect();

    let mut accounts = Vec::with_capacity(ACCOUNTS);
    let mut names = std::collections::HashSet::with_capacity(ACCOUNTS);
    let mut bases = std::collections::HashSet::with_capacity(ACCOUNTS);
    let mut opportunities = Vec::new();
    let mut signals = Vec::new();
    for n in 0..ACCOUNTS {
        let region = pick(&mut rng, &REGIONS);
        let &(industry, lift, deal_size) = pick(&mut rng, &INDUSTRIES);
        let employees = (10f64.powf(1.5 + rng.f64() * 2.8)).round();
        let size_lift = if (200.0..5_000.0).contains(&employees) {
            0.3
        } else {
            -0.2
        };
        let propensity = sigmoid(-0.4 + lift + size_lift + 0.9 * normal(&mut rng));
        // Unique names, as in a real CRM: a director must be able to tell two cards apart.
        let name = loop {
            let candidate = format!(
                "{} {} {} {}",
                pick(&mut rng, &NAME_PLACE),
                pick(&mut rng, &NAME_FIRST),
                pick(&mut rng, &NAME_SECOND),
                pick(&mut rng, &SUFFIX)
            );
            if names.insert(candidate.clone()) {
                break candidate;
            }
        };
        // `Eastgate Harbor Labs Co` beside `Eastgate Harbor Labs Corp` would read as one company
        // entered twice, and be proposed for merging; a second company of the same name is
        // told apart by its region instead, as branches are. Renaming draws nothing from the
        // generator, so the rest of the demo stays as it is.
        let name = match name.rsplit_once(' ') {
            Some((base, suffix)) if !bases.insert(base.to_string()) => (1..)
                .map(|n| match n {
                    1 => format!("{base} {}", region.name),
                    n => format!("{base} {} {n}", region.name),
                })
                .find(|qualified| bases.insert(qualified.clone()))
                .map_or(name.clone(), |qualified| format!("{qualified} {suffix}")),
            _ => name,
        };
        let key = format!("ACC-{:05}", n + 1);
        // Most accounts already have a CRM owner in their region; the rest are unowned leads.
        let owner = (rng.f64() < 0.8).then(|| (*pick(&mut rng, region.reps)).to_string());
        let mut custom = CustomFields::new();
        custom.insert(
            "Founded".into(),
            CustomValue::Number(f64::from(1950 + rng.u32(0..73))),
        );
        accounts.push(AccountRecord {
            key: key.clone(),
            name,
            owner: owner.clone(),
            industry: Some(industry.into()),
            employees: Some(employees),
            revenue: Some((employees * (120_000.0 + 80_000.0 * rng.f64())).round()),
            country: Some("United States".into()),
            state: Some((*pick(&mut rng, region.states)).into()),
            region: Some(region.name.into()),
            outcome: None,
            website: None,
            custom,
        });

        // A year of deals.
        let deals = poisson(&mut rng, 0.2 + 1.6 * propensity);
        for d in 0..deals {
            let created = days_ago(rng.u64(20..365));
            let cycle = rng.u64(20..120);
            let closed = created + chrono::Days::new(cycle);
            let rep = owner
                .clone()
                .unwrap_or_else(|| (*pick(&mut rng, region.reps)).to_string());
            let amount = (deal_size * (0.4 + 1.2 * rng.f64())).round();
            let (stage, outcome, closed) = if closed >= today {
                let stage = if rng.bool() { "Proposal" } else { "Discovery" };
                (stage, Outcome::Open, None)
            } else if rng.f64() < 0.15 + 0.7 * propensity {
                ("Closed Won", Outcome::Won, Some(closed))
            } else {
                ("Closed Lost", Outcome::Lost, Some(closed))
            };
            opportunities.push(OpportunityRecord {
                key: format!("OPP-{:05}-{}", n + 1, d + 1),
                account: Some(key.clone()),
                owner: Some(rep),
                product: None,
                stage: stage.into(),
                outcome,
                amount: Some(amount),
                created: Some(created),
                closed,
                custom: CustomFields::new(),
            });
        }

        // Activity over the last 120 days, denser for likely buyers, and a surge for a few.
        let surging = rng.f64() < 0.05;
        let events = poisson(&mut rng, 1.0 + 14.0 * propensity);
        let kinds = [
            ("email_open", 40),
            ("web_visit", 30),
            ("email_click", 14),
            ("meeting", 6),
            ("form_fill", 5),
            ("intent", 5),
        ];
        let mut push = |rng: &mut fastrand::Rng, day: NaiveDate| {
            let mut roll = rng.u32(0..100);
            let kind = kinds
                .iter()
                .find(|(_, share)| {
                    if roll < *share {
                        true
                    } else {
                        roll -= share;
                        false
                    }
                })
                .map_or("email_open", |k| k.0);
            signals.push(SignalRecord {
                account: key.clone(),
                date: day,
                kind: kind.into(),
                topic: (kind == "intent").then(|| "territory planning".to_string()),
                strength: (kind == "intent").then(|| f64::from(rng.u32(40..100))),
            });
        };
        for _ in 0..events {
            let day = days_ago(rng.u64(0..120));
            push(&mut rng, day);
        }
        if surging {
            for _ in 0..rng.u32(8..20) {
                let day = days_ago(rng.u64(0..14));
                push(&mut rng, day);
            }
        }
    }
    Book {
        reps,
        accounts,
        opportunities,
        signals,
    }
}
