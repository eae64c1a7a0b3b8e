//! The main screen: one column per rep after the pool, cards sorted by readiness, drag and
//! drop of a card or a selection, locks, undo and redo, and the live balance panel. Every
//! figure comes from the backend; a drop sends one `move_accounts` with all dragged ids.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent } from 'react';
import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { CollisionDetection, DragEndEvent, DragStartEvent } from '@dnd-kit/core';
import { useVirtualizer } from '@tanstack/react-virtual';

import { api, isErrorPayload } from '../api';
import type { Balance, Board, Card, HistoryState, PlanChange } from '../api';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { StageChip } from '../components/StageChip';
import { Stat } from '../components/Stat';
import { useWorkspaceData } from '../lib/data';
import {
  formatDay,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatPercent,
  formatRatio,
  plural,
} from '../lib/format';
import { useNotices } from '../lib/notices';
import { PlanSettingsDialog } from './PlanSettings';
import { DraftPanel, PlanSwitch, RealignDialog, loadDraft } from './Realignment';

/** A column on the board: the pool (`repId` null) or one rep's book. */
export interface BoardColumn {
  key: string;
  repId: number | null;
  name: string;
  team: string | null;
  region: string | null;
  capacity: number | null;
  expectedValue: number | null;
  cards: Card[];
}

const POOL_KEY = 'pool';
const KEYBOARD_HINT =
  'Press Enter or Space to select this account, Shift+Enter to extend the selection, then ' +
  'choose a rep in "Move to…". L locks or unlocks the selection; Escape clears it.';
const CARD_HEIGHT = 88;
const CARD_GAP = 8;

function columnKey(repId: number | null): string {
  return repId === null ? POOL_KEY : `rep:${String(repId)}`;
}

export function boardColumns(board: Board): BoardColumn[] {
  return [
    {
      key: POOL_KEY,
      repId: null,
      name: 'Pool',
      team: null,
      region: null,
      capacity: null,
      expectedValue: null,
      cards: board.pool,
    },
    ...board.reps.map((rep) => ({
      key: columnKey(rep.id),
      repId: rep.id,
      name: rep.name,
      team: rep.team,
      region: rep.region,
      capacity: rep.capacity,
      expectedValue: rep.expected_value,
      cards: rep.accounts,
    })),
  ];
}

/**
 * Moves cards between columns in a local copy of the board, so the cards land at once; the
 * totals and balance come from the backend's answer and the reload that follows.
 */
function moveCardsLocally(board: Board, ids: number[], toRep: number | null): Board {
  const moving = new Set(ids);
  const taken: Card[] = [];
  const keep = (cards: Card[]) =>
    cards.filter((card) => {
      if (!moving.has(card.id)) return true;
      taken.push(card);
      return false;
    });
  const pool = keep(board.pool);
  const reps = board.reps.map((rep) => ({ ...rep, accounts: keep(rep.accounts) }));
  const byReadiness = (a: Card, b: Card) => b.readiness - a.readiness;
  if (toRep === null) {
    return { ...board, reps, pool: [...pool, ...taken].sort(byReadiness) };
  }
  return {
    ...board,
    pool,
    reps: reps.map((rep) =>
      rep.id === toRep ? { ...rep, accounts: [...rep.accounts, ...taken].sort(byReadiness) } : rep,
    ),
  };
}

/**
 * What a re-plan did, in a sentence: the moves and how close the plan is to the engine's bound,
 * e.g. "12 moves, within 0.02% of the best possible plan".
 */
export function replanSummary(change: PlanChange): string {
  const moves = plural(change.moved, 'move');
  const rest =
    `${formatInteger(change.assigned)} accounts in books, ` +
    `${formatInteger(change.pooled)} in the pool.`;
  if (change.bound_gap === null) {
    return (
      `${moves}; the balance band cannot be met for ${plural(change.outside_band, 'rep')}, ` +
      `so there is no best plan to measure against. ${rest}`
    );
  }
  // Two decimals read well for a gap; below that the plan is as good as the bound can tell.
  const gap = change.bound_gap * 100;
  const closeness =
    gap < 0.005 ? 'the best possible plan' : `within ${gap.toFixed(2)}% of the best possible plan`;
  return `${moves}, ${closeness}. ${rest}`;
}

