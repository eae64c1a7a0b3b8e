//! The modal dialog the settings and action forms open in: a backdrop that closes it, Escape
//! to close, Tab kept inside, the board's shortcuts kept out, and focus handed back to the
//! button that opened it.

import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, ReactNode } from 'react';

export function Dialog({
  title,
  intro,
  testId,
  className,
  ready = true,
  onClose,
  children,
}: {
  title: string;
  intro: ReactNode;
  testId: string;
  /** A class added to the dialog's box, for a dialog that needs another size. */
  className?: string;
  /** Whether the fields are there yet; focus moves to the first one when they are. */
  ready?: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => opener?.focus();
  }, []);
  useEffect(() => {
    if (ready) dialogRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, [ready]);

  const onKeyDown = (event: ReactKeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key === 'Tab') {
      const focusable = Array.from(
        dialogRef.current?.querySelectorAll<HTMLElement>(
          'input:not([disabled]), select:not([disabled]), button:not([disabled])',
        ) ?? [],
      );
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  };

  return (
    <div
      className="plan-settings-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        className={className ? `plan-settings ${className}` : 'plan-settings'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <header className="plan-settings-header">
          <h2 id={titleId}>{title}</h2>
          <p className="muted">{intro}</p>
        </header>
        {children}
      </div>
    </div>
  );
}

/** One labelled field of a dialog, with a line that says what it does. */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="plan-settings-field">
      <label className="plan-settings-row">
        <span className="plan-settings-label">{label}</span>
        {children}
      </label>
      <p className="plan-settings-hint">{hint}</p>
    </div>
  );
}
