/**
 * A field's inverted index: term → (document, term frequency) pairs, with each document's length,
 * scored by {@link bm25}. Built once from a list of token lists; documents are numbered 0..n-1.
 */
import { bm25, idf } from "./bm25.ts";

/** Whether `list[from ..< to]` (ascending) holds `value`. */
export function binaryHas(list: Int32Array, value: number, from = 0, to = list.length): boolean {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export class FieldIndex {
  readonly #postings = new Map<string, Int32Array>();
  readonly lengths: Int32Array;
  readonly averageLength: number;

  constructor(documents: Iterable<readonly string[]>, count: number) {
    this.lengths = new Int32Array(count);
    const lists = new Map<string, number[]>();
    let total = 0;
    let doc = 0;
    for (const terms of documents) {
      this.lengths[doc] = terms.length;
      total += terms.length;
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        const list = lists.get(t) ?? [];
        lists.set(t, list);
        list.push(doc, n);
      }
      doc++;
    }
    for (const [t, list] of lists) this.#postings.set(t, Int32Array.from(list));
    this.averageLength = count ? total / count : 0;
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** How many documents hold the term. */
  documentFrequency(term: string): number {
    return (this.#postings.get(term)?.length ?? 0) / 2;
  }

  /** Whether a document holds the term. */
  has(term: string, doc: number): boolean {
    const list = this.#postings.get(term);
    if (!list) return false;
    for (let i = 0; i < list.length; i += 2) if (list[i] === doc) return true;
    return false;
  }

  /** Adds `weight` × the term's BM25 score to `scores[doc]` for every document holding it. */
  addScores(
    term: string,
    weight: number,
    scores: Float64Array,
    k1: number,
    b: number,
    touched: Set<number>,
  ): void {
    const list = this.#postings.get(term);
    if (!list) return;
    const termIdf = idf(this.documentCount, list.length / 2);
    for (let i = 0; i < list.length; i += 2) {
      const doc = list[i]!;
      scores[doc]! += weight * bm25(list[i + 1]!, termIdf, this.lengths[doc]!, this.averageLength, k1, b);
      touched.add(doc);
    }
  }
}
