//! The first readiness score: an explainable probability that an account converts, built from
//! what a workspace holds before any model is trained.
//!
//! Readiness is a sum of log-odds, so every part's effect can be shown with its sign:
//!
//! - the base rate: the workspace's own win rate over closed deals;
//! - history: the account's win rate, shrunk towards the base rate when it has few deals;
//! - fit: how often deals in the account's industry and size band are won, shrunk the same way;
//! - activity: signals and deal activity, each halving in weight after its kind's half-life,
//!   compared with the typical active account; an account with no activity cools;
//! - open deals: each deal in progress adds a little.
//!
//! Everything is computed as of a date: deals closed later count as open, later deals and
//! signals are ignored, so a score for a past date never sees the future.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::records::Outcome;
use crate::stats::{logit, median, sigmoid};

/// An account as scoring sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AccountProfile {
    pub id: i64,
    pub industry: Option<String>,
    pub employees: Option<f64>,
    pub revenue: Option<f64>,
    pub country: Option<String>,
    pub state: Option<String>,
    pub region: Option<String>,
    /// Custom fields as text, keyed by the header as written in the sheet.
    pub custom: BTreeMap<String, String>,
}

/// One deal as scoring sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    pub account_id: Option<i64>,
    pub outcome: Outcome,
    pub amount: Option<f64>,
    pub created: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
}

/// Signals of one account, kind and week (the Monday that starts it).
///
/// Kinds and topics are shared strings: a year of rollups repeats a handful of them millions of
/// times, and sharing keeps them in cache instead of one allocation per row.
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklySignals {
    pub account_id: i64,
    pub week: NaiveDate,
    pub kind: Arc<str>,
    /// The intent topic, when the signal names one.
    pub topic: Option<Arc<str>>,
    pub events: u32,
    /// The summed strength of the week's events, such as a third-party intent score from 0 to
    /// 100; 0 when the source gives none.
    pub strength: f64,
}

impl WeeklySignals {
    /// How much the week counts as intent: its strength in hundreds when the source scores
    /// its events (one event at 100 counts as one signal, one at 40 as 0.4), else one per
    /// event.
    fn intensity(&self) -> f64 {
        if self.strength > 0.0 && self.strength.is_finite() {
            self.strength / 100.0
        } else {
            f64::from(self.events)
        }
    }
}

/// How much each kind of activity counts, and how fast it fades.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivityKind {
    pub kind: String,
    pub label: String,
    pub weight: f64,
    pub half_life_days: f64,
}

/// One criterion of the ideal customer profile: a field, what matches, and how much it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Criterion {
    /// `industry`, `employees`, `revenue`, `country`, `state`, `region`, or a custom field's
    /// header.
    pub field: String,
    /// Text values that match, in any case; empty for a numeric band.
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ScoringSettings {
    pub kinds: Vec<ActivityKind>,
    /// Weight and half-life for kinds not listed, such as a CRM's own activity types.
    pub other_weight: f64,
    pub other_half_life_days: f64,
    /// How many closed deals' worth of the base rate an account's own record is blended with.
    pub history_prior: f64,
    pub fit_prior: f64,
    /// The ideal customer profile. Empty: fit is learned from win rates by industry and size.
    pub icp: Vec<Criterion>,
    /// Intent topics the director cares about; a surge on them raises readiness.
    pub intent_topics: Vec<String>,
}

impl Default for ScoringSettings {
    fn default() -> Self {
        let kind = |kind: &str, label: &str, weight, half_life_days| ActivityKind {
            kind: kind.into(),
            label: label.into(),
            weight,
            half_life_days,
        };
        ScoringSettings {
            kinds: vec![
                kind("email_open", "email opens", 0.5, 7.0),
                kind("email_click", "email clicks", 1.0, 10.0),
                kind("web_visit", "web visits", 1.0, 14.0),
                kind("form_fill", "form fills", 3.0, 21.0),
                kind("meeting", "meetings", 4.0, 30.0),
                kind("intent", "intent signals", 2.0, 14.0),
                kind(DEAL_ACTIVITY, "new deals", 4.0, 60.0),
            ],
            other_weight: 1.0,
            other_half_life_days: 14.0,
            history_prior: 8.0,
            fit_prior: 20.0,
            icp: Vec::new(),
            intent_topics: Vec::new(),
        }
    }
}

