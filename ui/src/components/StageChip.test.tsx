import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { StageChip } from './StageChip';

describe('StageChip', () => {
  it('a_known_stage_gets_its_own_colour_class', () => {
    render(<StageChip stage="buying" />);
    const chip = screen.getByTestId('stage-chip');
    expect(chip).toHaveTextContent('buying');
    expect(chip).toHaveClass('chip-stage-buying');
  });

  it('an_unknown_stage_is_shown_with_a_neutral_chip', () => {
    render(<StageChip stage="nurture" />);
    const chip = screen.getByTestId('stage-chip');
    expect(chip).toHaveTextContent('nurture');
    expect(chip).toHaveClass('chip-stage-other');
  });
});
