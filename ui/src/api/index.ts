//! The one door between the UI and the Rust side. Components and hooks call the typed
//! functions below; only this module knows about Tauri, so tests and the `?fake` dev mode can
//! swap in an in-memory backend. Every rejection is normalised into an `ErrorPayload`.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

import type {
  AccountPage,
  ActivateInput,
  ApplyReviewInput,
  AuditEntryDetail,
  AuditExportInput,
  AuditExported,
  AuditPage,
  AuditQuery,
  BackupInfo,
  DailyReview,
  ReviewApplied,
  ChangeSetFormat,
  ChangeSetInput,
  ChangeSetWritten,
  CrmUserId,
  Activation,
  AccountQuery,
  Board,
  Chart,
  ChartQuery,
  Comparison,
  DraftComparison,
  ErrorCode,
  ErrorPayload,
  ExportInput,
  ExportResult,
  HistoryState,
  ImportInput,
  ImportPreview,
  ImportProgress,
  ImportReport,
  LockInput,
  MergeInput,
  MergeProposal,
  MergeResult,
  MetricsReport,
  ModelReport,
  MoveInput,
  MoveResult,
  Period,
  PlanChange,
  PlanningForm,
  PlanningSettings,
  RealignInput,
  RestoreInput,
  Restored,
  ReviewPackInput,
  ReviewPackResult,
  SaveChartInput,
  ScoreChart,
  ScoringForm,
  ScoringPreview,
  ScoringResult,
  ScoringSettings,
  WorkspaceHealth,
  WorkspaceSummary,
} from './bindings';

export type * from './bindings';

export type ExportFormat = 'xlsx' | 'csv';

/** The file types a chart can be saved as; Rust picks the encoder from the extension. */
export type ChartFormat = 'png' | 'svg';

