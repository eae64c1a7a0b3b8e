//! The one door between the UI and the Rust side. Components and hooks call the typed
//! functions below; only this module knows about Tauri, so tests and the `?fake` dev mode can
//! swap in an in-memory backend. Every rejection is normalised into an `ErrorPayload`.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

import type {
  AccountPage,
  AccountQuery,
  Board,
  Chart,
  ChartKind,
  ErrorCode,
  ErrorPayload,
  ExportInput,
  ExportResult,
  HistoryState,
  ImportInput,
  ImportReport,
  LockInput,
  MetricsReport,
  MoveInput,
  MoveResult,
  PlanChange,
  WorkspaceSummary,
} from './bindings';

export type * from './bindings';

export type ExportFormat = 'xlsx' | 'csv';

/** Everything the UI can ask of the application, one method per Tauri command. */
export interface Backend {
  workspaceSummary(): Promise<WorkspaceSummary>;
  pickImportFiles(): Promise<string[]>;
  importFiles(input: ImportInput): Promise<ImportReport>;
  listAccounts(query: AccountQuery): Promise<AccountPage>;
  board(): Promise<Board>;
  moveAccounts(input: MoveInput): Promise<MoveResult>;
  setLocked(input: LockInput): Promise<HistoryState>;
  undo(): Promise<HistoryState>;
  redo(): Promise<HistoryState>;
  replan(): Promise<PlanChange>;
  pickExportPath(format: ExportFormat): Promise<string | null>;
  exportPlan(input: ExportInput): Promise<ExportResult>;
  metrics(): Promise<MetricsReport>;
  chart(kind: ChartKind): Promise<Chart>;
  /** Calls `handler` whenever the workspace changed; resolves to an unsubscribe function. */
  onWorkspaceChanged(handler: () => void): Promise<() => void>;
}

export const WORKSPACE_CHANGED = 'workspace-changed';

export const tauriBackend: Backend = {
  workspaceSummary: () => invoke<WorkspaceSummary>('workspace_summary'),
  pickImportFiles: () => invoke<string[]>('pick_import_files'),
  importFiles: (input) => invoke<ImportReport>('import_files', { input }),
  listAccounts: (query) => invoke<AccountPage>('list_accounts', { query }),
  board: () => invoke<Board>('board'),
  moveAccounts: (input) => invoke<MoveResult>('move_accounts', { input }),
  setLocked: (input) => invoke<HistoryState>('set_locked', { input }),
  undo: () => invoke<HistoryState>('undo'),
  redo: () => invoke<HistoryState>('redo'),
  replan: () => invoke<PlanChange>('replan'),
  pickExportPath: (format) => invoke<string | null>('pick_export_path', { format }),
  exportPlan: (input) => invoke<ExportResult>('export_plan', { input }),
  metrics: () => invoke<MetricsReport>('metrics'),
  chart: (kind) => invoke<Chart>('chart', { kind }),
  onWorkspaceChanged: (handler) => listen(WORKSPACE_CHANGED, () => handler()),
};

let current: Backend = tauriBackend;

/** Replaces the backend; tests and the `?fake` mode call this before rendering. */
export function setBackend(backend: Backend): void {
  current = backend;
}

const ERROR_CODES: readonly ErrorCode[] = ['bad_input', 'not_found', 'conflict', 'io', 'storage'];

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
  pickImportFiles: () => call((b) => b.pickImportFiles()),
  importFiles: (input: ImportInput) => call((b) => b.importFiles(input)),
  listAccounts: (query: AccountQuery) => call((b) => b.listAccounts(query)),
  board: () => call((b) => b.board()),
  moveAccounts: (input: MoveInput) => call((b) => b.moveAccounts(input)),
  setLocked: (input: LockInput) => call((b) => b.setLocked(input)),
  undo: () => call((b) => b.undo()),
  redo: () => call((b) => b.redo()),
  replan: () => call((b) => b.replan()),
  pickExportPath: (format: ExportFormat) => call((b) => b.pickExportPath(format)),
  exportPlan: (input: ExportInput) => call((b) => b.exportPlan(input)),
  metrics: () => call((b) => b.metrics()),
  chart: (kind: ChartKind) => call((b) => b.chart(kind)),
  onWorkspaceChanged: (handler: () => void) => call((b) => b.onWorkspaceChanged(handler)),
};