/// The pseudo-kind under which a deal's creation counts as activity on its account.
pub const DEAL_ACTIVITY: &str = "deal_opened";

/// A band of readiness to talk about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Cold,
    Aware,
    Considering,
    Deciding,
    Buying,
}

impl Stage {
    pub fn of(readiness: f64) -> Stage {
        match readiness {
            r if r >= 0.8 => Stage::Buying,
            r if r >= 0.6 => Stage::Deciding,
            r if r >= 0.4 => Stage::Considering,
            r if r >= 0.2 => Stage::Aware,
            _ => Stage::Cold,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Cold => "cold",
            Stage::Aware => "aware",
            Stage::Considering => "considering",
            Stage::Deciding => "deciding",
            Stage::Buying => "buying",
        }
    }
}

/// One signed reason: `effect` is the contribution to the log-odds of readiness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreReason {
    pub text: String,
    pub effect: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub account_id: i64,
    /// 0..1; 0.5 is a typical account, higher fits better.
    pub fit: f64,
    /// 0..1; 0.5 is the typical active account.
    pub engagement: f64,
    /// 0..1; the share of recent activity that is third-party intent.
    pub intent: f64,
    /// The probability of converting, 0..1.
    pub readiness: f64,
    /// What a won deal is worth on this account.
    pub potential: f64,
    pub stage: Stage,
    /// The strongest reasons first, at most three.
    pub reasons: Vec<ScoreReason>,
}

/// The result of a scoring run, with what the director should know about how it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub scores: Vec<Score>,
    pub base_rate: f64,
    /// The date activity ages from: the scoring date, or the last dated event when the data
    /// ends earlier (an old CRM export would otherwise look uniformly cold).
    pub activity_until: NaiveDate,
    pub note: String,
}

pub struct ScoringInput<'a> {
    pub as_of: NaiveDate,
    pub accounts: &'a [AccountProfile],
    pub deals: &'a [Deal],
    pub signals: &'a [WeeklySignals],
    pub settings: &'a ScoringSettings,
}

/// Win rate used when the workspace has no closed deal at all.
const DEFAULT_BASE_RATE: f64 = 0.2;
/// Bounds on each part's effect, so one extreme input cannot decide a score alone.
const MAX_EFFECT: f64 = 2.5;
const OPEN_DEAL_EFFECT: f64 = 0.25;
const MAX_OPEN_DEALS_EFFECT: f64 = 1.0;
const ACTIVITY_SLOPE: f64 = 0.8;
/// The log-odds between matching none and all of the ICP criteria is twice this.
const ICP_EFFECT: f64 = 1.0;
/// A surge this many times the weekly average of the four weeks before counts.
const SURGE_RATIO: f64 = 2.0;
const SURGE_SLOPE: f64 = 0.6;
const MAX_SURGE_EFFECT: f64 = 1.5;

#[derive(Default, Clone, Copy)]
struct Tally {
    won: u32,
    lost: u32,
}

impl Tally {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Won => self.won += 1,
            Outcome::Lost => self.lost += 1,
            Outcome::Open => {}
        }
    }

    fn closed(self) -> u32 {
        self.won + self.lost
    }

    /// The log-odds shift of a win rate shrunk towards `base` with `prior` pseudo-deals.
    fn effect(self, base: f64, prior: f64) -> f64 {
        let rate = (f64::from(self.won) + prior * base) / (f64::from(self.closed()) + prior);
        (logit(rate) - logit(base)).clamp(-MAX_EFFECT, MAX_EFFECT)
    }
}

/// A deal's outcome as it was known on `as_of`.
fn outcome_as_of(deal: &Deal, as_of: NaiveDate) -> Option<Outcome> {
    if deal.created.is_some_and(|c| c > as_of) {
        return None;
    }
    match (deal.outcome, deal.closed) {
        (Outcome::Open, _) => Some(Outcome::Open),
        (outcome, Some(closed)) if closed <= as_of => Some(outcome),
        (_, Some(_)) => Some(Outcome::Open),
        // A closed deal with no close date: only trust it when it was created by then.
        (outcome, None) => deal.created.map(|_| outcome),
    }
}

