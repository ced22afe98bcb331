/**
 * How a hit is judged, the same for every system: the top sentence contains the evidence phrase
 * after lower-casing, unifying quote marks and collapsing spaces (the seed's `war ,` matches `war,`).
 * Kept free of heavy imports: the measuring child processes load it.
 */

/** Lower-cased, whitespace-collapsed text: how evidence is compared with a cited sentence. */
export function normaliseForEvidence(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, " ")
    .replace(/\s+([,.;:!?])/g, "$1")
    .trim();
}

/** Whether a sentence supports a question: it contains the evidence phrase. */
export function containsEvidence(sentence: string | null | undefined, evidence: string): boolean {
  if (!sentence) return false;
  return normaliseForEvidence(sentence).includes(normaliseForEvidence(evidence));
}

/** Percentile (nearest rank) of a list of numbers; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}
