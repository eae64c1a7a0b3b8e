//! What crosses the boundary to a front end: inputs the app sends and the views it gets back.
//!
//! These types are the IPC contract. The TypeScript file `ui/src/api/bindings.ts` is generated
//! from them (`cargo test -p terrain bindings`), and a test fails when that file is stale, so the
//! UI can never drift from the Rust side.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The readiness model's report crosses the IPC boundary as the model crate defines it.
pub use terrain_model::{CalibrationBin, CandidateModel, Decile, Importance, ModelReport, Suspect};

/// Scoring settings cross as the core defines them.
pub use terrain_core::score::{ActivityKind, Criterion, ScoringSettings};

/// One day of an account's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoreHistoryPoint {
    /// `YYYY-MM-DD`.
    pub as_of: String,
    pub readiness: f64,
    pub fit: f64,
    pub engagement: f64,
    pub intent: f64,
    pub stage: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoreHistory {
    pub account_id: i64,
    /// Oldest first.
    pub points: Vec<ScoreHistoryPoint>,
}

/// How many accounts would move from one stage to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StageChange {
    pub from: String,
    pub to: String,
    pub accounts: u32,
}

/// What saving a set of scoring settings would change, before it is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoringPreview {
    /// The date scored, the current snapshot's.
    pub as_of: String,
    pub accounts: u32,
    /// Accounts whose stage would change.
    pub changed: u32,
    /// The changes, most common first.
    pub changes: Vec<StageChange>,
    /// When readiness comes from the model, the settings change fit, engagement and intent
    /// but not readiness or stage.
    pub readiness_from_model: bool,
    pub note: String,
}

/// What the scoring settings form starts from: the saved settings, the defaults that "reset"
/// restores, and the custom fields an ICP criterion may name besides the standard ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoringForm {
    pub settings: ScoringSettings,
    pub defaults: ScoringSettings,
    /// Headers of the accounts' custom fields, alphabetical.
    pub custom_fields: Vec<String>,
}

/// What saving scoring settings did: the workspace was rescored on the current snapshot's
/// date, the same date the preview compares against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoringResult {
    /// The date scored, `YYYY-MM-DD`.
    pub as_of: String,
    pub accounts: u32,
    /// Accounts whose stage changed.
    pub changed: u32,
    /// How readiness is computed now, in a sentence for the director.
    pub note: String,
}

/// An account's scores over time, drawn as SVG.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoreChart {
    pub account_id: i64,
    pub title: String,
    /// The dates the chart covers, e.g. "3 snapshots, 30 Jun 2017 – 31 Dec 2017".
    pub subtitle: String,
    pub svg: String,
}

/// The kinds of sheet Terrain can import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetKindName {
    Accounts,
    Reps,
    Opportunities,
    Signals,
    Products,
}

/// A `--map FIELD=HEADER` override: use this header for that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldMap {
    pub field: String,
    pub header: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ImportInput {
    pub paths: Vec<String>,
    /// Forces the kind of every file; `None` detects it from the headers.
    pub kind: Option<SheetKindName>,
    pub map: Vec<FieldMap>,
    /// How to read columns whose values read two ways, for every file.
    pub columns: Vec<ColumnReading>,
    /// Settings of single files, as the mapping screen sets them; they win over the above
    /// and over what was saved for the file's source.
    pub files: Vec<FileSettings>,
}

/// A decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecimalName {
    Dot,
    Comma,
}

/// Which part of a `03/04/2024` date is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateOrderName {
    DayFirst,
    MonthFirst,
}

/// How one column is read: its decimal separator, its dates' order, whether its bare
/// numbers are Excel serial dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnReading {
    pub header: String,
    pub decimal: Option<DecimalName>,
    pub date_order: Option<DateOrderName>,
    pub serial_dates: bool,
}