/**
 * The board of the plan shown. A draft activated or discarded elsewhere (or by the action that
 * triggered this reload) is gone by the time its board is asked for; the active plan's board
 * stands in for it.
 */
async function loadBoard(view: 'active' | 'draft'): Promise<Board> {
  if (view === 'active') return api.board(false);
  try {
    return await api.board(true);
  } catch (error) {
    if (isErrorPayload(error) && error.code === 'not_found') return api.board(false);
    throw error;
  }
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

export function TerritoriesScreen() {
  const { reportError, confirm } = useNotices();
  // The board shows and edits the active plan, or the quarterly draft when one is chosen and
  // still there (activated, discarded or undone away, it leaves the active plan on the board).
  const [showing, setShowing] = useState<'active' | 'draft'>('active');
  const { data: draft, reload: reloadDraft } = useWorkspaceData(
    loadDraft,
    'Could not load the draft plan',
  );
  const view = showing === 'draft' && draft ? 'draft' : 'active';
  const {
    data: board,
    setData,
    reload,
    loading,
  } = useWorkspaceData(() => loadBoard(view), 'Could not load the territories', view);
  const [realignOpen, setRealignOpen] = useState(false);
  const [selection, setSelection] = useState<number[]>([]);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [dragIds, setDragIds] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [previousBalance, setPreviousBalance] = useState<Balance | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const columns = useMemo(() => (board ? boardColumns(board) : []), [board]);
  const columnOf = useMemo(() => {
    const map = new Map<number, BoardColumn>();
    for (const column of columns) for (const card of column.cards) map.set(card.id, column);
    return map;
  }, [columns]);
  const cardById = useMemo(() => {
    const map = new Map<number, Card>();
    for (const column of columns) for (const card of column.cards) map.set(card.id, card);
    return map;
  }, [columns]);

  // Cards that vanished in a reload (another import, a re-plan) leave the selection.
  const liveSelection = useMemo(
    () => selection.filter((id) => cardById.has(id)),
    [selection, cardById],
  );
  const selected = useMemo(() => new Set(liveSelection), [liveSelection]);

  const applyHistory = useCallback(
    (history: HistoryState) => setData((current) => (current ? { ...current, history } : current)),
    [setData],
  );

  const move = useCallback(
    async (ids: number[], toRep: number | null) => {
      if (!board) return;
      const target = columnKey(toRep);
      const moving = ids.filter((id) => columnOf.get(id)?.key !== target);
      if (moving.length === 0) return;
      setBusy(true);
      setData((current) => (current ? moveCardsLocally(current, moving, toRep) : current));
      try {
        const result = await api.moveAccounts({
          account_ids: moving,
          to_rep: toRep,
          ...(view === 'draft' ? { draft: true } : {}),
        });
        setPreviousBalance(board.balance);
        setData((current) =>
          current ? { ...current, balance: result.balance, history: result.history } : current,
        );
      } catch (error) {
        reportError(error, 'The move did not happen');
        // Put the optimistic cards back; after a success the workspace-changed event refreshes.
        reload();
      } finally {
        setBusy(false);
      }
    },
    [board, columnOf, setData, reload, reportError, view],
  );

  const toggleLock = useCallback(async () => {
    if (liveSelection.length === 0) return;
    const lock = !liveSelection.every((id) => cardById.get(id)?.locked === true);
    setBusy(true);
    try {
      applyHistory(
        await api.setLocked({
          account_ids: liveSelection,
          locked: lock,
          ...(view === 'draft' ? { draft: true } : {}),
        }),
      );
    } catch (error) {
      reportError(error, lock ? 'Could not lock' : 'Could not unlock');
    } finally {
      setBusy(false);
      reload();
    }
  }, [liveSelection, cardById, applyHistory, reportError, reload, view]);

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      const before = board?.balance ?? null;
      setBusy(true);
      try {
        applyHistory(direction === 'undo' ? await api.undo() : await api.redo());
        setPreviousBalance(before);
      } catch (error) {
        reportError(error, direction === 'undo' ? 'Could not undo' : 'Could not redo');
      } finally {
        setBusy(false);
        reload();
      }
    },
    [board, applyHistory, reportError, reload],
  );

  const replan = useCallback(async () => {
    const before = board?.balance ?? null;
    setBusy(true);
    try {
      const change = await api.replan();
      setPreviousBalance(before);
      confirm('Re-planned', replanSummary(change));
    } catch (error) {
      reportError(error, 'Could not re-plan');
    } finally {
      setBusy(false);
      reload();
    }
  }, [board, confirm, reportError, reload]);

  const activate = useCallback(async () => {
    if (!draft) return;
    setBusy(true);
    try {
      const activation = await api.activateDraft({
        draft_id: draft.draft.id,
        version: draft.version,
      });
      setShowing('active');
      confirm(
        `${activation.plan.name} is active`,
        `${plural(activation.moves, 'owner change')}.` +
          (activation.backup
            ? ` A copy of the workspace from before is at ${activation.backup}.`
            : '') +
          ' Undo puts the previous plan back.',
      );
    } catch (error) {
      reportError(error, 'The draft was not activated');
    } finally {
      setBusy(false);
      reload();
      reloadDraft();
    }
  }, [draft, confirm, reportError, reload, reloadDraft]);

  const discard = useCallback(async () => {
    setBusy(true);
    try {
      await api.discardDraft();
      setShowing('active');
    } catch (error) {
      reportError(error, 'Could not discard the draft');
    } finally {
      setBusy(false);
      reloadDraft();
    }
  }, [reportError, reloadDraft]);

  const history = board?.history;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      const mod = event.ctrlKey || event.metaKey;
      if (mod && key === 'z' && !event.shiftKey) {
        event.preventDefault();
        if (history?.can_undo && !busy) void step('undo');
      } else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) {
        event.preventDefault();
        if (history?.can_redo && !busy) void step('redo');
      } else if (!mod && !event.altKey && key === 'l') {
        event.preventDefault();
        if (!busy) void toggleLock();
      } else if (key === 'escape') {
        setSelection([]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history, busy, step, toggleLock]);

  const select = useCallback(
    (card: Card, mode: 'only' | 'toggle' | 'range') => {
      const column = columnOf.get(card.id);
      if (mode === 'range' && anchor !== null && column && columnOf.get(anchor) === column) {
        const ids = column.cards.map((c) => c.id);
        const from = ids.indexOf(anchor);
        const to = ids.indexOf(card.id);
        const range = ids.slice(Math.min(from, to), Math.max(from, to) + 1);
        setSelection((current) => [...new Set([...current, ...range])]);
        return;
      }
      setAnchor(card.id);
      if (mode === 'only') {
        setSelection((current) =>
          current.length === 1 && current[0] === card.id ? [] : [card.id],
        );
      } else {
        setSelection((current) =>
          current.includes(card.id)
            ? current.filter((id) => id !== card.id)
            : [...current, card.id],
        );
      }
    },
    [anchor, columnOf],
  );

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));

  const onDragStart = (event: DragStartEvent) => {
    const id = Number(String(event.active.id).replace('card:', ''));
    if (selected.has(id)) {
      setDragIds(liveSelection);
    } else {
      setSelection([id]);
      setAnchor(id);
      setDragIds([id]);
    }
  };

  const onDragEnd = (event: DragEndEvent) => {
    const ids = dragIds;
    setDragIds([]);
    const over = event.over?.id;
    // A drop while the previous move is still saving would race it; the card snaps back.
    if (over === undefined || busy) return;
    const target = columns.find((column) => column.key === over);
    if (target) void move(ids, target.repId);
  };

  if (!board) {
    return (
      <section className="screen">
        <ScreenHeader />
        {loading ? <div className="loading">Loading territories…</div> : null}
      </section>
    );
  }

  if (board.reps.length === 0 && board.pool.length === 0) {
    return (
      <section className="screen">
        <ScreenHeader />
        <EmptyState title="No territories yet">
          Import a reps sheet and an accounts sheet on the <strong>Workspace</strong> screen (Import
          files…). Terrain scores the accounts and proposes a plan; the reps appear here as columns.
        </EmptyState>
      </section>
    );
  }

  const dragLead = dragIds[0] !== undefined ? cardById.get(dragIds[0]) : undefined;
  const allLocked =
    liveSelection.length > 0 && liveSelection.every((id) => cardById.get(id)?.locked === true);

  return (
    <section className="screen territories">
      <ScreenHeader board={board} />
      <div className="toolbar" role="toolbar" aria-label="Territory actions">
        {draft ? (
          <PlanSwitch
            draft={draft}
            showing={view}
            onShow={(plan) => {
              setSelection([]);
              setPreviousBalance(null);
              setShowing(plan);
            }}
          />
        ) : null}
        <span className="selection-count" aria-live="polite">
          {liveSelection.length > 0
            ? `${plural(liveSelection.length, 'account')} selected`
            : 'Click a card to select it; shift or ctrl-click to add more'}
        </span>
        <label className="move-to">
          <span className="visually-hidden">Move selected accounts to</span>
          <select
            data-testid="move-to"
            value=""
            disabled={liveSelection.length === 0 || busy}
            onChange={(event) => {
              const value = event.target.value;
              if (value === '') return;
              void move(liveSelection, value === POOL_KEY ? null : Number(value));
            }}
          >
            <option value="">Move to…</option>
            <option value={POOL_KEY}>Pool</option>
            {board.reps.map((rep) => (
              <option key={rep.id} value={String(rep.id)}>
                {rep.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          data-testid="lock"
          disabled={liveSelection.length === 0 || busy}
          title={allLocked ? 'Unlock the selection (L)' : 'Lock the selection (L)'}
          onClick={() => void toggleLock()}
        >
          <Icon name={allLocked ? 'unlock' : 'lock'} />
          {allLocked ? 'Unlock' : 'Lock'}
        </button>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button"
          data-testid="undo"
          disabled={!board.history.can_undo || busy}
          title={
            board.history.undo_label
              ? `Undo ${board.history.undo_label} (Ctrl+Z)`
              : 'Nothing to undo'
          }
          aria-label={board.history.undo_label ? `Undo ${board.history.undo_label}` : 'Undo'}
          onClick={() => void step('undo')}
        >
          <Icon name="undo" />
          Undo
        </button>
        <button
          type="button"
          className="button"
          data-testid="redo"
          disabled={!board.history.can_redo || busy}
          title={
            board.history.redo_label
              ? `Redo ${board.history.redo_label} (Ctrl+Shift+Z)`
              : 'Nothing to redo'
          }
          aria-label={board.history.redo_label ? `Redo ${board.history.redo_label}` : 'Redo'}
          onClick={() => void step('redo')}
        >
          <Icon name="redo" />
          Redo
        </button>
        <button
          type="button"
          className="button"
          data-testid="plan-settings-open"
          aria-haspopup="dialog"
          title="The band, the pool, move costs, eligibility and default capacity"
          onClick={() => setSettingsOpen(true)}
        >
          Plan settings
        </button>
        <button
          type="button"
          className="button"
          data-testid="realign-open"
          aria-haspopup="dialog"
          title="Build a new plan from scratch as a draft, beside the active plan"
          onClick={() => setRealignOpen(true)}
        >
          Quarterly realignment…
        </button>
        {view === 'active' ? (
          <button
            type="button"
            className="button button-primary"
            data-testid="replan"
            disabled={busy}
            title="Build a new plan from the current scores; locked accounts stay put"
            onClick={() => void replan()}
          >
            <Icon name="replan" />
            Re-plan
          </button>
        ) : null}
      </div>
      {realignOpen ? (
        <RealignDialog
          replacing={draft?.draft.name ?? null}
          onClose={() => setRealignOpen(false)}
          onCreated={() => {
            setRealignOpen(false);
            setSelection([]);
            setPreviousBalance(null);
            setShowing('draft');
            reloadDraft();
          }}
        />
      ) : null}
      {draft && view === 'draft' ? (
        <DraftPanel
          draft={draft}
          busy={busy}
          onActivate={() => void activate()}
          onDiscard={() => void discard()}
        />
      ) : null}
      {settingsOpen ? (
        <PlanSettingsDialog
          onClose={() => setSettingsOpen(false)}
          onSaved={() => {
            setSettingsOpen(false);
            confirm('Plan settings saved', 'Press Re-plan to rebalance the books by them.');
            reload();
          }}
        />
      ) : null}
      <BalancePanel balance={board.balance} previous={previousBalance} />
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragIds([])}
        // The default edge scrolling races past a dozen columns in a second; slower lets a
        // director stop on the rep they mean.
        autoScroll={{ acceleration: 2, threshold: { x: 0.08, y: 0.15 } }}
        accessibility={{ screenReaderInstructions: { draggable: KEYBOARD_HINT } }}
      >
        <div className="board" data-testid="board">
          {columns.map((column) => (
            <Column
              key={column.key}
              column={column}
              balance={board.balance}
              selected={selected}
              dragging={dragIds}
              onSelect={select}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {dragLead ? (
            <div className="drag-overlay" data-testid="drag-overlay">
              <CardBody card={dragLead} />
              {dragIds.length > 1 ? (
                <span className="drag-count">+{dragIds.length - 1}</span>
              ) : null}
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
    </section>
  );
}

function ScreenHeader({ board }: { board?: Board }) {
  const plan = board?.plan;
  return (
    <header className="screen-header">
      <h1>Territories</h1>
      {plan ? (
        <span className="muted">
          {plan.name} · {plan.status} · effective {formatDay(plan.effective)}
        </span>
      ) : null}
    </header>
  );
}

function Delta({
  now,
  before,
  digits = 'pct',
}: {
  now: number;
  before: number | undefined;
  digits?: 'pct' | 'dec';
}) {
  if (before === undefined) return null;
  const change = Math.abs(now - before);
  const text = digits === 'pct' ? formatPercent(change) : formatDecimal(change);
  // A change too small to show in the figure's own precision is no change to the reader.
  if (/^[0.,%]+$/.test(text)) return null;
  const better = now < before;
  return (
    <span className={`delta ${better ? 'delta-good' : 'delta-bad'}`}>
      {better ? '▼' : '▲'} {text}
    </span>
  );
}

/** The band as the director typed it: 0.15 as "15%", 0.125 as "12.5%". */
function formatBand(band: number): string {
  return `${String(Math.round(band * 1000) / 10)}%`;
}

export function BalancePanel({
  balance,
  previous,
}: {
  balance: Balance;
  previous: Balance | null;
}) {
  return (
    <div className="balance-panel" data-testid="balance-panel" aria-label="Balance">
      <Stat
        label="EV spread (CV)"
        hint="Coefficient of variation of expected value across reps; lower is more even"
      >
        <span data-testid="balance-cv">{formatPercent(balance.cv_expected_value)}</span>
        <Delta now={balance.cv_expected_value} before={previous?.cv_expected_value} />
      </Stat>
      <Stat label="Gini" hint="0 is perfectly even, 1 is one rep holding everything">
        <span data-testid="balance-gini">{formatDecimal(balance.gini_expected_value)}</span>
        <Delta
          now={balance.gini_expected_value}
          before={previous?.gini_expected_value}
          digits="dec"
        />
      </Stat>
      <Stat label="Max / min EV" hint="Largest over smallest expected value per rep">
        {formatRatio(balance.max_min_expected_value)}
      </Stat>
      <Stat label="Accounts CV" hint="Spread of account counts per rep: CV and max/min">
        {formatPercent(balance.cv_accounts)}
        <span className="stat-sub">{formatRatio(balance.max_min_accounts)}</span>
      </Stat>
      <Stat
        label={`Outside ±${formatBand(balance.band)}`}
        hint={
          `Reps more than ±${formatBand(balance.band)} from the mean expected value; ` +
          'set the width in Plan settings'
        }
        warn={balance.reps_outside_band > 0}
      >
        <span data-testid="balance-outside">{formatInteger(balance.reps_outside_band)}</span>
        <span className="stat-sub">of {formatInteger(balance.reps)}</span>
      </Stat>
      <Stat label="Over capacity" warn={balance.reps_over_capacity > 0}>
        <span data-testid="balance-over">{formatInteger(balance.reps_over_capacity)}</span>
      </Stat>
      <Stat label="Pooled">
        <span data-testid="balance-pooled">{formatInteger(balance.pooled)}</span>
        <span className="stat-sub">{formatInteger(balance.assigned)} assigned</span>
      </Stat>
      <Stat label="Total EV">
        {formatMoney(balance.total_expected_value)}
        <span className="stat-sub">{formatMoney(balance.mean_expected_value)} / rep</span>
      </Stat>
    </div>
  );
}

function Column({
  column,
  balance,
  selected,
  dragging,
  onSelect,
}: {
  column: BoardColumn;
  balance: Balance;
  selected: Set<number>;
  dragging: number[];
  onSelect: (card: Card, mode: 'only' | 'toggle' | 'range') => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: column.key });
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: column.cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT + CARD_GAP,
    overscan: 6,
    getItemKey: (index) => column.cards[index]?.id ?? index,
  });
  const isPool = column.repId === null;
  const used = column.cards.length;
  const over = column.capacity !== null && used > column.capacity;
  const mean = balance.mean_expected_value;
  const band =
    column.expectedValue === null || mean === 0
      ? null
      : column.expectedValue > mean * (1 + balance.band)
        ? 'above band'
        : column.expectedValue < mean * (1 - balance.band)
          ? 'below band'
          : null;
  const draggingSet = new Set(dragging);

  return (
    <div
      ref={setNodeRef}
      className={`column${isPool ? ' column-pool' : ''}${isOver ? ' column-over' : ''}`}
      data-testid={isPool ? 'pool-column' : 'rep-column'}
      data-rep-id={column.repId ?? undefined}
      data-rep-name={isPool ? undefined : column.name}
      aria-label={isPool ? 'Pool' : `${column.name}'s accounts`}
    >
      <div className="column-header">
        <div className="column-title">
          <span className="column-name">{column.name}</span>
          {column.expectedValue !== null ? (
            <span className="column-ev" title="Expected value of this book">
              {formatMoney(column.expectedValue)}
            </span>
          ) : null}
        </div>
        <div className="column-meta">
          {isPool
            ? 'In no book: too cold, or no room'
            : [column.team, column.region].filter(Boolean).join(' · ') || '\u00a0'}
        </div>
        {column.capacity !== null ? (
          <div className={`capacity${over ? ' capacity-over' : ''}`} data-testid="capacity">
            <div className="capacity-bar" aria-hidden="true">
              <div
                className="capacity-fill"
                style={{
                  width: `${String(Math.min(100, (used / Math.max(1, column.capacity)) * 100))}%`,
                }}
              />
            </div>
            <span className="capacity-text">
              {formatInteger(used)} / {formatInteger(column.capacity)}
            </span>
            {band ? (
              <span className={`band-tag band-${band.split(' ')[0] ?? ''}`}>{band}</span>
            ) : null}
          </div>
        ) : (
          <div className="capacity">
            <span className="capacity-text">{plural(used, 'account')}</span>
          </div>
        )}
      </div>
      <div className="column-body" ref={scrollRef}>
        {column.cards.length === 0 ? (
          <div className="column-empty">{isPool ? 'The pool is empty' : 'Drop accounts here'}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const card = column.cards[item.index];
              if (!card) return null;
              return (
                <div
                  key={item.key}
                  className="card-slot"
                  style={{ transform: `translateY(${String(item.start)}px)`, height: CARD_HEIGHT }}
                >
                  <AccountCard
                    card={card}
                    selected={selected.has(card.id)}
                    dragging={draggingSet.has(card.id)}
                    onSelect={onSelect}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

function AccountCard({
  card,
  selected,
  dragging,
  onSelect,
}: {
  card: Card;
  selected: boolean;
  dragging: boolean;
  onSelect: (card: Card, mode: 'only' | 'toggle' | 'range') => void;
}) {
  const { attributes, listeners, setNodeRef } = useDraggable({ id: `card:${String(card.id)}` });
  const onClick = (event: ReactMouseEvent) => {
    onSelect(card, event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only');
  };
  const onKeyDown = (event: ReactKeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(card, event.shiftKey ? 'range' : 'toggle');
    }
  };
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      className={`card${selected ? ' card-selected' : ''}${dragging ? ' card-dragging' : ''}`}
      data-testid="account-card"
      data-account-id={card.id}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <CardBody card={card} />
    </div>
  );
}

function CardBody({ card }: { card: Card }) {
  return (
    <>
      <div className="card-top">
        <span className="card-name" title={card.name}>
          {card.name}
        </span>
        {card.locked ? (
          <span
            className="card-lock"
            title="Locked: no automatic move changes it"
            data-testid="lock-icon"
          >
            <Icon name="lock" size={13} />
          </span>
        ) : null}
        <span className="card-readiness" title="Readiness">
          {formatPercent(card.readiness)}
        </span>
      </div>
      <div className="card-mid">
        <StageChip stage={card.stage} />
        <span className="card-ev" title="Expected value">
          {formatMoney(card.expected_value)}
        </span>
      </div>
      <div className="card-reason" title={card.top_reason ?? undefined}>
        {card.top_reason ?? card.industry ?? '\u00a0'}
      </div>
    </>
  );
}
