/**
 * Which items fuse.js can match at all, told cheaply, so that fuse.js scores only those and gives
 * the same result as over every item.
 *
 * fuse.js (ignoring location) accepts a text when some stretch of it is within
 * `floor(threshold × length)` edits of the lower-cased pattern, each 32-letter chunk of a longer
 * pattern on its own. k edits leave at least `length − 1 − 2k` of the pattern's letter pairs in
 * place (each edit touches at most two pairs), so a text that holds fewer of them cannot match.
 * fuse.js's score of an item does not depend on the other items, and it breaks ties by the items'
 * order, so searching the candidates (kept in order) returns what searching them all would.
 */

/** The letter pairs a text must hold for one chunk of the pattern, and how many of them. */
interface Chunk {
  text: string;
  /** The most edits fuse.js allows for this chunk. */
  edits: number;
  /** The chunk's letter pairs, one per position (a pair repeated in the chunk counts each time). */
  pairs: string[];
  needed: number;
}

/** A pattern's test: its chunks, and whether texts with letters outside ASCII pass unread. */
export interface PairFilter {
  chunks: Chunk[];
  /** fuse.js folds diacritics (`ignoreDiacritics`): a text or pattern outside ASCII may change length. */
  foldsDiacritics: boolean;
}

const NOT_ASCII = /[^\u0000-\u007f]/;

/**
 * The test for a pattern under a fuse.js threshold, or null when it is too short (or, with
 * diacritics folded, not ASCII) to rule any text out.
 */
export function pairFilter(pattern: string, threshold: number, foldsDiacritics = false): PairFilter | null {
  const lower = pattern.toLowerCase();
  if (foldsDiacritics && NOT_ASCII.test(lower)) return null;
  // fuse.js's chunks: whole 32-letter runs, and the last 32 letters for a remainder.
  const texts: string[] = [];
  if (lower.length <= 32) texts.push(lower);
  else {
    for (let i = 0; i + 32 <= lower.length; i += 32) texts.push(lower.slice(i, i + 32));
    if (lower.length % 32) texts.push(lower.slice(lower.length - 32));
  }
  const chunks: Chunk[] = [];
  for (const text of texts) {
    // The most edits fuse.js allows: errors / length must stay within the threshold.
    let edits = 0;
    while ((edits + 1) / text.length <= threshold) edits++;
    const needed = text.length - 1 - 2 * edits;
    // A chunk that any text can match makes the whole pattern unfilterable (one chunk suffices).
    if (needed <= 0) return null;
    const pairs: string[] = [];
    for (let i = 0; i + 1 < text.length; i++) pairs.push(text.slice(i, i + 2));
    chunks.push({ text, edits, pairs, needed });
  }
  return chunks.length ? { chunks, foldsDiacritics } : null;
}

/** The distinct letter pairs of some texts, lower-cased as fuse.js compares them. */
export function letterPairs(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    const lower = text.toLowerCase();
    for (let i = 0; i + 1 < lower.length; i++) out.add(lower.slice(i, i + 2));
  }
  return out;
}

/**
 * The letter pair of `text` at `i` (its two UTF-16 code units, as `text.slice(i, i + 2)` holds
 * them) as one number: the key of a {@link PairIndex}, made without a string per pair.
 */
export function pairCode(text: string, i: number): number {
  return text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
}

/** Whether an item with these texts (its values of fuse.js's keys) may match the pattern. */
export function mayMatch(filter: PairFilter, texts: readonly string[]): boolean {
  if (filter.foldsDiacritics && texts.some((t) => NOT_ASCII.test(t))) return true;
  const held = letterPairs(texts);
  const pairsHeld = filter.chunks.some((chunk) => {
    let n = 0;
    for (const pair of chunk.pairs) if (held.has(pair) && ++n >= chunk.needed) return true;
    return false;
  });
  return pairsHeld && withinEdits(filter, texts);
}

/**
 * Whether some stretch of one of the texts is within a chunk's edits of it: what fuse.js's bitap
 * search decides, worked out in one pass over each text (Myers' bit-parallel edit distance, with
 * the match free to start anywhere), where fuse.js makes one pass per edit allowed.
 */
