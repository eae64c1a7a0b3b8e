//! Scoring and planning: refresh scores, build the active plan, and the director's manual edits
//! (moves, locks, undo, redo), each one transaction and one journal entry.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Local, NaiveDate};
use terrain_core::assign::{assign, default_capacity, AssignSettings, Candidate, RepSlot};
use terrain_core::records::Outcome;
use terrain_core::score::{
    score_accounts, AccountProfile, Deal, ScoreReason, Scored, ScoringInput, ScoringSettings,
    Stage, WeeklySignals,
};
use terrain_store::{Assignment, Change, JournalEntry, PlanRow, RepRow, ScoreRow};

use crate::board::BookCache;
use crate::error::{Error, Result};
use crate::modeling::ModelScore;
use crate::views::{
    HistoryState, LockInput, MoveInput, MoveResult, PlanChange, PlanningSettings, Reason,
};
use crate::workspace::plan_info;
use crate::Workspace;
use terrain_model::ModelReport;

const SCORING_SETTINGS: &str = "scoring_settings";

/// Refuses settings that would make scores meaningless: negative or non-finite weights, and
/// half-lives that are not a positive number of days.
pub(crate) fn validate_scoring(settings: &ScoringSettings) -> Result<()> {
    for kind in &settings.kinds {
        if !(kind.weight.is_finite() && kind.weight >= 0.0) {
            return Err(Error::BadInput(format!(
                "the weight of {} must be a number of at least 0",
                kind.label
            )));
        }
        if !(kind.half_life_days.is_finite() && kind.half_life_days >= 1.0) {
            return Err(Error::BadInput(format!(
                "the half-life of {} must be at least 1 day",
                kind.label
            )));
        }
    }
    for criterion in &settings.icp {
        if criterion.field.trim().is_empty() {
            return Err(Error::BadInput("every ICP criterion needs a field".into()));
        }
        if !(criterion.weight.is_finite() && criterion.weight >= 0.0) {
            return Err(Error::BadInput(format!(
                "the weight of the ICP criterion on {} must be a number of at least 0",
                criterion.field
            )));
        }
        if let (Some(min), Some(max)) = (criterion.min, criterion.max) {
            if min > max {
                return Err(Error::BadInput(format!(
                    "the ICP band on {} runs from {min} to {max}; its minimum must not exceed \
                     its maximum",
                    criterion.field
                )));
            }
        }
    }
    Ok(())
}

/// How far back scoring reads signals: past a year every kind has decayed to nothing.
const SIGNAL_WINDOW_DAYS: u64 = 366;

/// Signals this recent count as contact with the owner, which makes a move dearer.
const RECENT_CONTACT_DAYS: u64 = 30;

/// What the computed capacity was counted from: one generation of this process's writes, one
/// SQLite data version (another process's writes), the pool threshold and the active reps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CapacityKey {
    generation: u64,
    data_version: i64,
    pool_below: u64,
    active: usize,
}

/// The capacity Terrain computed for reps without one (see `Workspace::computed_capacity`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CapacityCache {
    key: CapacityKey,
    capacity: u32,
}

/// The active plan and its reps, without its assignments: enough for a single edit.
pub(crate) struct PlanFrame {
    pub plan: PlanRow,
    pub reps: Vec<RepRow>,
    pub capacity: HashMap<i64, u32>,
    /// The engine's settings, from the director's planning settings.
    pub settings: AssignSettings,
    pub planning: PlanningSettings,
}

impl PlanFrame {
    pub fn rep_name(&self, rep: i64) -> &str {
        self.reps
            .iter()
            .find(|r| r.id == rep)
            .map_or("?", |r| r.name.as_str())
    }
}

/// The active plan with every assignment and score: what planning and the board need.
pub(crate) struct PlanState {
    pub frame: PlanFrame,
    /// Ordered, so sums over it come out the same to the last bit every time.
    pub owners: BTreeMap<i64, Assignment>,
    pub scores: HashMap<i64, ScoreRow>,
}

