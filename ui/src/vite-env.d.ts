/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `1` runs the UI on the in-memory fake backend (see `main.tsx`). */
  readonly VITE_FAKE?: string;
}
