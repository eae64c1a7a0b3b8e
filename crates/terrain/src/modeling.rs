//! The readiness model on a workspace: which history it learns from, each row's features as
//! they were at the time, and the words its reasons are given in.
//!
//! History is either an outcome column on the accounts sheet (one row per account, no dates,
//! so a random holdout) or the won and lost opportunities (one row per deal, its features as
//! of the day the deal was created, and a holdout of the latest deals). Only outcomes known on
//! the scoring date count, so a score for a past date never learns from what came after.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use chrono::NaiveDate;
use terrain_core::records::Outcome;
use terrain_core::score::ScoringSettings;
use terrain_model::{train, Column, Frame, ModelReport, Options, Raw, Trained};
use terrain_store::{AccountFacts, OpportunityFacts, SignalWeek};

use crate::error::Result;
use crate::planning::today;
use crate::Workspace;

/// Signals are counted over this many days before a row's date.
const SIGNAL_DAYS: i64 = 30;
/// Deals opened this recently count as fresh activity.
const RECENT_DEAL_DAYS: i64 = 90;
/// A column with a distinct value on nearly every row is an identifier, not a feature.
const IDENTIFIER_SHARE: f64 = 0.95;
/// Below this many values, distinct ones say nothing about being an identifier.
const IDENTIFIER_MIN_ROWS: usize = 20;

const WON_BEFORE: &str = "deals won before";
const LOST_BEFORE: &str = "deals lost before";
const OPEN_DEALS: &str = "open deals";
const RECENT_DEALS: &str = "deals opened in the last 90 days";
const DAYS_SINCE_DEAL: &str = "days since the last deal";

/// What the workspace holds, indexed for building rows as of any date.
pub(crate) struct Facts {
    accounts: Vec<AccountFacts>,
    custom: HashMap<i64, BTreeMap<String, serde_json::Value>>,
    custom_columns: Vec<String>,
    deals: HashMap<i64, Vec<OpportunityFacts>>,
    has_deals: bool,
    signals: HashMap<i64, Vec<SignalWeek>>,
    kinds: Vec<(String, String)>,
}

impl Facts {
    fn new(
        accounts: Vec<AccountFacts>,
        custom: Vec<(i64, String)>,
        deals: Vec<OpportunityFacts>,
        signals: Vec<SignalWeek>,
        settings: &ScoringSettings,
    ) -> Facts {
        let custom: HashMap<i64, BTreeMap<String, serde_json::Value>> = custom
            .into_iter()
            .map(|(id, json)| (id, serde_json::from_str(&json).unwrap_or_default()))
            .collect();
        // Custom columns worth learning from: present somewhere, and not an identifier.
        let mut values: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        let mut present: BTreeMap<&str, usize> = BTreeMap::new();
        for fields in custom.values() {
            for (key, value) in fields {
                if !value.is_null() {
                    *present.entry(key).or_default() += 1;
                    values.entry(key).or_default().insert(value.to_string());
                }
            }
        }
        let custom_columns: Vec<String> = present
            .iter()
            .filter(|(key, &n)| {
                n < IDENTIFIER_MIN_ROWS || (values[*key].len() as f64) < IDENTIFIER_SHARE * n as f64
            })
            .map(|(key, _)| (*key).to_string())
            .collect();

        let has_deals = !deals.is_empty();
        let mut by_account: HashMap<i64, Vec<OpportunityFacts>> = HashMap::new();
        for deal in deals {
            if let Some(account) = deal.account_id {
                by_account.entry(account).or_default().push(deal);
            }
        }
        let mut kinds: BTreeMap<String, String> = BTreeMap::new();
        let mut by_signal: HashMap<i64, Vec<SignalWeek>> = HashMap::new();
        for week in signals {
            let label = settings
                .kinds
                .iter()
                .find(|k| k.kind == week.kind)
                .map_or_else(|| week.kind.replace('_', " "), |k| k.label.clone());
            kinds.entry(week.kind.clone()).or_insert(label);
            by_signal.entry(week.account_id).or_default().push(week);
        }
        Facts {
            accounts,
            custom,
            custom_columns,
            deals: by_account,
            has_deals,
            signals: by_signal,
            kinds: kinds.into_iter().collect(),
        }
    }

