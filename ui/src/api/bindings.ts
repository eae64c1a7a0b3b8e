// Generated from crates/terrain/src/views.rs by `make bindings`. Do not edit.

export type SheetKindName = "accounts" | "reps" | "opportunities" | "signals" | "products";

export type FieldMap = { field: string, header: string, };

export type ImportInput = { paths: Array<string>, 
/**
 * Forces the kind of every file; `None` detects it from the headers.
 */
kind: SheetKindName | null, map: Array<FieldMap>, 
/**
 * How to read columns whose values read two ways, for every file.
 */
columns: Array<ColumnReading>, 
/**
 * Settings of single files, as the mapping screen sets them; they win over the above
 * and over what was saved for the file's source.
 */
files: Array<FileSettings>, };

export type DecimalName = "dot" | "comma";

export type DateOrderName = "day_first" | "month_first";

export type ColumnReading = { header: string, decimal: DecimalName | null, date_order: DateOrderName | null, serial_dates: boolean, };

export type FileSettings = { path: string, kind: SheetKindName | null, 
/**
 * The worksheet of a workbook; `None` reads the first visible one.
 */
sheet: string | null, map: Array<FieldMap>, 
/**
 * Headers kept as custom fields even where they would map to a field by themselves.
 */
unmapped: Array<string>, columns: Array<ColumnReading>, };

export type SheetChoice = { name: string, hidden: boolean, };

export type QuestionKind = "date_order" | "decimal";

export type ColumnView = { header: string, 
/**
 * The field it maps to; `None` keeps it as a custom field (or skips it, for kinds
 * without custom fields).
 */
field: string | null, 
/**
 * The first few distinct values.
 */
samples: Array<string>, 
/**
 * Set when the column's values read two ways and nothing settles them.
 */
question: QuestionKind | null, 
/**
 * The value that reads two ways, and its row.
 */
example: string | null, example_row: number | null, 
/**
 * How the column will be read, as settled so far.
 */
reading: ColumnReading, };

export type FileView = { path: string, file: string, 
/**
 * The kind, as given or detected; `None` when it could not be settled (see `error`).
 */
kind: SheetKindName | null, 
/**
 * Why the file cannot be read as set up, with what to do about it.
 */
error: string | null, rows: number, sheets: Array<SheetChoice>, sheet: string | null, 
/**
 * Whether the settings came from an earlier import of the same source.
 */
saved: boolean, 
/**
 * The fields of the kind, for the mapping choices.
 */
fields: Array<string>, columns: Array<ColumnView>, 
/**
 * The settings that produce this view, to edit and send back with the import.
 */
settings: FileSettings, };

export type ImportPreview = { files: Array<FileView>, };

export type ImportProgress = { file: string, 
/**
 * Files finished before this one, out of `files`.
 */
file_index: number, files: number, rows_done: number, 
/**
 * An estimate from the file's size while `rows_exact` is false: a large text file is
 * counted as it is read.
 */
rows_total: number, rows_exact: boolean, };

export type ImportProblem = { file: string, row: number | null, column: string | null, message: string, 
/**
 * True when the row was left out of the import; false for a warning on a kept row.
 */
rejected: boolean, };

export type FileReport = { file: string, kind: SheetKindName, rows_read: number, imported: number, rejected: number, 
/**
 * Headers kept as custom fields because they map to no known field.
 */
custom_fields: Array<string>, };

export type ImportReport = { files: Array<FileReport>, problems: Array<ImportProblem>, };

export type PlanInfo = { id: number, name: string, 
/**
 * `draft`, `active` or `archived`.
 */
status: string, 
/**
 * The date the plan takes effect, `YYYY-MM-DD`.
 */
effective: string, };

export type ImportLogEntry = { 
/**
 * When the import ran, RFC 3339.
 */
at: string, file: string, kind: SheetKindName, rows: number, rejected: number, };

export type WorkspaceSummary = { path: string, reps: number, accounts: number, opportunities: number, signals: number, products: number, 
/**
 * Opportunities whose account cell was blank or named no known account.
 */
opportunities_without_account: number, 
/**
 * The date of the latest score snapshot, `YYYY-MM-DD`.
 */
scored_as_of: string | null, active_plan: PlanInfo | null, assigned: number, pooled: number, recent_imports: Array<ImportLogEntry>, 
/**
 * How readiness is computed now, in a sentence for the director.
 */
scoring_note: string, };