/// The settings of one file of an import. Saved for the file's source (its set of headers),
/// so the next export from the same CRM report imports without asking again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileSettings {
    pub path: String,
    pub kind: Option<SheetKindName>,
    /// The worksheet of a workbook; `None` reads the first visible one.
    pub sheet: Option<String>,
    pub map: Vec<FieldMap>,
    /// Headers kept as custom fields even where they would map to a field by themselves.
    pub unmapped: Vec<String>,
    pub columns: Vec<ColumnReading>,
}

/// A worksheet of a workbook, for the sheet picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetChoice {
    pub name: String,
    pub hidden: bool,
}

/// What has to be decided about a column before its file can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    DateOrder,
    Decimal,
}

/// One column of a file, as the mapping screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ColumnView {
    pub header: String,
    /// The field it maps to; `None` keeps it as a custom field (or skips it, for kinds
    /// without custom fields).
    pub field: Option<String>,
    /// The first few distinct values.
    pub samples: Vec<String>,
    /// Set when the column's values read two ways and nothing settles them.
    pub question: Option<QuestionKind>,
    /// The value that reads two ways, and its row.
    pub example: Option<String>,
    pub example_row: Option<u32>,
    /// How the column will be read, as settled so far.
    pub reading: ColumnReading,
}

/// One file of an import as surveyed: its kind, columns and anything to decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FileView {
    pub path: String,
    pub file: String,
    /// The kind, as given or detected; `None` when it could not be settled (see `error`).
    pub kind: Option<SheetKindName>,
    /// Why the file cannot be read as set up, with what to do about it.
    pub error: Option<String>,
    pub rows: u32,
    pub sheets: Vec<SheetChoice>,
    pub sheet: Option<String>,
    /// Whether the settings came from an earlier import of the same source.
    pub saved: bool,
    /// The fields of the kind, for the mapping choices.
    pub fields: Vec<String>,
    pub columns: Vec<ColumnView>,
    /// The settings that produce this view, to edit and send back with the import.
    pub settings: FileSettings,
}

/// The files of an import before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub files: Vec<FileView>,
}

/// How far an import has got; sent to the window as the `import-progress` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub file: String,
    /// Files finished before this one, out of `files`.
    pub file_index: u32,
    pub files: u32,
    pub rows_done: u32,
    /// An estimate from the file's size while `rows_exact` is false: a large text file is
    /// counted as it is read.
    pub rows_total: u32,
    pub rows_exact: bool,
}