impl PlanState {
    pub fn expected_value(&self, account: i64) -> f64 {
        self.scores
            .get(&account)
            .map_or(0.0, |s| s.readiness * s.potential)
    }

    pub fn owner(&self, account: i64) -> Option<i64> {
        self.owners.get(&account).and_then(|a| a.rep_id)
    }
}

/// Custom fields as text, for ICP criteria and segments on any column.
pub(crate) fn custom_as_text(json: &str) -> BTreeMap<String, String> {
    let fields: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(json).unwrap_or_default();
    fields
        .into_iter()
        .filter_map(|(key, value)| {
            let text = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => if b { "yes" } else { "no" }.to_string(),
                _ => return None,
            };
            Some((key, text))
        })
        .collect()
}

pub(crate) fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The first moment of a local day, as the journal writes times (RFC 3339, UTC), so that the
/// day the director means is the day on their own clock.
pub(crate) fn start_of_day(day: NaiveDate) -> String {
    use chrono::{NaiveTime, TimeZone, Utc};
    let midnight = day.and_time(NaiveTime::MIN);
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
        .to_rfc3339()
}

pub(crate) fn parse_reasons(json: &str) -> Vec<Reason> {
    serde_json::from_str(json).unwrap_or_default()
}

impl Workspace {
    /// The director's scoring settings: kinds with weights and half-lives, the ideal customer
    /// profile, and the intent topics that matter. Defaults until first saved.
    pub async fn scoring_settings(&self) -> Result<ScoringSettings> {
        Ok(match self.store.setting(SCORING_SETTINGS).await? {
            Some(json) => serde_json::from_str(&json).unwrap_or_default(),
            None => ScoringSettings::default(),
        })
    }

    /// Saves scoring settings after checking them; the next scoring run uses them.
    #[tracing::instrument(skip(self, settings), err)]
    pub async fn save_scoring_settings(&self, settings: &ScoringSettings) -> Result<()> {
        validate_scoring(settings)?;
        let json = serde_json::to_string(settings).map_err(|e| Error::BadInput(e.to_string()))?;
        self.store.set_setting(SCORING_SETTINGS, &json).await?;
        Ok(())
    }

    /// Scores every account as of `as_of` (today when `None`) and stores the snapshot.
    /// Returns how many accounts were scored.
    #[tracing::instrument(skip(self), err)]
    pub async fn score(&self, as_of: Option<NaiveDate>) -> Result<u32> {
        let as_of = as_of.unwrap_or_else(today);
        let (scored, report) = self.compute_scores(as_of, None).await?;
        let rows: Vec<ScoreRow> = scored
            .scores
            .iter()
            .map(|s| ScoreRow {
                account_id: s.account_id,
                fit: s.fit,
                engagement: s.engagement,
                intent: s.intent,
                readiness: s.readiness,
                potential: s.potential,
                stage: s.stage.as_str().to_string(),
                reasons: serde_json::to_string(
                    &s.reasons
                        .iter()
                        .map(|r| Reason {
                            text: r.text.clone(),
                            effect: r.effect,
                        })
                        .collect::<Vec<_>>(),
                )
                .unwrap_or_else(|_| "[]".into()),
            })
            .collect();
        self.store.save_scores(as_of, &rows).await?;
        self.store.set_setting("scoring_note", &scored.note).await?;
        self.store
            .set_setting(
                "model_report",
                &serde_json::to_string(&report).unwrap_or_default(),
            )
            .await?;
        tracing::info!(accounts = rows.len(), %as_of, "scored");
        Ok(rows.len() as u32)
    }