export type BackupKindName = "import" | "activation" | "migration" | "daily" | "manual" | "restore" | "damaged";

export type BackupInfo = { path: string, 
/**
 * The file name, which `terrain restore` also takes.
 */
name: string, kind: BackupKindName, 
/**
 * Why it was taken, for people: "before importing accounts.csv".
 */
reason: string, 
/**
 * When it was taken, RFC 3339 in UTC.
 */
taken: string, bytes: number, restorable: boolean, };

export type WorkspaceHealth = { path: string, 
/**
 * What is wrong with the file; `None` when it is sound. A damaged workspace is open
 * read-only.
 */
damage: string | null, 
/**
 * The newest backup that can be restored.
 */
latest_backup: BackupInfo | null, };

export type RestoreInput = { backup: string, };

export type Restored = { restored: BackupInfo, 
/**
 * The copy of the state the restore replaced (the damaged file, when it was damaged).
 */
replaced: BackupInfo | null, };

export type Reason = { text: string, effect: number, };

export type AccountSort = "name" | "readiness" | "expected_value" | "owner" | "industry" | "revenue" | "employees";

export type AccountQuery = { 
/**
 * Matched case-insensitively against name, id, industry, location and owner.
 */
search: string, sort: AccountSort, descending: boolean, offset: number, limit: number, };

export type AccountRow = { id: number, 
/**
 * The CRM id, or the name when the sheet had no id.
 */
key: string, name: string, industry: string | null, location: string | null, employees: number | null, revenue: number | null, owner_id: number | null, 
/**
 * `None` when the account waits in the pool.
 */
owner: string | null, locked: boolean, readiness: number, 
/**
 * `cold`, `aware`, `considering`, `deciding` or `buying`.
 */
stage: string, expected_value: number, reasons: Array<Reason>, 
/**
 * The records merged into this one, as they were imported, oldest merge first.
 */
merged_from: Array<MergedRecord>, };

export type AccountPage = { 
/**
 * How many accounts match the search, across all pages.
 */
total: number, rows: Array<AccountRow>, };

export type Card = { id: number, name: string, industry: string | null, readiness: number, stage: string, expected_value: number, locked: boolean, 
/**
 * The strongest reason behind the score.
 */
top_reason: string | null, };

export type RepColumn = { id: number, name: string, team: string | null, region: string | null, capacity: number, expected_value: number, 
/**
 * Cards sorted by readiness, highest first.
 */
accounts: Array<Card>, };

export type Balance = { reps: number, assigned: number, pooled: number, total_expected_value: number, mean_expected_value: number, 
/**
 * Coefficient of variation of expected value per rep.
 */
cv_expected_value: number, gini_expected_value: number, 
/**
 * Largest over smallest expected value per rep; `None` when a rep holds nothing.
 */
max_min_expected_value: number | null, cv_accounts: number, max_min_accounts: number | null, 
/**
 * The allowed spread around the mean expected value, as a fraction (0.15 = ±15%).
 */
band: number, reps_outside_band: number, reps_over_capacity: number, };

export type HistoryState = { can_undo: boolean, can_redo: boolean, 
/**
 * What undo would revert, e.g. "move 3 accounts to Ana Ortiz".
 */
undo_label: string | null, redo_label: string | null, };

export type Board = { plan: PlanInfo | null, reps: Array<RepColumn>, pool: Array<Card>, balance: Balance, history: HistoryState, };

export type MoveInput = { account_ids: Array<number>, 
/**
 * The receiving rep; `None` sends the accounts to the pool.
 */
to_rep: number | null, 
/**
 * Edit the quarterly draft instead of the active plan.
 */
draft?: boolean, };

export type MoveResult = { moved: number, balance: Balance, history: HistoryState, };

export type LockInput = { account_ids: Array<number>, locked: boolean, 
/**
 * Edit the quarterly draft instead of the active plan.
 */
draft?: boolean, };

