/** How a 0..100 score reads: drives its colour, and the word beside it (never colour alone). */
export function scoreBand(score: number): 'strong' | 'fair' | 'weak' {
  return score >= 75 ? 'strong' : score >= 50 ? 'fair' : 'weak';
}

export const SCORE_BAND_LABELS: Record<ReturnType<typeof scoreBand>, string> = {
  strong: 'strong',
  fair: 'fair',
  weak: 'needs work',
};