    /// Scores every account as of `as_of` without storing anything: the core sees only what
    /// was known on that date.
    pub(crate) async fn compute_scores(
        &self,
        as_of: NaiveDate,
        settings: Option<&ScoringSettings>,
    ) -> Result<(Scored, ModelReport)> {
        let accounts = self.store.account_facts().await?;
        let deals = self.store.opportunity_facts().await?;
        let since = as_of - chrono::Days::new(SIGNAL_WINDOW_DAYS);
        let signals = self.store.signal_weeks(since).await?;

        let mut custom: HashMap<i64, BTreeMap<String, String>> = self
            .store
            .account_custom()
            .await?
            .into_iter()
            .map(|(id, json)| (id, custom_as_text(&json)))
            .collect();
        let profiles: Vec<AccountProfile> = accounts
            .iter()
            .map(|a| AccountProfile {
                id: a.id,
                industry: a.industry.clone(),
                employees: a.employees,
                revenue: a.revenue,
                country: a.country.clone(),
                state: a.state.clone(),
                region: a.region.clone(),
                custom: custom.remove(&a.id).unwrap_or_default(),
            })
            .collect();
        let deals: Vec<Deal> = deals
            .iter()
            .map(|d| Deal {
                account_id: d.account_id,
                outcome: Outcome::parse(&d.outcome).unwrap_or(Outcome::Open),
                amount: d.amount,
                created: d.created,
                closed: d.closed,
            })
            .collect();
        let mut shared: HashMap<String, Arc<str>> = HashMap::new();
        let mut share = |text: String| -> Arc<str> {
            shared
                .entry(text)
                .or_insert_with_key(|k| Arc::from(k.as_str()))
                .clone()
        };
        let signals: Vec<WeeklySignals> = signals
            .into_iter()
            .map(|s| WeeklySignals {
                account_id: s.account_id,
                week: s.week,
                kind: share(s.kind),
                topic: (!s.topic.is_empty()).then(|| share(s.topic)),
                events: s.events.max(0) as u32,
                strength: s.strength,
            })
            .collect();
        let settings = match settings {
            Some(settings) => settings.clone(),
            None => self.scoring_settings().await?,
        };
        let mut scored = score_accounts(&ScoringInput {
            as_of,
            accounts: &profiles,
            deals: &deals,
            signals: &signals,
            settings: &settings,
        });

        // Where the workspace's own history trains a model that beats chance, readiness is the
        // model's calibrated probability and its reasons are the model's; fit, engagement and
        // intent stay the rule-based parts.
        let readiness = self.readiness_model(as_of).await?;
        if let Some(model_scores) = readiness.score(as_of) {
            let by_id: HashMap<i64, ModelScore> =
                readiness.account_ids().zip(model_scores).collect();
            for score in &mut scored.scores {
                if let Some(m) = by_id.get(&score.account_id) {
                    score.readiness = m.readiness;
                    score.stage = Stage::of(m.readiness);
                    score.reasons = m
                        .reasons
                        .iter()
                        .map(|(text, effect)| ScoreReason {
                            text: text.clone(),
                            effect: *effect,
                        })
                        .collect();
                }
            }
        }
        scored.note = readiness.report.message.clone();
        Ok((scored, readiness.report))
    }

    /// The active plan's frame.
    pub(crate) async fn plan_frame(&self) -> Result<PlanFrame> {
        self.frame_of(false).await
    }

    /// The frame of the active plan, or with `draft` of the quarterly draft.
    pub(crate) async fn frame_of(&self, draft: bool) -> Result<PlanFrame> {
        let plan = if draft {
            self.store.draft_plan().await?.ok_or_else(|| {
                Error::NotFound(
                    "there is no draft plan: start a quarterly realignment to make one \
                     (`terrain realign`, or Quarterly realignment… on the Territories screen)"
                        .into(),
                )
            })?
        } else {
            self.store.ensure_active_plan(today()).await?
        };
        let reps = self.store.reps().await?;
        let planning = self.planning_settings().await?;
        let settings = planning.engine();
        let fallback = match planning.default_capacity {
            Some(capacity) => capacity.clamp(0, i64::from(u32::MAX)) as u32,
            None => self.computed_capacity(&reps, settings.pool_below).await?,
        };
        let capacity = reps
            .iter()
            .map(|r| {
                let capacity = r
                    .capacity
                    .map_or(fallback, |c| c.clamp(0, i64::from(u32::MAX)) as u32);
                (r.id, capacity)
            })
            .collect();
        Ok(PlanFrame {
            plan,
            reps,
            capacity,
            settings,
            planning,
        })
    }