/// One problem found in an input file. Rows are numbered as a spreadsheet shows them, the
/// header being row 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportProblem {
    pub file: String,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
    /// True when the row was left out of the import; false for a warning on a kept row.
    pub rejected: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FileReport {
    pub file: String,
    pub kind: SheetKindName,
    pub rows_read: u32,
    pub imported: u32,
    pub rejected: u32,
    /// Headers kept as custom fields because they map to no known field.
    pub custom_fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub files: Vec<FileReport>,
    pub problems: Vec<ImportProblem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanInfo {
    pub id: i64,
    pub name: String,
    /// `draft`, `active` or `archived`.
    pub status: String,
    /// The date the plan takes effect, `YYYY-MM-DD`.
    pub effective: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportLogEntry {
    /// When the import ran, RFC 3339.
    pub at: String,
    pub file: String,
    pub kind: SheetKindName,
    pub rows: u32,
    pub rejected: u32,
}

/// The workspace screen: what the file holds and how healthy it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceSummary {
    pub path: String,
    pub reps: u32,
    pub accounts: u32,
    pub opportunities: u32,
    pub signals: u32,
    pub products: u32,
    /// Opportunities whose account cell was blank or named no known account.
    pub opportunities_without_account: u32,
    /// The date of the latest score snapshot, `YYYY-MM-DD`.
    pub scored_as_of: Option<String>,
    pub active_plan: Option<PlanInfo>,
    pub assigned: u32,
    pub pooled: u32,
    pub recent_imports: Vec<ImportLogEntry>,
    /// How readiness is computed now, in a sentence for the director.
    pub scoring_note: String,
}

/// One signed reason behind a score: `effect` is the contribution to the log-odds of readiness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reason {
    pub text: String,
    pub effect: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountSort {
    Name,
    Readiness,
    ExpectedValue,
    Owner,
    Industry,
    Revenue,
    Employees,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AccountQuery {
    /// Matched case-insensitively against name, id, industry, location and owner.
    pub search: String,
    pub sort: AccountSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountRow {
    pub id: i64,
    /// The CRM id, or the name when the sheet had no id.
    pub key: String,
    pub name: String,
    pub industry: Option<String>,
    pub location: Option<String>,
    pub employees: Option<f64>,
    pub revenue: Option<f64>,
    pub owner_id: Option<i64>,
    /// `None` when the account waits in the pool.
    pub owner: Option<String>,
    pub locked: bool,
    pub readiness: f64,
    /// `cold`, `aware`, `considering`, `deciding` or `buying`.
    pub stage: String,
    pub expected_value: f64,
    pub reasons: Vec<Reason>,
    /// The records merged into this one, as they were imported, oldest merge first.
    pub merged_from: Vec<MergedRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountPage {
    /// How many accounts match the search, across all pages.
    pub total: u32,
    pub rows: Vec<AccountRow>,
}

/// An account as a card on the territories board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Card {
    pub id: i64,
    pub name: String,
    pub industry: Option<String>,
    pub readiness: f64,
    pub stage: String,
    pub expected_value: f64,
    pub locked: bool,
    /// The strongest reason behind the score.
    pub top_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RepColumn {
    pub id: i64,
    pub name: String,
    pub team: Option<String>,
    pub region: Option<String>,
    pub capacity: u32,
    pub expected_value: f64,
    /// Cards sorted by readiness, highest first.
    pub accounts: Vec<Card>,
}

/// How evenly the active plan spreads expected value and accounts across reps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Balance {
    pub reps: u32,
    pub assigned: u32,
    pub pooled: u32,
    pub total_expected_value: f64,
    pub mean_expected_value: f64,
    /// Coefficient of variation of expected value per rep.
    pub cv_expected_value: f64,
    pub gini_expected_value: f64,
    /// Largest over smallest expected value per rep; `None` when a rep holds nothing.
    pub max_min_expected_value: Option<f64>,
    pub cv_accounts: f64,
    pub max_min_accounts: Option<f64>,
    /// The allowed spread around the mean expected value, as a fraction (0.15 = ±15%).
    pub band: f64,
    pub reps_outside_band: u32,
    pub reps_over_capacity: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryState {
    pub can_undo: bool,
    pub can_redo: bool,
    /// What undo would revert, e.g. "move 3 accounts to Ana Ortiz".
    pub undo_label: Option<String>,
    pub redo_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Board {
    pub plan: Option<PlanInfo>,
    pub reps: Vec<RepColumn>,
    pub pool: Vec<Card>,
    pub balance: Balance,
    pub history: HistoryState,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MoveInput {
    pub account_ids: Vec<i64>,
    /// The receiving rep; `None` sends the accounts to the pool.
    pub to_rep: Option<i64>,
    /// Edit the quarterly draft instead of the active plan.
    #[serde(default)]
    #[ts(optional)]
    pub draft: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MoveResult {
    pub moved: u32,
    pub balance: Balance,
    pub history: HistoryState,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LockInput {
    pub account_ids: Vec<i64>,
    pub locked: bool,
    /// Edit the quarterly draft instead of the active plan.
    #[serde(default)]
    #[ts(optional)]
    pub draft: Option<bool>,
}

/// What a re-plan changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanChange {
    pub plan: PlanInfo,
    pub moved: u32,
    pub assigned: u32,
    pub pooled: u32,
    /// The summed expected value of the accounts in books.
    pub expected_value: f64,
    /// How far the plan may be from the best possible, as a share: `(bound − plan) / bound`.
    /// `None` when the balance band cannot be met for every rep.
    pub bound_gap: Option<f64>,
    /// Reps whose expected value the band could not be met for.
    pub outside_band: u32,
}

/// The account attribute whose value is an account's segment, the thing reps cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SegmentBy {
    Region,
    Country,
    State,
    Industry,
    /// A custom column of the accounts sheet, named by [`PlanningSettings::segment_field`].
    Custom,
}

/// The director's rules for every plan: balance, the pool, what a move costs, who may hold
/// which accounts, and the capacity of reps the reps sheet gives none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanningSettings {
    /// Allowed spread of each rep's expected value around the team mean, as a fraction
    /// (0.15 = ±15%), between 0 and 1.
    pub band: f64,
    /// Whether the band binds; without it only capacity limits a book.
    pub enforce_band: bool,
    /// Accounts below this readiness (0 to 1) wait in the pool.
    pub pool_below: f64,
    /// The cost of any move, as a share of the mean account's expected value.
    pub move_cost: f64,
    /// What an open opportunity adds to the cost of moving its account.
    pub open_deal_cost: f64,
    /// What contact with the owner in the last 30 days adds to it.
    pub recent_contact_cost: f64,
    pub segment_by: SegmentBy,
    /// The custom column when `segment_by` is `custom`, e.g. "Language".
    pub segment_field: Option<String>,
    /// How well a rep outside an account's segment fits it (0 to 1); `None` forbids such
    /// reps the account.
    pub outside_segment_fit: Option<f64>,
    /// The capacity of reps the reps sheet gives none; `None` lets Terrain size it from the
    /// accounts worth working.
    pub default_capacity: Option<i64>,
}

/// What the plan settings dialog starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanningForm {
    pub settings: PlanningSettings,
    /// What "reset" restores.
    pub defaults: PlanningSettings,
    /// Custom columns of the accounts sheet, alphabetical: the other segments on offer.
    pub account_fields: Vec<String>,
    /// Custom columns of the reps sheet, alphabetical. A rep covers the values of the column
    /// named like the segment (region is the reps' own region column).
    pub rep_fields: Vec<String>,
    /// The capacity Terrain would give reps without one, when no override is set.
    pub computed_capacity: u32,
}

/// A way of cutting territories that the comparison sets side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// By geography, cut once: region, else state, else country.
    Static,
    /// Accounts dealt one each in turn, whatever they are worth.
    RoundRobin,
    /// Terrain's engine, from the CRM's owners, paying for every move: the daily plan.
    Dynamic,
    /// Terrain's engine from scratch, with no cost on moves: a quarterly realignment.
    Realignment,
}

/// How evenly one strategy spreads expected value over the active reps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StrategyBalance {
    /// Coefficient of variation of expected value per rep.
    pub cv: f64,
    pub gini: f64,
    /// Largest over smallest expected value per rep; `None` when a rep holds nothing.
    pub max_min: Option<f64>,
    /// Reps whose expected value lies outside the band around the team mean.
    pub reps_outside_band: u32,
}

/// One strategy's plan, measured the same way as the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StrategyFigures {
    pub name: Strategy,
    /// Readiness times potential, summed over the accounts in books.
    pub expected_value: f64,
    /// That value as a share of the expected value of every account, pooled ones included.
    pub expected_value_share: f64,
    pub in_books: u32,
    pub pooled: u32,
    pub balance: StrategyBalance,
    /// Accounts whose owner differs from the CRM's; a move into or out of the pool counts.
    pub moves: u32,
}

/// Static territories, round-robin and Terrain's dynamic plan, each built from the CRM's
/// owners and the latest scores and measured alike. Nothing of it is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Comparison {
    /// The date of the scores the strategies are judged on, `YYYY-MM-DD`.
    pub scored_as_of: Option<String>,
    pub accounts: u32,
    /// Active reps with room for accounts.
    pub reps: u32,
    /// The expected value of every account, in a book or not.
    pub total_expected_value: f64,
    /// Accounts below this readiness are left in the pool by every strategy.
    pub pool_below: f64,
    /// The allowed spread around the mean expected value, as a fraction (0.15 = ±15%).
    pub band: f64,
    /// What static territories were cut by, e.g. "region, then state" or "country".
    pub static_by: String,
    /// Static, round-robin and dynamic, in that order.
    pub strategies: Vec<StrategyFigures>,
    /// Dynamic against static in one sentence, for the director.
    pub headline: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportInput {
    /// `.xlsx` or `.csv`, decided by the extension.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportResult {
    pub path: String,
    pub accounts: u32,
}

/// The period metrics cover: opportunities closed (or, for engagement, signals dated) between
/// `from` and `to`, both included, as `YYYY-MM-DD`. Either end may be open.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Territory figures for one rep, team, region, plan or the whole workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MetricsRow {
    pub name: String,
    /// Accounts in the active plan's books.
    pub accounts: u32,
    /// Signals per account in the book over the 30 days up to the period's end.
    pub engagement_30d: f64,
    pub won: u32,
    pub lost: u32,
    /// won / (won + lost) among opportunities closed in the period; `None` when none closed.
    pub conversion_rate: Option<f64>,
    /// Days from creation to close of won opportunities: the median and the 75th percentile.
    pub median_days_to_close: Option<f64>,
    pub p75_days_to_close: Option<f64>,
    /// The sum of won amounts in the period.
    pub won_revenue: f64,
    /// Readiness times potential, summed over the book.
    pub expected_value: f64,
    /// The share of the workspace's high-readiness accounts (deciding or buying) in this book.
    pub high_readiness_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MetricsReport {
    pub period: Period,
    /// The last date any deal or signal carries, `YYYY-MM-DD`: periods such as "the last 30
    /// days" count back from here when the data ends before today.
    pub data_ends: Option<String>,
    pub overall: MetricsRow,
    pub by_rep: Vec<MetricsRow>,
    pub by_team: Vec<MetricsRow>,
    pub by_region: Vec<MetricsRow>,
    pub by_plan: Vec<MetricsRow>,
    /// How evenly the active plan spreads expected value and accounts.
    pub balance: Balance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    ExpectedValueByRep,
    AccountsByRep,
    ReadinessDistribution,
    ConversionByRep,
    ConversionByTeam,
    TimeToClose,
    RevenueOverTime,
    StaticVsDynamic,
    LiftByBand,
    Lorenz,
}

impl ChartKind {
    /// Every chart, in the order the insights screen and the review pack show them.
    pub const ALL: [ChartKind; 10] = [
        ChartKind::ExpectedValueByRep,
        ChartKind::AccountsByRep,
        ChartKind::ReadinessDistribution,
        ChartKind::ConversionByRep,
        ChartKind::ConversionByTeam,
        ChartKind::TimeToClose,
        ChartKind::RevenueOverTime,
        ChartKind::StaticVsDynamic,
        ChartKind::LiftByBand,
        ChartKind::Lorenz,
    ];

    /// A file-name stem, e.g. `expected_value_by_rep`.
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::ExpectedValueByRep => "expected_value_by_rep",
            ChartKind::AccountsByRep => "accounts_by_rep",
            ChartKind::ReadinessDistribution => "readiness_distribution",
            ChartKind::ConversionByRep => "conversion_by_rep",
            ChartKind::ConversionByTeam => "conversion_by_team",
            ChartKind::TimeToClose => "time_to_close",
            ChartKind::RevenueOverTime => "revenue_over_time",
            ChartKind::StaticVsDynamic => "static_vs_dynamic",
            ChartKind::LiftByBand => "lift_by_band",
            ChartKind::Lorenz => "lorenz",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ChartQuery {
    pub kind: ChartKind,
    pub period: Period,
}

/// Saves one chart; the format (`.png` or `.svg`) comes from the extension.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveChartInput {
    pub kind: ChartKind,
    pub period: Period,
    pub path: String,
}

/// Writes the review pack into a folder: a PNG of every chart and an XLSX of the figures with
/// native Excel charts.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReviewPackInput {
    pub folder: String,
    pub period: Period,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewPackResult {
    pub folder: String,
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    /// What the chart covers, for a slide's subtitle, e.g. "1 Jan 2017 – 31 Dec 2017".
    pub subtitle: String,
    pub svg: String,
}

/// The closed set of error codes the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The user's input or file is wrong; the message says where and how to fix it.
    BadInput,
    NotFound,
    /// The workspace changed underneath, or the action conflicts with a lock.
    Conflict,
    /// A file could not be read or written.
    Io,
    /// The workspace file itself failed: corrupt, newer version, disk full.
    Storage,
    /// The user stopped the action; nothing changed.
    Cancelled,
    /// The workspace is open read-only (it was found damaged), so the change was refused.
    ReadOnly,
    /// The workspace file is damaged; the message says which backup to restore.
    Damaged,
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
}

