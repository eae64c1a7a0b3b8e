//! The fake backend's import mapping: a few believable CRM exports, recognised by file name,
//! surveyed the way the Rust side surveys a real file (kind, columns, samples and the questions
//! only the user can settle), so the mapping dialog can be tried and tested without Rust.

import type {
  ColumnReading,
  ColumnView,
  FieldMap,
  FileSettings,
  FileView,
  ImportInput,
  SheetChoice,
  SheetKindName,
} from './bindings';

interface FakeColumn {
  header: string;
  samples: string[];
  /** A value that reads as day-first and as month-first, and its row. */
  ambiguousDate?: [string, number];
  /** A value such as `1.250` that reads as a thousand-style number or a decimal. */
  ambiguousDecimal?: [string, number];
}

interface FakeTable {
  rows: number;
  columns: FakeColumn[];
}

interface FakeSource {
  /** Worksheets of a workbook; empty for a CSV. */
  sheets: SheetChoice[];
  tables: Record<string, FakeTable>;
}

/** Each kind's fields and the normalised headers that mean them, as the Rust side has them. */
const FIELDS: Record<SheetKindName, [string, string[]][]> = {
  accounts: [
    ['id', ['account id', 'record id', 'company id']],
    ['name', ['account', 'account name', 'company', 'company name']],
    ['owner', ['account owner', 'company owner', 'owner']],
    ['industry', ['industry', 'sector']],
    ['employees', ['employees', 'number of employees', 'headcount']],
    ['revenue', ['revenue', 'annual revenue']],
    ['country', ['country', 'billing country']],
    ['state', ['state', 'billing state']],
    ['region', ['region', 'sales region', 'territory']],
    ['outcome', ['outcome']],
    ['website', ['website', 'domain']],
  ],
  reps: [
    ['name', ['sales agent', 'rep name', 'rep', 'account executive']],
    ['team', ['manager', 'team', 'sales team']],
    ['region', ['regional office', 'region', 'office']],
    ['capacity', ['capacity', 'max accounts']],
    ['crm_user_id', ['crm user id', 'user id', 'owner id']],
  ],
  opportunities: [
    ['id', ['opportunity id', 'deal id', 'record id']],
    ['account', ['account', 'account name', 'company']],
    ['owner', ['opportunity owner', 'deal owner', 'owner']],
    ['stage', ['stage', 'deal stage', 'stage name']],
    ['amount', ['amount', 'close value', 'value']],
    ['created', ['created date', 'create date', 'engage date']],
    ['closed', ['close date', 'closed date']],
    ['product', ['product', 'product name']],
  ],
  signals: [
    ['account', ['account', 'account name', 'company']],
    ['date', ['activity date', 'date', 'timestamp']],
    ['kind', ['activity type', 'type', 'kind', 'activity']],
    ['topic', ['topic', 'intent topic']],
    ['strength', ['score', 'strength', 'intent score']],
  ],
  products: [
    ['product', ['product', 'product name']],
    ['series', ['series', 'product family']],
    ['price', ['sales price', 'price', 'list price']],
  ],
};

/** What each kind cannot do without, in the Rust side's words. */
const REQUIRED: Record<SheetKindName, string[]> = {
  accounts: ['name'],
  reps: ['name'],
  opportunities: ['id', 'stage'],
  signals: ['account', 'date', 'kind'],
  products: ['product', 'price'],
};

export const KINDS: SheetKindName[] = ['accounts', 'reps', 'opportunities', 'signals', 'products'];

const ACCOUNTS: FakeTable = {
  rows: 41,
  columns: [
    { header: 'Account ID', samples: ['0015g00000XyZ1A', '0015g00000XyZ1B', '0015g00000XyZ1C'] },
    { header: 'Account Name', samples: ['Acme Corporation', 'Globex', 'Initech', 'Umbrella'] },
    { header: 'Account Owner', samples: ['Ana Ortiz', 'Ben Carter', 'Chloé Martin'] },
    { header: 'Industry', samples: ['Manufacturing', 'Software', 'Retail', 'Healthcare'] },
    { header: 'Employees', samples: ['1200', '85', '4300', '17'] },
    { header: 'Annual Revenue', samples: ['12500000', '900000', '12,5 M', '48000000'] },
    { header: 'Billing Country', samples: ['United States', 'Germany', 'France'] },
    { header: 'Tier', samples: ['Gold', 'Silver', 'Bronze'] },
    { header: 'Partner', samples: ['Northwind', 'Contoso'] },
  ],
};