    /// The capacity Terrain gives reps the reps sheet gives none: room for every account of
    /// the current scores at or above the pool threshold (every account before the first
    /// scoring), shared by the active reps.
    ///
    /// It is derived from the scores, the reps and the settings, so it is computed rather than
    /// stored: showing a review or a comparison must not write to the workspace, and a figure
    /// of its own in the file could disagree with the data it came from. Every view and every
    /// plan of one state of the workspace sees the same figure, so a review and its apply
    /// measure books against the same capacity. Counting the ready accounts reads every score,
    /// so the figure is kept in memory for as long as nothing it depends on was written.
    pub(crate) async fn computed_capacity(&self, reps: &[RepRow], pool_below: f64) -> Result<u32> {
        let active = reps.iter().filter(|r| r.active).count();
        let key = CapacityKey {
            generation: self.store.generation(),
            data_version: self.store.data_version().await?,
            pool_below: pool_below.to_bits(),
            active,
        };
        if let Some(cached) = self.cached_capacity().filter(|c| c.key == key) {
            return Ok(cached.capacity);
        }
        // Before the first scoring no account is known to be cold, so every one counts.
        let ready = match self.store.ready_count(pool_below).await? {
            Some(ready) => ready,
            None => self.store.account_count().await?,
        };
        let capacity = default_capacity(usize::try_from(ready).unwrap_or(0), active);
        if let Ok(mut cache) = self.capacity.lock() {
            *cache = Some(CapacityCache { key, capacity });
        }
        Ok(capacity)
    }

    fn cached_capacity(&self) -> Option<CapacityCache> {
        self.capacity.lock().map_or(None, |cache| *cache)
    }

    /// Keeps the computed capacity across a write that changed only owners or locks (a move,
    /// a lock, an undo or a redo), which leaves the scores, reps and settings it counts as
    /// they were: a drag on a large workspace must not count every score again. `before` is
    /// the store's generation just before that write.
    fn keep_capacity_across(&self, before: u64) {
        let now = self.store.generation();
        if now != before + 1 {
            return;
        }
        if let Ok(mut cache) = self.capacity.lock() {
            if let Some(cached) = cache.as_mut().filter(|c| c.key.generation == before) {
                cached.key.generation = now;
            }
        }
    }

    pub(crate) async fn plan_state(&self) -> Result<PlanState> {
        self.plan_state_of(false).await
    }

    /// The active plan's state, or with `draft` the quarterly draft's.
    pub(crate) async fn plan_state_of(&self, draft: bool) -> Result<PlanState> {
        let frame = self.frame_of(draft).await?;
        let owners: BTreeMap<i64, Assignment> = self
            .store
            .assignments(frame.plan.id)
            .await?
            .into_iter()
            .map(|a| (a.account_id, a))
            .collect();
        let scores: HashMap<i64, ScoreRow> = self
            .store
            .current_scores()
            .await?
            .into_iter()
            .map(|s| (s.account_id, s))
            .collect();
        Ok(PlanState {
            frame,
            owners,
            scores,
        })
    }

