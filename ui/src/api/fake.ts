//! An in-memory backend with a small, believable book: four reps and forty accounts. It keeps
//! real state for moves, locks, undo and redo so that unit tests exercise the UI's logic, and
//! it powers the `?fake` dev mode. Its figures are plausible, not the engine's: the real
//! scoring, balance and charts live in Rust.

import { describePeriod } from '../lib/period';
import { fakeFileView, fileName, startingSettings } from './fakeImport';
import type { Backend, ChartFormat, ExportFormat } from './index';
import type {
  ActivateInput,
  ApplyReviewInput,
  AuditEntry,
  AuditEntryDetail,
  AuditExportInput,
  AuditExported,
  AuditPage,
  AuditQuery,
  BackupInfo,
  DailyReview,
  ReviewApplied,
  ReviewProposal,
  ChangeSetFormat,
  ChangeSetInput,
  ChangeSetWritten,
  CrmUserId,
  Activation,
  DraftComparison,
  RealignInput,
  AccountPage,
  AccountQuery,
  AccountRow,
  Balance,
  Board,
  Card,
  Chart,
  ChartKind,
  ChartQuery,
  Comparison,
  ErrorPayload,
  ExportInput,
  ExportResult,
  HistoryState,
  FileSettings,
  ImportInput,
  ImportPreview,
  ImportProblem,
  ImportProgress,
  ImportReport,
  LockInput,
  MergedRecord,
  MergeInput,
  MergeProposal,
  MergeResult,
  MetricsReport,
  MetricsRow,
  ModelReport,
  MoveInput,
  MoveResult,
  Period,
  PlanChange,
  PlanInfo,
  PlanningForm,
  PlanningSettings,
  Reason,
  RestoreInput,
  Restored,
  ReviewPackInput,
  ReviewPackResult,
  SaveChartInput,
  ScoreChart,
  ScoreHistory,
  ScoreHistoryPoint,
  ScoringForm,
  ScoringPreview,
  ScoringResult,
  ScoringSettings,
  Strategy,
  StrategyFigures,
  WorkspaceHealth,
  WorkspaceSummary,
} from './bindings';

interface FakeRep {
  id: number;
  name: string;
  team: string;
  region: string;
  capacity: number;
}

interface FakeAccount {
  id: number;
  key: string;
  name: string;
  industry: string;
  location: string;
  employees: number;
  revenue: number;
  readiness: number;
  potential: number;
  reasons: Reason[];
  owner: number | null;
  locked: boolean;
  /** Signals per 30 days, before the seasonal swing `engagementAt` adds. */
  signalRate: number;
  opportunities: FakeOpportunity[];
}

interface FakeOpportunity {
  won: boolean;
  amount: number;
  /** `YYYY-MM-DD`. */
  created: string;
  closed: string;
}

interface Edit {
  label: string;
  undo: () => void;
  redo: () => void;
  /** The journal's action; `move` when not given. */
  action?: string;
  /** Accounts whose owner the edit changed: id, rep before, rep after. */
  changes?: [number, number | null, number | null][];
}

/** Most moves the daily review proposes in a day. */
const REVIEW_BUDGET = 25;

interface JournalRow {
  entry: AuditEntry;
  changes: [number, number | null, number | null][];
}

const REPS: FakeRep[] = [
  { id: 1, name: 'Ana Ortiz', team: 'Enterprise', region: 'West', capacity: 10 },
  { id: 2, name: 'Ben Carter', team: 'Enterprise', region: 'East', capacity: 9 },
  { id: 3, name: 'Chloé Martin', team: 'Mid-Market', region: 'West', capacity: 8 },
  { id: 4, name: 'David Okafor', team: 'Mid-Market', region: 'East', capacity: 8 },
];

const COMPANIES: [string, string, string][] = [
  ['Northwind Logistics', 'Logistics', 'Seattle, WA'],
  ['Bluefin Analytics', 'Software', 'Portland, OR'],
  ['Cedar & Pine Health', 'Healthcare', 'Boston, MA'],
  ['Helios Solar', 'Energy', 'Phoenix, AZ'],
  ['Kestrel Aerospace', 'Manufacturing', 'Wichita, KS'],
  ['Larkspur Foods', 'Consumer Goods', 'Chicago, IL'],
  ['Meridian Bank', 'Financial Services', 'New York, NY'],
  ['Quarry Robotics', 'Manufacturing', 'Pittsburgh, PA'],
  ['Redwood Learning', 'Education', 'Oakland, CA'],
  ['Summit Outdoor', 'Retail', 'Denver, CO'],
  ['Tidewater Shipping', 'Logistics', 'Norfolk, VA'],
  ['Umbra Security', 'Software', 'Austin, TX'],
  ['Vantage Insurance', 'Financial Services', 'Hartford, CT'],
  ['Willow Clinics', 'Healthcare', 'Nashville, TN'],
  ['Xeno Biotech', 'Life Sciences', 'San Diego, CA'],
  ['Yarrow Media', 'Media', 'Los Angeles, CA'],
  ['Zephyr Air', 'Transportation', 'Atlanta, GA'],
  ['Arbor Realty', 'Real Estate', 'Miami, FL'],
  ['Beacon Telecom', 'Telecommunications', 'Dallas, TX'],
  ['Cobalt Mining', 'Mining', 'Salt Lake City, UT'],
  ['Dune Apparel', 'Retail', 'Las Vegas, NV'],
  ['Ember Hospitality', 'Hospitality', 'Orlando, FL'],
  ['Fjord Data', 'Software', 'Minneapolis, MN'],
  ['Granite Construction Co', 'Construction', 'Sacramento, CA'],
  ['Harbor Legal', 'Professional Services', 'Baltimore, MD'],
  ['Iris Optics', 'Manufacturing', 'Rochester, NY'],
  ['Juniper Pharma', 'Life Sciences', 'Raleigh, NC'],
  ['Kite Payments', 'Financial Services', 'San Francisco, CA'],
  ['Lumen Grid', 'Energy', 'Houston, TX'],
  ['Maple Grocers', 'Retail', 'Columbus, OH'],
  ['Nimbus Cloudworks', 'Software', 'Seattle, WA'],
  ['Orchard Farms', 'Agriculture', 'Fresno, CA'],
  ['Pioneer Freight', 'Logistics', 'Memphis, TN'],
  ['Quill Publishing', 'Media', 'Boston, MA'],
  ['Ridge Hospitals', 'Healthcare', 'Cleveland, OH'],
  ['Sable Motors', 'Automotive', 'Detroit, MI'],
  ['Trellis HR', 'Software', 'Boulder, CO'],
  ['Union Water', 'Utilities', 'Philadelphia, PA'],
  ['Vireo Travel', 'Hospitality', 'Honolulu, HI'],
  ['Wrenfield University', 'Education', 'Providence, RI'],
];

const POSITIVE_REASONS = [
  'visited the pricing page 4 times this week',
  'intent surge on "territory planning"',
  'industry matches the ideal customer profile',
  'met with the account team 9 days ago',
  'clicked 3 campaign emails in the last month',
  'headcount in the target band',
  'form fill: demo request',
];

const NEGATIVE_REASONS = [
  'no engagement for 60 days',
  'lost an opportunity last quarter',
  'revenue below the target band',
  'region outside the core market',
];

/** A small deterministic generator, so every fake workspace is the same. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

export function stageOf(readiness: number): string {
  if (readiness >= 0.8) return 'buying';
  if (readiness >= 0.6) return 'deciding';
  if (readiness >= 0.4) return 'considering';
  if (readiness >= 0.2) return 'aware';
  return 'cold';
}

function buildAccounts(count: number): FakeAccount[] {
  const random = seeded(7);
  const rows = Array.from({ length: count }, (_, index) => {
    const base = COMPANIES[index % COMPANIES.length] ?? ['Acme', 'Software', 'Remote'];
    const round = Math.floor(index / COMPANIES.length);
    const name = round === 0 ? base[0] : `${base[0]} ${String(round + 1)}`;
    return [name, base[1], base[2]] as const;
  });
  return rows.map(([name, industry, location], index) => {
    const employees = Math.round(50 + random() * 4950);
    const revenue = Math.round(employees * (80_000 + random() * 220_000));
    const readiness = Math.round(random() * 950) / 1000;
    const potential = Math.round((40_000 + random() * 360_000) / 1000) * 1000;
    const positive = POSITIVE_REASONS[index % POSITIVE_REASONS.length] ?? '';
    const second = POSITIVE_REASONS[(index + 3) % POSITIVE_REASONS.length] ?? '';
    const negative = NEGATIVE_REASONS[index % NEGATIVE_REASONS.length] ?? '';
    const reasons: Reason[] = [
      { text: positive, effect: Math.round((0.05 + readiness * 0.2) * 100) / 100 },
      { text: negative, effect: -Math.round((0.02 + (1 - readiness) * 0.12) * 100) / 100 },
      { text: second, effect: Math.round((0.01 + readiness * 0.06) * 100) / 100 },
    ];
    reasons.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
    const opportunities = Array.from({ length: Math.floor(random() * 4) }, () => {
      const closedAgo = Math.floor(random() * 730);
      const won = random() < 0.25 + readiness * 0.5;
      const days = Math.round(won ? 25 + random() * 110 : 15 + random() * 160);
      return {
        won,
        amount: Math.round((potential * (0.3 + random() * 0.6)) / 500) * 500,
        created: shiftDay(FAKE_TODAY, -(closedAgo + days)),
        closed: shiftDay(FAKE_TODAY, -closedAgo),
      };
    });
    return {
      id: 101 + index,
      key: `ACC-${String(1001 + index)}`,
      name,
      industry,
      location,
      employees,
      revenue,
      readiness,
      potential,
      reasons,
      owner: null,
      locked: false,
      signalRate: Math.round((1 + readiness * 14 + random() * 3) * 10) / 10,
      opportunities,
    };
  });
}

/** The fake workspace's "today": the day its scores were taken. */
const FAKE_TODAY = '2026-12-03';

function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function inPeriod(day: string, period: Period): boolean {
  return (period.from === null || day >= period.from) && (period.to === null || day <= period.to);
}

function fakeError(code: ErrorPayload['code'], message: string): ErrorPayload {
  return { code, message };
}

const FAKE_PATH = '/home/director/Terrain/west-and-east.terrain';
const FAKE_BACKUPS = '/home/director/Terrain/west-and-east.terrain-backups';

function fakeBackup(taken: string, kind: BackupInfo['kind'], reason: string): BackupInfo {
  const stamp = taken.replace(/[-:]/g, '');
  const name = `${stamp}-${kind}.terrain`;
  return {
    path: `${FAKE_BACKUPS}/${name}`,
    name,
    kind,
    reason,
    taken,
    bytes: 5_412_864,
    restorable: kind !== 'damaged',
  };
}