const SIGNALS: FakeTable = {
  rows: 4_812,
  columns: [
    { header: 'Account', samples: ['Acme Corporation', 'Globex', 'Initech'] },
    {
      header: 'Activity Date',
      samples: ['03/04/2026', '05/06/2026', '01/12/2026', '11/02/2026'],
      ambiguousDate: ['03/04/2026', 2],
    },
    { header: 'Activity Type', samples: ['Email Open', 'Web Visit', 'Meeting', 'Form Fill'] },
    { header: 'Topic', samples: ['pricing', 'integrations', 'security'] },
    { header: 'Score', samples: ['0.4', '0.9', '0.2'] },
    { header: 'Campaign', samples: ['Winter webinar', 'Q4 nurture'] },
  ],
};

const LOOKUPS: FakeTable = {
  rows: 12,
  columns: [
    { header: 'Code', samples: ['EO', 'WV', 'MT'] },
    { header: 'Meaning', samples: ['Email Open', 'Web Visit', 'Meeting'] },
  ],
};

const OPPORTUNITIES: FakeTable = {
  rows: 612,
  columns: [
    { header: 'Opportunity ID', samples: ['0065g00000Ab1', '0065g00000Ab2', '0065g00000Ab3'] },
    { header: 'Account Name', samples: ['Acme Corporation', 'Globex', 'Initech'] },
    { header: 'Stage', samples: ['Prospecting', 'Negotiation', 'Closed Won'] },
    {
      header: 'Amount',
      samples: ['1.250', '12.000', '3.500'],
      ambiguousDecimal: ['1.250', 2],
    },
    {
      header: 'Close Date',
      samples: ['03/04/2026', '07/08/2026', '10/11/2026'],
      ambiguousDate: ['03/04/2026', 2],
    },
  ],
};

const REPS: FakeTable = {
  rows: 4,
  columns: [
    { header: 'Rep Name', samples: ['Ana Ortiz', 'Ben Carter', 'Chloé Martin', 'David Okafor'] },
    { header: 'Team', samples: ['West', 'East'] },
    { header: 'Capacity', samples: ['12', '10', '14'] },
  ],
};

/** The export a path stands for, judged by its name as a person would. */
export function fakeSource(path: string): FakeSource {
  const name = fileName(path).toLowerCase();
  if (name.includes('signal') || name.includes('activit')) {
    const sheets = [
      { name: 'Week 49', hidden: false },
      { name: 'Lookups', hidden: true },
    ];
    return { sheets, tables: { 'Week 49': SIGNALS, Lookups: LOOKUPS } };
  }
  if (name.includes('opportunit') || name.includes('deal')) {
    return { sheets: [], tables: { '': OPPORTUNITIES } };
  }
  if (name.includes('rep') || name.includes('team')) return { sheets: [], tables: { '': REPS } };
  return { sheets: [], tables: { '': ACCOUNTS } };
}

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function normalise(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[_\-/.:]/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .join(' ');
}

/** Each field's column for `kind`: hand-made entries first, then headers that mean them. */
function mapColumns(
  kind: SheetKindName,
  headers: string[],
  map: FieldMap[],
  unmapped: string[],
): Map<string, number> {
  const columns = new Map<string, number>();
  for (const entry of map) {
    const index = headers.indexOf(entry.header);
    if (index >= 0) columns.set(entry.field, index);
  }
  const kept = unmapped.map((header) => headers.indexOf(header));
  for (const [field, synonyms] of FIELDS[kind]) {
    if (columns.has(field)) continue;
    const used = new Set([...columns.values(), ...kept]);
    const index = headers.findIndex(
      (header, i) => !used.has(i) && synonyms.includes(normalise(header)),
    );
    if (index >= 0) columns.set(field, index);
  }
  return columns;
}

