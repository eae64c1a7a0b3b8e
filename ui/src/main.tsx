import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { setBackend } from './api';
import { App } from './App';
import './styles.css';

/**
 * `?fake` on the dev server (or any `VITE_FAKE=1` build) runs the UI on the in-memory
 * backend, for a browser without the Rust side. `?fake=empty` starts from an empty workspace;
 * `?fake=large` from 35 reps and 3,000 accounts.
 */
async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  // Release builds leave the fake out entirely: the condition folds to false and the chunk goes.
  const fakeAllowed = import.meta.env.DEV || import.meta.env.VITE_FAKE === '1';
  if (fakeAllowed && (params.has('fake') || import.meta.env.VITE_FAKE === '1')) {
    const { FakeBackend } = await import('./api/fake');
    const mode = params.get('fake');
    // A slowed import, so the progress bar and its Cancel button can be seen.
    setBackend(
      new FakeBackend({ empty: mode === 'empty', large: mode === 'large', importStepMs: 400 }),
    );
  }
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App initialScreen={params.get('screen')} />
    </StrictMode>,
  );
}

void start();
