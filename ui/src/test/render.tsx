import { render } from '@testing-library/react';

import { setBackend } from '../api';
import { FakeBackend } from '../api/fake';
import { App } from '../App';
import type { Screen } from '../App';

/** Renders the whole app on a fresh fake backend, opened at `screen`. */
export function renderApp(screen: Screen, backend = new FakeBackend()) {
  setBackend(backend);
  const view = render(<App initialScreen={screen} />);
  return { backend, ...view };
}