export type PlanChange = { plan: PlanInfo, moved: number, assigned: number, pooled: number, 
/**
 * The summed expected value of the accounts in books.
 */
expected_value: number, 
/**
 * How far the plan may be from the best possible, as a share: `(bound − plan) / bound`.
 * `None` when the balance band cannot be met for every rep.
 */
bound_gap: number | null, 
/**
 * Reps whose expected value the band could not be met for.
 */
outside_band: number, };

export type SegmentBy = "region" | "country" | "state" | "industry" | "custom";

export type PlanningSettings = { 
/**
 * Allowed spread of each rep's expected value around the team mean, as a fraction
 * (0.15 = ±15%), between 0 and 1.
 */
band: number, 
/**
 * Whether the band binds; without it only capacity limits a book.
 */
enforce_band: boolean, 
/**
 * Accounts below this readiness (0 to 1) wait in the pool.
 */
pool_below: number, 
/**
 * The cost of any move, as a share of the mean account's expected value.
 */
move_cost: number, 
/**
 * What an open opportunity adds to the cost of moving its account.
 */
open_deal_cost: number, 
/**
 * What contact with the owner in the last 30 days adds to it.
 */
recent_contact_cost: number, segment_by: SegmentBy, 
/**
 * The custom column when `segment_by` is `custom`, e.g. "Language".
 */
segment_field: string | null, 
/**
 * How well a rep outside an account's segment fits it (0 to 1); `None` forbids such
 * reps the account.
 */
outside_segment_fit: number | null, 
/**
 * The capacity of reps the reps sheet gives none; `None` lets Terrain size it from the
 * accounts worth working.
 */
default_capacity: number | null, };

export type PlanningForm = { settings: PlanningSettings, 
/**
 * What "reset" restores.
 */
defaults: PlanningSettings, 
/**
 * Custom columns of the accounts sheet, alphabetical: the other segments on offer.
 */
account_fields: Array<string>, 
/**
 * Custom columns of the reps sheet, alphabetical. A rep covers the values of the column
 * named like the segment (region is the reps' own region column).
 */
rep_fields: Array<string>, 
/**
 * The capacity Terrain would give reps without one, when no override is set.
 */
computed_capacity: number, };

export type Strategy = "static" | "round-robin" | "dynamic" | "realignment";

export type StrategyBalance = { 
/**
 * Coefficient of variation of expected value per rep.
 */
cv: number, gini: number, 
/**
 * Largest over smallest expected value per rep; `None` when a rep holds nothing.
 */
max_min: number | null, 
/**
 * Reps whose expected value lies outside the band around the team mean.
 */
reps_outside_band: number, };

export type StrategyFigures = { name: Strategy, 
/**
 * Readiness times potential, summed over the accounts in books.
 */
expected_value: number, 
/**
 * That value as a share of the expected value of every account, pooled ones included.
 */
expected_value_share: number, in_books: number, pooled: number, balance: StrategyBalance, 
/**
 * Accounts whose owner differs from the CRM's; a move into or out of the pool counts.
 */
moves: number, };

export type Comparison = { 
/**
 * The date of the scores the strategies are judged on, `YYYY-MM-DD`.
 */
scored_as_of: string | null, accounts: number, 
/**
 * Active reps with room for accounts.
 */
reps: number, 
/**
 * The expected value of every account, in a book or not.
 */
total_expected_value: number, 
/**
 * Accounts below this readiness are left in the pool by every strategy.
 */
pool_below: number, 
/**
 * The allowed spread around the mean expected value, as a fraction (0.15 = ±15%).
 */
band: number, 
/**
 * What static territories were cut by, e.g. "region, then state" or "country".
 */
static_by: string, 
/**
 * Static, round-robin and dynamic, in that order.
 */
strategies: Array<StrategyFigures>, 
/**
 * Dynamic against static in one sentence, for the director.
 */
headline: string, };

export type ActivityKind = { kind: string, label: string, weight: number, half_life_days: number, };

export type Criterion = { 
/**
 * `industry`, `employees`, `revenue`, `country`, `state`, `region`, or a custom field's
 * header.
 */
field: string, 
/**
 * Text values that match, in any case; empty for a numeric band.
 */
values: Array<string>, min: number | null, max: number | null, weight: number, };