    /// What the engine needs from the workspace: the reps with their capacity and the segments
    /// they cover, and every account with its segment, score, owner, lock and what makes moving
    /// it dear.
    ///
    /// With `from_crm`, owners are the ones the CRM gave (the account's owner, else the rep on
    /// its latest deal) and nothing is locked: the starting point every strategy is compared
    /// from. Otherwise owners and locks are the active plan's.
    pub(crate) async fn engine_input(
        &self,
        state: &PlanState,
        from_crm: bool,
    ) -> Result<(Vec<RepSlot>, Vec<Candidate>)> {
        let accounts = self.store.account_facts().await?;
        let by_name: HashMap<&str, i64> = state
            .frame
            .reps
            .iter()
            .map(|r| (r.name.as_str(), r.id))
            .collect();
        let mut latest_deal_rep: HashMap<i64, (Option<NaiveDate>, i64)> = HashMap::new();
        let mut open_deal: HashSet<i64> = HashSet::new();
        for deal in self.store.opportunity_facts().await? {
            let Some(account) = deal.account_id else {
                continue;
            };
            if Outcome::parse(&deal.outcome) == Some(Outcome::Open) {
                open_deal.insert(account);
            }
            if let Some(rep) = deal.rep_id {
                let entry = latest_deal_rep
                    .entry(account)
                    .or_insert((deal.created, rep));
                if deal.created >= entry.0 {
                    *entry = (deal.created, rep);
                }
            }
        }
        // Recent contact: any signal in the 30 days up to the last activity on record, so an
        // old data set is judged by its own calendar rather than today's.
        let end = self
            .store
            .last_activity()
            .await?
            .unwrap_or_else(today)
            .min(today());
        let recent: HashSet<i64> = self
            .store
            .signal_weeks(end - chrono::Days::new(RECENT_CONTACT_DAYS))
            .await?
            .into_iter()
            .map(|s| s.account_id)
            .collect();

        let mut segments = self
            .segments(&state.frame.planning, &accounts, &state.frame.reps)
            .await?;
        let slots: Vec<RepSlot> = state
            .frame
            .reps
            .iter()
            .map(|r| RepSlot {
                id: r.id,
                name: r.name.clone(),
                capacity: state.frame.capacity.get(&r.id).copied().unwrap_or(0),
                active: r.active,
                segments: segments.reps.remove(&r.id).unwrap_or_default(),
                workload_capacity: None,
            })
            .collect();
        let candidates: Vec<Candidate> = accounts
            .iter()
            .map(|a| {
                let crm_owner = || {
                    a.owner_name
                        .as_deref()
                        .and_then(|n| by_name.get(n).copied())
                        .or_else(|| latest_deal_rep.get(&a.id).map(|d| d.1))
                };
                let current = state.owners.get(&a.id);
                let owner = match current {
                    Some(assignment) if !from_crm => assignment.rep_id,
                    _ => crm_owner(),
                };
                Candidate {
                    account_id: a.id,
                    readiness: state.scores.get(&a.id).map_or(0.0, |s| s.readiness),
                    expected_value: state.expected_value(a.id),
                    owner,
                    locked: !from_crm && current.is_some_and(|c| c.locked),
                    segment: segments.accounts.remove(&a.id),
                    open_deal: open_deal.contains(&a.id),
                    recent_contact: recent.contains(&a.id),
                    workload: 1.0,
                }
            })
            .collect();
        Ok((slots, candidates))
    }

