/**
 * A small fuzzy term dictionary: finds the known terms within a few typos of a query term without
 * comparing it with every term. Terms are indexed by their padded trigrams; only terms that share
 * enough trigrams with the query (and have a close length) get an edit-distance check.
 *
 * The trigram index is typed arrays, not a map of lists: terms are numbered in the order they were
 * added, a trigram is one number (its three UTF-16 code units), and each trigram's terms are a run
 * of one flat list. It is built when first needed (at `seal`, at load) from the terms, or taken as
 * it is from a file that kept it (see {@link FuzzyDictionary.fromTables}).
 */
import { allowedTypos, editDistance } from "./terms.ts";

/** A known term near a query term. */
export interface FuzzyMatch {
  term: string;
  distance: number;
}

/**
 * The trigram index of a dictionary: the trigrams of `^term$` (each term listed once per trigram),
 * as numbers `c0 * 2^32 + c1 * 2^16 + c2` of their three UTF-16 code units.
 */
export interface TrigramTable {
  /** Every trigram some term holds, ascending. */
  keys: Float64Array;
  /** The terms (by number) holding trigram `keys[k]` are `terms[start[k] .. start[k + 1]]`, ascending. */
  start: Int32Array;
  terms: Int32Array;
}

/** What a dictionary is made of, as a file keeps it (see {@link FuzzyDictionary.tables}). */
export interface FuzzyTables {
  /** The terms in the order they were added (a term's number is its position). */
  terms: readonly string[];
  /** Term numbers in the terms' code-unit order (what `withPrefix` walks). */
  order: Int32Array;
  trigrams: TrigramTable;
}

const PAD_START = 94; // `^`
const PAD_END = 36; // `$`
const HIGH = 2 ** 32;
const MID = 2 ** 16;

/** The number of the padded trigram of `term` at `i` (0 ≤ i < term.length). */
function trigramAt(term: string, i: number): number {
  const n = term.length;
  const c0 = i === 0 ? PAD_START : term.charCodeAt(i - 1);
  const c1 = term.charCodeAt(i);
  const c2 = i + 1 < n ? term.charCodeAt(i + 1) : PAD_END;
  return c0 * HIGH + c1 * MID + c2;
}

/** The position of `key` in the ascending `keys`, or -1. */
function find(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < keys.length && keys[lo] === key ? lo : -1;
}

/** The trigram index of terms numbered by position. */
export function buildTrigramTable(terms: readonly string[]): TrigramTable {
  let total = 0;
  for (const term of terms) total += term.length;
  // Each term's distinct trigrams, term after term: a trigram repeated in a term (`^banana$`)
  // lists it once.
  const pairKeys = new Float64Array(total);
  const pairTerms = new Int32Array(total);
  let n = 0;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    const from = n;
    for (let i = 0; i < term.length; i++) {
      const key = trigramAt(term, i);
      let seen = false;
      for (let j = from; j < n && !seen; j++) seen = pairKeys[j] === key;
      if (seen) continue;
      pairKeys[n] = key;
      pairTerms[n++] = t;
    }
  }
  const sorted = pairKeys.slice(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[distinct - 1]) sorted[distinct++] = sorted[i]!;
  }
  const keys = sorted.slice(0, distinct);
  const start = new Int32Array(distinct + 1);
  const slot = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const k = find(keys, pairKeys[p]!);
    slot[p] = k;
    start[k + 1]!++;
  }
  for (let k = 0; k < distinct; k++) start[k + 1]! += start[k]!;
  // Filled in pair order, that is term order: each list ascends.
  const cursor = start.slice(0, distinct);
  const list = new Int32Array(n);
  for (let p = 0; p < n; p++) list[cursor[slot[p]!]!++] = pairTerms[p]!;
  return { keys, start, terms: list };
}

/** Terms by trigram, for typo-tolerant lookup. */
export class FuzzyDictionary {
  #terms: string[] = [];
  #ids = new Map<string, number>();
  /** `#ids` belongs to whoever handed it over (`fromTables`): copied before the first `add`. */
  #sharedIds = false;
  #table: TrigramTable | null = null;
  /** Term numbers in code-unit order of the terms, when given by a file. */
  #order: Int32Array | null = null;
  /** Sorted terms, for prefix lookup (autocomplete). */
  #sorted: string[] | null = null;
  /** Per term, how many of the query's trigrams it holds (zero between lookups). */
  #shared: Int32Array | null = null;