/** Everything the UI can ask of the application, one method per Tauri command. */
export interface Backend {
  workspaceSummary(): Promise<WorkspaceSummary>;
  /**
   * Whether the workspace file is sound; when damaged, it is read-only. With `check`, a quick
   * check runs first: a screen's read met damage the app has not recorded yet.
   */
  workspaceHealth(check: boolean): Promise<WorkspaceHealth>;
  /** The backup copies, newest first. */
  listBackups(): Promise<BackupInfo[]>;
  /** Makes a verified backup copy now. */
  backUpNow(): Promise<BackupInfo>;
  /** Replaces the workspace with a listed backup, keeping the current state as a backup. */
  restoreBackup(input: RestoreInput): Promise<Restored>;
  pickImportFiles(): Promise<string[]>;
  /** Surveys picked files for the mapping screen: kinds, columns, samples and questions. */
  inspectImport(input: ImportInput): Promise<ImportPreview>;
  /** What the import would land, rolled back: nothing is written. */
  previewImport(input: ImportInput): Promise<ImportReport>;
  /** Imports all or nothing, reporting progress through `onImportProgress`. */
  importFiles(input: ImportInput): Promise<ImportReport>;
  /** Stops the running import, which then rejects with `cancelled` and writes nothing. */
  cancelImport(): Promise<void>;
  listAccounts(query: AccountQuery): Promise<AccountPage>;
  /** Groups of accounts that look like one company, as imports proposed them. */
  mergeProposals(): Promise<MergeProposal[]>;
  /** Merges a group into one account in one transaction, then rescores. */
  mergeAccounts(input: MergeInput): Promise<MergeResult>;
  /** Remembers that a group's accounts are different companies. */
  keepApart(proposal: number): Promise<void>;
  /** The active plan's board, or with `draft` the quarterly draft's. */
  board(draft?: boolean): Promise<Board>;
  moveAccounts(input: MoveInput): Promise<MoveResult>;
  setLocked(input: LockInput): Promise<HistoryState>;
  undo(): Promise<HistoryState>;
  redo(): Promise<HistoryState>;
  replan(): Promise<PlanChange>;
  /** The director's plan settings, their defaults and the columns a segment can come from. */
  planningForm(): Promise<PlanningForm>;
  /** Checks and saves plan settings; rejects with `bad_input` naming the field at fault. */
  savePlanningSettings(settings: PlanningSettings): Promise<PlanningForm>;
  pickExportPath(format: ExportFormat): Promise<string | null>;
  exportPlan(input: ExportInput): Promise<ExportResult>;
  metrics(period: Period): Promise<MetricsReport>;
  chart(query: ChartQuery): Promise<Chart>;
  /** Static territories, round-robin and the dynamic plan, measured alike; changes nothing. */
  compare(): Promise<Comparison>;
  /** Asks where to save a chart, starting from `suggested`; `null` when the user cancels. */
  pickChartPath(format: ChartFormat, suggested: string): Promise<string | null>;
  /** Writes the chart and resolves to the path written. */
  saveChart(input: SaveChartInput): Promise<string>;
  /** Asks for a folder; `null` when the user cancels. */
  pickFolder(): Promise<string | null>;
  exportReviewPack(input: ReviewPackInput): Promise<ReviewPackResult>;
  /** The saved scoring settings, the defaults and the custom fields criteria may name. */
  scoringSettings(): Promise<ScoringForm>;
  /** Counts the stage changes `settings` would make; saves nothing. */
  previewScoring(settings: ScoringSettings): Promise<ScoringPreview>;
  /** Checks and saves `settings`, then rescores on the current snapshot's date. */
  saveScoringSettings(settings: ScoringSettings): Promise<ScoringResult>;
  /** The readiness model's last report; trained once when none is stored yet. */
  modelReport(): Promise<ModelReport>;
  /** The account's scores by snapshot, drawn as SVG by the Rust side. */
  scoreHistoryChart(account: number): Promise<ScoreChart>;
  /** Builds a quarterly draft from scratch, replacing any earlier draft. */
  createRealignment(input: RealignInput): Promise<DraftComparison>;
  /** The draft beside the active plan; `null` when there is no draft. */
  draftComparison(): Promise<DraftComparison | null>;
  /** Backs the workspace up, then makes the draft the active plan; undo reverts it. */
  activateDraft(input: ActivateInput): Promise<Activation>;
  discardDraft(): Promise<boolean>;
  /** What changed since the last review, and today's proposed moves with their reasons. */
  dailyReview(): Promise<DailyReview>;
  /** Accepts and rejects proposals and finishes the review in one transaction. */
  applyReview(input: ApplyReviewInput): Promise<ReviewApplied>;
  /** A page of the audit log, newest first. */
  auditLog(query: AuditQuery): Promise<AuditPage>;
  /** What one audit log entry changed, account by account. */
  auditEntry(id: number, accountId: number | null): Promise<AuditEntryDetail>;
  /** Asks where to save the audit log; `null` when the user cancels. */
  pickAuditPath(): Promise<string | null>;
  exportAuditLog(input: AuditExportInput): Promise<AuditExported>;
  /** Every rep with the user id the CRM knows them by, if any. */
  crmUserIds(): Promise<CrmUserId[]>;
  /** Saves edited CRM user ids in one transaction; an id given to two reps is refused. */
  saveCrmUserIds(ids: CrmUserId[]): Promise<CrmUserId[]>;
  /** Asks where to save a change-set; `null` when the user cancels. */
  pickChangeSetPath(format: ChangeSetFormat): Promise<string | null>;
  /** Writes the owner changes since a day or an earlier plan for the CRM. */
  writeChangeSet(input: ChangeSetInput): Promise<ChangeSetWritten>;
  /** Calls `handler` whenever the workspace changed; resolves to an unsubscribe function. */
  onWorkspaceChanged(handler: () => void): Promise<() => void>;
  /** Calls `handler` after each batch a running import loads; resolves to an unsubscribe. */
  onImportProgress(handler: (progress: ImportProgress) => void): Promise<() => void>;
}

export const WORKSPACE_CHANGED = 'workspace-changed';
export const IMPORT_PROGRESS = 'import-progress';