/// One proposed move of the daily review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewProposal {
    pub account_id: i64,
    /// The account's id in the CRM, for scripts that update it there.
    pub account_key: String,
    pub account: String,
    /// The rep the account leaves; empty for the pool.
    pub from: String,
    /// The rep the account joins; empty for the pool.
    pub to: String,
    pub from_rep: Option<i64>,
    pub to_rep: Option<i64>,
    pub reason: String,
}

/// An account whose readiness moved since the last finished review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScoreShift {
    pub account_id: i64,
    /// The account's id in the CRM.
    pub account_key: String,
    pub account: String,
    pub before: f64,
    pub after: f64,
    pub stage: String,
    /// The strongest reason behind today's score.
    pub why: String,
}

/// A rep's book against their capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RepLoad {
    pub rep_id: i64,
    pub rep: String,
    pub accounts: u32,
    pub capacity: u32,
}

/// What changed since the last review, and the moves proposed for today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DailyReview {
    /// The date of the scores reviewed, `YYYY-MM-DD`.
    pub as_of: String,
    /// When the last review was finished; `None` before the first one.
    pub since: Option<String>,
    pub surged: Vec<ScoreShift>,
    pub cooled: Vec<ScoreShift>,
    pub over_capacity: Vec<RepLoad>,
    /// Reps with room while accounts worth working wait in the pool.
    pub with_room: Vec<RepLoad>,
    pub proposals: Vec<ReviewProposal>,
    /// Most moves a day, and how many were accepted today already.
    pub budget: u32,
    pub moved_today: u32,
}