    fn signal_column(label: &str) -> String {
        format!("{label} in the last {SIGNAL_DAYS} days")
    }

    /// One row per `(account index, date)`: every attribute, custom field and, as of the date,
    /// the account's deal history and recent signals.
    fn frame(&self, rows: &[(usize, NaiveDate)]) -> Frame {
        let mut columns: Vec<Column> = Vec::new();
        let mut push = |name: &str, values: Vec<Option<Raw>>| {
            if values.iter().any(Option::is_some) {
                columns.push(Column {
                    name: name.to_string(),
                    values,
                });
            }
        };
        let text = |v: &Option<String>| v.as_ref().map(|t| Raw::Text(t.clone()));
        let number = |v: Option<f64>| v.map(Raw::Number);
        let account = |r: &(usize, NaiveDate)| &self.accounts[r.0];
        push(
            "Industry",
            rows.iter().map(|r| text(&account(r).industry)).collect(),
        );
        push(
            "Employees",
            rows.iter().map(|r| number(account(r).employees)).collect(),
        );
        push(
            "Revenue",
            rows.iter().map(|r| number(account(r).revenue)).collect(),
        );
        push(
            "Country",
            rows.iter().map(|r| text(&account(r).country)).collect(),
        );
        push(
            "State",
            rows.iter().map(|r| text(&account(r).state)).collect(),
        );
        push(
            "Region",
            rows.iter().map(|r| text(&account(r).region)).collect(),
        );
        for key in &self.custom_columns {
            let values = rows
                .iter()
                .map(
                    |r| match self.custom.get(&account(r).id).and_then(|f| f.get(key)) {
                        Some(serde_json::Value::Number(n)) => n.as_f64().map(Raw::Number),
                        Some(serde_json::Value::Bool(b)) => {
                            Some(Raw::Text(if *b { "yes" } else { "no" }.into()))
                        }
                        Some(serde_json::Value::String(s)) => Some(Raw::Text(s.clone())),
                        _ => None,
                    },
                )
                .collect();
            push(key, values);
        }

        if self.has_deals {
            let mut won = Vec::with_capacity(rows.len());
            let mut lost = Vec::with_capacity(rows.len());
            let mut open = Vec::with_capacity(rows.len());
            let mut recent = Vec::with_capacity(rows.len());
            let mut since = Vec::with_capacity(rows.len());
            for r in rows {
                let (mut w, mut l, mut o, mut n) = (0.0, 0.0, 0.0, 0.0);
                let mut last: Option<NaiveDate> = None;
                for deal in self.deals.get(&account(r).id).into_iter().flatten() {
                    let Some(created) = deal.created.filter(|c| *c < r.1) else {
                        continue;
                    };
                    last = last.max(Some(created));
                    if (r.1 - created).num_days() <= RECENT_DEAL_DAYS {
                        n += 1.0;
                    }
                    let closed_before = deal.closed.is_some_and(|c| c < r.1);
                    match Outcome::parse(&deal.outcome) {
                        Some(Outcome::Won) if closed_before => w += 1.0,
                        Some(Outcome::Lost) if closed_before => l += 1.0,
                        _ => o += 1.0,
                    }
                }
                won.push(Some(Raw::Number(w)));
                lost.push(Some(Raw::Number(l)));
                open.push(Some(Raw::Number(o)));
                recent.push(Some(Raw::Number(n)));
                since.push(last.map(|d| Raw::Number((r.1 - d).num_days() as f64)));
            }
            push(WON_BEFORE, won);
            push(LOST_BEFORE, lost);
            push(OPEN_DEALS, open);
            push(RECENT_DEALS, recent);
            push(DAYS_SINCE_DEAL, since);
        }

        for (kind, label) in &self.kinds {
            let values = rows
                .iter()
                .map(|r| {
                    let events: i64 = self
                        .signals
                        .get(&account(r).id)
                        .into_iter()
                        .flatten()
                        .filter(|w| &w.kind == kind)
                        .filter(|w| w.week < r.1 && (r.1 - w.week).num_days() <= SIGNAL_DAYS)
                        .map(|w| w.events)
                        .sum();
                    Some(Raw::Number(events as f64))
                })
                .collect();
            push(&Facts::signal_column(label), values);
        }
        Frame { columns }
    }

