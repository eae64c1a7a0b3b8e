//! A handful of line icons drawn inline, so the app needs no icon font or remote asset.

const PATHS = {
  workspace: 'M3 7l9-4 9 4-9 4-9-4zm0 5l9 4 9-4M3 17l9 4 9-4',
  territories: 'M4 4h5v16H4zM10 4h5v10h-5zM16 4h4v13h-4z',
  accounts: 'M4 5h16M4 10h16M4 15h16M4 20h10',
  insights: 'M4 20V10m6 10V4m6 16v-7m4 7H3',
  scoring: 'M4 6h9m4 0h3M4 12h3m4 0h9M4 18h11m4 0h1M15 4v4M9 10v4M17 16v4',
  lock: 'M7 11V8a5 5 0 0110 0v3M5 11h14v10H5z',
  unlock: 'M7 11V8a5 5 0 019.6-2M5 11h14v10H5z',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 010 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 000 12h3',
  replan: 'M4 12a8 8 0 0114-5.3M20 12a8 8 0 01-14 5.3M18 3v4h-4M6 21v-4h4',
  import: 'M12 3v12m0 0l-4-4m4 4l4-4M4 17v3h16v-3',
  export: 'M12 15V3m0 0L8 7m4-4l4 4M4 17v3h16v-3',
  search: 'M11 18a7 7 0 110-14 7 7 0 010 14zm5-2l5 5',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  review: 'M5 12l4 4 10-10M4 4h6M4 20h16',
  history: 'M12 7v5l3 3M4 12a8 8 0 108-8 8 8 0 00-6 2.7M4 4v4h4',
  present: 'M3 4h18v12H3zM12 16v4M8 20h8M10 8l4 2-4 2z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
