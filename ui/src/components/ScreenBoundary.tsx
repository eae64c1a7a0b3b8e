import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface State {
  message: string | null;
}

/**
 * Keeps a bug in one screen from blanking the window: the sidebar stays usable and the
 * screen says what broke. Switching screens (a new `key`) resets it.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('screen crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <div className="empty-state" role="alert">
        <div className="empty-title">This screen stopped working</div>
        <div className="empty-body">
          <p>{this.state.message}</p>
          <p>Switch to another screen and back to try again.</p>
        </div>
      </div>
    );
  }
}