/// One proposed move as the director saw it: the account and where it was to go (`None`, the
/// pool).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewMove {
    pub account_id: i64,
    pub to_rep: Option<i64>,
}

/// The director's answer to a review's proposals: `accept` of `None` accepts them all;
/// `reject` lists the ones turned down, which are not proposed again until the account's
/// readiness moves on. Proposals in neither list are left for the next review. A named move
/// that is no longer proposed as shown refuses the whole answer, so nothing unseen is applied.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct ApplyReviewInput {
    pub accept: Option<Vec<ReviewMove>>,
    #[serde(default)]
    pub reject: Vec<ReviewMove>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewApplied {
    pub applied: u32,
    pub rejected: u32,
    pub history: HistoryState,
}

/// Which page of the audit log to show; `account_id` keeps the entries that changed it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct AuditQuery {
    pub account_id: Option<i64>,
    pub offset: u32,
    pub limit: u32,
}

/// One journal entry: a manual move or lock, a plan, or an accepted review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    pub id: i64,
    /// When it was done, as stored (RFC 3339, UTC).
    pub at: String,
    /// `move`, `lock`, `unlock`, `assign` or `review`.
    pub action: String,
    /// What was done, in words, e.g. "move 3 accounts to Ana Ortiz".
    pub label: String,
    /// `done`, `undone` (may be redone) or `dropped` (undone, then replaced by a new action).
    pub state: String,
    /// How many accounts it changed.
    pub changes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditPage {
    /// Entries in all, for the query; the page holds some of them.
    pub total: u32,
    pub entries: Vec<AuditEntry>,
}

