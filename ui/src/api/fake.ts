//! An in-memory backend with a small, believable book: four reps and forty accounts. It keeps
//! real state for moves, locks, undo and redo so that unit tests exercise the UI's logic, and
//! it powers the `?fake` dev mode. Its figures are plausible, not the engine's: the real
//! scoring, balance and charts live in Rust.

import type { Backend, ExportFormat } from './index';
import type {
  AccountPage,
  AccountQuery,
  AccountRow,
  Balance,
  Board,
  Card,
  Chart,
  ChartKind,
  ErrorPayload,
  ExportInput,
  ExportResult,
  HistoryState,
  ImportInput,
  ImportProblem,
  ImportReport,
  LockInput,
  MetricsReport,
  MetricsRow,
  MoveInput,
  MoveResult,
  PlanChange,
  PlanInfo,
  Reason,
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
  won: number;
  lost: number;
  wonRevenue: number;
  daysToClose: number | null;
}

interface Edit {
  label: string;
  undo: () => void;
  redo: () => void;
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
    const won = Math.floor(random() * 3);
    const lost = Math.floor(random() * 3);
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
      won,
      lost,
      wonRevenue: won * Math.round(potential * 0.6),
      daysToClose: won > 0 ? Math.round(30 + random() * 90) : null,
    };
  });
}

function fakeError(code: ErrorPayload['code'], message: string): ErrorPayload {
  return { code, message };
}

export interface FakeOptions {
  /** Starts with no data, as a freshly created workspace. */
  empty?: boolean;
  /** A big book for looking at scale: 35 reps and 3,000 accounts. */
  large?: boolean;
}

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

export class FakeBackend implements Backend {
  private reps: FakeRep[] = [];
  private accounts: FakeAccount[] = [];
  private undoStack: Edit[] = [];
  private redoStack: Edit[] = [];
  private listeners = new Set<() => void>();
  private plan: PlanInfo = { id: 1, name: 'Q1 plan', status: 'active', effective: '2027-01-01' };
  private imports: WorkspaceSummary['recent_imports'] = [];

  private readonly large: boolean;

  constructor(options: FakeOptions = {}) {
    this.large = options.large === true;
    if (!options.empty) this.loadDemo();
  }

  private loadDemo(): void {
    this.reps = this.large ? manyReps(35) : REPS.map((rep) => ({ ...rep }));
    this.accounts = buildAccounts(this.large ? 3_000 : COMPANIES.length);
    this.assignGreedily();
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
      if (open.length === 0 || account.readiness < 0.12) {
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
    };
  }