export function withinEdits(filter: PairFilter, texts: readonly string[]): boolean {
  if (filter.foldsDiacritics && texts.some((t) => NOT_ASCII.test(t))) return true;
  for (const chunk of filter.chunks) {
    const m = chunk.text.length;
    const peq = new Map<string, number>();
    for (let i = 0; i < m; i++) {
      const c = chunk.text[i]!;
      peq.set(c, (peq.get(c) ?? 0) | (1 << i));
    }
    const high = 1 << (m - 1);
    for (const raw of texts) {
      const text = raw.toLowerCase();
      let pv = -1;
      let mv = 0;
      let score = m;
      for (let j = 0; j < text.length; j++) {
        const eq = peq.get(text[j]!) ?? 0;
        const xv = eq | mv;
        const xh = (((eq & pv) + pv) ^ pv) | eq;
        let ph = mv | ~(xh | pv);
        let mh = pv & xh;
        if (ph & high) score++;
        else if (mh & high) score--;
        ph <<= 1;
        mh <<= 1;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
        if (score <= chunk.edits) return true;
      }
    }
  }
  return false;
}

/**
 * The candidates among items indexed by letter pair (pair → ascending item numbers): the item
 * numbers, ascending, that hold enough of some chunk's pairs. Only for filters that fold no
 * diacritics (the index holds the texts' own pairs).
 */
export function candidatesByPairs(
  filter: PairFilter,
  byPair: ReadonlyMap<string, readonly number[]>,
  itemCount: number,
): number[] {
  return candidatesOf(filter, (pair) => byPair.get(pair), itemCount);
}

/**
 * Items by the letter pairs of their texts, lower-cased as fuse.js compares them (the index of
 * {@link candidatesByPairCodes}). Items are added in ascending order, each with all its texts before
 * the next. A pair of two ASCII characters (almost all of them) has its list at a place of its own
 * in one array; the others are kept by {@link pairCode} in a map.
 */
export class PairIndex {
  readonly #ascii: (number[] | undefined)[] = new Array(128 * 128);
  readonly #other = new Map<number, number[]>();

  /** Adds the distinct letter pairs of an item's text. */
  add(text: string, item: number): void {
    const lower = text.toLowerCase();
    for (let k = 0; k + 1 < lower.length; k++) {
      const a = lower.charCodeAt(k);
      const b = lower.charCodeAt(k + 1);
      let list: number[] | undefined;
      if (a < 128 && b < 128) {
        list = this.#ascii[a * 128 + b];
        if (!list) this.#ascii[a * 128 + b] = [item];
      } else {
        list = this.#other.get(pairCode(lower, k));
        if (!list) this.#other.set(pairCode(lower, k), [item]);
      }
      // An item already listed under this pair is the last one listed.
      if (list && list[list.length - 1] !== item) list.push(item);
    }
  }

  /** The items (ascending) whose texts hold the pair of this {@link pairCode}. */
  get(code: number): readonly number[] | undefined {
    const a = Math.floor(code / 65536);
    const b = code % 65536;
    return a < 128 && b < 128 ? this.#ascii[a * 128 + b] : this.#other.get(code);
  }
}

/** {@link candidatesByPairs} over an index keyed by {@link pairCode}. */
export function candidatesByPairCodes(
  filter: PairFilter,
  byPair: { get(code: number): readonly number[] | undefined },
  itemCount: number,
): number[] {
  return candidatesOf(filter, (pair) => byPair.get(pairCode(pair, 0)), itemCount);
}

function candidatesOf(
  filter: PairFilter,
  itemsWith: (pair: string) => readonly number[] | undefined,
  itemCount: number,
): number[] {
  const out = new Set<number>();
  // Counts in one typed array (items are numbered), not a map entry per item a common pair holds.
  const held = new Int32Array(itemCount);
  for (const chunk of filter.chunks) {
    const touched: number[] = [];
    for (const pair of chunk.pairs)
      for (const i of itemsWith(pair) ?? []) if (held[i]!++ === 0) touched.push(i);
    for (const i of touched) {
      if (held[i]! >= chunk.needed) out.add(i);
      held[i] = 0;
    }
  }
  return [...out].sort((a, b) => a - b);
}