/** A week's worth of copies, newest first, as the backup folder would list them. */
function fakeBackups(): BackupInfo[] {
  return [
    {
      ...fakeBackup(
        '2026-12-03T16:40:12.345Z',
        'import',
        'before importing accounts.csv and 1 more',
      ),
      name: '20261203T164012.345Z-import-accounts.csv+1.terrain',
      path: `${FAKE_BACKUPS}/20261203T164012.345Z-import-accounts.csv+1.terrain`,
    },
    fakeBackup('2026-12-03T08:05:00.000Z', 'daily', 'daily copy'),
    fakeBackup('2026-12-02T17:20:41.000Z', 'activation', 'before activating a plan'),
    fakeBackup('2026-12-02T08:03:10.000Z', 'daily', 'daily copy'),
    fakeBackup(
      '2026-12-01T08:00:02.000Z',
      'migration',
      'before upgrading to schema 20261205100100',
    ),
  ];
}

export interface FakeOptions {
  /** Starts with no data, as a freshly created workspace. */
  empty?: boolean;
  /**
   * Readiness from the rule-based parts, as when the history is too thin to train on: the
   * scoring settings then move stages. By default a trained model scores readiness.
   */
  ruleBased?: boolean;
  /** A big book for looking at scale: 35 reps and 3,000 accounts. */
  large?: boolean;
  /**
   * Adds case 22's spellings of one company, which an import proposed merging, and a fourth
   * company that only looks like them.
   */
  duplicates?: boolean;
  /** Starts as a workspace found damaged at open, read-only until a backup is restored. */
  damaged?: boolean;
  /** The pause between an import's progress reports; the `?fake` mode slows it to be seen. */
  importStepMs?: number;
}

/** Case 22's accounts: three spellings of Acme, and Acme Japan, a company of its own. */
const DUPLICATES: [string, string][] = [
  ['Acme Corporation', 'acme.example'],
  ['ACME Corporation', 'https://www.acme.example/'],
  ['Acme Corp.', 'acme.example'],
  ['Acme Corporation Japan', 'acme.example.jp'],
];

const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines'];
const LAST_NAMES = ['Ortiz', 'Carter', 'Martin', 'Okafor', 'Lindqvist', 'Haddad', 'Nakamura'];

function manyReps(count: number): FakeRep[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    name: `${FIRST_NAMES[index % FIRST_NAMES.length] ?? ''} ${
      LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length] ?? ''
    }`,
    team: index % 3 === 0 ? 'Enterprise' : 'Mid-Market',
    region: ['West', 'East', 'Central', 'South'][index % 4] ?? 'West',
    capacity: 80,
  }));
}

/** The fake's plan settings before any save: the engine's, but a lower pool threshold, which
 * suits the fake's small book. */
export const FAKE_PLANNING: PlanningSettings = {
  band: 0.15,
  enforce_band: true,
  pool_below: 0.12,
  move_cost: 0.05,
  open_deal_cost: 0.5,
  recent_contact_cost: 0.25,
  segment_by: 'region',
  segment_field: null,
  outside_segment_fit: 0.9,
  default_capacity: null,
};

/** The same checks and messages as the Rust side, for the fields a test is likely to break. */
function checkPlanning(settings: PlanningSettings, accountFields: string[]): void {
  const bad = (message: string) => fakeError('bad_input', message);
  if (!Number.isFinite(settings.band) || settings.band < 0 || settings.band > 1) {
    throw bad(
      `the balance band must be between 0% and 100%, not ${String(Math.round(settings.band * 1000) / 10)}%`,
    );
  }
  if (!Number.isFinite(settings.pool_below) || settings.pool_below < 0 || settings.pool_below > 1) {
    throw bad(
      `the pool threshold must be a readiness between 0 and 1 (0% to 100%), not ${String(settings.pool_below)}`,
    );
  }
  const costs: [string, number][] = [
    ['the cost of a move', settings.move_cost],
    ['the extra cost of an open deal', settings.open_deal_cost],
    ['the extra cost of recent contact', settings.recent_contact_cost],
  ];
  for (const [name, cost] of costs) {
    if (!Number.isFinite(cost) || cost < 0) {
      throw bad(`${name} must be a number of at least 0, not ${String(cost)}`);
    }
  }
  if (settings.default_capacity !== null && settings.default_capacity < 0) {
    throw bad(
      `the default capacity must be a whole number of accounts from 0 to 1,000,000, not ${String(settings.default_capacity)}`,
    );
  }
  if (settings.segment_by === 'custom') {
    const field = settings.segment_field?.trim() ?? '';
    if (field === '') throw bad("choose the custom column that holds each account's segment");
    if (!accountFields.includes(field)) {
      throw bad(
        `no account has a column named "${field}"; its custom columns are ${accountFields.join(', ')}`,
      );
    }
  }
}

export class FakeBackend implements Backend {
  private reps: FakeRep[] = [];
  private accounts: FakeAccount[] = [];
  private undoStack: Edit[] = [];
  /** Every edit as the audit log lists it, oldest first. */
  private journal: JournalRow[] = [];
  /** Accounts whose proposed move the director turned down. */
  private rejected = new Set<number>();
  private reviewedOn: string | null = null;
  private redoStack: Edit[] = [];
  private listeners = new Set<() => void>();
  private progressListeners = new Set<(progress: ImportProgress) => void>();
  /** Settings of each file's source, remembered when an import commits. */
  private importSources = new Map<string, FileSettings>();
  /** Wakes the running import's pause with a request to stop. */
  private stopImport: (() => void) | null = null;
  private plan: PlanInfo = { id: 1, name: 'Q1 plan', status: 'active', effective: '2027-01-01' };
  private imports: WorkspaceSummary['recent_imports'] = [];
  private planning: PlanningSettings = { ...FAKE_PLANNING };
  /** Each rep's CRM user id, by rep id. */
  private crmIds = new Map<number, string>();
  /** Owners when the plan began: what a change-set compares against. */
  private startOwners = new Map<number, number | null>();
  /** The quarterly draft: its plan and every account's rep in it. */
  private draft: { plan: PlanInfo; owners: Map<number, number | null> } | null = null;

  private readonly large: boolean;
  private readonly ruleBased: boolean;
  private readonly duplicates: boolean;
  private readonly importStepMs: number;
  /** Websites as imported, by account id. */
  private websites = new Map<number, string>();
  /** Open merge proposals: a reason and account ids, the one kept first. */
  private mergeGroups: { id: number; reason: string; accounts: number[] }[] = [];
  /** The records merged into each kept account. */
  private mergedFrom = new Map<number, MergedRecord[]>();
  private scoring: ScoringSettings = defaultScoring();
  /** What is wrong with the workspace file; `null` when it is sound. */
  private damage: string | null = null;
  private backups: BackupInfo[] = fakeBackups();

  constructor(options: FakeOptions = {}) {
    this.large = options.large === true;
    this.ruleBased = options.ruleBased === true;
    this.duplicates = options.duplicates === true;
    this.importStepMs = options.importStepMs ?? 0;
    if (options.damaged) {
      this.damage =
        "the file does not start with SQLite's header: its start was overwritten, or it is " +
        'not a workspace';
    }
    if (!options.empty) this.loadDemo();
  }

  private loadDemo(): void {
    this.reps = this.large ? manyReps(35) : REPS.map((rep) => ({ ...rep }));
    this.accounts = buildAccounts(this.large ? 3_000 : COMPANIES.length);
    if (this.duplicates) this.addDuplicates();
    this.assignGreedily();
    this.startOwners = new Map(this.accounts.map((a) => [a.id, a.owner]));
    this.imports = [
      { at: '2026-12-01T08:12:00Z', file: 'reps.csv', kind: 'reps', rows: 4, rejected: 0 },
      {
        at: '2026-12-01T08:12:04Z',
        file: 'accounts.xlsx',
        kind: 'accounts',
        rows: 41,
        rejected: 1,
      },
      {
        at: '2026-12-02T07:30:00Z',
        file: 'signals-week-48.csv',
        kind: 'signals',
        rows: 1_284,
        rejected: 12,
      },
    ];
  }

  private addDuplicates(): void {
    const template = buildAccounts(DUPLICATES.length);
    const first = 101 + this.accounts.length;
    DUPLICATES.forEach(([name, website], index) => {
      const base = template[index];
      if (!base) return;
      const id = first + index;
      this.accounts.push({ ...base, id, key: name, name, industry: 'Manufacturing' });
      this.websites.set(id, website);
    });
    this.mergeGroups = [
      {
        id: 1,
        reason:
          'the same name once case, spacing, punctuation and legal suffixes are set aside ' +
          '("acme"), and the same website (acme.example)',
        accounts: [first, first + 1, first + 2],
      },
    ];
  }

  /** Fills each rep by readiness up to capacity while keeping expected value even. */
  private assignGreedily(): void {
    const totals = new Map(this.reps.map((rep) => [rep.id, 0]));
    const counts = new Map(this.reps.map((rep) => [rep.id, 0]));
    for (const account of this.accounts) {
      if (account.locked && account.owner !== null) {
        totals.set(account.owner, (totals.get(account.owner) ?? 0) + this.ev(account));
        counts.set(account.owner, (counts.get(account.owner) ?? 0) + 1);
      }
    }
    const free = this.accounts
      .filter((account) => !account.locked)
      .sort((a, b) => this.ev(b) - this.ev(a));
    for (const account of free) {
      const open = this.reps.filter((rep) => (counts.get(rep.id) ?? 0) < rep.capacity);
      if (open.length === 0 || account.readiness < this.planning.pool_below) {
        account.owner = null;
        continue;
      }
      open.sort((a, b) => (totals.get(a.id) ?? 0) - (totals.get(b.id) ?? 0));
      const rep = open[0];
      if (!rep) continue;
      account.owner = rep.id;
      totals.set(rep.id, (totals.get(rep.id) ?? 0) + this.ev(account));
      counts.set(rep.id, (counts.get(rep.id) ?? 0) + 1);
    }
  }

  private ev(account: FakeAccount): number {
    return Math.round(account.readiness * account.potential);
  }

  private card(account: FakeAccount): Card {
    return {
      id: account.id,
      name: account.name,
      industry: account.industry,
      readiness: account.readiness,
      stage: stageOf(account.readiness),
      expected_value: this.ev(account),
      locked: account.locked,
      top_reason: account.reasons[0]?.text ?? null,
    };
  }

  private row(account: FakeAccount): AccountRow {
    const owner = this.reps.find((rep) => rep.id === account.owner);
    return {
      id: account.id,
      key: account.key,
      name: account.name,
      industry: account.industry,
      location: account.location,
      employees: account.employees,
      revenue: account.revenue,
      owner_id: owner?.id ?? null,
      owner: owner?.name ?? null,
      locked: account.locked,
      readiness: account.readiness,
      stage: stageOf(account.readiness),
      expected_value: this.ev(account),
      reasons: account.reasons.map((reason) => ({ ...reason })),
      merged_from: (this.mergedFrom.get(account.id) ?? []).map((m) => ({ ...m })),
    };
  }

