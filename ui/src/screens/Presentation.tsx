//! Presentation mode: the insights charts as slides for a review meeting, one chart per slide
//! on a plain white page. It asks for the browser's full screen on the whole document and, where
//! the webview refuses, still covers the window, so a projector shows nothing else either way.

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent } from 'react';
import { createPortal } from 'react-dom';

import type { Chart, ChartKind } from '../api';
import { longDate } from '../lib/period';

export interface Slide {
  kind: ChartKind;
  /** `null` while the chart is still being drawn. */
  chart: Chart | null;
}

const NEXT = new Set(['ArrowRight', 'PageDown', ' ', 'Spacebar']);
const PREVIOUS = new Set(['ArrowLeft', 'PageUp']);

/**
 * Enters full screen for as long as the presentation is open. Leaving full screen by the
 * browser's own means (Esc is often swallowed by it, F11) closes the presentation too, so the
 * director is never left with a slide in a normal window. Failure is quiet: the overlay alone
 * covers the window.
 */
function useFullscreen(onLeave: () => void): void {
  const onLeaveRef = useRef(onLeave);
  useLayoutEffect(() => {
    onLeaveRef.current = onLeave;
  });

  useEffect(() => {
    const root = document.documentElement;
    let entered = false;
    const onChange = () => {
      if (document.fullscreenElement) entered = true;
      else if (entered) onLeaveRef.current();
    };
    document.addEventListener('fullscreenchange', onChange);
    // jsdom and some webviews have no Fullscreen API at all, though the DOM types promise it.
    const api = root as Partial<Pick<HTMLElement, 'requestFullscreen'>>;
    if (!document.fullscreenElement && typeof api.requestFullscreen === 'function') {
      try {
        root.requestFullscreen().catch(() => undefined);
      } catch {
        // A webview that throws instead of rejecting: the overlay is enough.
      }
    }
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, []);
}

export function Presentation({
  slides,
  start = 0,
  onClose,
}: {
  slides: Slide[];
  start?: number;
  onClose: () => void;
}) {
  const count = slides.length;
  const [index, setIndex] = useState(() => Math.min(Math.max(0, start), count - 1));
  const [today] = useState(() => longDate(new Date()));
  const rootRef = useRef<HTMLDivElement | null>(null);

  const go = useCallback((to: number) => setIndex(Math.min(Math.max(0, to), count - 1)), [count]);

  useFullscreen(onClose);

  // Focus moves into the slides so keys land here, and back to where it was on leaving.
  useEffect(() => {
    const previous = document.activeElement;
    rootRef.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (NEXT.has(event.key)) setIndex((i) => Math.min(i + 1, count - 1));
      else if (PREVIOUS.has(event.key)) setIndex((i) => Math.max(i - 1, 0));
      else if (event.key === 'Home') setIndex(0);
      else if (event.key === 'End') setIndex(count - 1);
      else if (event.key === 'Escape') onClose();
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count, onClose]);

  const onClick = (event: ReactMouseEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    go(event.clientX - rect.left < rect.width / 2 ? index - 1 : index + 1);
  };

  const slide = slides[index];
  const chart = slide?.chart ?? null;

  return createPortal(
    <div
      ref={rootRef}
      className="presentation"
      role="dialog"
      aria-modal="true"
      aria-label="Presentation"
      aria-roledescription="slide show"
      data-testid="presentation"
      tabIndex={-1}
      onClick={onClick}
    >
      <header className="slide-header">
        <div className="slide-heading">
          <h2 className="slide-title">{chart?.title ?? 'Drawing the chart…'}</h2>
          <div className="slide-subtitle">{chart?.subtitle ?? '\u00a0'}</div>
        </div>
        <div className="slide-date">{today}</div>
      </header>
      {chart ? (
        // The SVG is drawn by our own Rust code (plotters), never from user-supplied markup.
        <div
          className="slide-chart"
          data-kind={chart.kind}
          dangerouslySetInnerHTML={{ __html: chart.svg }}
        />
      ) : (
        <div className="slide-chart slide-chart-loading" />
      )}
      <footer className="slide-footer">
        <span className="slide-hint">← → to move · Esc to leave</span>
        <span className="slide-counter" data-testid="slide-counter" aria-live="polite">
          {index + 1} / {count}
        </span>
      </footer>
      <button
        type="button"
        className="icon-button slide-close"
        aria-label="Leave the presentation (Esc)"
        title="Leave the presentation (Esc)"
        onClick={(event) => {
          event.stopPropagation();
          onClose();
        }}
      >
        ×
      </button>
    </div>,
    document.body,
  );
}