export const tauriBackend: Backend = {
  workspaceSummary: () => invoke<WorkspaceSummary>('workspace_summary'),
  workspaceHealth: (check) => invoke<WorkspaceHealth>('workspace_health', { check }),
  listBackups: () => invoke<BackupInfo[]>('list_backups'),
  backUpNow: () => invoke<BackupInfo>('back_up_now'),
  restoreBackup: (input) => invoke<Restored>('restore_backup', { input }),
  pickImportFiles: () => invoke<string[]>('pick_import_files'),
  inspectImport: (input) => invoke<ImportPreview>('inspect_import', { input }),
  previewImport: (input) => invoke<ImportReport>('preview_import', { input }),
  importFiles: (input) => invoke<ImportReport>('import_files', { input }),
  cancelImport: () => invoke<null>('cancel_import').then(() => undefined),
  listAccounts: (query) => invoke<AccountPage>('list_accounts', { query }),
  mergeProposals: () => invoke<MergeProposal[]>('merge_proposals'),
  mergeAccounts: (input) => invoke<MergeResult>('merge_accounts', { input }),
  keepApart: (proposal) => invoke<null>('keep_apart', { proposal }).then(() => undefined),
  board: (draft) => invoke<Board>('board', { draft: draft ?? false }),
  moveAccounts: (input) => invoke<MoveResult>('move_accounts', { input }),
  setLocked: (input) => invoke<HistoryState>('set_locked', { input }),
  undo: () => invoke<HistoryState>('undo'),
  redo: () => invoke<HistoryState>('redo'),
  replan: () => invoke<PlanChange>('replan'),
  planningForm: () => invoke<PlanningForm>('planning_form'),
  savePlanningSettings: (settings) => invoke<PlanningForm>('save_planning_settings', { settings }),
  pickExportPath: (format) => invoke<string | null>('pick_export_path', { format }),
  exportPlan: (input) => invoke<ExportResult>('export_plan', { input }),
  metrics: (period) => invoke<MetricsReport>('metrics', { period }),
  chart: (query) => invoke<Chart>('chart', { query }),
  compare: () => invoke<Comparison>('compare'),
  pickChartPath: (format, suggested) =>
    invoke<string | null>('pick_chart_path', { format, suggested }),
  saveChart: (input) => invoke<string>('save_chart', { input }),
  pickFolder: () => invoke<string | null>('pick_folder'),
  exportReviewPack: (input) => invoke<ReviewPackResult>('export_review_pack', { input }),
  scoringSettings: () => invoke<ScoringForm>('scoring_settings'),
  previewScoring: (settings) => invoke<ScoringPreview>('preview_scoring', { settings }),
  saveScoringSettings: (settings) => invoke<ScoringResult>('save_scoring_settings', { settings }),
  modelReport: () => invoke<ModelReport>('model_report'),
  scoreHistoryChart: (account) => invoke<ScoreChart>('score_history_chart', { account }),
  createRealignment: (input) => invoke<DraftComparison>('create_realignment', { input }),
  draftComparison: () => invoke<DraftComparison | null>('draft_comparison'),
  activateDraft: (input) => invoke<Activation>('activate_draft', { input }),
  discardDraft: () => invoke<boolean>('discard_draft'),
  dailyReview: () => invoke<DailyReview>('daily_review'),
  applyReview: (input) => invoke<ReviewApplied>('apply_review', { input }),
  auditLog: (query) => invoke<AuditPage>('audit_log', { query }),
  auditEntry: (id, accountId) => invoke<AuditEntryDetail>('audit_entry', { id, accountId }),
  pickAuditPath: () => invoke<string | null>('pick_audit_path'),
  exportAuditLog: (input) => invoke<AuditExported>('export_audit_log', { input }),
  crmUserIds: () => invoke<CrmUserId[]>('crm_user_ids'),
  saveCrmUserIds: (ids) => invoke<CrmUserId[]>('save_crm_user_ids', { ids }),
  pickChangeSetPath: (format) => invoke<string | null>('pick_change_set_path', { format }),
  writeChangeSet: (input) => invoke<ChangeSetWritten>('write_change_set', { input }),
  onWorkspaceChanged: (handler) => listen(WORKSPACE_CHANGED, () => handler()),
  onImportProgress: (handler) =>
    listen<ImportProgress>(IMPORT_PROGRESS, (event) => handler(event.payload)),
};

let current: Backend = tauriBackend;

/** Replaces the backend; tests and the `?fake` mode call this before rendering. */
export function setBackend(backend: Backend): void {
  current = backend;
}

const ERROR_CODES: readonly ErrorCode[] = [
  'bad_input',
  'not_found',
  'conflict',
  'io',
  'storage',
  'cancelled',
  'read_only',
  'damaged',
];

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Turns anything a call can reject with into `{code, message}`. Rust sends that shape already;
 * a bare string (Tauri's own failures, such as an unknown command) or a JS `Error` becomes an
 * `io` error carrying its text, so the user always sees a message.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (typeof error === 'object' && error !== null) {
    const record = error as Record<string, unknown>;
    const message = record['message'];
    if (typeof message === 'string') {
      const code = record['code'];
      return { code: isErrorCode(code) ? code : 'io', message };
    }
  }
  if (typeof error === 'string' && error.length > 0) {
    return { code: 'io', message: error };
  }
  return { code: 'io', message: 'something went wrong and the app gave no details' };
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return isErrorCode(record['code']) && typeof record['message'] === 'string';
}