  private balance(): Balance {
    const totals = this.reps.map((rep) =>
      this.accounts.filter((a) => a.owner === rep.id).reduce((sum, a) => sum + this.ev(a), 0),
    );
    const counts = this.reps.map((rep) => this.accounts.filter((a) => a.owner === rep.id).length);
    const total = totals.reduce((sum, value) => sum + value, 0);
    const mean = totals.length > 0 ? total / totals.length : 0;
    const band = this.planning.band;
    return {
      reps: this.reps.length,
      assigned: counts.reduce((sum, value) => sum + value, 0),
      pooled: this.accounts.filter((a) => a.owner === null).length,
      total_expected_value: total,
      mean_expected_value: mean,
      cv_expected_value: cv(totals),
      gini_expected_value: gini(totals),
      max_min_expected_value: maxMin(totals),
      cv_accounts: cv(counts),
      max_min_accounts: maxMin(counts),
      band,
      reps_outside_band: totals.filter((value) => Math.abs(value - mean) > band * mean).length,
      reps_over_capacity: this.reps.filter((rep, i) => (counts[i] ?? 0) > rep.capacity).length,
    };
  }

  private history(): HistoryState {
    const undo = this.undoStack[this.undoStack.length - 1];
    const redo = this.redoStack[this.redoStack.length - 1];
    return {
      can_undo: undo !== undefined,
      can_redo: redo !== undefined,
      undo_label: undo?.label ?? null,
      redo_label: redo?.label ?? null,
    };
  }