/// Size bands by employees, so "fit" can learn that, say, mid-size firms buy more often.
fn size_band(employees: Option<f64>) -> Option<&'static str> {
    match employees? {
        e if e < 200.0 => Some("under 200 employees"),
        e if e < 1_000.0 => Some("200 to 999 employees"),
        e if e < 5_000.0 => Some("1,000 to 4,999 employees"),
        _ => Some("5,000 employees or more"),
    }
}

pub fn score_accounts(input: &ScoringInput<'_>) -> Scored {
    let as_of = input.as_of;
    let settings = input.settings;

    // Per-account figures live in vectors by the account's position: a million accounts make
    // hashing by id, row after row, the slowest part of the whole pass.
    let n = input.accounts.len();
    let index_of: FxHashMap<i64, usize> = input
        .accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();

    // Point-in-time deal facts.
    let mut overall = Tally::default();
    let mut per_account = vec![Tally::default(); n];
    let mut open = vec![0u32; n];
    // Summed won amounts and their count, for the mean deal size.
    let mut won_amounts = vec![(0.0f64, 0u32); n];
    let mut all_won_amounts = Vec::new();
    let mut last_event: Option<NaiveDate> = None;
    for deal in input.deals {
        let Some(outcome) = outcome_as_of(deal, as_of) else {
            continue;
        };
        overall.add(outcome);
        for day in [deal.created, deal.closed].into_iter().flatten() {
            if day <= as_of {
                last_event = last_event.max(Some(day));
            }
        }
        let Some(&a) = deal.account_id.and_then(|id| index_of.get(&id)) else {
            // A deal on an account outside this set still tells what a deal is worth.
            if outcome == Outcome::Won && deal.account_id.is_some() {
                all_won_amounts.extend(deal.amount.filter(|a| *a > 0.0));
            }
            continue;
        };
        per_account[a].add(outcome);
        match outcome {
            Outcome::Open => open[a] += 1,
            Outcome::Won => {
                if let Some(amount) = deal.amount.filter(|a| *a > 0.0) {
                    won_amounts[a].0 += amount;
                    won_amounts[a].1 += 1;
                    all_won_amounts.push(amount);
                }
            }
            Outcome::Lost => {}
        }
    }
    for s in input.signals {
        if s.week <= as_of {
            last_event = last_event.max(Some(s.week));
        }
    }
    let activity_until = last_event.map_or(as_of, |d| d.min(as_of));

    let trained = overall.closed() > 0;
    let base = if trained {
        (f64::from(overall.won) / f64::from(overall.closed())).clamp(0.02, 0.98)
    } else {
        DEFAULT_BASE_RATE
    };
    let typical_deal = median(&mut all_won_amounts).unwrap_or(1.0);

    // Fit: win rates per industry and size band.
    let industry_of: Vec<Option<String>> = input
        .accounts
        .iter()
        .map(|a| a.industry.as_deref().map(str::to_lowercase))
        .collect();
    let mut by_industry: FxHashMap<&str, Tally> = FxHashMap::default();
    let mut by_band: FxHashMap<&str, Tally> = FxHashMap::default();
    for (a, tally) in per_account.iter().enumerate() {
        if tally.closed() == 0 {
            continue;
        }
        if let Some(industry) = &industry_of[a] {
            let t = by_industry.entry(industry).or_default();
            t.won += tally.won;
            t.lost += tally.lost;
        }
        if let Some(band) = size_band(input.accounts[a].employees) {
            let t = by_band.entry(band).or_default();
            t.won += tally.won;
            t.lost += tally.lost;
        }
    }

    // Activity, decayed per kind from `activity_until`. Kinds are numbered once and each
    // kind's decay is tabulated by age, so a pass over a year of rollups for a million
    // accounts hashes no strings and computes no powers per row.
    let mut kinds = KindTable::new(settings);
    let mut activity = vec![0.0; n];
    let mut intent = vec![0.0; n];
    let mut recent: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n];
    let recent_from = activity_until - chrono::Days::new(30);
    let this_week = activity_until
        - chrono::Days::new(u64::from(activity_until.weekday().num_days_from_monday()));
    let surge_from = this_week - chrono::Days::new(28);
    let topics: HashSet<String> = settings
        .intent_topics
        .iter()
        .map(|t| t.trim().to_lowercase())
        .collect();
    let mut surge_now = vec![0.0f64; n];
    let mut surge_before = vec![0.0f64; n];
    let mut last = (i64::MIN, usize::MAX);
    let mut last_kind: Option<(*const str, usize)> = None;
    for s in input.signals.iter().filter(|s| s.week <= activity_until) {
        // Rollups come grouped by account; remember the last lookup.
        let a = if s.account_id == last.0 {
            last.1
        } else {
            let Some(&a) = index_of.get(&s.account_id) else {
                continue;
            };
            last = (s.account_id, a);
            a
        };
        // The workspace shares one string per kind, so the same pointer is the same kind.
        let kind = match last_kind {
            Some((ptr, id)) if std::ptr::eq(ptr, Arc::as_ptr(&s.kind)) => id,
            _ => {
                let id = kinds.id(&s.kind);
                last_kind = Some((Arc::as_ptr(&s.kind), id));
                id
            }
        };
        let age = (activity_until - s.week).num_days().max(0) as usize;
        if kinds.is_intent(kind) {
            let value = kinds.decay(kind, age) * s.intensity();
            activity[a] += value;
            intent[a] += value;
            let relevant = s
                .topic
                .as_deref()
                .is_some_and(|t| topics.contains(&t.trim().to_lowercase()));
            if relevant {
                if s.week >= this_week {
                    surge_now[a] += s.intensity();
                } else if s.week >= surge_from {
                    surge_before[a] += s.intensity();
                }
            }
        } else {
            activity[a] += kinds.decay(kind, age) * f64::from(s.events);
        }
        if s.week >= recent_from {
            add_recent(&mut recent[a], kind, s.events);
        }
    }
    let deal_kind = kinds.id(DEAL_ACTIVITY);
    for deal in input.deals {
        if let (Some(account), Some(created)) = (deal.account_id, deal.created) {
            let Some(&a) = index_of.get(&account) else {
                continue;
            };
            if created <= activity_until {
                let age = (activity_until - created).num_days().max(0) as usize;
                activity[a] += kinds.decay(deal_kind, age);
                if created >= recent_from {
                    add_recent(&mut recent[a], deal_kind, 1);
                }
            }
        }
    }
    let mut active: Vec<f64> = activity.iter().copied().filter(|v| *v > 1e-6).collect();
    let typical_activity = median(&mut active).unwrap_or(1.0).max(1e-3);

    // Each account's score and words depend on nothing but the tables above, so accounts are
    // scored in parallel.
    let scores = input
        .accounts
        .par_iter()
        .enumerate()
        .map(|(index, account)| {
            let mut reasons = Vec::new();
            let tally = per_account[index];

            if trained {
                let effect = tally.effect(base, settings.history_prior);
                let text = if tally.closed() == 0 {
                    "no closed deals yet".to_string()
                } else {
                    format!(
                        "won {} of {} closed deals ({:.0}%)",
                        tally.won,
                        tally.closed(),
                        100.0 * f64::from(tally.won) / f64::from(tally.closed())
                    )
                };
                reasons.push(ScoreReason { text, effect });
            }

            let mut fit_effect = 0.0;
            if !settings.icp.is_empty() {
                let (effect, text) = icp_fit(account, &settings.icp);
                fit_effect = effect;
                reasons.push(ScoreReason { text, effect });
            } else if let Some(industry) = &industry_of[index] {
                if let Some(t) = by_industry
                    .get(industry.as_str())
                    .filter(|t| t.closed() > 0)
                {
                    let effect = t.effect(base, settings.fit_prior);
                    fit_effect += effect;
                    let label = account.industry.as_deref().unwrap_or(industry);
                    reasons.push(ScoreReason {
                        text: format!(
                            "{label} deals are won {:.0}% of the time",
                            100.0 * f64::from(t.won) / f64::from(t.closed())
                        ),
                        effect,
                    });
                }
            }
            if let Some(band) = size_band(account.employees).filter(|_| settings.icp.is_empty()) {
                if let Some(t) = by_band.get(band).filter(|t| t.closed() > 0) {
                    let effect = t.effect(base, settings.fit_prior);
                    fit_effect += effect;
                    reasons.push(ScoreReason {
                        text: format!(
                            "firms with {band} win {:.0}% of deals",
                            100.0 * f64::from(t.won) / f64::from(t.closed())
                        ),
                        effect,
                    });
                }
            }

            let level = activity[index];
            let activity_effect = (ACTIVITY_SLOPE
                * ((1.0 + level / typical_activity).ln() - 2f64.ln()))
            .clamp(-MAX_EFFECT, MAX_EFFECT);
            reasons.push(ScoreReason {
                text: describe_activity(&recent[index], level, &kinds),
                effect: activity_effect,
            });

            let (now, before) = (surge_now[index], surge_before[index]);
            let weekly_before = before / 4.0;
            let ratio = now / weekly_before.max(0.5);
            let surging = now >= 2.0 && ratio >= SURGE_RATIO;
            if surging {
                reasons.push(ScoreReason {
                    text: format!(
                        "intent surge: {} signals on relevant topics this week, {:.0}× the \
                         weekly average of the four weeks before",
                        if now.fract().abs() < 0.05 {
                            format!("{now:.0}")
                        } else {
                            format!("{now:.1}")
                        },
                        ratio
                    ),
                    effect: (SURGE_SLOPE * ratio.ln()).min(MAX_SURGE_EFFECT),
                });
            }

            let open_deals = open[index];
            if open_deals > 0 {
                reasons.push(ScoreReason {
                    text: if open_deals == 1 {
                        "1 open deal".to_string()
                    } else {
                        format!("{open_deals} open deals")
                    },
                    effect: (OPEN_DEAL_EFFECT * f64::from(open_deals)).min(MAX_OPEN_DEALS_EFFECT),
                });
            }

            let log_odds = logit(base) + reasons.iter().map(|r| r.effect).sum::<f64>();
            let readiness = sigmoid(log_odds);
            reasons.retain(|r| r.effect.abs() >= 0.01);
            reasons.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
            reasons.truncate(3);

            let potential = match won_amounts[index] {
                (sum, count) if count > 0 => sum / f64::from(count),
                _ => typical_deal,
            };
            Score {
                account_id: account.id,
                fit: sigmoid(fit_effect),
                engagement: level / (level + typical_activity),
                intent: if topics.is_empty() {
                    intent[index] / level.max(1e-9)
                } else {
                    // With topics chosen, intent is how far this week runs above the weeks
                    // before: 0 without a surge, near 1 for a strong one.
                    (ratio / (ratio + SURGE_RATIO)).min(1.0) * f64::from(u8::from(now > 0.0))
                },
                readiness,
                potential,
                stage: Stage::of(readiness),
                reasons,
            }
        })
        .collect();

    let mut note = if trained {
        format!(
            "Readiness starts from the workspace's win rate ({:.0}% of {} closed deals) and \
             shifts with each account's history, industry and size, activity and open deals.",
            base * 100.0,
            overall.closed()
        )
    } else {
        format!(
            "No closed deals yet: readiness starts from a {:.0}% base rate and shifts with \
             activity and open deals only.",
            DEFAULT_BASE_RATE * 100.0
        )
    };
    if activity_until < as_of {
        note.push_str(&format!(
            " The data ends on {activity_until}, so activity is aged from that date."
        ));
    }
    Scored {
        scores,
        base_rate: base,
        activity_until,
        note,
    }
}