    /// Builds the plan from the latest scores, keeping current owners where the rules allow,
    /// and records the moves as one journal entry. With nothing new, it moves nothing.
    #[tracing::instrument(skip(self), err)]
    pub async fn assign(&self) -> Result<PlanChange> {
        let state = self.plan_state().await?;
        let (slots, candidates) = self.engine_input(&state, false).await?;
        let plan = assign(&slots, &candidates, &state.frame.settings);

        let mut changes = Vec::new();
        let mut moved = 0;
        for placement in &plan.placements {
            let current = state.owners.get(&placement.account_id);
            let from_rep = current.and_then(|c| c.rep_id);
            if current.is_some_and(|c| c.rep_id == placement.rep) {
                continue;
            }
            if from_rep != placement.rep {
                moved += 1;
            }
            let locked = current.is_some_and(|c| c.locked);
            changes.push(Change {
                account_id: placement.account_id,
                from_rep,
                to_rep: placement.rep,
                from_locked: locked,
                to_locked: locked,
                from_reason: current.map(|c| c.reason.clone()).unwrap_or_default(),
                to_reason: placement.reason.clone(),
            });
        }
        if !changes.is_empty() {
            let label = if moved == 1 {
                "re-plan: 1 move".to_string()
            } else {
                format!("re-plan: {moved} moves")
            };
            self.store
                .apply_changes(state.frame.plan.id, "assign", &label, &changes)
                .await?;
        }
        let report = &plan.report;
        let assigned = plan.placements.iter().filter(|p| p.rep.is_some()).count() as u32;
        tracing::info!(
            moved,
            assigned,
            objective = report.objective,
            gap = report.gap,
            iterations = report.iterations,
            "assigned"
        );
        Ok(PlanChange {
            plan: plan_info(state.frame.plan),
            moved,
            assigned,
            pooled: plan.placements.len() as u32 - assigned,
            expected_value: report.expected_value,
            bound_gap: report.gap,
            outside_band: report.outside_band.len() as u32,
        })
    }

    /// Moves accounts to a rep (or the pool) in one transaction and one journal entry. A move
    /// by hand locks the account, so that no re-plan undoes the director's decision.
    ///
    /// This is the drag-and-drop path, so it reads only the moved accounts and sums the books
    /// in SQL instead of loading the whole plan.
    #[tracing::instrument(skip(self), err)]
    pub async fn move_accounts(&self, input: &MoveInput) -> Result<MoveResult> {
        if input.account_ids.is_empty() {
            return Err(Error::BadInput("no accounts to move".into()));
        }
        if input.account_ids.len() > 100_000 {
            return Err(Error::BadInput(
                "at most 100,000 accounts can move at once".into(),
            ));
        }
        let frame = self.frame_of(input.draft.unwrap_or(false)).await?;
        if let Some(rep) = input.to_rep {
            match frame.reps.iter().find(|r| r.id == rep) {
                None => {
                    return Err(Error::NotFound(format!(
                        "rep {rep} is not in the workspace"
                    )))
                }
                Some(r) if !r.active => {
                    return Err(Error::Conflict(format!(
                        "{} is inactive and takes no accounts",
                        r.name
                    )))
                }
                Some(_) => {}
            }
        }
        let mut ids: Vec<i64> = input
            .account_ids
            .iter()
            .copied()
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        ids.sort_unstable();
        let known = self.store.account_ids(&ids).await?;
        if let Some(missing) = ids.iter().find(|id| !known.contains(id)) {
            return Err(Error::NotFound(format!(
                "account {missing} is not in the workspace"
            )));
        }
        let current: HashMap<i64, Assignment> = self
            .store
            .assignments_of(frame.plan.id, &ids)
            .await?
            .into_iter()
            .map(|a| (a.account_id, a))
            .collect();
        let to_name = input.to_rep.map(|r| frame.rep_name(r).to_string());
        let reason = match &to_name {
            Some(name) => format!("moved by hand to {name}"),
            None => "moved by hand to the pool".to_string(),
        };
        let changes: Vec<Change> = ids
            .iter()
            .filter(|id| current.get(id).and_then(|a| a.rep_id) != input.to_rep)
            .map(|&id| {
                let assignment = current.get(&id);
                Change {
                    account_id: id,
                    from_rep: assignment.and_then(|a| a.rep_id),
                    to_rep: input.to_rep,
                    from_locked: assignment.is_some_and(|a| a.locked),
                    to_locked: input.to_rep.is_some(),
                    from_reason: assignment.map(|a| a.reason.clone()).unwrap_or_default(),
                    to_reason: reason.clone(),
                }
            })
            .collect();
        if !changes.is_empty() {
            let target = to_name.unwrap_or_else(|| "the pool".into());
            let label = match changes.len() {
                1 => format!("move 1 account to {target}"),
                n => format!("move {n} accounts to {target}"),
            };
            let books = self.book_cache(&frame).await?;
            let before = self.store.generation();
            self.store
                .apply_changes(frame.plan.id, "move", &label, &changes)
                .await?;
            self.keep_capacity_across(before);
            // The totals shift by the moved accounts instead of re-summing every book.
            let moved: Vec<_> = changes
                .iter()
                .map(|c| (c.account_id, c.from_rep, c.to_rep))
                .collect();
            self.shift_books(books, &moved).await?;
        }
        Ok(MoveResult {
            moved: changes.len() as u32,
            balance: self.balance_in(&frame).await?,
            history: self.history().await?,
        })
    }

