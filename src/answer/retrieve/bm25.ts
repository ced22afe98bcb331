/**
 * The BM25 score as a pure function (MiniSearch's `calcBM25Score`): every loop over postings in
 * `passages.ts` calls this and nothing else, so tuning the formula means editing one function.
 */

/** Inverse document frequency, the BM25 form that never goes negative for very common terms. */
export function idf(documents: number, withTerm: number): number {
  return Math.log(1 + (documents - withTerm + 0.5) / (withTerm + 0.5));
}

/** One term's BM25 contribution to a document's score. */
export function bm25(
  termFrequency: number,
  termIdf: number,
  documentLength: number,
  averageLength: number,
  k1: number,
  b: number,
): number {
  const norm = 1 - b + (b * documentLength) / (averageLength || 1);
  return (termIdf * termFrequency * (k1 + 1)) / (termFrequency + k1 * norm);
}