export type ScoringSettings = { kinds: Array<ActivityKind>, 
/**
 * Weight and half-life for kinds not listed, such as a CRM's own activity types.
 */
other_weight: number, other_half_life_days: number, 
/**
 * How many closed deals' worth of the base rate an account's own record is blended with.
 */
history_prior: number, fit_prior: number, 
/**
 * The ideal customer profile. Empty: fit is learned from win rates by industry and size.
 */
icp: Array<Criterion>, 
/**
 * Intent topics the director cares about; a surge on them raises readiness.
 */
intent_topics: Array<string>, };

export type ScoreHistoryPoint = { 
/**
 * `YYYY-MM-DD`.
 */
as_of: string, readiness: number, fit: number, engagement: number, intent: number, stage: string, };

export type ScoreHistory = { account_id: number, 
/**
 * Oldest first.
 */
points: Array<ScoreHistoryPoint>, };

export type StageChange = { from: string, to: string, accounts: number, };

export type ScoringPreview = { 
/**
 * The date scored, the current snapshot's.
 */
as_of: string, accounts: number, 
/**
 * Accounts whose stage would change.
 */
changed: number, 
/**
 * The changes, most common first.
 */
changes: Array<StageChange>, 
/**
 * When readiness comes from the model, the settings change fit, engagement and intent
 * but not readiness or stage.
 */
readiness_from_model: boolean, note: string, };

export type ScoringForm = { settings: ScoringSettings, defaults: ScoringSettings, 
/**
 * Headers of the accounts' custom fields, alphabetical.
 */
custom_fields: Array<string>, };

export type ScoringResult = { 
/**
 * The date scored, `YYYY-MM-DD`.
 */
as_of: string, accounts: number, 
/**
 * Accounts whose stage changed.
 */
changed: number, 
/**
 * How readiness is computed now, in a sentence for the director.
 */
note: string, };

export type ScoreChart = { account_id: number, title: string, 
/**
 * The dates the chart covers, e.g. "3 snapshots, 30 Jun 2017 – 31 Dec 2017".
 */
subtitle: string, svg: string, };

export type CandidateModel = { model: string, auc: number, };

export type CalibrationBin = { from: number, to: number, rows: number, 
/**
 * Mean predicted probability; `None` for an empty bin.
 */
predicted: number | null, 
/**
 * Share that really converted.
 */
observed: number | null, };

export type Decile = { decile: number, rows: number, rate: number, 
/**
 * `rate` over the holdout's overall rate.
 */
lift: number, };

export type Importance = { feature: string, 
/**
 * Share of the model's total importance, 0 to 1.
 */
importance: number, };

export type Suspect = { feature: string, reason: string, 
/**
 * How well the column alone ranks outcomes.
 */
auc: number, };

export type ModelReport = { 
/**
 * The model that scores readiness, or `None` when readiness is rule-based.
 */
model: string | null, 
/**
 * One sentence on what readiness is based on, for the director.
 */
message: string, outcomes: number, won: number, lost: number, training_rows: number, holdout_rows: number, 
/**
 * `time` (the latest rows by date) or `random` (a seeded 30%).
 */
holdout: string, 
/**
 * The chosen model's AUC on the holdout.
 */
auc: number | null, 
/**
 * Every model tried, with its holdout AUC.
 */
candidates: Array<CandidateModel>, calibration: Array<CalibrationBin>, lift: Array<Decile>, importances: Array<Importance>, leakage_suspects: Array<Suspect>, };

export type ScoreShift = { account_id: number, 
/**
 * The account's id in the CRM.
 */
account_key: string, account: string, before: number, after: number, stage: string, 
/**
 * The strongest reason behind today's score.
 */
why: string, };

export type RepLoad = { rep_id: number, rep: string, accounts: number, capacity: number, };

export type ReviewProposal = { account_id: number, 
/**
 * The account's id in the CRM, for scripts that update it there.
 */
account_key: string, account: string, 
/**
 * The rep the account leaves; empty for the pool.
 */
from: string, 
/**
 * The rep the account joins; empty for the pool.
 */
to: string, from_rep: number | null, to_rep: number | null, reason: string, };