  private record(edit: Edit): void {
    for (const row of this.journal) if (row.entry.state === 'undone') row.entry.state = 'dropped';
    const changes = edit.changes ?? [];
    const row: JournalRow = {
      entry: {
        id: this.journal.length + 1,
        at: new Date(Date.UTC(2026, 11, 4, 9, this.journal.length)).toISOString(),
        action: edit.action ?? 'move',
        label: edit.label,
        state: 'done',
        changes: changes.length,
      },
      changes,
    };
    this.journal.push(row);
    const setState = (state: string) => () => (row.entry.state = state);
    this.undoStack.push({
      ...edit,
      undo: () => {
        edit.undo();
        setState('undone')();
      },
      redo: () => {
        edit.redo();
        setState('done')();
      },
    });
    this.redoStack = [];
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) queueMicrotask(listener);
  }

  private find(ids: number[]): FakeAccount[] {
    return ids.map((id) => {
      const account = this.accounts.find((a) => a.id === id);
      if (!account) throw fakeError('not_found', `account ${String(id)} does not exist`);
      return account;
    });
  }

  async workspaceSummary(): Promise<WorkspaceSummary> {
    const empty = this.accounts.length === 0;
    return {
      path: FAKE_PATH,
      reps: this.reps.length,
      accounts: this.accounts.length,
      opportunities:
        this.accounts.reduce((sum, a) => sum + a.opportunities.length, 0) + (empty ? 0 : 6),
      signals: empty ? 0 : 1_272,
      products: empty ? 0 : 5,
      opportunities_without_account: empty ? 0 : 3,
      scored_as_of: empty ? null : '2026-12-03',
      active_plan: empty ? null : { ...this.plan },
      assigned: this.accounts.filter((a) => a.owner !== null).length,
      pooled: this.accounts.filter((a) => a.owner === null).length,
      recent_imports: this.imports.map((entry) => ({ ...entry })),
      scoring_note: empty
        ? 'Nothing to score yet: import accounts and signals first.'
        : 'Readiness uses the rule-based fit, engagement and intent scores: the history has ' +
          'too few closed opportunities (41) to train the model on.',
    };
  }

  /** The fake knows its damage from the start, so it has no check to run. */
  async workspaceHealth(): Promise<WorkspaceHealth> {
    return {
      path: FAKE_PATH,
      damage: this.damage,
      latest_backup: this.backups.find((b) => b.restorable) ?? null,
    };
  }

  async listBackups(): Promise<BackupInfo[]> {
    return this.backups.map((b) => ({ ...b }));
  }

  async backUpNow(): Promise<BackupInfo> {
    if (this.damage !== null) throw fakeError('damaged', `workspace ${FAKE_PATH} is damaged`);
    const backup = fakeBackup(new Date().toISOString(), 'manual', 'made by hand');
    this.backups.unshift(backup);
    return { ...backup };
  }

  async restoreBackup(input: RestoreInput): Promise<Restored> {
    const restored = this.backups.find((b) => b.path === input.backup);
    if (!restored?.restorable) {
      throw fakeError('not_found', `${input.backup} is not one of this workspace's backups`);
    }
    const taken = new Date().toISOString();
    const replaced =
      this.damage === null
        ? fakeBackup(taken, 'restore', 'before a restore')
        : {
            ...fakeBackup(taken, 'damaged', 'the damaged workspace, set aside'),
            restorable: false,
          };
    this.backups.unshift(replaced);
    this.damage = null;
    this.changed();
    return { restored: { ...restored }, replaced: { ...replaced } };
  }

  async pickImportFiles(): Promise<string[]> {
    return ['/home/director/Exports/accounts.csv', '/home/director/Exports/signals-week-49.xlsx'];
  }

  async inspectImport(input: ImportInput): Promise<ImportPreview> {
    if (input.paths.length === 0) throw fakeError('bad_input', 'no files to import');
    return {
      files: input.paths.map((path) => {
        const { settings, saved } = startingSettings(path, input, this.importSources);
        return fakeFileView(settings, saved);
      }),
    };
  }

  async previewImport(input: ImportInput): Promise<ImportReport> {
    await this.checkImport(input);
    return this.importReport();
  }

  /** Refuses an import the mapping screen would not allow: a file unreadable as set up. */
  private async checkImport(input: ImportInput): Promise<ImportPreview> {
    const preview = await this.inspectImport(input);
    const refused = preview.files.find((file) => file.error !== null);
    if (refused?.error) throw fakeError('bad_input', refused.error);
    return preview;
  }

  async importFiles(input: ImportInput): Promise<ImportReport> {
    const preview = await this.checkImport(input);
    let stopped = false;
    const files = preview.files.length;
    for (const [index, file] of preview.files.entries()) {
      const steps = 4;
      for (let step = 1; step <= steps && !stopped; step += 1) {
        stopped = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), this.importStepMs);
          this.stopImport = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        if (stopped) break;
        const progress: ImportProgress = {
          file: file.file,
          file_index: index,
          files,
          rows_done: Math.round((file.rows * step) / steps),
          rows_total: file.rows,
          rows_exact: true,
        };
        for (const listener of this.progressListeners) listener(progress);
      }
    }
    this.stopImport = null;
    if (stopped) throw fakeError('cancelled', 'the import was cancelled; nothing was imported');

    for (const file of preview.files) {
      this.importSources.set(fileName(file.path), { ...file.settings, path: '' });
    }
    if (this.accounts.length === 0) this.loadDemo();
    const report = this.importReport();
    const at = new Date().toISOString();
    this.imports = [
      ...this.imports,
      { at, file: 'accounts.csv', kind: 'accounts', rows: 41, rejected: 1 },
      { at, file: 'signals-week-49.xlsx', kind: 'signals', rows: 4_812, rejected: 1_199 },
    ];
    this.changed();
    return report;
  }

  async cancelImport(): Promise<void> {
    this.stopImport?.();
  }

  async onImportProgress(handler: (progress: ImportProgress) => void): Promise<() => void> {
    this.progressListeners.add(handler);
    return () => {
      this.progressListeners.delete(handler);
    };
  }

  /** The report of importing the demo's accounts and a week of signals. */
  private importReport(): ImportReport {
    const problems: ImportProblem[] = [];
    for (let row = 2; problems.length < 1_500; row += 3) {
      problems.push({
        file: 'signals-week-49.xlsx',
        row,
        column: row % 2 === 0 ? 'Date' : 'Account',
        message:
          row % 2 === 0
            ? `"${String(row % 28)}/13/2026" is not a date (day and month swapped? set the locale)`
            : `"Acme ${String(row)}" names no known account`,
        rejected: row % 5 !== 0,
      });
    }
    problems.unshift({
      file: 'accounts.csv',
      row: 14,
      column: 'Annual Revenue',
      message: '"12,5 M" is not a number (decimal comma? set the locale)',
      rejected: true,
    });
    const report: ImportReport = {
      files: [
        {
          file: 'accounts.csv',
          kind: 'accounts',
          rows_read: 41,
          imported: 40,
          rejected: 1,
          custom_fields: ['Tier', 'Partner'],
        },
        {
          file: 'signals-week-49.xlsx',
          kind: 'signals',
          rows_read: 4_812,
          imported: 3_613,
          rejected: problems.filter((p) => p.file.startsWith('signals') && p.rejected).length,
          custom_fields: [],
        },
      ],
      problems,
    };
    return report;
  }

  async mergeProposals(): Promise<MergeProposal[]> {
    return this.mergeGroups.map((proposal) => ({
      id: proposal.id,
      reason: proposal.reason,
      proposed_at: '2026-12-02T07:30:00Z',
      accounts: proposal.accounts.flatMap((id) => {
        const account = this.accounts.find((a) => a.id === id);
        return account
          ? [
              {
                id,
                key: account.key,
                name: account.name,
                website: this.websites.get(id) ?? null,
                opportunities: account.opportunities.length,
              },
            ]
          : [];
      }),
    }));
  }

  async mergeAccounts(input: MergeInput): Promise<MergeResult> {
    const proposal = this.mergeGroups.find((p) => p.id === input.proposal);
    if (!proposal) {
      throw fakeError(
        'not_found',
        `there is no merge proposal ${String(input.proposal)}; list them again to see the current ones`,
      );
    }
    const keptId = input.keep ?? proposal.accounts[0];
    const kept = this.accounts.find((a) => a.id === keptId);
    if (!kept || !proposal.accounts.includes(kept.id)) {
      throw fakeError(
        'bad_input',
        `account ${String(keptId)} is not one of merge proposal ${String(proposal.id)}'s accounts; keep one of them`,
      );
    }
    const others = this.accounts.filter(
      (a) => a.id !== kept.id && proposal.accounts.includes(a.id),
    );
    const merged = this.mergedFrom.get(kept.id) ?? [];
    let moved = 0;
    for (const other of others) {
      moved += other.opportunities.length;
      kept.opportunities.push(...other.opportunities);
      if (kept.owner === null && other.owner !== null) {
        kept.owner = other.owner;
        kept.locked = other.locked;
      }
      merged.push({
        key: other.key,
        name: other.name,
        website: this.websites.get(other.id) ?? null,
      });
    }
    this.mergedFrom.set(kept.id, merged);
    this.accounts = this.accounts.filter((a) => !others.includes(a));
    this.mergeGroups = this.mergeGroups.filter((p) => p !== proposal);
    this.changed();
    return {
      kept: kept.id,
      name: kept.name,
      merged: others.length,
      opportunities_moved: moved,
      signals_moved: 0,
      rescored_as_of: FAKE_TODAY,
    };
  }

  async keepApart(proposal: number): Promise<void> {
    if (!this.mergeGroups.some((p) => p.id === proposal)) {
      throw fakeError(
        'conflict',
        `merge proposal ${String(proposal)} was answered already, or its accounts changed since; list the proposals again`,
      );
    }
    this.mergeGroups = this.mergeGroups.filter((p) => p.id !== proposal);
    this.changed();
  }

  async listAccounts(query: AccountQuery): Promise<AccountPage> {
    const needle = query.search.trim().toLowerCase();
    const rows = this.accounts
      .map((account) => this.row(account))
      .filter((row) => {
        if (needle === '') return true;
        const haystack = [row.name, row.key, row.industry, row.location, row.owner]
          .filter((part): part is string => part !== null)
          .join(' ')
          .toLowerCase();
        return haystack.includes(needle);
      });
    const key = (row: AccountRow): string | number => {
      switch (query.sort) {
        case 'name':
          return row.name.toLowerCase();
        case 'readiness':
          return row.readiness;
        case 'expected_value':
          return row.expected_value;
        case 'owner':
          return (row.owner ?? '').toLowerCase();
        case 'industry':
          return (row.industry ?? '').toLowerCase();
        case 'revenue':
          return row.revenue ?? 0;
        case 'employees':
          return row.employees ?? 0;
      }
    };
    rows.sort((a, b) => {
      const left = key(a);
      const right = key(b);
      const order = left < right ? -1 : left > right ? 1 : 0;
      return query.descending ? -order : order;
    });
    return { total: rows.length, rows: rows.slice(query.offset, query.offset + query.limit) };
  }

  async board(draft?: boolean): Promise<Board> {
    if (draft === true) {
      const { plan } = this.draftOrThrow();
      return this.withDraftOwners(() => this.boardNow(plan));
    }
    return this.boardNow(this.plan);
  }

  private boardNow(plan: PlanInfo): Board {
    const byReadiness = (a: FakeAccount, b: FakeAccount) => b.readiness - a.readiness;
    return {
      plan: this.accounts.length === 0 ? null : { ...plan },
      reps: this.reps.map((rep) => {
        const book = this.accounts.filter((a) => a.owner === rep.id).sort(byReadiness);
        return {
          id: rep.id,
          name: rep.name,
          team: rep.team,
          region: rep.region,
          capacity: rep.capacity,
          expected_value: book.reduce((sum, a) => sum + this.ev(a), 0),
          accounts: book.map((a) => this.card(a)),
        };
      }),
      pool: this.accounts
        .filter((a) => a.owner === null)
        .sort(byReadiness)
        .map((a) => this.card(a)),
      balance: this.balance(),
      history: this.history(),
    };
  }

  async moveAccounts(input: MoveInput): Promise<MoveResult> {
    if (input.account_ids.length === 0) throw fakeError('bad_input', 'no accounts to move');
    const target = input.to_rep === null ? null : this.reps.find((r) => r.id === input.to_rep);
    if (target === undefined) {
      throw fakeError('not_found', `rep ${String(input.to_rep)} does not exist`);
    }
    const accounts = this.find(input.account_ids);
    const before = accounts.map((a) => a.owner);
    const to = target?.id ?? null;
    if (input.draft === true) return this.moveInDraft(accounts, to, target?.name ?? 'the pool');
    const apply = () => accounts.forEach((a) => (a.owner = to));
    const revert = () => accounts.forEach((a, i) => (a.owner = before[i] ?? null));
    apply();
    const noun = accounts.length === 1 ? 'account' : 'accounts';
    const where = target ? target.name : 'the pool';
    this.record({
      label: `move ${String(accounts.length)} ${noun} to ${where}`,
      undo: revert,
      redo: apply,
      changes: accounts.map((a, i) => [a.id, before[i] ?? null, to]),
    });
    return { moved: accounts.length, balance: this.balance(), history: this.history() };
  }

  async setLocked(input: LockInput): Promise<HistoryState> {
    const accounts = this.find(input.account_ids);
    const before = accounts.map((a) => a.locked);
    const apply = () => accounts.forEach((a) => (a.locked = input.locked));
    apply();
    const noun = accounts.length === 1 ? 'account' : 'accounts';
    this.record({
      label: `${input.locked ? 'lock' : 'unlock'} ${String(accounts.length)} ${noun}`,
      action: input.locked ? 'lock' : 'unlock',
      undo: () => accounts.forEach((a, i) => (a.locked = before[i] ?? false)),
      redo: apply,
      changes: accounts.map((a) => [a.id, a.owner, a.owner]),
    });
    return this.history();
  }

  async undo(): Promise<HistoryState> {
    const edit = this.undoStack.pop();
    if (!edit) throw fakeError('conflict', 'nothing to undo');
    edit.undo();
    this.redoStack.push(edit);
    this.changed();
    return this.history();
  }

  async redo(): Promise<HistoryState> {
    const edit = this.redoStack.pop();
    if (!edit) throw fakeError('conflict', 'nothing to redo');
    edit.redo();
    this.undoStack.push(edit);
    this.changed();
    return this.history();
  }

  async replan(): Promise<PlanChange> {
    if (this.accounts.length === 0) throw fakeError('bad_input', 'import accounts and reps first');
    const before = this.accounts.map((a) => a.owner);
    this.assignGreedily();
    const after = this.accounts.map((a) => a.owner);
    const moved = after.filter((owner, i) => owner !== before[i]).length;
    const balance = this.balance();
    this.record({
      label: `re-plan: ${String(moved)} ${moved === 1 ? 'move' : 'moves'}`,
      action: 'assign',
      undo: () => this.accounts.forEach((a, i) => (a.owner = before[i] ?? null)),
      redo: () => this.accounts.forEach((a, i) => (a.owner = after[i] ?? null)),
      changes: this.accounts
        .map((a, i): [number, number | null, number | null] => [
          a.id,
          before[i] ?? null,
          after[i] ?? null,
        ])
        .filter(([, from, to]) => from !== to),
    });
    return {
      plan: { ...this.plan },
      moved,
      assigned: after.filter((owner) => owner !== null).length,
      pooled: after.filter((owner) => owner === null).length,
      expected_value: balance.total_expected_value,
      // The fake has no bound to measure against; it claims only what the band says.
      bound_gap: balance.reps_outside_band > 0 ? null : 0,
      outside_band: balance.reps_outside_band,
    };
  }

  async planningForm(): Promise<PlanningForm> {
    return {
      settings: { ...this.planning },
      defaults: { ...FAKE_PLANNING },
      account_fields: this.accounts.length > 0 ? ['Founded', 'Language'] : [],
      rep_fields: this.reps.length > 0 ? ['Language'] : [],
      computed_capacity: 12,
    };
  }

  async savePlanningSettings(settings: PlanningSettings): Promise<PlanningForm> {
    checkPlanning(settings, (await this.planningForm()).account_fields);
    this.planning = { ...settings };
    this.changed();
    return this.planningForm();
  }

  async pickExportPath(format: ExportFormat): Promise<string | null> {
    return `/home/director/Documents/Terrain plan.${format}`;
  }

  async exportPlan(input: ExportInput): Promise<ExportResult> {
    if (!/\.(xlsx|csv)$/i.test(input.path)) {
      throw fakeError('bad_input', `"${input.path}" must end in .xlsx or .csv`);
    }
    return { path: input.path, accounts: this.accounts.length };
  }

  /** The figures of one book of accounts over a period, as the Rust metrics compute them. */
  private metricsRow(name: string, book: FakeAccount[], period: Period): MetricsRow {
    const closed = book.flatMap((a) => a.opportunities.filter((o) => inPeriod(o.closed, period)));
    const won = closed.filter((o) => o.won);
    const lost = closed.length - won.length;
    const days = won.map((o) => daysBetween(o.created, o.closed)).sort((a, b) => a - b);
    const end = period.to ?? FAKE_TODAY;
    const engagement = book.reduce((sum, a) => sum + engagementAt(a, end), 0);
    const isHigh = (a: FakeAccount) => a.readiness >= 0.6;
    const high = this.accounts.filter(isHigh).length;
    return {
      name,
      accounts: book.length,
      engagement_30d: book.length > 0 ? engagement / book.length : 0,
      won: won.length,
      lost,
      conversion_rate: closed.length > 0 ? won.length / closed.length : null,
      median_days_to_close: quantile(days, 0.5),
      p75_days_to_close: quantile(days, 0.75),
      won_revenue: won.reduce((sum, o) => sum + o.amount, 0),
      expected_value: book.reduce((sum, a) => sum + this.ev(a), 0),
      high_readiness_share: high > 0 ? book.filter(isHigh).length / high : null,
    };
  }

  /** Books under an earlier plan that split accounts by a fixed rule, for the by-plan rows. */
  private staticBooks(): Map<number, FakeAccount[]> {
    const books = new Map<number, FakeAccount[]>(this.reps.map((rep) => [rep.id, []]));
    this.accounts.forEach((account, index) => {
      const rep = this.reps[index % Math.max(1, this.reps.length)];
      if (rep && account.readiness >= 0.12) books.get(rep.id)?.push(account);
    });
    return books;
  }

  async metrics(period: Period): Promise<MetricsReport> {
    const assigned = this.accounts.filter((a) => a.owner !== null);
    const group = (pick: (rep: FakeRep) => string): MetricsRow[] => {
      const names = [...new Set(this.reps.map(pick))];
      return names.map((name) =>
        this.metricsRow(
          name,
          assigned.filter((a) => {
            const rep = this.reps.find((r) => r.id === a.owner);
            return rep !== undefined && pick(rep) === name;
          }),
          period,
        ),
      );
    };
    const archived = [...this.staticBooks().values()].flat();
    const byPlan =
      this.accounts.length === 0
        ? []
        : [
            this.metricsRow(`${this.plan.name} (active)`, assigned, period),
            this.metricsRow('Q4 plan (archived)', archived, period),
          ];
    const closes = this.accounts
      .flatMap((a) => a.opportunities.map((o) => o.closed))
      .filter((day): day is string => typeof day === 'string')
      .sort();
    return {
      period: { ...period },
      data_ends: closes[closes.length - 1] ?? null,
      overall: this.metricsRow('All reps', assigned, period),
      by_rep: group((rep) => rep.name),
      by_team: group((rep) => rep.team),
      by_region: group((rep) => rep.region),
      by_plan: byPlan,
      balance: this.balance(),
    };
  }

  async chart(query: ChartQuery): Promise<Chart> {
    const { kind, period } = query;
    const report = await this.metrics(period);
    const closed = this.accounts.flatMap((a) =>
      a.opportunities.filter((o) => inPeriod(o.closed, period)).map((o) => ({ o, a })),
    );
    let svg: string;
    switch (kind) {
      case 'expected_value_by_rep':
        svg = barSvg(
          report.by_rep.map((row) => [row.name, row.expected_value]),
          'money',
        );
        break;
      case 'accounts_by_rep':
        svg = barSvg(
          report.by_rep.map((row) => [row.name, row.accounts]),
          'count',
        );
        break;
      case 'conversion_by_rep':
        svg = barSvg(
          report.by_rep.map((r) => [r.name, r.conversion_rate ?? 0]),
          'percent',
        );
        break;
      case 'conversion_by_team':
        svg = barSvg(
          report.by_team.map((r) => [r.name, r.conversion_rate ?? 0]),
          'percent',
        );
        break;
      case 'readiness_distribution':
        svg = barSvg(
          BANDS.map((label, band) => [
            label,
            this.accounts.filter((a) => bandOf(a.readiness) === band).length,
          ]),
          'count',
        );
        break;
      case 'time_to_close': {
        const days = closed
          .filter(({ o }) => o.won)
          .map(({ o }) => daysBetween(o.created, o.closed));
        const buckets = ['0–30', '30–60', '60–90', '90–120', '120+'];
        svg = barSvg(
          buckets.map((label, i) => [
            `${label} d`,
            days.filter((d) => Math.min(4, Math.floor(d / 30)) === i).length,
          ]),
          'count',
        );
        break;
      }
      case 'revenue_over_time': {
        const last = (period.to ?? FAKE_TODAY).slice(0, 7);
        const first = period.from?.slice(0, 7) ?? shiftMonth(last, -23);
        const months: string[] = [];
        for (let m = first; m <= last && months.length < 60; m = shiftMonth(m, 1)) months.push(m);
        // Past a year, months are too sparse to read: sum them by quarter.
        const bucket = (month: string) =>
          months.length <= 12
            ? month
            : `${month.slice(0, 4)} Q${String(Math.floor((Number(month.slice(5)) - 1) / 3) + 1)}`;
        const totals = new Map<string, number>(months.map((month) => [bucket(month), 0]));
        for (const { o } of closed) {
          const key = bucket(o.closed.slice(0, 7));
          if (o.won && totals.has(key)) totals.set(key, (totals.get(key) ?? 0) + o.amount);
        }
        svg = lineSvg([...totals]);
        break;
      }
      case 'static_vs_dynamic': {
        const books = this.staticBooks();
        svg = groupedBarSvg(
          this.reps.map((rep) => [
            rep.name,
            (books.get(rep.id) ?? []).reduce((sum, a) => sum + this.ev(a), 0),
            this.accounts.filter((a) => a.owner === rep.id).reduce((s, a) => s + this.ev(a), 0),
          ]),
          ['Static (by rule)', 'Dynamic (Terrain)'],
        );
        break;
      }
      case 'lift_by_band': {
        const rate = (rows: { o: FakeOpportunity }[]) =>
          rows.length > 0 ? rows.filter(({ o }) => o.won).length / rows.length : 0;
        const overall = rate(closed);
        svg = barSvg(
          BANDS.map((label, band) => [
            label,
            overall > 0
              ? rate(closed.filter(({ a }) => bandOf(a.readiness) === band)) / overall
              : 0,
          ]),
          'ratio',
          1,
        );
        break;
      }
      case 'lorenz': {
        const books = this.staticBooks();
        const evOf = (book: FakeAccount[]) => book.reduce((sum, a) => sum + this.ev(a), 0);
        svg = lorenzSvg([
          ['Static (by rule)', this.reps.map((rep) => evOf(books.get(rep.id) ?? []))],
          [
            'Dynamic (Terrain)',
            this.reps.map((rep) => evOf(this.accounts.filter((a) => a.owner === rep.id))),
          ],
        ]);
        break;
      }
    }
    return { kind, title: CHART_TITLES[kind], subtitle: describePeriod(period), svg };
  }

  /**
   * The three strategies from a pretend CRM that gave each account to a rep by its id: static
   * cuts the accounts sorted by location into one block per rep, round-robin deals them by id,
   * and dynamic is the current plan. Each rep works at most their capacity.
   */
  async compare(): Promise<Comparison> {
    const crm = new Map(
      this.accounts.map((a, i) => [a.id, this.reps[(i * 7) % this.reps.length]?.id ?? null]),
    );
    const workable = this.accounts.filter((a) => a.readiness >= this.planning.pool_below);
    const room = new Map(this.reps.map((rep) => [rep.id, rep.capacity]));
    const take = (rep: number | undefined): number | null => {
      if (rep === undefined || (room.get(rep) ?? 0) <= 0) return null;
      room.set(rep, (room.get(rep) ?? 0) - 1);
      return rep;
    };

    const byPlace = [...workable].sort((a, b) => a.location.localeCompare(b.location));
    const patches = new Map<number, FakeAccount[]>();
    byPlace.forEach((account, i) => {
      const rep = this.reps[Math.floor((i * this.reps.length) / byPlace.length)];
      if (rep) patches.set(rep.id, [...(patches.get(rep.id) ?? []), account]);
    });
    const fixed = new Map<number, number | null>();
    for (const [rep, patch] of patches) {
      patch.sort((a, b) => this.ev(b) - this.ev(a));
      for (const account of patch) fixed.set(account.id, take(rep));
    }

    room.clear();
    this.reps.forEach((rep) => room.set(rep.id, rep.capacity));
    const dealt = new Map<number, number | null>();
    let next = 0;
    for (const account of [...workable].sort((a, b) => a.id - b.id)) {
      let chosen: number | null = null;
      for (let step = 0; step < this.reps.length && chosen === null; step += 1) {
        const index = (next + step) % this.reps.length;
        chosen = take(this.reps[index]?.id);
        if (chosen !== null) next = index + 1;
      }
      dealt.set(account.id, chosen);
    }

    const dynamic = new Map(this.accounts.map((a) => [a.id, a.owner]));
    const total = this.accounts.reduce((sum, a) => sum + this.ev(a), 0);
    const figures = (name: Strategy, owners: Map<number, number | null>): StrategyFigures => {
      const books = this.reps.map((rep) =>
        this.accounts.filter((a) => owners.get(a.id) === rep.id),
      );
      const values = books.map((book) => book.reduce((sum, a) => sum + this.ev(a), 0));
      const value = values.reduce((sum, v) => sum + v, 0);
      const inBooks = books.reduce((sum, book) => sum + book.length, 0);
      const mean = values.length > 0 ? value / values.length : 0;
      return {
        name,
        expected_value: value,
        expected_value_share: total > 0 ? value / total : 0,
        in_books: inBooks,
        pooled: this.accounts.length - inBooks,
        balance: {
          cv: cv(values),
          gini: gini(values),
          max_min: maxMin(values),
          reps_outside_band: values.filter((v) => Math.abs(v - mean) > this.planning.band * mean)
            .length,
        },
        moves: this.accounts.filter((a) => (owners.get(a.id) ?? null) !== crm.get(a.id)).length,
      };
    };
    const strategies = [
      figures('static', fixed),
      figures('round-robin', dealt),
      figures('dynamic', dynamic),
      figures('realignment', dynamic),
    ];
    const [first, , last] = strategies;
    const change =
      first && last && first.expected_value > 0
        ? last.expected_value / first.expected_value - 1
        : 0;
    const headline =
      total === 0
        ? 'No account has any expected value yet: import opportunities and score the accounts to compare strategies.'
        : `Dynamic captures ${Math.abs(Math.round(change * 100)).toString()}% ${
            change >= 0 ? 'more' : 'less'
          } expected value than static territories (by state), with ${String(
            last?.moves ?? 0,
          )} moves against their ${String(first?.moves ?? 0)}.`;
    return {
      scored_as_of: this.accounts.length > 0 ? FAKE_TODAY : null,
      accounts: this.accounts.length,
      reps: this.reps.length,
      total_expected_value: total,
      pool_below: this.planning.pool_below,
      band: this.planning.band,
      static_by: 'state',
      strategies,
      headline,
    };
  }

  async pickChartPath(format: ChartFormat, suggested: string): Promise<string | null> {
    // Like the native dialog: the suggestion is a stem, and the format's extension is added.
    return `/home/director/Documents/Charts/${suggested}.${format}`;
  }

  async saveChart(input: SaveChartInput): Promise<string> {
    if (!/\.(png|svg)$/i.test(input.path)) {
      throw fakeError('bad_input', `"${input.path}" must end in .png or .svg`);
    }
    return input.path;
  }

  async pickFolder(): Promise<string | null> {
    return '/home/director/Documents/Quarterly review';
  }

  async exportReviewPack(input: ReviewPackInput): Promise<ReviewPackResult> {
    if (this.accounts.length === 0) throw fakeError('bad_input', 'nothing to report yet');
    const kinds = Object.keys(CHART_TITLES);
    const files = [...kinds.map((kind) => `${kind}.png`), 'metrics.xlsx'];
    return { folder: input.folder, files: files.map((file) => `${input.folder}/${file}`) };
  }

  private draftOrThrow(): { plan: PlanInfo; owners: Map<number, number | null> } {
    if (!this.draft) {
      throw fakeError(
        'not_found',
        'there is no draft plan: start a quarterly realignment to make one',
      );
    }
    return this.draft;
  }

  /** Runs `read` with the draft's owners in place of the active plan's, then puts them back. */
  private withDraftOwners<T>(read: () => T): T {
    const { owners } = this.draftOrThrow();
    const saved = this.accounts.map((a) => a.owner);
    this.accounts.forEach((a) => (a.owner = owners.get(a.id) ?? null));
    try {
      return read();
    } finally {
      this.accounts.forEach((a, i) => (a.owner = saved[i] ?? null));
    }
  }

  private moveInDraft(accounts: FakeAccount[], to: number | null, where: string): MoveResult {
    const { owners } = this.draftOrThrow();
    const before = accounts.map((a) => owners.get(a.id) ?? null);
    const apply = () => accounts.forEach((a) => owners.set(a.id, to));
    const revert = () => accounts.forEach((a, i) => owners.set(a.id, before[i] ?? null));
    apply();
    const noun = accounts.length === 1 ? 'account' : 'accounts';
    this.record({
      label: `move ${String(accounts.length)} ${noun} to ${where} in the draft`,
      undo: revert,
      redo: apply,
    });
    return {
      moved: accounts.length,
      balance: this.withDraftOwners(() => this.balance()),
      history: this.history(),
    };
  }

  async createRealignment(input: RealignInput): Promise<DraftComparison> {
    if (input.band !== null && !(input.band > 0 && input.band <= 1)) {
      throw fakeError(
        'bad_input',
        `the balance band must be above 0% and at most 100%, not ${String(Math.round(input.band * 1000) / 10)}%`,
      );
    }
    const effective = input.effective ?? '2027-01-01';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effective)) {
      throw fakeError(
        'bad_input',
        `effective date "${effective}" is not a date; write it as YYYY-MM-DD`,
      );
    }
    const saved = this.accounts.map((a) => ({ owner: a.owner, locked: a.locked }));
    if (!input.keep_locks) this.accounts.forEach((a) => (a.locked = false));
    // From scratch: every unlocked account is placed again.
    this.accounts.forEach((a) => {
      if (!a.locked) a.owner = null;
    });
    this.assignGreedily();
    const owners = new Map(this.accounts.map((a) => [a.id, a.owner]));
    this.accounts.forEach((a, i) => {
      a.owner = saved[i]?.owner ?? null;
      a.locked = saved[i]?.locked ?? false;
    });
    const month = Number(effective.slice(5, 7));
    const quarter = Math.floor((month - 1) / 3) + 1;
    this.draft = {
      plan: {
        id: this.plan.id + 1,
        name: `Realignment for Q${String(quarter)} ${effective.slice(0, 4)}`,
        status: 'draft',
        effective,
      },
      owners,
    };
    this.changed();
    return this.compareDraft();
  }

  async draftComparison(): Promise<DraftComparison | null> {
    return this.draft ? this.compareDraft() : null;
  }

  private compareDraft(): DraftComparison {
    const draft = this.draftOrThrow();
    const activeBalance = this.balance();
    const draftBalance = this.withDraftOwners(() => this.balance());
    let moves = 0;
    let booked = 0;
    let kept = 0;
    for (const account of this.accounts) {
      const to = draft.owners.get(account.id) ?? null;
      if (account.owner !== null) {
        booked += 1;
        if (account.owner === to) kept += 1;
      }
      if (account.owner !== to) moves += 1;
    }
    const value = (owner: (a: FakeAccount) => number | null, rep: number) =>
      this.accounts.filter((a) => owner(a) === rep);
    const inDraft = (a: FakeAccount) => draft.owners.get(a.id) ?? null;
    const reps = this.reps.map((rep) => {
      const today = value((a) => a.owner, rep.id);
      const drafted = value(inDraft, rep.id);
      return {
        rep_id: rep.id,
        rep: rep.name,
        active_accounts: today.length,
        draft_accounts: drafted.length,
        moves_in: drafted.filter((a) => a.owner !== rep.id).length,
        moves_out: today.filter((a) => inDraft(a) !== rep.id).length,
        active_value: today.reduce((sum, a) => sum + this.ev(a), 0),
        draft_value: drafted.reduce((sum, a) => sum + this.ev(a), 0),
      };
    });
    const continuity = booked === 0 ? 1 : kept / booked;
    return {
      draft: { ...draft.plan },
      active: { ...this.plan },
      reps,
      active_balance: activeBalance,
      draft_balance: draftBalance,
      active_value: activeBalance.total_expected_value,
      draft_value: draftBalance.total_expected_value,
      moves,
      continuity,
      version: this.undoStack.length,
      headline:
        `The draft moves ${String(moves)} accounts; ${String(Math.round(continuity * 100))}% of ` +
        'booked accounts keep their rep.',
    };
  }

  async activateDraft(input: ActivateInput): Promise<Activation> {
    const draft = this.draftOrThrow();
    if (input.draft_id !== draft.plan.id || input.version !== this.undoStack.length) {
      throw fakeError(
        'conflict',
        'the draft or the active plan changed since you looked; nothing was activated, so look at the draft again',
      );
    }
    const before = this.accounts.map((a) => a.owner);
    const after = this.accounts.map((a) => draft.owners.get(a.id) ?? null);
    const moves = after.filter((owner, i) => owner !== before[i]).length;
    const previous = { ...this.plan };
    const activated = { ...draft.plan, status: 'active' };
    const apply = () => {
      this.accounts.forEach((a, i) => (a.owner = after[i] ?? null));
      this.plan = activated;
      this.draft = null;
    };
    const revert = () => {
      this.accounts.forEach((a, i) => (a.owner = before[i] ?? null));
      this.plan = previous;
      this.draft = draft;
    };
    apply();
    this.record({
      label: `activate ${activated.name}: ${String(moves)} moves`,
      action: 'activate',
      undo: revert,
      redo: apply,
      changes: this.accounts
        .map((a, i): [number, number | null, number | null] => [
          a.id,
          before[i] ?? null,
          after[i] ?? null,
        ])
        .filter(([, from, to]) => from !== to),
    });
    return {
      plan: { ...activated },
      moves,
      backup: '/home/director/Terrain/west-and-east.before-activation-20270101-090000.000.terrain',
      history: this.history(),
    };
  }

  async discardDraft(): Promise<boolean> {
    const had = this.draft !== null;
    this.draft = null;
    if (had) this.changed();
    return had;
  }

  async crmUserIds(): Promise<CrmUserId[]> {
    return this.reps.map((rep) => ({
      rep_id: rep.id,
      rep: rep.name,
      crm_user_id: this.crmIds.get(rep.id) ?? null,
    }));
  }

  async saveCrmUserIds(ids: CrmUserId[]): Promise<CrmUserId[]> {
    const next = new Map(this.crmIds);
    for (const edit of ids) {
      const id = edit.crm_user_id?.trim() ?? '';
      if (id === '') next.delete(edit.rep_id);
      else next.set(edit.rep_id, id);
    }
    const holder = new Map<string, number>();
    for (const [rep, id] of next) {
      const other = holder.get(id);
      if (other !== undefined) {
        const name = (repId: number) => this.reps.find((r) => r.id === repId)?.name ?? '?';
        throw fakeError(
          'bad_input',
          `CRM user id "${id}" would belong to both ${name(other)} and ${name(rep)}; each rep needs their own`,
        );
      }
      holder.set(id, rep);
    }
    this.crmIds = next;
    this.changed();
    return this.crmUserIds();
  }

  async pickChangeSetPath(format: ChangeSetFormat): Promise<string | null> {
    return format === 'xlsx'
      ? '/home/director/Documents/owner-changes.xlsx'
      : `/home/director/Documents/${format}-owner-updates.csv`;
  }

  async writeChangeSet(input: ChangeSetInput): Promise<ChangeSetWritten> {
    const changed = this.accounts.filter((a) => (this.startOwners.get(a.id) ?? null) !== a.owner);
    const toPool = changed.filter((a) => a.owner === null).length;
    if (input.format === 'salesforce') {
      const missing = [
        ...new Set(
          changed
            .map((a) => a.owner)
            .filter((owner): owner is number => owner !== null && !this.crmIds.has(owner)),
        ),
      ].map((rep) => this.reps.find((r) => r.id === rep)?.name ?? '?');
      if (missing.length > 0) {
        throw fakeError(
          'bad_input',
          `Salesforce needs the CRM user id of every new owner, and ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} none; add them, or write the HubSpot or XLSX file`,
        );
      }
    }
    const crm = input.format !== 'xlsx';
    return {
      path: input.path,
      rows: crm ? changed.length - toPool : changed.length,
      left_out: crm ? toPool : 0,
      note: crm && toPool > 0 ? `${String(toPool)} moves to the pool have no owner to send` : '',
    };
  }

  /** Pooled accounts ready enough to work, each to the rep with the most room. */
  private proposals(): ReviewProposal[] {
    const room = new Map(
      this.reps.map((rep) => [
        rep.id,
        rep.capacity - this.accounts.filter((a) => a.owner === rep.id).length,
      ]),
    );
    const waiting = this.accounts
      .filter((a) => a.owner === null && !a.locked && a.readiness >= 0.6)
      .filter((a) => !this.rejected.has(a.id))
      .sort((a, b) => b.readiness - a.readiness);
    const proposals: ReviewProposal[] = [];
    for (const account of waiting.slice(0, REVIEW_BUDGET)) {
      const [repId, free] = [...room].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
      if (free <= 0) break;
      room.set(repId, free - 1);
      const rep = this.reps.find((r) => r.id === repId);
      if (!rep) break;
      proposals.push({
        account_id: account.id,
        account_key: account.key,
        account: account.name,
        from: '',
        to: rep.name,
        from_rep: null,
        to_rep: rep.id,
        reason: `to ${rep.name}: readiness ${account.readiness.toFixed(2)}, ${rep.name} has room`,
      });
    }
    return proposals;
  }

  async dailyReview(): Promise<DailyReview> {
    const proposals = this.proposals();
    const held = (repId: number) => this.accounts.filter((a) => a.owner === repId).length;
    const loads = this.reps.map((rep) => ({
      rep_id: rep.id,
      rep: rep.name,
      accounts: held(rep.id),
      capacity: rep.capacity,
    }));
    const byId = new Map(this.accounts.map((a) => [a.id, a]));
    return {
      as_of: '2026-12-04',
      since: this.reviewedOn,
      surged: proposals.map((p) => {
        const account = byId.get(p.account_id);
        const after = account?.readiness ?? 0;
        return {
          account_id: p.account_id,
          account_key: p.account_key,
          account: p.account,
          before: Math.max(0, after - 0.3),
          after,
          stage: stageOf(after),
          why: account?.reasons[0]?.text ?? '',
        };
      }),
      cooled: [],
      over_capacity: loads.filter((l) => l.accounts > l.capacity),
      with_room: proposals.length > 0 ? loads.filter((l) => l.accounts < l.capacity) : [],
      proposals,
      budget: REVIEW_BUDGET,
      moved_today: this.journal
        .filter((row) => row.entry.action === 'review' && row.entry.state === 'done')
        .reduce((sum, row) => sum + row.entry.changes, 0),
    };
  }

  async applyReview(input: ApplyReviewInput): Promise<ReviewApplied> {
    const proposals = this.proposals();
    for (const seen of [...(input.accept ?? []), ...input.reject]) {
      const current = proposals.find((p) => p.account_id === seen.account_id);
      if (current?.to_rep !== seen.to_rep) {
        throw fakeError(
          'conflict',
          `the review changed since it was shown: account ${String(seen.account_id)} is no longer proposed as shown; nothing was applied, so look at the review again`,
        );
      }
    }
    const named = (moves: { account_id: number }[], p: ReviewProposal) =>
      moves.some((m) => m.account_id === p.account_id);
    const accepted = proposals.filter((p) => input.accept === null || named(input.accept, p));
    const rejected = proposals.filter((p) => named(input.reject, p) && !accepted.includes(p));
    rejected.forEach((p) => this.rejected.add(p.account_id));
    if (accepted.length > 0) {
      const accounts = this.find(accepted.map((p) => p.account_id));
      const before = accounts.map((a) => a.owner);
      const after = accepted.map((p) => p.to_rep);
      const apply = () => accounts.forEach((a, i) => (a.owner = after[i] ?? null));
      apply();
      this.record({
        label: `daily review: ${String(accepted.length)} ${accepted.length === 1 ? 'move' : 'moves'}`,
        action: 'review',
        undo: () => accounts.forEach((a, i) => (a.owner = before[i] ?? null)),
        redo: apply,
        changes: accounts.map((a, i) => [a.id, before[i] ?? null, after[i] ?? null]),
      });
    } else {
      this.changed();
    }
    this.reviewedOn = '2026-12-04';
    return { applied: accepted.length, rejected: rejected.length, history: this.history() };
  }

  async auditLog(query: AuditQuery): Promise<AuditPage> {
    const rows = this.journal
      .filter(
        (row) => query.account_id === null || row.changes.some(([id]) => id === query.account_id),
      )
      .reverse();
    return {
      total: rows.length,
      entries: rows
        .slice(query.offset, query.offset + Math.min(query.limit, 10_000))
        .map((row) => ({ ...row.entry })),
    };
  }

  async auditEntry(id: number, accountId: number | null): Promise<AuditEntryDetail> {
    const row = this.journal.find((r) => r.entry.id === id);
    if (!row) throw fakeError('not_found', `no audit log entry ${String(id)}`);
    const name = (rep: number | null) =>
      rep === null ? 'Pool' : (this.reps.find((r) => r.id === rep)?.name ?? '?');
    const changes = [...row.changes].sort(
      (a, b) => Number(b[0] === accountId) - Number(a[0] === accountId),
    );
    return {
      id,
      total: changes.length,
      changes: changes.map(([account, from, to]) => {
        const found = this.accounts.find((a) => a.id === account);
        return {
          account_id: account,
          account_key: found?.key ?? String(account),
          account: found?.name ?? String(account),
          from: name(from),
          to: name(to),
          locked: found?.locked ?? false,
          reason: row.entry.label,
        };
      }),
    };
  }

  async pickAuditPath(): Promise<string | null> {
    return '/home/director/Documents/audit-log.xlsx';
  }

  async exportAuditLog(input: AuditExportInput): Promise<AuditExported> {
    if (!/\.xlsx$/i.test(input.path)) {
      throw fakeError('bad_input', `${input.path}: the audit log exports to .xlsx`);
    }
    return {
      path: input.path,
      rows: this.journal.reduce((sum, row) => sum + row.changes.length, 0),
    };
  }

  async scoringSettings(): Promise<ScoringForm> {
    return {
      settings: cloneScoring(this.scoring),
      defaults: defaultScoring(),
      custom_fields: this.accounts.length === 0 ? [] : ['Lead Source', 'Segment', 'Tier'],
    };
  }

  async previewScoring(settings: ScoringSettings): Promise<ScoringPreview> {
    validateScoring(settings);
    const counts = new Map<string, number>();
    if (this.ruleBased) {
      for (const account of this.accounts) {
        const from = stageOf(account.readiness);
        const to = stageOf(rescored(account, settings));
        if (from !== to) counts.set(`${from}|${to}`, (counts.get(`${from}|${to}`) ?? 0) + 1);
      }
    }
    const changes = [...counts]
      .map(([key, accounts]) => {
        const [from = '', to = ''] = key.split('|');
        return { from, to, accounts };
      })
      .sort((a, b) => b.accounts - a.accounts || a.from.localeCompare(b.from));
    return {
      as_of: FAKE_TODAY,
      accounts: this.accounts.length,
      changed: changes.reduce((sum, c) => sum + c.accounts, 0),
      changes,
      readiness_from_model: !this.ruleBased,
      note: (await this.modelReport()).message,
    };
  }

  async saveScoringSettings(settings: ScoringSettings): Promise<ScoringResult> {
    const preview = await this.previewScoring(settings);
    this.scoring = cloneScoring(settings);
    if (this.ruleBased) {
      for (const account of this.accounts) account.readiness = rescored(account, settings);
    }
    this.changed();
    return {
      as_of: preview.as_of,
      accounts: preview.accounts,
      changed: preview.changed,
      note: preview.note,
    };
  }

  async modelReport(): Promise<ModelReport> {
    const deals = this.accounts.flatMap((a) => a.opportunities);
    const won = deals.filter((o) => o.won).length;
    const lost = deals.length - won;
    const holdout = Math.round(deals.length * 0.3);
    const base = {
      outcomes: deals.length,
      won,
      lost,
      training_rows: deals.length - holdout,
      holdout_rows: holdout,
      holdout: 'time',
      leakage_suspects: FAKE_SUSPECTS,
    };
    if (this.ruleBased || deals.length === 0) {
      return {
        ...base,
        model: null,
        message: `the best model ranks the ${String(holdout)} later outcomes with AUC 0.562, too close to chance; readiness uses the rule-based parts (history: won and lost opportunities)`,
        auc: null,
        candidates: [
          { model: 'gradient boosting', auc: 0.562 },
          { model: 'logistic regression', auc: 0.548 },
        ],
        calibration: [],
        lift: [],
        importances: [],
      };
    }
    const auc = 0.874;
    return {
      ...base,
      model: 'gradient boosting',
      message: `readiness is a gradient boosting trained on ${String(deals.length)} outcomes (${String(won)} won, ${String(lost)} lost); on a later holdout of ${String(holdout)} it ranks outcomes with AUC ${auc.toFixed(3)} (history: won and lost opportunities)`,
      auc,
      candidates: [
        { model: 'gradient boosting', auc },
        { model: 'logistic regression', auc: 0.842 },
      ],
      calibration: Array.from({ length: 10 }, (_, i) => {
        const rows = Math.max(0, Math.round(holdout * (0.22 - i * 0.018)));
        const predicted = i / 10 + 0.05;
        return {
          from: i / 10,
          to: (i + 1) / 10,
          rows,
          predicted: rows === 0 ? null : predicted,
          observed: rows === 0 ? null : Math.min(1, predicted + (i % 2 === 0 ? 0.03 : -0.02)),
        };
      }),
      lift: Array.from({ length: 10 }, (_, i) => {
        const rate = Math.max(0.02, 0.86 - i * 0.09);
        return { decile: i + 1, rows: Math.round(holdout / 10), rate, lift: rate / 0.42 };
      }),
      importances: FAKE_IMPORTANCES.map(([feature, importance]) => ({ feature, importance })),
    };
  }

  private scoreHistory(account: number): ScoreHistory {
    const [found] = this.find([account]);
    return { account_id: account, points: found ? historyOf(found) : [] };
  }

  async scoreHistoryChart(account: number): Promise<ScoreChart> {
    const { points } = this.scoreHistory(account);
    const first = points[0]?.as_of ?? FAKE_TODAY;
    return {
      account_id: account,
      title: 'Score by snapshot',
      subtitle: `${String(points.length)} snapshots, ${first} – ${FAKE_TODAY}`,
      svg: lineSvg(points.map((p): [string, number] => [p.as_of.slice(5), p.readiness * 100])),
    };
  }

  async onWorkspaceChanged(handler: () => void): Promise<() => void> {
    this.listeners.add(handler);
    return () => {
      this.listeners.delete(handler);
    };
  }
}