fn add_recent(recent: &mut Vec<(usize, u32)>, kind: usize, events: u32) {
    match recent.iter_mut().find(|(k, _)| *k == kind) {
        Some(entry) => entry.1 += events,
        None => recent.push((kind, events)),
    }
}

/// Activity kinds numbered in order of first sight, each with its weight, half-life, label and
/// a table of decay by age in days, filled as ages come up.
struct KindTable<'a> {
    settings: &'a ScoringSettings,
    ids: HashMap<String, usize>,
    kinds: Vec<(String, String, f64, f64)>,
    decay: Vec<Vec<f64>>,
    last: Option<usize>,
}

impl<'a> KindTable<'a> {
    fn new(settings: &'a ScoringSettings) -> Self {
        KindTable {
            settings,
            ids: HashMap::new(),
            kinds: Vec::new(),
            decay: Vec::new(),
            last: None,
        }
    }

    fn id(&mut self, kind: &str) -> usize {
        if let Some(last) = self.last.filter(|&l| self.kinds[l].0 == kind) {
            return last;
        }
        let id = match self.ids.get(kind) {
            Some(&id) => id,
            None => {
                let known = self.settings.kinds.iter().find(|k| k.kind == kind);
                let (label, weight, half_life) = match known {
                    Some(k) => (k.label.clone(), k.weight, k.half_life_days),
                    None => (
                        kind.replace('_', " "),
                        self.settings.other_weight,
                        self.settings.other_half_life_days,
                    ),
                };
                self.kinds
                    .push((kind.to_string(), label, weight, half_life.max(1.0)));
                self.decay.push(Vec::new());
                self.ids.insert(kind.to_string(), self.kinds.len() - 1);
                self.kinds.len() - 1
            }
        };
        self.last = Some(id);
        id
    }

