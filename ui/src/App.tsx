//! The window: a sidebar to switch screens, the current screen, and the notice stack.

import { useEffect, useState } from 'react';

import { Icon } from './components/Icon';
import { ScreenBoundary } from './components/ScreenBoundary';
import { DamagedBanner } from './screens/Backups';
import type { IconName } from './components/Icon';
import { WorkspaceRevisionProvider } from './lib/data';
import { NoticeProvider, NoticeStack } from './lib/notices';
import { AccountsScreen } from './screens/Accounts';
import { HistoryScreen } from './screens/History';
import { InsightsScreen } from './screens/Insights';
import { ReviewScreen } from './screens/Review';
import { ScoringScreen } from './screens/Scoring';
import { TerritoriesScreen } from './screens/Territories';
import { WorkspaceScreen } from './screens/Workspace';

export type Screen =
  'workspace' | 'territories' | 'review' | 'accounts' | 'insights' | 'scoring' | 'history';

const SCREENS: { id: Screen; label: string; icon: IconName }[] = [
  { id: 'workspace', label: 'Workspace', icon: 'workspace' },
  { id: 'territories', label: 'Territories', icon: 'territories' },
  { id: 'review', label: 'Review', icon: 'review' },
  { id: 'accounts', label: 'Accounts', icon: 'accounts' },
  { id: 'insights', label: 'Insights', icon: 'insights' },
  { id: 'scoring', label: 'Scoring', icon: 'scoring' },
  { id: 'history', label: 'History', icon: 'history' },
];

function isScreen(value: string | null | undefined): value is Screen {
  return SCREENS.some((screen) => screen.id === value);
}

export function App({ initialScreen }: { initialScreen?: string | null }) {
  return (
    <NoticeProvider>
      <WorkspaceRevisionProvider>
        <Shell initialScreen={isScreen(initialScreen) ? initialScreen : 'territories'} />
        <NoticeStack />
      </WorkspaceRevisionProvider>
    </NoticeProvider>
  );
}

function Shell({ initialScreen }: { initialScreen: Screen }) {
  const [screen, setScreen] = useState<Screen>(initialScreen);

  // Alt+1..7 switches screens from anywhere, the keyboard twin of the sidebar.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const target = SCREENS[Number(event.key) - 1];
      if (target) {
        event.preventDefault();
        setScreen(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Terrain
        </div>
        <ul className="nav-list">
          {SCREENS.map((item, index) => (
            <li key={item.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={screen === item.id ? 'page' : undefined}
                title={`${item.label} (Alt+${String(index + 1)})`}
                onClick={() => setScreen(item.id)}
              >
                <Icon name={item.icon} />
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="main">
        <DamagedBanner />
        <ScreenBoundary key={screen}>
          {screen === 'workspace' && (
            <WorkspaceScreen onOpenTerritories={() => setScreen('territories')} />
          )}
          {screen === 'territories' && <TerritoriesScreen />}
          {screen === 'review' && <ReviewScreen />}
          {screen === 'accounts' && <AccountsScreen />}
          {screen === 'insights' && <InsightsScreen />}
          {screen === 'scoring' && <ScoringScreen />}
          {screen === 'history' && <HistoryScreen />}
        </ScreenBoundary>
      </main>
    </div>
  );
}