/** The Rust side's default scoring settings, which "reset to defaults" restores. */
function defaultScoring(): ScoringSettings {
  const kind = (kind: string, label: string, weight: number, half_life_days: number) => ({
    kind,
    label,
    weight,
    half_life_days,
  });
  return {
    kinds: [
      kind('email_open', 'email opens', 0.5, 7),
      kind('email_click', 'email clicks', 1, 10),
      kind('web_visit', 'web visits', 1, 14),
      kind('form_fill', 'form fills', 3, 21),
      kind('meeting', 'meetings', 4, 30),
      kind('intent', 'intent signals', 2, 14),
      kind('deal_opened', 'new deals', 4, 60),
    ],
    other_weight: 1,
    other_half_life_days: 14,
    history_prior: 8,
    fit_prior: 20,
    icp: [],
    intent_topics: [],
  };
}

function cloneScoring(settings: ScoringSettings): ScoringSettings {
  return {
    ...settings,
    kinds: settings.kinds.map((kind) => ({ ...kind })),
    icp: settings.icp.map((c) => ({ ...c, values: [...c.values] })),
    intent_topics: [...settings.intent_topics],
  };
}

/** The same checks, in the same words, as the Rust side's. */
function validateScoring(settings: ScoringSettings): void {
  for (const kind of settings.kinds) {
    if (!(Number.isFinite(kind.weight) && kind.weight >= 0)) {
      throw fakeError('bad_input', `the weight of ${kind.label} must be a number of at least 0`);
    }
    if (!(Number.isFinite(kind.half_life_days) && kind.half_life_days >= 1)) {
      throw fakeError('bad_input', `the half-life of ${kind.label} must be at least 1 day`);
    }
  }
  for (const criterion of settings.icp) {
    if (criterion.field.trim() === '') {
      throw fakeError('bad_input', 'every ICP criterion needs a field');
    }
    if (!(Number.isFinite(criterion.weight) && criterion.weight >= 0)) {
      throw fakeError(
        'bad_input',
        `the weight of the ICP criterion on ${criterion.field} must be a number of at least 0`,
      );
    }
    const { min, max } = criterion;
    if (min !== null && max !== null && min > max) {
      throw fakeError(
        'bad_input',
        `the ICP band on ${criterion.field} runs from ${String(min)} to ${String(max)}; its minimum must not exceed its maximum`,
      );
    }
  }
}