/// One account's owner before and after an entry, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditChange {
    pub account_id: i64,
    /// The account's id in the CRM.
    pub account_key: String,
    pub account: String,
    /// A rep's name, or "Pool".
    pub from: String,
    pub to: String,
    pub locked: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntryDetail {
    pub id: i64,
    /// Accounts the entry changed; `changes` holds the first 500.
    pub total: u32,
    pub changes: Vec<AuditChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditExportInput {
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditExported {
    pub path: String,
    /// Rows written: one per account changed by each entry.
    pub rows: u32,
}

/// The constraints a quarterly realignment is built under, set on screen.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct RealignInput {
    /// When the new plan takes effect, `YYYY-MM-DD`; the first day of next quarter when `None`.
    pub effective: Option<String>,
    /// The balance band, as a fraction of the mean; the plan settings' band when `None`.
    pub band: Option<f64>,
    /// Keep the active plan's locked accounts where they are.
    pub keep_locks: bool,
}

/// One rep's book in the active plan and in the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DraftRep {
    pub rep_id: i64,
    pub rep: String,
    pub active_accounts: u32,
    pub draft_accounts: u32,
    /// Accounts the draft gives this rep that the active plan does not, and takes away.
    pub moves_in: u32,
    pub moves_out: u32,
    pub active_value: f64,
    pub draft_value: f64,
}