    /// The words for one source column's value on one row, such as "3 web visits in the last
    /// 30 days" or "Lead Source is Reference".
    fn describe(&self, frame: &Frame, row: usize, column: &str) -> String {
        let value = frame.column(column).and_then(|c| c.values[row].clone());
        let count = |n: f64| {
            if n.fract() == 0.0 {
                format!("{n:.0}")
            } else {
                format!("{n:.1}")
            }
        };
        if let Some((_, label)) = self
            .kinds
            .iter()
            .find(|(_, label)| Facts::signal_column(label) == column)
        {
            let n = match value {
                Some(Raw::Number(n)) => n,
                _ => 0.0,
            };
            return if n == 0.0 {
                format!("no {label} in the last {SIGNAL_DAYS} days")
            } else {
                format!("{} {label} in the last {SIGNAL_DAYS} days", count(n))
            };
        }
        match (column, value) {
            (DAYS_SINCE_DEAL, Some(Raw::Number(n))) => format!("last deal opened {n:.0} days ago"),
            (DAYS_SINCE_DEAL, _) => "no earlier deal".into(),
            (WON_BEFORE | LOST_BEFORE | OPEN_DEALS | RECENT_DEALS, Some(Raw::Number(n))) => {
                format!("{} {column}", count(n))
            }
            (_, Some(Raw::Number(n))) => format!("{column}: {}", count(n)),
            (_, Some(Raw::Text(t))) => match terrain_model::encode::clean(&t) {
                Some(_) => format!("{column} is {}", t.trim()),
                None => format!("no {column} on record"),
            },
            (_, None) => format!("no {column} on record"),
        }
    }
}

/// A trained model and what it takes to word its reasons, or the report saying why there is
/// none.
pub(crate) struct Readiness {
    pub report: ModelReport,
    model: Option<Arc<Trained>>,
    facts: Facts,
}

/// The last model trained on this workspace, and a fingerprint of exactly what it learned
/// from. Training takes seconds on a few thousand outcomes, while the scoring screen's live
/// preview rescores on every edit: with the same history, the same model comes back at once.
#[derive(Debug)]
pub(crate) struct ModelCache {
    fingerprint: u64,
    model: Option<Arc<Trained>>,
    report: ModelReport,
}

/// A fingerprint of a training set: every column's name and values, the labels and the dates.
fn fingerprint(frame: &Frame, labels: &[bool], dates: Option<&[NaiveDate]>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for column in &frame.columns {
        column.name.hash(&mut hasher);
        for value in &column.values {
            match value {
                None => 0u8.hash(&mut hasher),
                Some(Raw::Number(n)) => {
                    1u8.hash(&mut hasher);
                    n.to_bits().hash(&mut hasher);
                }
                Some(Raw::Text(t)) => {
                    2u8.hash(&mut hasher);
                    t.hash(&mut hasher);
                }
            }
        }
    }
    labels.hash(&mut hasher);
    dates.hash(&mut hasher);
    hasher.finish()
}

/// A model-based readiness for one account.
pub(crate) struct ModelScore {
    pub readiness: f64,
    pub reasons: Vec<(String, f64)>,
}