/**
 * A plausible readiness under other settings: matching ICP criteria raise it, missing ones
 * lower it, and heavier or longer-lived activity weights lift active accounts.
 */
function rescored(account: FakeAccount, settings: ScoringSettings): number {
  let shift = 0;
  for (const criterion of settings.icp) {
    const field = criterion.field.toLowerCase();
    let matches: boolean | null = null;
    if (field === 'industry' && criterion.values.length > 0) {
      matches = criterion.values.some((v) => v.toLowerCase() === account.industry.toLowerCase());
    } else if (field === 'employees' || field === 'revenue') {
      const value = field === 'employees' ? account.employees : account.revenue;
      matches =
        (criterion.min === null || value >= criterion.min) &&
        (criterion.max === null || value <= criterion.max);
    }
    if (matches !== null) shift += (matches ? 0.08 : -0.05) * criterion.weight;
  }
  const weigh = (s: ScoringSettings) =>
    s.kinds.reduce((sum, k) => sum + k.weight * Math.sqrt(k.half_life_days), 0);
  const activity = weigh(settings) / Math.max(1e-9, weigh(defaultScoring())) - 1;
  shift += activity * (account.signalRate / 20) * 0.3;
  return Math.round(Math.min(0.99, Math.max(0.01, account.readiness + shift)) * 1000) / 1000;
}