async function call<T>(run: (backend: Backend) => Promise<T>): Promise<T> {
  try {
    return await run(current);
  } catch (error) {
    throw toErrorPayload(error);
  }
}

export const api = {
  workspaceSummary: () => call((b) => b.workspaceSummary()),
  workspaceHealth: (check = false) => call((b) => b.workspaceHealth(check)),
  listBackups: () => call((b) => b.listBackups()),
  backUpNow: () => call((b) => b.backUpNow()),
  restoreBackup: (input: RestoreInput) => call((b) => b.restoreBackup(input)),
  pickImportFiles: () => call((b) => b.pickImportFiles()),
  inspectImport: (input: ImportInput) => call((b) => b.inspectImport(input)),
  previewImport: (input: ImportInput) => call((b) => b.previewImport(input)),
  importFiles: (input: ImportInput) => call((b) => b.importFiles(input)),
  cancelImport: () => call((b) => b.cancelImport()),
  listAccounts: (query: AccountQuery) => call((b) => b.listAccounts(query)),
  mergeProposals: () => call((b) => b.mergeProposals()),
  mergeAccounts: (input: MergeInput) => call((b) => b.mergeAccounts(input)),
  keepApart: (proposal: number) => call((b) => b.keepApart(proposal)),
  board: (draft?: boolean) => call((b) => b.board(draft)),
  moveAccounts: (input: MoveInput) => call((b) => b.moveAccounts(input)),
  setLocked: (input: LockInput) => call((b) => b.setLocked(input)),
  undo: () => call((b) => b.undo()),
  redo: () => call((b) => b.redo()),
  replan: () => call((b) => b.replan()),
  planningForm: () => call((b) => b.planningForm()),
  savePlanningSettings: (settings: PlanningSettings) =>
    call((b) => b.savePlanningSettings(settings)),
  pickExportPath: (format: ExportFormat) => call((b) => b.pickExportPath(format)),
  exportPlan: (input: ExportInput) => call((b) => b.exportPlan(input)),
  metrics: (period: Period) => call((b) => b.metrics(period)),
  chart: (query: ChartQuery) => call((b) => b.chart(query)),
  compare: () => call((b) => b.compare()),
  pickChartPath: (format: ChartFormat, suggested: string) =>
    call((b) => b.pickChartPath(format, suggested)),
  saveChart: (input: SaveChartInput) => call((b) => b.saveChart(input)),
  pickFolder: () => call((b) => b.pickFolder()),
  exportReviewPack: (input: ReviewPackInput) => call((b) => b.exportReviewPack(input)),
  scoringSettings: () => call((b) => b.scoringSettings()),
  previewScoring: (settings: ScoringSettings) => call((b) => b.previewScoring(settings)),
  saveScoringSettings: (settings: ScoringSettings) => call((b) => b.saveScoringSettings(settings)),
  modelReport: () => call((b) => b.modelReport()),
  scoreHistoryChart: (account: number) => call((b) => b.scoreHistoryChart(account)),
  createRealignment: (input: RealignInput) => call((b) => b.createRealignment(input)),
  draftComparison: () => call((b) => b.draftComparison()),
  activateDraft: (input: ActivateInput) => call((b) => b.activateDraft(input)),
  discardDraft: () => call((b) => b.discardDraft()),
  dailyReview: () => call((b) => b.dailyReview()),
  applyReview: (input: ApplyReviewInput) => call((b) => b.applyReview(input)),
  auditLog: (query: AuditQuery) => call((b) => b.auditLog(query)),
  auditEntry: (id: number, accountId: number | null) => call((b) => b.auditEntry(id, accountId)),
  pickAuditPath: () => call((b) => b.pickAuditPath()),
  exportAuditLog: (input: AuditExportInput) => call((b) => b.exportAuditLog(input)),
  crmUserIds: () => call((b) => b.crmUserIds()),
  saveCrmUserIds: (ids: CrmUserId[]) => call((b) => b.saveCrmUserIds(ids)),
  pickChangeSetPath: (format: ChangeSetFormat) => call((b) => b.pickChangeSetPath(format)),
  writeChangeSet: (input: ChangeSetInput) => call((b) => b.writeChangeSet(input)),
  onWorkspaceChanged: (handler: () => void) => call((b) => b.onWorkspaceChanged(handler)),
  onImportProgress: (handler: (progress: ImportProgress) => void) =>
    call((b) => b.onImportProgress(handler)),
};