    fn decay(&mut self, kind: usize, age: usize) -> f64 {
        let table = &mut self.decay[kind];
        if table.len() <= age {
            let (_, _, weight, half_life) = self.kinds[kind];
            let start = table.len();
            table.extend((start..=age).map(|d| weight * 0.5f64.powf(d as f64 / half_life)));
        }
        table[age]
    }

    fn is_intent(&self, kind: usize) -> bool {
        self.kinds[kind].0 == "intent"
    }

    fn label(&self, kind: usize) -> &str {
        &self.kinds[kind].1
    }
}

/// How an account stands against the ideal customer profile, as a log-odds effect and the
/// words for it: which criteria matched.
fn icp_fit(account: &AccountProfile, icp: &[Criterion]) -> (f64, String) {
    let total: f64 = icp.iter().map(|c| c.weight.max(0.0)).sum();
    if total <= 0.0 {
        return (0.0, "no ICP criterion carries any weight".into());
    }
    let matched: Vec<&Criterion> = icp.iter().filter(|c| matches(account, c)).collect();
    let share = matched.iter().map(|c| c.weight.max(0.0)).sum::<f64>() / total;
    let effect = ICP_EFFECT * (2.0 * share - 1.0);
    let names: Vec<String> = matched.iter().map(|c| c.field.to_lowercase()).collect();
    let text = match names.len() {
        0 => "matches none of the ICP criteria".to_string(),
        1 => format!("{} matches the ICP", names[0]),
        _ if names.len() == icp.len() => "matches every ICP criterion".to_string(),
        _ => format!(
            "{} and {} match the ICP",
            names[..names.len() - 1].join(", "),
            names[names.len() - 1]
        ),
    };
    (effect, text)
}

