/** Index of the word being spoken at `time`: the last word that has started, or -1 before the first. */
export function wordIndexAtTime(words: readonly { start: number }[], time: number): number {
  let low = 0;
  let high = words.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (words[mid]!.start <= time) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
