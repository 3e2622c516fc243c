/** How a 0..100 score reads: drives its colour. */
export function scoreBand(score: number): 'strong' | 'fair' | 'weak' {
  return score >= 75 ? 'strong' : score >= 50 ? 'fair' : 'weak';
}