/// Whether the account meets one criterion; a missing value never does.
fn matches(account: &AccountProfile, criterion: &Criterion) -> bool {
    let field = criterion.field.trim().to_lowercase();
    let text = match field.as_str() {
        "industry" => account.industry.clone(),
        "country" => account.country.clone(),
        "state" => account.state.clone(),
        "region" => account.region.clone(),
        "employees" => account.employees.map(|n| n.to_string()),
        "revenue" => account.revenue.map(|n| n.to_string()),
        _ => account
            .custom
            .iter()
            .find(|(k, _)| k.trim().to_lowercase() == field)
            .map(|(_, v)| v.clone()),
    };
    let Some(text) = text else {
        return false;
    };
    if !criterion.values.is_empty() {
        let value = text.trim().to_lowercase();
        return criterion
            .values
            .iter()
            .any(|v| v.trim().to_lowercase() == value);
    }
    match text.trim().parse::<f64>() {
        Ok(n) => criterion.min.is_none_or(|m| n >= m) && criterion.max.is_none_or(|m| n <= m),
        Err(_) => false,
    }
}

fn describe_activity(recent: &[(usize, u32)], level: f64, kinds: &KindTable<'_>) -> String {
    let mut parts: Vec<(u32, String)> = recent
        .iter()
        .map(|&(kind, count)| (count, kinds.label(kind).to_string()))
        .collect();
    if parts.is_empty() {
        return if level > 0.0 {
            "no activity in the last 30 days".to_string()
        } else {
            "no recorded activity".to_string()
        };
    }
    parts.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let listed: Vec<String> = parts
        .iter()
        .take(2)
        .map(|(count, label)| match (count, label.strip_suffix('s')) {
            (1, Some(singular)) => format!("1 {singular}"),
            _ => format!("{count} {label}"),
        })
        .collect();
    format!("{} in the last 30 days", listed.join(" and "))
}
