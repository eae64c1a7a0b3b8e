const STAGES = ['cold', 'aware', 'considering', 'deciding', 'buying'] as const;

/** A readiness band as a coloured chip; unknown stages fall back to a neutral chip. */
export function StageChip({ stage }: { stage: string }) {
  const known = (STAGES as readonly string[]).includes(stage);
  return (
    <span className={`chip chip-stage-${known ? stage : 'other'}`} data-testid="stage-chip">
      {stage}
    </span>
  );
}
