import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderApp } from './test/render';

describe('app', () => {
  it('the_sidebar_switches_screens_and_marks_the_current_one', async () => {
    renderApp('workspace');
    expect(await screen.findByRole('heading', { name: 'Workspace' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Accounts' }));
    expect(await screen.findByRole('heading', { name: 'Accounts' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Accounts' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByRole('button', { name: 'Workspace' })).not.toHaveAttribute('aria-current');
  });

  it('alt_and_a_number_switch_screens_from_the_keyboard', async () => {
    renderApp('workspace');
    await screen.findByRole('heading', { name: 'Workspace' });
    fireEvent.keyDown(window, { key: '5', altKey: true });
    expect(await screen.findByRole('heading', { name: 'Insights' })).toBeInTheDocument();
    fireEvent.keyDown(window, { key: '2', altKey: true });
    expect(await screen.findByRole('heading', { name: 'Territories' })).toBeInTheDocument();
    fireEvent.keyDown(window, { key: '3', altKey: true });
    expect(await screen.findByRole('heading', { name: 'Review' })).toBeInTheDocument();
    fireEvent.keyDown(window, { key: '6', altKey: true });
    expect(await screen.findByRole('heading', { name: 'Scoring' })).toBeInTheDocument();
    fireEvent.keyDown(window, { key: '7', altKey: true });
    expect(await screen.findByRole('heading', { name: 'History' })).toBeInTheDocument();
  });
});
