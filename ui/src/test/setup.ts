//! jsdom lays nothing out, so virtualised lists would render no rows. Give every element a
//! viewport-sized box and a no-op ResizeObserver so the virtualizers render what a real window
//! would show.

import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

class StubResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

globalThis.ResizeObserver = StubResizeObserver;

const BOX = { width: 1200, height: 2000 };

for (const [name, size] of [
  ['clientHeight', BOX.height],
  ['clientWidth', BOX.width],
] as const) {
  Object.defineProperty(Element.prototype, name, { configurable: true, get: () => size });
}
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get: () => BOX.height,
});
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
  configurable: true,
  get: () => BOX.width,
});
HTMLElement.prototype.getBoundingClientRect = function getBoundingClientRect(): DOMRect {
  return DOMRect.fromRect({ x: 0, y: 0, ...BOX });
};
HTMLElement.prototype.scrollTo = function scrollTo(): void {};

afterEach(() => {
  cleanup();
});

// The suite runs on busy 2-core machines beside Rust builds; a debounced search plus a fetch can
// take over a second there. Waits still fail when the behaviour is wrong, just later.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no PointerEvent; dnd-kit's PointerSensor needs one with `isPrimary` and `button`.
if (typeof window.PointerEvent === 'undefined') {
  class PointerEventStub extends MouseEvent {
    readonly pointerId: number;
    readonly isPrimary: boolean;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 1;
      this.isPrimary = init.isPrimary ?? true;
    }
  }
  window.PointerEvent = PointerEventStub as unknown as typeof PointerEvent;
}