/// The draft beside the active plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DraftComparison {
    pub draft: PlanInfo,
    pub active: PlanInfo,
    pub reps: Vec<DraftRep>,
    pub active_balance: Balance,
    pub draft_balance: Balance,
    /// Expected value in books.
    pub active_value: f64,
    pub draft_value: f64,
    /// Accounts whose owner differs between the two (the pool counts as an owner).
    pub moves: u32,
    /// Share of the active plan's booked accounts that keep their rep in the draft.
    pub continuity: f64,
    pub headline: String,
    /// The journal's latest edit in effect when this was read; any move, review, undo or redo
    /// since changes it, and activation checks it.
    pub version: i64,
}

/// The draft the director saw and means to activate, with the `version` it was shown at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivateInput {
    pub draft_id: i64,
    pub version: i64,
}

/// A draft made active.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Activation {
    pub plan: PlanInfo,
    pub moves: u32,
    /// The copy of the workspace taken before; `None` for a workspace held only in memory.
    pub backup: Option<String>,
    pub history: HistoryState,
}

// CRM change-sets and the scheduled refresh

/// A rep and the user id the CRM knows them by, which owner updates for the CRM need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CrmUserId {
    pub rep_id: i64,
    pub rep: String,
    /// `None` until a reps sheet or the director gives it.
    pub crm_user_id: Option<String>,
}

/// The file a change-set is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeSetFormat {
    /// A Salesforce owner-update CSV: `Id`, `OwnerId` (the owner's CRM user id).
    Salesforce,
    /// A HubSpot companies import CSV: `Record ID`, `Company owner` (the owner's CRM user id,
    /// else the rep's name).
    Hubspot,
    /// A workbook for people: account, from, to, when and why.
    Xlsx,
}