  /**
   * A dictionary of `tables.terms` as {@link tables} gave them, without building anything.
   * `ids` maps each term to its position in `tables.terms` (the caller's map, shared: an `add`
   * copies it first). The tables are trusted: check them before (see postings-file.ts).
   */
  static fromTables(tables: FuzzyTables, ids: Map<string, number>): FuzzyDictionary {
    const dictionary = new FuzzyDictionary();
    dictionary.#terms = tables.terms as string[];
    dictionary.#ids = ids;
    dictionary.#sharedIds = true;
    dictionary.#table = tables.trigrams;
    dictionary.#order = tables.order;
    return dictionary;
  }

  /** Adds a term (once). */
  add(term: string): void {
    if (this.#ids.has(term)) return;
    if (this.#sharedIds) {
      this.#ids = new Map(this.#ids);
      this.#terms = [...this.#terms];
      this.#sharedIds = false;
    }
    this.#ids.set(term, this.#terms.length);
    this.#terms.push(term);
    this.#sorted = null;
    this.#order = null;
    this.#table = null;
  }

  /** Prepares the prefix table and the trigram index now (at load) rather than on the first keystroke. */
  seal(): void {
    this.#sortedTerms();
    this.#trigrams();
  }

  has(term: string): boolean {
    return this.#ids.has(term);
  }

  get size(): number {
    return this.#terms.length;
  }

  /** The terms, their sorted order and the trigram index: what {@link fromTables} takes back. */
  tables(): FuzzyTables {
    const sorted = this.#sortedTerms();
    const order = new Int32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) order[i] = this.#ids.get(sorted[i]!)!;
    return { terms: this.#terms, order, trigrams: this.#trigrams() };
  }

  /**
   * Known terms within `maxDistance` edits of `term` (default: by length, see `allowedTypos`),
   * closest first; the term itself comes first with distance 0 when known.
   */
  lookup(term: string, maxDistance = allowedTypos(term), limit = 8): FuzzyMatch[] {
    const out: FuzzyMatch[] = [];
    const self = this.#ids.get(term);
    if (self !== undefined) out.push({ term, distance: 0 });
    if (maxDistance <= 0) return out;
    const table = this.#trigrams();
    const grams: number[] = [];
    for (let i = 0; i < term.length; i++) {
      const key = trigramAt(term, i);
      if (!grams.includes(key)) grams.push(key);
    }
    // Each edit destroys at most three trigrams: a term sharing fewer cannot be that close.
    const needed = Math.max(1, grams.length - 3 * maxDistance);
    if (!this.#shared || this.#shared.length < this.#terms.length)
      this.#shared = new Int32Array(this.#terms.length);
    const shared = this.#shared;
    // Candidates in the order first met (trigram by trigram, each list in term order): the order
    // of equally close terms that `localeCompare` does not tell apart.
    const met: number[] = [];
    for (const g of grams) {
      const k = find(table.keys, g);
      if (k < 0) continue;
      for (let p = table.start[k]!, end = table.start[k + 1]!; p < end; p++) {
        const t = table.terms[p]!;
        if (shared[t]!++ === 0) met.push(t);
      }
    }
    for (const t of met) {
      const count = shared[t]!;
      shared[t] = 0;
      if (count < needed || t === self) continue;
      const candidate = this.#terms[t]!;
      if (Math.abs(candidate.length - term.length) > maxDistance) continue;
      const d = editDistance(term, candidate, maxDistance);
      if (d <= maxDistance) out.push({ term: candidate, distance: d });
    }
    out.sort((a, b) => a.distance - b.distance || a.term.localeCompare(b.term));
    return out.slice(0, limit);
  }

  /** Known terms starting with `prefix`, at most `limit`, in alphabetical order. */
  withPrefix(prefix: string, limit = 50): string[] {
    const sorted = this.#sortedTerms();
    const out: string[] = [];
    for (
      let i = firstAtLeast(sorted, prefix);
      i < sorted.length && out.length < limit && sorted[i]!.startsWith(prefix);
      i++
    ) {
      out.push(sorted[i]!);
    }
    return out;
  }

  #sortedTerms(): string[] {
    if (!this.#sorted) {
      const order = this.#order;
      if (order) {
        const sorted = new Array<string>(order.length);
        for (let i = 0; i < order.length; i++) sorted[i] = this.#terms[order[i]!]!;
        this.#sorted = sorted;
      } else this.#sorted = [...this.#terms].sort();
    }
    return this.#sorted;
  }

  #trigrams(): TrigramTable {
    if (!this.#table) this.#table = buildTrigramTable(this.#terms);
    return this.#table;
  }
}

/** The first place in an ascending list whose string is not below `key` (where every word starting with `key` begins). */
export function firstAtLeast(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