/** Six weekly snapshots drifting towards today's score. */
function historyOf(account: FakeAccount): ScoreHistoryPoint[] {
  return Array.from({ length: 6 }, (_, i) => {
    const weeksAgo = 5 - i;
    const drift = ((account.id % 5) - 2) * 0.03 * weeksAgo;
    const readiness = Math.min(0.99, Math.max(0.01, account.readiness - drift));
    return {
      as_of: shiftDay(FAKE_TODAY, -7 * weeksAgo),
      readiness,
      fit: 0.5 + ((account.id % 7) - 3) * 0.05,
      engagement: Math.min(1, account.signalRate / 20 + i * 0.01),
      intent: (account.id % 3) * 0.1,
      stage: stageOf(readiness),
    };
  });
}

const FAKE_IMPORTANCES: [string, number][] = [
  ['web visits in the 30 days before', 0.24],
  ['deals won before', 0.17],
  ['industry', 0.12],
  ['meetings in the 30 days before', 0.1],
  ['employees', 0.08],
  ['days since the last deal', 0.07],
  ['form fills in the 30 days before', 0.06],
  ['revenue', 0.05],
  ['email clicks in the 30 days before', 0.04],
  ['region', 0.03],
  ['deals lost before', 0.02],
  ['email opens in the 30 days before', 0.01],
  ['Lead Source', 0.01],
];