/// Writes the owner changes of the active plan since a date or since an earlier plan; with
/// neither, the changes since the active plan began.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ChangeSetInput {
    pub path: String,
    pub format: ChangeSetFormat,
    /// `YYYY-MM-DD`: changes made on or after this day, local time.
    pub since_date: Option<String>,
    /// The id of an earlier plan to compare the active plan with.
    pub since_plan: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChangeSetWritten {
    pub path: String,
    /// Accounts written.
    pub rows: u32,
    /// Owner changes the format cannot carry (moves to the pool in a CRM file).
    pub left_out: u32,
    /// What was compared and what was left out, in a sentence for the director.
    pub note: String,
}

/// A file of the watched folder that could not be imported; the workspace is as it was
/// before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RefreshFailure {
    pub file: String,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
}

/// What a scheduled refresh did: the new files it imported, rescoring, and the review written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RefreshReport {
    /// The watched folder.
    pub folder: String,
    /// The new files imported, in the order they were loaded.
    pub imported: Vec<FileReport>,
    /// Row problems of the imported files.
    pub problems: Vec<ImportProblem>,
    /// Files imported by an earlier refresh, left alone.
    pub already_imported: u32,
    pub failed: Vec<RefreshFailure>,
    /// Accounts scored, as of `as_of`.
    pub scored: u32,
    pub as_of: String,
    /// The daily review's JSON file.
    pub review: String,
    pub proposals: u32,
}

/// An account of a group that looks like one company, with the raw values to compare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DuplicateAccount {
    pub id: i64,
    /// The CRM id, or the name when the sheet had no id.
    pub key: String,
    pub name: String,
    /// The website or domain, as imported.
    pub website: Option<String>,
    pub opportunities: u32,
}

/// Accounts that look like one company, proposed for merging by an import. Nothing is merged
/// until the director accepts; kept apart, they are not proposed together again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergeProposal {
    pub id: i64,
    /// What the accounts have in common, in words.
    pub reason: String,
    /// When an import proposed it, RFC 3339.
    pub proposed_at: String,
    /// Oldest first; the first is the one kept unless another is chosen.
    pub accounts: Vec<DuplicateAccount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergeInput {
    pub proposal: i64,
    /// The account to keep; the proposal's first when `None`.
    pub keep: Option<i64>,
}

/// What merging a proposal did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergeResult {
    /// The account kept, which now holds the others' deals, activity and placements.
    pub kept: i64,
    pub name: String,
    /// Accounts merged into it.
    pub merged: u32,
    pub opportunities_moved: u32,
    pub signals_moved: u32,
    /// The day the workspace was rescored as of, so that the company is scored once; `None`
    /// when nothing had been scored yet.
    pub rescored_as_of: Option<String>,
}

/// A record merged into an account, as it was imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergedRecord {
    pub key: String,
    pub name: String,
    pub website: Option<String>,
}

// Backups and the workspace's health

/// Why a backup copy was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKindName {
    Import,
    Activation,
    Migration,
    Daily,
    Manual,
    Restore,
    /// A damaged workspace, set aside by a restore; kept, never offered for restoring.
    Damaged,
}

/// One backup copy of the workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub path: String,
    /// The file name, which `terrain restore` also takes.
    pub name: String,
    pub kind: BackupKindName,
    /// Why it was taken, for people: "before importing accounts.csv".
    pub reason: String,
    /// When it was taken, RFC 3339 in UTC.
    pub taken: String,
    pub bytes: u64,
    pub restorable: bool,
}

/// Whether the workspace file is sound, and the backup to restore when it is not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceHealth {
    pub path: String,
    /// What is wrong with the file; `None` when it is sound. A damaged workspace is open
    /// read-only.
    pub damage: Option<String>,
    /// The newest backup that can be restored.
    pub latest_backup: Option<BackupInfo>,
}

/// Restores the backup at `backup` (a path, or a file name in the backup folder).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestoreInput {
    pub backup: String,
}

/// A restore done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Restored {
    pub restored: BackupInfo,
    /// The copy of the state the restore replaced (the damaged file, when it was damaged).
    pub replaced: Option<BackupInfo>,
}
