//! Data loading that follows the workspace. The Rust side emits `workspace-changed` after
//! every write; one subscription turns it into a revision number, and every view that loads
//! through `useWorkspaceData` fetches again when the revision moves.

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';

import { api, toErrorPayload } from '../api';
import { useNotices } from './notices';

interface Revision {
  revision: number;
  /** Marks the workspace as changed from this side, e.g. after a write. */
  bump: () => void;
  /** The revision at which a read last failed as damaged; -1 when none has. */
  damageSeen: number;
  /** Says a read failed as damaged, so the banner asks the app to check the file now. */
  reportDamage: () => void;
}

const RevisionContext = createContext<Revision>({
  revision: 0,
  bump: () => undefined,
  damageSeen: -1,
  reportDamage: () => undefined,
});

export function WorkspaceRevisionProvider({ children }: { children: ReactNode }) {
  const [revision, setRevision] = useState(0);
  const [damageSeen, setDamageSeen] = useState(-1);
  const { reportError } = useNotices();
  const bump = useCallback(() => setRevision((value) => value + 1), []);
  // Every screen's read fails alike on a damaged file: one report per revision is enough, and
  // keeps the check from running again until the workspace changes.
  const reportDamage = useCallback(() => setDamageSeen(revision), [revision]);

  useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    api.onWorkspaceChanged(bump).then(
      (stop) => {
        if (cancelled) stop();
        else unsubscribe = stop;
      },
      (error: unknown) => reportError(error, 'Live updates are off'),
    );
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }, [bump, reportError]);

  return (
    <RevisionContext.Provider value={{ revision, bump, damageSeen, reportDamage }}>
      {children}
    </RevisionContext.Provider>
  );
}

export function useWorkspaceRevision(): Revision {
  return useContext(RevisionContext);
}

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  /** Replaces the data locally, e.g. with the figures a write returned. */
  setData: (update: (current: T | null) => T | null) => void;
  reload: () => void;
}

/**
 * Loads `fetch` now and again after each workspace change, and whenever `key` changes (the
 * inputs `fetch` closes over, such as a period). Only the newest answer is kept, so a slow
 * early request never overwrites a later one. Failures go to the notice stack, except those of
 * a damaged workspace, which the damaged-workspace banner reports.
 */
export function useWorkspaceData<T>(fetch: () => Promise<T>, title: string, key = ''): Loaded<T> {
  const { revision, reportDamage } = useWorkspaceRevision();
  const { reportError } = useNotices();
  const [data, setDataState] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [localRevision, setLocalRevision] = useState(0);
  const latest = useRef(0);
  const fetchRef = useRef(fetch);
  useLayoutEffect(() => {
    fetchRef.current = fetch;
  });

  // Earlier data stays on screen while a refresh runs, so a reload never flashes empty.
  useEffect(() => {
    const request = ++latest.current;
    fetchRef.current().then(
      (value) => {
        if (request !== latest.current) return;
        setDataState(value);
        setLoading(false);
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setLoading(false);
        // A damaged workspace fails every read the same way, and its banner already says so
        // and offers the backup; a notice per screen would only bury it.
        if (toErrorPayload(error).code === 'damaged') reportDamage();
        else reportError(error, title);
      },
    );
  }, [revision, localRevision, reportError, reportDamage, title, key]);

  const setData = useCallback((update: (current: T | null) => T | null) => {
    setDataState(update);
  }, []);
  const reload = useCallback(() => setLocalRevision((value) => value + 1), []);

  return { data, loading, setData, reload };
}