  private balance(): Balance {
    const totals = this.reps.map((rep) =>
      this.accounts.filter((a) => a.owner === rep.id).reduce((sum, a) => sum + this.ev(a), 0),
    );
    const counts = this.reps.map((rep) => this.accounts.filter((a) => a.owner === rep.id).length);
    const total = totals.reduce((sum, value) => sum + value, 0);
    const mean = totals.length > 0 ? total / totals.length : 0;
    const band = 0.15;
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
    this.undoStack.push(edit);
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
      path: '/home/director/Terrain/west-and-east.terrain',
      reps: this.reps.length,
      accounts: this.accounts.length,
      opportunities: this.accounts.reduce((sum, a) => sum + a.won + a.lost, 0) + (empty ? 0 : 6),
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

  async pickImportFiles(): Promise<string[]> {
    return ['/home/director/Exports/accounts.csv', '/home/director/Exports/signals-week-49.xlsx'];
  }

  async importFiles(input: ImportInput): Promise<ImportReport> {
    if (input.paths.length === 0) throw fakeError('bad_input', 'no files to import');
    if (this.accounts.length === 0) this.loadDemo();
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
    const at = new Date().toISOString();
    this.imports = [
      ...this.imports,
      { at, file: 'accounts.csv', kind: 'accounts', rows: 41, rejected: 1 },
      { at, file: 'signals-week-49.xlsx', kind: 'signals', rows: 4_812, rejected: 1_199 },
    ];
    this.changed();
    return report;
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

  async board(): Promise<Board> {
    const byReadiness = (a: FakeAccount, b: FakeAccount) => b.readiness - a.readiness;
    return {
      plan: this.accounts.length === 0 ? null : { ...this.plan },
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
    const apply = () => accounts.forEach((a) => (a.owner = to));
    const revert = () => accounts.forEach((a, i) => (a.owner = before[i] ?? null));
    apply();
    const noun = accounts.length === 1 ? 'account' : 'accounts';
    const where = target ? target.name : 'the pool';
    this.record({
      label: `move ${String(accounts.length)} ${noun} to ${where}`,
      undo: revert,
      redo: apply,
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
      undo: () => accounts.forEach((a, i) => (a.locked = before[i] ?? false)),
      redo: apply,
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
    this.record({
      label: 're-plan',
      undo: () => this.accounts.forEach((a, i) => (a.owner = before[i] ?? null)),
      redo: () => this.accounts.forEach((a, i) => (a.owner = after[i] ?? null)),
    });
    return {
      plan: { ...this.plan },
      moved,
      assigned: after.filter((owner) => owner !== null).length,
      pooled: after.filter((owner) => owner === null).length,
    };
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

  async metrics(): Promise<MetricsReport> {
    const rowFor = (name: string, accounts: FakeAccount[]): MetricsRow => {
      const won = accounts.reduce((sum, a) => sum + a.won, 0);
      const lost = accounts.reduce((sum, a) => sum + a.lost, 0);
      const days = accounts
        .map((a) => a.daysToClose)
        .filter((d): d is number => d !== null)
        .sort((a, b) => a - b);
      return {
        name,
        accounts: accounts.length,
        won,
        lost,
        conversion_rate: won + lost > 0 ? won / (won + lost) : null,
        median_days_to_close: days.length > 0 ? (days[Math.floor(days.length / 2)] ?? null) : null,
        won_revenue: accounts.reduce((sum, a) => sum + a.wonRevenue, 0),
        expected_value: accounts.reduce((sum, a) => sum + this.ev(a), 0),
      };
    };
    const assigned = this.accounts.filter((a) => a.owner !== null);
    const group = (pick: (rep: FakeRep) => string): MetricsRow[] => {
      const names = [...new Set(this.reps.map(pick))];
      return names.map((name) =>
        rowFor(
          name,
          assigned.filter((a) => {
            const rep = this.reps.find((r) => r.id === a.owner);
            return rep !== undefined && pick(rep) === name;
          }),
        ),
      );
    };
    return {
      overall: rowFor('All reps', assigned),
      by_rep: group((rep) => rep.name),
      by_team: group((rep) => rep.team),
      by_region: group((rep) => rep.region),
    };
  }

  async chart(kind: ChartKind): Promise<Chart> {
    const report = await this.metrics();
    const titles: Record<ChartKind, string> = {
      expected_value_by_rep: 'Expected value by rep',
      accounts_by_rep: 'Accounts by rep',
      readiness_distribution: 'Readiness distribution',
      conversion_by_rep: 'Conversion rate by rep',
    };
    let bars: [string, number][];
    switch (kind) {
      case 'expected_value_by_rep':
        bars = report.by_rep.map((row) => [row.name, row.expected_value]);
        break;
      case 'accounts_by_rep':
        bars = report.by_rep.map((row) => [row.name, row.accounts]);
        break;
      case 'conversion_by_rep':
        bars = report.by_rep.map((row) => [row.name, row.conversion_rate ?? 0]);
        break;
      case 'readiness_distribution':
        bars = ['0–20%', '20–40%', '40–60%', '60–80%', '80–100%'].map((label, band) => [
          label,
          this.accounts.filter((a) => Math.min(4, Math.floor(a.readiness * 5)) === band).length,
        ]);
        break;
    }
    return { kind, title: titles[kind], svg: barChartSvg(bars) };
  }

  async onWorkspaceChanged(handler: () => void): Promise<() => void> {
    this.listeners.add(handler);
    return () => {
      this.listeners.delete(handler);
    };
  }
}

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

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function valueLabel(value: number, max: number): string {
  if (max <= 1) return `${(value * 100).toFixed(1)}%`;
  if (max >= 10_000) return `$${(value / 1000).toFixed(0)}K`;
  return String(value);
}

/** A plain bar chart standing in for the plotters SVG the Rust side draws. */
function barChartSvg(bars: [string, number][]): string {
  const width = 560;
  const height = 280;
  const left = 48;
  const bottom = 40;
  const max = Math.max(1e-9, ...bars.map(([, value]) => value));
  const slot = (width - left - 16) / Math.max(1, bars.length);
  const parts = bars.map(([label, value], index) => {
    const h = ((height - bottom - 32) * value) / max;
    const x = left + index * slot + slot * 0.2;
    const y = height - bottom - h;
    return (
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" ` +
      `height="${h.toFixed(1)}" fill="#4f46e5" rx="2"/>` +
      `<text x="${(x + slot * 0.3).toFixed(1)}" y="${String(height - bottom + 18)}" ` +
      `font-size="11" text-anchor="middle" fill="#52525b">${escapeXml(label)}</text>` +
      `<text x="${(x + slot * 0.3).toFixed(1)}" y="${(y - 6).toFixed(1)}" font-size="11" ` +
      `text-anchor="middle" fill="#27272a">${escapeXml(valueLabel(value, max))}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(width)} ${String(height)}">` +
    `<line x1="${String(left)}" y1="${String(height - bottom)}" x2="${String(width - 16)}" ` +
    `y2="${String(height - bottom)}" stroke="#d4d4d8"/>${parts.join('')}</svg>`
  );
}