    #[tracing::instrument(skip(self), err)]
    pub async fn set_locked(&self, input: &LockInput) -> Result<HistoryState> {
        let frame = self.frame_of(input.draft.unwrap_or(false)).await?;
        let mut ids: Vec<i64> = input
            .account_ids
            .iter()
            .copied()
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        ids.sort_unstable();
        let current = self.store.assignments_of(frame.plan.id, &ids).await?;
        let changes: Vec<Change> = current
            .iter()
            .filter(|current| current.locked != input.locked)
            .map(|current| Change {
                account_id: current.account_id,
                from_rep: current.rep_id,
                to_rep: current.rep_id,
                from_locked: current.locked,
                to_locked: input.locked,
                from_reason: current.reason.clone(),
                to_reason: current.reason.clone(),
            })
            .collect();
        if !changes.is_empty() {
            let verb = if input.locked { "lock" } else { "unlock" };
            let label = match changes.len() {
                1 => format!("{verb} 1 account"),
                n => format!("{verb} {n} accounts"),
            };
            let before = self.store.generation();
            self.store
                .apply_changes(frame.plan.id, verb, &label, &changes)
                .await?;
            self.keep_capacity_across(before);
        }
        self.history().await
    }

    #[tracing::instrument(skip(self), err)]
    pub async fn undo(&self) -> Result<HistoryState> {
        let books = self.current_books();
        let before = self.store.generation();
        if let Some(entry) = self.store.undo().await? {
            self.keep_capacity_across(before);
            tracing::info!(label = %entry.label, "undone");
            self.shift_books_by(books, &entry).await?;
        }
        self.history().await
    }

    #[tracing::instrument(skip(self), err)]
    pub async fn redo(&self) -> Result<HistoryState> {
        let books = self.current_books();
        let before = self.store.generation();
        if let Some(entry) = self.store.redo().await? {
            self.keep_capacity_across(before);
            tracing::info!(label = %entry.label, "redone");
            self.shift_books_by(books, &entry).await?;
        }
        self.history().await
    }

    /// The cached per-rep totals if no write of this process came after them. (Another
    /// process's write is caught when they are next read, by SQLite's data version.)
    fn current_books(&self) -> Option<BookCache> {
        self.cached_books()
            .filter(|books| books.generation == self.store.generation())
    }

    /// After an undo or redo, shifts the totals by the accounts it gave back or took again,
    /// so that the next drag does not sum every book afresh: at 100k accounts that sum is
    /// most of a drag's time when drags and undos alternate.
    async fn shift_books_by(&self, books: Option<BookCache>, entry: &JournalEntry) -> Result<()> {
        match books {
            Some(books) if books.plan == entry.plan_id => {
                self.shift_books(books, &entry.reassigned).await
            }
            _ => Ok(()),
        }
    }

    pub async fn history(&self) -> Result<HistoryState> {
        let entry = self.store.history().await?;
        Ok(HistoryState {
            can_undo: entry.undo.is_some(),
            can_redo: entry.redo.is_some(),
            undo_label: entry.undo,
            redo_label: entry.redo,
        })
    }
}
