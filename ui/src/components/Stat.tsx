import type { ReactNode } from 'react';

/** One labelled figure in a strip of figures, such as the balance panel. */
export function Stat({
  label,
  hint,
  warn = false,
  children,
}: {
  label: string;
  hint?: string;
  warn?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`stat${warn ? ' stat-warn' : ''}`} title={hint}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
    </div>
  );
}