const FAKE_SUSPECTS = [
  {
    feature: 'Tier',
    reason:
      'alone it ranks outcomes with AUC 0.97; a column this good is usually filled in once the outcome is known',
    auc: 0.97,
  },
];

function cv(values: number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  if (mean === 0) return 0;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

function gini(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  if (sorted.length === 0 || total === 0) return 0;
  const weighted = sorted.reduce((sum, v, i) => sum + (i + 1) * v, 0);
  return (2 * weighted) / (sorted.length * total) - (sorted.length + 1) / sorted.length;
}

function maxMin(values: number[]): number | null {
  if (values.length === 0) return null;
  const min = Math.min(...values);
  return min === 0 ? null : Math.max(...values) / min;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `YYYY-MM` moved by whole months. */
function shiftMonth(month: string, by: number): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + by);
  return date.toISOString().slice(0, 7);
}

/** The `q` quantile of sorted values, interpolated; `null` when there are none. */
function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const low = sorted[Math.floor(at)] ?? 0;
  const high = sorted[Math.ceil(at)] ?? low;
  return low + (high - low) * (at - Math.floor(at));
}

/** Signals in the 30 days up to `day`: the account's rate with a slow seasonal swing. */
function engagementAt(account: FakeAccount, day: string): number {
  const swing = Math.sin(daysBetween('2025-01-01', day) / 45 + account.id);
  return Math.max(0, account.signalRate * (0.8 + 0.2 * swing));
}

const BANDS = ['0–20%', '20–40%', '40–60%', '60–80%', '80–100%'];

function bandOf(readiness: number): number {
  return Math.min(4, Math.floor(readiness * 5));
}

const CHART_TITLES: Record<ChartKind, string> = {
  expected_value_by_rep: 'Expected value by rep',
  accounts_by_rep: 'Accounts by rep',
  readiness_distribution: 'Readiness distribution',
  conversion_by_rep: 'Conversion rate by rep',
  conversion_by_team: 'Conversion rate by team',
  time_to_close: 'Time to close, won deals',
  revenue_over_time: 'Won revenue over time',
  static_vs_dynamic: 'Static vs dynamic territories: expected value by rep',
  lift_by_band: 'Lift by readiness band',
  lorenz: 'Spread of expected value across reps (Lorenz)',
};

// The stand-in SVGs below mimic what plotters draws: a fixed canvas with a viewBox, axes in
// greys, the data in the app's indigo. They carry width and height like plotters' output, so
// the screen's scaling CSS is exercised the same way.

type ValueFormat = 'money' | 'count' | 'percent' | 'ratio';

const W = 640;
const H = 340;
const PLOT = { left: 64, right: 16, top: 24, bottom: 48 };
const INK = '#4f46e5';
const INK_2 = '#a5b4fc';
const AXIS = '#d4d4d8';
const LABEL = '#52525b';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function formatValue(value: number, format: ValueFormat): string {
  switch (format) {
    case 'money':
      return value >= 1e6 ? `$${(value / 1e6).toFixed(1)}M` : `$${(value / 1e3).toFixed(0)}K`;
    case 'count':
      return String(Math.round(value));
    case 'percent':
      return `${(value * 100).toFixed(0)}%`;
    case 'ratio':
      return `${value.toFixed(2)}×`;
  }
}

function text(x: number, y: number, body: string, extra = ''): string {
  return (
    `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="sans-serif" font-size="12" ` +
    `fill="${LABEL}" ${extra}>${escapeXml(body)}</text>`
  );
}

/** Round steps for the value axis: 0, 5, 10 rather than 0, 2.5, 5, 7.5. */
function axisTop(values: number[]): { top: number; step: number } {
  const max = Math.max(0, ...values);
  if (max === 0) return { top: 1, step: 0.25 };
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((s) => s * power >= raw) ?? 10) * power;
  return { top: Math.ceil(max / step - 1e-9) * step, step };
}

/** The canvas, horizontal grid lines with value labels, and the x axis. */
function frame(axis: { top: number; step: number }, format: ValueFormat, body: string): string {
  const grid: string[] = [];
  for (let value = 0; value <= axis.top + axis.step / 1e6; value += axis.step) {
    const y = yOf(value, axis.top);
    grid.push(
      `<line x1="${PLOT.left}" y1="${y.toFixed(1)}" x2="${W - PLOT.right}" y2="${y.toFixed(1)}" ` +
        `stroke="${value === 0 ? AXIS : '#f0f0ee'}"/>` +
        text(PLOT.left - 8, y + 4, formatValue(value, format), 'text-anchor="end"'),
    );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" ` +
    `viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#ffffff"/>` +
    `${grid.join('')}${body}</svg>`
  );
}

function yOf(value: number, max: number): number {
  return PLOT.top + (H - PLOT.top - PLOT.bottom) * (1 - value / max);
}

/** Shows every label when there is room, otherwise every few. */
function labelEvery(count: number): number {
  return count <= 8 ? 1 : Math.ceil(count / 6);
}

/** Bars with their values; `reference` draws a dashed line, such as a lift of 1. */
function barSvg(bars: [string, number][], format: ValueFormat, reference?: number): string {
  const axis = axisTop([...bars.map(([, v]) => v), reference ?? 0]);
  const max = axis.top;
  const slot = (W - PLOT.left - PLOT.right) / Math.max(1, bars.length);
  const every = labelEvery(bars.length);
  const parts = bars.map(([label, value], index) => {
    const x = PLOT.left + index * slot + slot * 0.18;
    const y = yOf(value, max);
    const centre = x + slot * 0.32;
    return (
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.64).toFixed(1)}" ` +
      `height="${(H - PLOT.bottom - y).toFixed(1)}" fill="${INK}" rx="2"/>` +
      (index % every === 0
        ? text(centre, H - PLOT.bottom + 18, label, 'text-anchor="middle"')
        : '') +
      (bars.length <= 12
        ? text(centre, y - 6, formatValue(value, format), 'text-anchor="middle" fill="#27272a"')
        : '')
    );
  });
  const line =
    reference === undefined
      ? ''
      : `<line x1="${PLOT.left}" x2="${W - PLOT.right}" y1="${yOf(reference, max).toFixed(1)}" ` +
        `y2="${yOf(reference, max).toFixed(1)}" stroke="#a1a1aa" stroke-dasharray="4 4"/>`;
  return frame(axis, format, parts.join('') + line);
}

/** Two bars per group, with a legend. */
function groupedBarSvg(groups: [string, number, number][], series: [string, string]): string {
  const axis = axisTop(groups.flatMap(([, a, b]) => [a, b]));
  const max = axis.top;
  const slot = (W - PLOT.left - PLOT.right) / Math.max(1, groups.length);
  const every = labelEvery(groups.length);
  const bar = (x: number, value: number, fill: string) =>
    `<rect x="${x.toFixed(1)}" y="${yOf(value, max).toFixed(1)}" width="${(slot * 0.3).toFixed(1)}" ` +
    `height="${(H - PLOT.bottom - yOf(value, max)).toFixed(1)}" fill="${fill}" rx="2"/>`;
  const parts = groups.map(([label, a, b], index) => {
    const x = PLOT.left + index * slot + slot * 0.2;
    return (
      bar(x, a, INK_2) +
      bar(x + slot * 0.3, b, INK) +
      (index % every === 0
        ? text(x + slot * 0.3, H - PLOT.bottom + 18, label, 'text-anchor="middle"')
        : '')
    );
  });
  const legend = series
    .map((name, i) => {
      const x = PLOT.left + 12 + i * 170;
      return (
        `<rect x="${x}" y="${PLOT.top - 14}" width="10" height="10" fill="${i === 0 ? INK_2 : INK}"/>` +
        text(x + 16, PLOT.top - 5, name)
      );
    })
    .join('');
  return frame(axis, 'money', parts.join('') + legend);
}

/** Won revenue per month as a line with dots. */
function lineSvg(points: [string, number][]): string {
  const axis = axisTop(points.map(([, v]) => v));
  const max = axis.top;
  const step = (W - PLOT.left - PLOT.right - 20) / Math.max(1, points.length - 1);
  const xy = points.map(([, value], i): [number, number] => [
    PLOT.left + 10 + i * step,
    yOf(value, max),
  ]);
  const path = xy.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`);
  const every = labelEvery(points.length);
  const labels = points.map(([month], i) => {
    const at = xy[i];
    return at && i % every === 0
      ? text(at[0], H - PLOT.bottom + 18, month, 'text-anchor="middle"')
      : '';
  });
  const dots = xy.map(
    ([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${INK}"/>`,
  );
  return frame(
    axis,
    'money',
    `<path d="${path.join(' ')}" fill="none" stroke="${INK}" stroke-width="2"/>` +
      dots.join('') +
      labels.join(''),
  );
}

/** The Lorenz points of per-rep totals: cumulative share of reps against share of value. */
function lorenzPoints(totals: number[]): [number, number][] {
  const sorted = [...totals].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  let running = 0;
  return [
    [0, 0],
    ...sorted.map((value, i): [number, number] => {
      running += value;
      return [(i + 1) / sorted.length, total > 0 ? running / total : 0];
    }),
  ];
}

/** Lorenz curves of expected value per rep, one per plan, over the line of perfect balance. */
function lorenzSvg(series: [string, number[]][]): string {
  const width = W - PLOT.left - PLOT.right;
  const toXY = ([share, value]: [number, number]) =>
    `${(PLOT.left + share * width).toFixed(1)} ${yOf(value, 1).toFixed(1)}`;
  const curves = series.map(([name, totals], i) => {
    const colour = i === series.length - 1 ? INK : INK_2;
    const d = lorenzPoints(totals).map((p, j) => `${j === 0 ? 'M' : 'L'}${toXY(p)}`);
    const x = PLOT.left + 12 + i * 170;
    return (
      `<path d="${d.join(' ')}" fill="none" stroke="${colour}" stroke-width="2.5"/>` +
      `<rect x="${x}" y="${PLOT.top - 14}" width="10" height="10" fill="${colour}"/>` +
      text(x + 16, PLOT.top - 5, name)
    );
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) =>
    text(
      PLOT.left + share * width,
      H - PLOT.bottom + 18,
      `${share * 100}%`,
      'text-anchor="middle"',
    ),
  );
  return frame(
    { top: 1, step: 0.25 },
    'percent',
    `<path d="M${toXY([0, 0])} L${toXY([1, 1])}" stroke="#a1a1aa" stroke-dasharray="4 4"/>` +
      curves.join('') +
      ticks.join('') +
      text(
        PLOT.left + width / 2,
        H - 8,
        'share of reps, smallest book first',
        'text-anchor="middle"',
      ),
  );
}