export type DailyReview = { 
/**
 * The date of the scores reviewed, `YYYY-MM-DD`.
 */
as_of: string, 
/**
 * When the last review was finished; `None` before the first one.
 */
since: string | null, surged: Array<ScoreShift>, cooled: Array<ScoreShift>, over_capacity: Array<RepLoad>, 
/**
 * Reps with room while accounts worth working wait in the pool.
 */
with_room: Array<RepLoad>, proposals: Array<ReviewProposal>, 
/**
 * Most moves a day, and how many were accepted today already.
 */
budget: number, moved_today: number, };

export type ReviewMove = { account_id: number, to_rep: number | null, };

export type ApplyReviewInput = { accept: Array<ReviewMove> | null, reject: Array<ReviewMove>, };

export type ReviewApplied = { applied: number, rejected: number, history: HistoryState, };

export type AuditQuery = { account_id: number | null, offset: number, limit: number, };

export type AuditEntry = { id: number, 
/**
 * When it was done, as stored (RFC 3339, UTC).
 */
at: string, 
/**
 * `move`, `lock`, `unlock`, `assign` or `review`.
 */
action: string, 
/**
 * What was done, in words, e.g. "move 3 accounts to Ana Ortiz".
 */
label: string, 
/**
 * `done`, `undone` (may be redone) or `dropped` (undone, then replaced by a new action).
 */
state: string, 
/**
 * How many accounts it changed.
 */
changes: number, };

export type AuditPage = { 
/**
 * Entries in all, for the query; the page holds some of them.
 */
total: number, entries: Array<AuditEntry>, };

export type AuditChange = { account_id: number, 
/**
 * The account's id in the CRM.
 */
account_key: string, account: string, 
/**
 * A rep's name, or "Pool".
 */
from: string, to: string, locked: boolean, reason: string, };

export type AuditEntryDetail = { id: number, 
/**
 * Accounts the entry changed; `changes` holds the first 500.
 */
total: number, changes: Array<AuditChange>, };

export type AuditExportInput = { path: string, };

export type AuditExported = { path: string, 
/**
 * Rows written: one per account changed by each entry.
 */
rows: number, };

export type RealignInput = { 
/**
 * When the new plan takes effect, `YYYY-MM-DD`; the first day of next quarter when `None`.
 */
effective: string | null, 
/**
 * The balance band, as a fraction of the mean; the plan settings' band when `None`.
 */
band: number | null, 
/**
 * Keep the active plan's locked accounts where they are.
 */
keep_locks: boolean, };

export type DraftRep = { rep_id: number, rep: string, active_accounts: number, draft_accounts: number, 
/**
 * Accounts the draft gives this rep that the active plan does not, and takes away.
 */
moves_in: number, moves_out: number, active_value: number, draft_value: number, };

export type DraftComparison = { draft: PlanInfo, active: PlanInfo, reps: Array<DraftRep>, active_balance: Balance, draft_balance: Balance, 
/**
 * Expected value in books.
 */
active_value: number, draft_value: number, 
/**
 * Accounts whose owner differs between the two (the pool counts as an owner).
 */
moves: number, 
/**
 * Share of the active plan's booked accounts that keep their rep in the draft.
 */
continuity: number, headline: string, 
/**
 * The journal's latest edit in effect when this was read; any move, review, undo or redo
 * since changes it, and activation checks it.
 */
version: number, };

export type ActivateInput = { draft_id: number, version: number, };

export type Activation = { plan: PlanInfo, moves: number, 
/**
 * The copy of the workspace taken before; `None` for a workspace held only in memory.
 */
backup: string | null, history: HistoryState, };

export type ExportInput = { 
/**
 * `.xlsx` or `.csv`, decided by the extension.
 */
path: string, };

export type ExportResult = { path: string, accounts: number, };

export type Period = { from: string | null, to: string | null, };

export type MetricsRow = { name: string, 
/**
 * Accounts in the active plan's books.
 */
accounts: number, 
/**
 * Signals per account in the book over the 30 days up to the period's end.
 */
engagement_30d: number, won: number, lost: number, 
/**
 * won / (won + lost) among opportunities closed in the period; `None` when none closed.
 */
conversion_rate: number | null, 
/**
 * Days from creation to close of won opportunities: the median and the 75th percentile.
 */
median_days_to_close: number | null, p75_days_to_close: number | null, 
/**
 * The sum of won amounts in the period.
 */
won_revenue: number, 
/**
 * Readiness times potential, summed over the book.
 */
expected_value: number, 
/**
 * The share of the workspace's high-readiness accounts (deciding or buying) in this book.
 */
high_readiness_share: number | null, };

