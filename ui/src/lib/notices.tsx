//! Errors and confirmations shown to the user. Every rejected call ends up here as a toast
//! with the backend's message, so no failure is only logged.

import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';

import { toErrorPayload } from '../api';

export interface Notice {
  id: number;
  tone: 'error' | 'success';
  title: string;
  message: string;
}

interface Notices {
  notices: Notice[];
  reportError: (error: unknown, title?: string) => void;
  confirm: (title: string, message: string) => void;
  dismiss: (id: number) => void;
}

const NoticeContext = createContext<Notices | null>(null);

/** Confirmations fade on their own; errors stay until dismissed so they can be read. */
const SUCCESS_MS = 6_000;

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setNotices((list) => list.filter((notice) => notice.id !== id));
  }, []);

  const push = useCallback(
    (notice: Omit<Notice, 'id'>) => {
      const id = nextId.current++;
      setNotices((list) => [...list.slice(-3), { ...notice, id }]);
      if (notice.tone === 'success') window.setTimeout(() => dismiss(id), SUCCESS_MS);
    },
    [dismiss],
  );

  const reportError = useCallback(
    (error: unknown, title = 'Something went wrong') => {
      push({ tone: 'error', title, message: toErrorPayload(error).message });
    },
    [push],
  );

  const confirm = useCallback(
    (title: string, message: string) => push({ tone: 'success', title, message }),
    [push],
  );

  const value = useMemo(
    () => ({ notices, reportError, confirm, dismiss }),
    [notices, reportError, confirm, dismiss],
  );
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>;
}

export function useNotices(): Notices {
  const value = useContext(NoticeContext);
  if (!value) throw new Error('useNotices must be used inside <NoticeProvider>');
  return value;
}

export function NoticeStack() {
  const { notices, dismiss } = useNotices();
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid={notice.tone === 'error' ? 'error-banner' : 'confirmation'}
        >
          <div className="notice-body">
            <div className="notice-title">{notice.title}</div>
            <div className="notice-message">{notice.message}</div>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