/** The kind whose fields the headers fill best, as long as its required fields are there. */
function detectKind(headers: string[]): SheetKindName | null {
  let best: SheetKindName | null = null;
  let bestCount = 0;
  for (const kind of KINDS) {
    const columns = mapColumns(kind, headers, [], []);
    const complete = REQUIRED[kind].every((field) => columns.has(field));
    if (complete && columns.size > bestCount) {
      best = kind;
      bestCount = columns.size;
    }
  }
  return best;
}

function readingOf(settings: FileSettings, header: string): ColumnReading {
  return (
    settings.columns.find((c) => c.header === header) ?? {
      header,
      decimal: null,
      date_order: null,
      serial_dates: false,
    }
  );
}

/** The settings a file starts with: its own, else what was remembered for it, else none. */
export function startingSettings(
  path: string,
  input: ImportInput,
  remembered: Map<string, FileSettings>,
): { settings: FileSettings; saved: boolean } {
  const own = input.files.find((f) => f.path === path);
  if (own) return { settings: own, saved: false };
  const stored = remembered.get(fileName(path));
  if (stored) return { settings: { ...stored, path }, saved: true };
  const settings = {
    path,
    kind: input.kind,
    sheet: null,
    map: input.map,
    unmapped: [],
    columns: input.columns,
  };
  return { settings, saved: false };
}

/** Surveys one fake file under `settings`, as `inspect_import` would. */
export function fakeFileView(settings: FileSettings, saved: boolean): FileView {
  const source = fakeSource(settings.path);
  const file = fileName(settings.path);
  const firstVisible = source.sheets.find((s) => !s.hidden)?.name ?? '';
  const sheet = settings.sheet ?? (source.sheets.length > 0 ? firstVisible : null);
  const table = source.tables[sheet ?? ''];
  if (!table) {
    throw {
      code: 'bad_input',
      message: `${file}: there is no sheet "${sheet ?? ''}" (the sheets are: ${source.sheets
        .map((s) => s.name)
        .join(', ')})`,
    };
  }
  const headers = table.columns.map((c) => c.header);
  const kind = settings.kind ?? detectKind(headers);
  const mapped = kind
    ? mapColumns(kind, headers, settings.map, settings.unmapped)
    : new Map<string, number>();
  const fieldOf = (index: number) =>
    [...mapped.entries()].find(([, column]) => column === index)?.[0] ?? null;

  const columns: ColumnView[] = table.columns.map((column, index) => {
    const reading = readingOf(settings, column.header);
    const field = fieldOf(index);
    const isDate = field !== null && ['created', 'closed', 'date'].includes(field);
    const isNumber = field !== null && ['amount', 'revenue', 'price'].includes(field);
    const dateOpen = isDate && column.ambiguousDate && reading.date_order === null;
    const decimalOpen = isNumber && column.ambiguousDecimal && reading.decimal === null;
    const question = dateOpen ? 'date_order' : decimalOpen ? 'decimal' : null;
    const example = dateOpen ? column.ambiguousDate : decimalOpen ? column.ambiguousDecimal : null;
    return {
      header: column.header,
      field,
      samples: column.samples,
      question,
      example: example?.[0] ?? null,
      example_row: example?.[1] ?? null,
      reading,
    };
  });

  let error: string | null = null;
  if (kind === null) {
    error =
      `${file}: the headers (${headers.join(', ')}) match no sheet Terrain imports; choose ` +
      'the kind of sheet and map its columns';
  } else {
    const missing = REQUIRED[kind].find((field) => !mapped.has(field));
    const open = columns.find((c) => c.question !== null);
    if (missing) {
      error = `${file}: ${kind} need a column for "${missing}" and none was found; map one`;
    } else if (open) {
      const ambiguity =
        open.question === 'date_order'
          ? 'reads as day-first or month-first'
          : 'reads as a thousand-style number or a decimal';
      error =
        `${file}: row ${String(open.example_row)}, column "${open.header}": ` +
        `"${open.example ?? ''}" ${ambiguity}, and no value in the column settles it`;
    }
  }

  return {
    path: settings.path,
    file,
    kind,
    error,
    rows: table.rows,
    sheets: source.sheets,
    sheet,
    saved,
    fields: kind ? FIELDS[kind].map(([field]) => field) : [],
    columns,
    settings,
  };
}