impl Readiness {
    /// Readiness and three worded reasons for every account, in `account_facts` order, as of
    /// `as_of`; `None` when the model is not good enough to use.
    pub fn score(&self, as_of: NaiveDate) -> Option<Vec<ModelScore>> {
        let model = self.model.as_ref().filter(|m| m.useful())?;
        let rows: Vec<(usize, NaiveDate)> =
            (0..self.facts.accounts.len()).map(|i| (i, as_of)).collect();
        let frame = self.facts.frame(&rows);
        Some(
            model
                .predict(&frame, 3)
                .into_iter()
                .enumerate()
                .map(|(row, p)| ModelScore {
                    readiness: p.probability,
                    reasons: p
                        .contributions
                        .iter()
                        .map(|(column, effect)| (self.facts.describe(&frame, row, column), *effect))
                        .collect(),
                })
                .collect(),
        )
    }

    pub fn account_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.facts.accounts.iter().map(|a| a.id)
    }
}

impl Workspace {
    /// Trains the readiness model on the history known on `as_of`.
    pub(crate) async fn readiness_model(&self, as_of: NaiveDate) -> Result<Readiness> {
        let settings = ScoringSettings::default();
        let accounts = self.store.account_facts().await?;
        let custom = self.store.account_custom().await?;
        let deals = self.store.opportunity_facts().await?;
        let signals = self
            .store
            .signal_weeks(as_of - chrono::Days::new(400))
            .await?;
        let facts = Facts::new(accounts, custom, deals, signals, &settings);

        let with_outcome: Vec<(usize, bool)> = facts
            .accounts
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.outcome.map(|o| (i, o != 0)))
            .collect();
        let options = Options::default();
        let (rows, labels, dates, source) = if with_outcome.len() >= options.min_outcomes as usize {
            let rows: Vec<(usize, NaiveDate)> =
                with_outcome.iter().map(|&(i, _)| (i, as_of)).collect();
            let labels: Vec<bool> = with_outcome.iter().map(|&(_, o)| o).collect();
            (rows, labels, None, "the accounts' outcome column")
        } else {
            let index: HashMap<i64, usize> = facts
                .accounts
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id, i))
                .collect();
            let mut rows = Vec::new();
            let mut labels = Vec::new();
            let mut dates = Vec::new();
            for (account, deals) in &facts.deals {
                for deal in deals {
                    let (Some(created), Some(closed)) = (deal.created, deal.closed) else {
                        continue;
                    };
                    if closed > as_of {
                        continue;
                    }
                    let won = match Outcome::parse(&deal.outcome) {
                        Some(Outcome::Won) => true,
                        Some(Outcome::Lost) => false,
                        _ => continue,
                    };
                    rows.push((index[account], created));
                    labels.push(won);
                    dates.push(created);
                }
            }
            // A stable order, so a training run is the same every time.
            let mut order: Vec<usize> = (0..rows.len()).collect();
            order.sort_by_key(|&i| (dates[i], facts.accounts[rows[i].0].id));
            let rows: Vec<_> = order.iter().map(|&i| rows[i]).collect();
            let labels: Vec<_> = order.iter().map(|&i| labels[i]).collect();
            let dates: Vec<_> = order.iter().map(|&i| dates[i]).collect();
            (rows, labels, Some(dates), "won and lost opportunities")
        };

        let frame = facts.frame(&rows);
        let fingerprint = fingerprint(&frame, &labels, dates.as_deref());
        let cached = match self.model.lock() {
            Ok(cache) => cache
                .as_ref()
                .filter(|c| c.fingerprint == fingerprint)
                .map(|c| (c.model.clone(), c.report.clone())),
            Err(_) => None,
        };
        if let Some((model, report)) = cached {
            return Ok(Readiness {
                report,
                model,
                facts,
            });
        }
        let (model, report) = match train(&frame, &labels, dates.as_deref(), &options) {
            Ok(model) => {
                let mut report = model.report.clone();
                report.message = format!("{} (history: {source})", report.message);
                (Some(Arc::new(model)), report)
            }
            Err(thin) => (
                None,
                ModelReport {
                    outcomes: thin.outcomes,
                    won: thin.won,
                    lost: thin.lost,
                    message: format!("{thin}; readiness uses the rule-based parts"),
                    ..Default::default()
                },
            ),
        };
        tracing::info!(
            outcomes = report.outcomes,
            auc = report.auc,
            model = report.model,
            "readiness model"
        );
        if let Ok(mut cache) = self.model.lock() {
            *cache = Some(ModelCache {
                fingerprint,
                model: model.clone(),
                report: report.clone(),
            });
        }
        Ok(Readiness {
            report,
            model,
            facts,
        })
    }

    /// Trains the model on everything known today and reports on it; the report is kept for
    /// the scoring screen.
    #[tracing::instrument(skip(self), err)]
    pub async fn model_report(&self) -> Result<ModelReport> {
        let readiness = self.readiness_model(today()).await?;
        self.store
            .set_setting(
                "model_report",
                &serde_json::to_string(&readiness.report).unwrap_or_default(),
            )
            .await?;
        Ok(readiness.report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    fn account(id: i64) -> AccountFacts {
        AccountFacts {
            id,
            key: format!("A{id}"),
            name: format!("Account {id}"),
            owner_name: None,
            industry: Some("Retail".into()),
            employees: None,
            revenue: None,
            country: None,
            state: None,
            region: None,
            outcome: None,
        }
    }

    fn deal(outcome: &str, created: &str, closed: Option<&str>) -> OpportunityFacts {
        OpportunityFacts {
            account_id: Some(1),
            rep_id: None,
            owner_name: None,
            outcome: outcome.into(),
            amount: None,
            created: Some(day(created)),
            closed: closed.map(day),
        }
    }

    fn number(frame: &Frame, column: &str, row: usize) -> Option<f64> {
        match frame.column(column)?.values[row] {
            Some(Raw::Number(n)) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn a_rows_features_are_what_was_known_on_its_date() {
        let facts = Facts::new(
            vec![account(1)],
            vec![(1, r#"{"Segment":"Enterprise"}"#.into())],
            vec![
                deal("won", "2024-01-10", Some("2024-02-01")),
                deal("lost", "2024-03-01", Some("2024-05-01")),
                deal("open", "2024-04-01", None),
            ],
            vec![SignalWeek {
                account_id: 1,
                week: day("2024-04-01"),
                kind: "web_visit".into(),
                topic: String::new(),
                events: 3,
                strength: 0.0,
            }],
            &ScoringSettings::default(),
        );
        // As of 15 April: the January deal is won, the March one still open (it closes in
        // May), the April one open; the web visits are 14 days old.
        let frame = facts.frame(&[(0, day("2024-04-15")), (0, day("2024-02-15"))]);
        assert_eq!(number(&frame, WON_BEFORE, 0), Some(1.0));
        assert_eq!(number(&frame, LOST_BEFORE, 0), Some(0.0));
        assert_eq!(number(&frame, OPEN_DEALS, 0), Some(2.0));
        assert_eq!(number(&frame, DAYS_SINCE_DEAL, 0), Some(14.0));
        assert_eq!(
            number(&frame, "web visits in the last 30 days", 0),
            Some(3.0)
        );
        // As of 15 February the later deals and the visits do not exist yet.
        assert_eq!(number(&frame, WON_BEFORE, 1), Some(1.0));
        assert_eq!(number(&frame, OPEN_DEALS, 1), Some(0.0));
        assert_eq!(
            number(&frame, "web visits in the last 30 days", 1),
            Some(0.0)
        );
        assert_eq!(
            facts.describe(&frame, 0, "web visits in the last 30 days"),
            "3 web visits in the last 30 days"
        );
        assert_eq!(
            facts.describe(&frame, 0, DAYS_SINCE_DEAL),
            "last deal opened 14 days ago"
        );
        assert_eq!(facts.describe(&frame, 0, "Industry"), "Industry is Retail");
        // One account, so its custom field is the same on every row: kept, not an identifier.
        assert_eq!(
            facts.describe(&frame, 1, "Segment"),
            "Segment is Enterprise"
        );
    }
}