export type MetricsReport = { period: Period, 
/**
 * The last date any deal or signal carries, `YYYY-MM-DD`: periods such as "the last 30
 * days" count back from here when the data ends before today.
 */
data_ends: string | null, overall: MetricsRow, by_rep: Array<MetricsRow>, by_team: Array<MetricsRow>, by_region: Array<MetricsRow>, by_plan: Array<MetricsRow>, 
/**
 * How evenly the active plan spreads expected value and accounts.
 */
balance: Balance, };

export type ChartKind = "expected_value_by_rep" | "accounts_by_rep" | "readiness_distribution" | "conversion_by_rep" | "conversion_by_team" | "time_to_close" | "revenue_over_time" | "static_vs_dynamic" | "lift_by_band" | "lorenz";

export type ChartQuery = { kind: ChartKind, period: Period, };

export type SaveChartInput = { kind: ChartKind, period: Period, path: string, };

export type ReviewPackInput = { folder: string, period: Period, };

export type ReviewPackResult = { folder: string, files: Array<string>, };

export type Chart = { kind: ChartKind, title: string, 
/**
 * What the chart covers, for a slide's subtitle, e.g. "1 Jan 2017 – 31 Dec 2017".
 */
subtitle: string, svg: string, };

export type ErrorCode = "bad_input" | "not_found" | "conflict" | "io" | "storage" | "cancelled" | "read_only" | "damaged";

export type ErrorPayload = { code: ErrorCode, message: string, };

export type CrmUserId = { rep_id: number, rep: string, 
/**
 * `None` until a reps sheet or the director gives it.
 */
crm_user_id: string | null, };

export type ChangeSetFormat = "salesforce" | "hubspot" | "xlsx";

export type ChangeSetInput = { path: string, format: ChangeSetFormat, 
/**
 * `YYYY-MM-DD`: changes made on or after this day, local time.
 */
since_date: string | null, 
/**
 * The id of an earlier plan to compare the active plan with.
 */
since_plan: number | null, };

export type ChangeSetWritten = { path: string, 
/**
 * Accounts written.
 */
rows: number, 
/**
 * Owner changes the format cannot carry (moves to the pool in a CRM file).
 */
left_out: number, 
/**
 * What was compared and what was left out, in a sentence for the director.
 */
note: string, };

export type RefreshFailure = { file: string, row: number | null, column: string | null, message: string, };

export type RefreshReport = { 
/**
 * The watched folder.
 */
folder: string, 
/**
 * The new files imported, in the order they were loaded.
 */
imported: Array<FileReport>, 
/**
 * Row problems of the imported files.
 */
problems: Array<ImportProblem>, 
/**
 * Files imported by an earlier refresh, left alone.
 */
already_imported: number, failed: Array<RefreshFailure>, 
/**
 * Accounts scored, as of `as_of`.
 */
scored: number, as_of: string, 
/**
 * The daily review's JSON file.
 */
review: string, proposals: number, };

export type MergedRecord = { key: string, name: string, website: string | null, };

export type DuplicateAccount = { id: number, 
/**
 * The CRM id, or the name when the sheet had no id.
 */
key: string, name: string, 
/**
 * The website or domain, as imported.
 */
website: string | null, opportunities: number, };

export type MergeProposal = { id: number, 
/**
 * What the accounts have in common, in words.
 */
reason: string, 
/**
 * When an import proposed it, RFC 3339.
 */
proposed_at: string, 
/**
 * Oldest first; the first is the one kept unless another is chosen.
 */
accounts: Array<DuplicateAccount>, };

export type MergeInput = { proposal: number, 
/**
 * The account to keep; the proposal's first when `None`.
 */
keep: number | null, };

export type MergeResult = { 
/**
 * The account kept, which now holds the others' deals, activity and placements.
 */
kept: number, name: string, 
/**
 * Accounts merged into it.
 */
merged: number, opportunities_moved: number, signals_moved: number, 
/**
 * The day the workspace was rescored as of, so that the company is scored once; `None`
 * when nothing had been scored yet.
 */
rescored_as_of: string | null, };
