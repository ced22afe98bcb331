/**
 * The answer index, built once per fact-base generation: an inverted index from normalised terms
 * to sentences (and through sentences to the events, quotations and statements read from them), a
 * name dictionary for entities, fuzzy term dictionaries for typos, and the action lemmas by
 * frequency. Work per question depends on the postings of the question's terms, not on the size of
 * the fact base: fuse.js later scores only the candidates picked here.
 */
import { type SentenceOrdinals, sentenceOrdinalsOf } from "../knowledge/compact.ts";
import type {
  Article,
  Entity,
  Event,
  FactBase,
  Quotation,
  Sentence,
  Statement,
} from "../knowledge/schema.ts";
import { FuzzyDictionary } from "./fuzzy.ts";
import { hashOf, IntList, isDigit, postingsFor } from "./postings.ts";
import { verbFormStems } from "./question.ts";
import { idf } from "./retrieve/bm25.ts";
import { binaryHas } from "./retrieve/postings.ts";
import { phraseKey, processTerm, STOP_WORDS, terms, tokenize } from "./terms.ts";

/** A sentence with its article, and its position in the index. */
export interface SentenceRef {
  ordinal: number;
  article: Article;
  sentence: Sentence;
  /** Number of index terms (for length normalisation). */
  length: number;
}

/** An entity named in a sentence. */
export interface SentenceMention {
  entity: Entity;
  text: string;
}

/** A group of alternative terms standing for one word of the question. */
export interface TermGroup {
  /** The word as asked (for explanations and tests). */
  word: string;
  /** Alternatives: the term itself (weight 1), typo corrections and inflections (less). */
  alts: { term: string; weight: number }[];
  /** How much this word matters (entities and the action more than other words). */
  boost: number;
  /** A sentence lacking a required word cannot answer (named entities, numbers). */
  required: boolean;
}

/** One retrieved sentence with how well it matches. */
export interface SentenceHit {
  ref: SentenceRef;
  score: number;
  /** Share of the question's weight that the sentence covers, 0..1. */
  coverage: number;
  /** Which groups matched (indexes into the query groups). */
  matched: boolean[];
  /** A required group is missing. */
  missingRequired: boolean;
}

/** Most candidates gathered from postings; rarer terms gather first, commoner ones only add score. */
const GATHER_LIMIT = 3000;
/** Sentence references are kept in chunks of this many ordinals (see `AnswerIndex.#refs`). */
const REF_CHUNK = 1024;
/** Candidates kept after the index pass, before fuse.js and answer extraction look at them. */
const CANDIDATE_LIMIT = 40;
/** How many kept candidates the search's scratch has room for from the start (see SearchScratch). */
const KEPT_ROOM = 1024;

/** Whether a title's terms hold one of a group's alternatives. */
function titleHolds(title: readonly string[], alts: TermGroup["alts"]): boolean {
  for (let a = 0; a < alts.length; a++) if (title.includes(alts[a]!.term)) return true;
  return false;
}

/**
 * Whether item `a` ranks below item `b`: a lower score, or the same score and a later sentence
 * (scores and sentence ordinals by item).
 */
function ranksBelow(score: Float64Array, ordinal: Int32Array, a: number, b: number): boolean {
  return score[a]! < score[b]! || (score[a] === score[b] && ordinal[a]! > ordinal[b]!);
}

/**
 * Puts `item` in place of the heap's top (its worst) and sifts it down: `heap[0 ..< size]` is a
 * heap of items with the worst on top (by {@link ranksBelow}).
 */
function replaceWorst(
  score: Float64Array,
  ordinal: Int32Array,
  heap: Int32Array,
  size: number,
  item: number,
): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && ranksBelow(score, ordinal, heap[right]!, heap[left]!) ? right : left;
    if (!ranksBelow(score, ordinal, heap[child]!, item)) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = item;
}

/**
 * The best `keep` of items `0 ..< n` into `heap[0 ..< keep]`, a heap with the worst of them on
 * top; returns how many (`min(n, keep)`). The same items a full sort would put first, without
 * sorting thousands of candidates to keep a few dozen.
 */
function selectBest(
  score: Float64Array,
  ordinal: Int32Array,
  n: number,
  keep: number,
  heap: Int32Array,
): number {
  let size = 0;
  for (let item = 0; item < n; item++) {
    if (size < keep) {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!ranksBelow(score, ordinal, item, heap[parent]!)) break;
        heap[i] = heap[parent]!;
        i = parent;
      }
      heap[i] = item;
    } else if (keep > 0 && ranksBelow(score, ordinal, heap[0]!, item)) {
      replaceWorst(score, ordinal, heap, size, item);
    }
  }
  return size;
}

/** Orders a heap made by {@link selectBest} best first, in place (a heap sort: the worst goes last). */
function sortBestFirst(score: Float64Array, ordinal: Int32Array, heap: Int32Array, size: number): void {
  for (let end = size - 1; end > 0; end--) {
    const worst = heap[0]!;
    replaceWorst(score, ordinal, heap, end, heap[end]!);
    heap[end] = worst;
  }
}

/**
 * The working arrays of {@link AnswerIndex.searchSentences}, made once per index and grown when a
 * search needs more: numbers only, by candidate row, group, posting list or kept candidate, so
 * a search makes no object for a candidate it does not return.
 *
 * The loops over thousands of postings or candidates are this class's methods, reading only
 * these arrays and numbers: V8 optimises them within the first searches, and nothing a question
 * brings (its groups, their alternatives) can make it throw that code away. A search that runs
 * unoptimised code makes a heap number of each score it reads from a typed array (hundreds of
 * kilobytes for a question of common words).
 */
class SearchScratch {
  /** A candidate's row by sentence ordinal (-1: not a candidate); cleared after each search. */
  readonly rowOf: Int32Array;
  /** Each candidate's sentence ordinal, by row (candidates are numbered in the order found). */
  readonly ordinals: Int32Array;
  /** Each candidate's score before the title is read, by row. */
  readonly raw: Float64Array;
  /** Each sentence's length norm, by ordinal (read for thousands of candidates: no object read each time). */
  readonly norm: Float64Array;
  /** A candidate's value for each group: row `r`'s for group `g` at `r × G + g`; cleared after each search. */
  rows = new Float64Array(1024);
  /** Each group's weight (its best alternative's idf), boost, and whether it is required (1). */
  groupIdf = new Float64Array(16);
  groupBoost = new Float64Array(16);
  groupRequired = new Uint8Array(16);
  /** Each posting list read: its group, the value it gives, where it lies in the postings. */
  entryGroup = new Int32Array(64);
  entryValue = new Float64Array(64);
  entryFrom = new Int32Array(64);
  entryTo = new Int32Array(64);
  /** The posting lists, shortest first. */
  entryOrder = new Int32Array(64);
  // Sized for the searches of /ask and /timeline (4 × 40 and 4 × 200 kept, a dozen groups) from
  // the start: an array replaced later also throws away the optimised code that read the old one.
  /** The rows kept for the full reading (a heap), and by place `k` in it: the reading. */
  kept = new Int32Array(KEPT_ROOM);
  keptOrdinal = new Int32Array(KEPT_ROOM);
  score = new Float64Array(KEPT_ROOM);
  coverage = new Float64Array(KEPT_ROOM);
  /** 1: a required group is missing. */
  missing = new Uint8Array(KEPT_ROOM);
  /** 1: the article's title gives group `g`, which the sentence lacks, at `k × G + g`. */
  titled = new Uint8Array(KEPT_ROOM * 16);
  /** 1: group `g` matched, at `k × G + g`. */
  matched = new Uint8Array(KEPT_ROOM * 16);
  /** The places of the kept rows returned, best first. */
  order = new Int32Array(KEPT_ROOM);

  constructor(sentenceCount: number) {
    this.rowOf = new Int32Array(sentenceCount).fill(-1);
    this.ordinals = new Int32Array(sentenceCount);
    this.raw = new Float64Array(sentenceCount);
    this.norm = new Float64Array(sentenceCount);
  }

  /** Room for `groups` groups and `alts` alternatives (posting lists) in all. */
  fitGroups(groups: number, alts: number): void {
    if (this.groupIdf.length < groups) {
      const size = roomFor(groups);
      this.groupIdf = new Float64Array(size);
      this.groupBoost = new Float64Array(size);
      this.groupRequired = new Uint8Array(size);
    }
    if (this.entryGroup.length < alts) {
      const size = roomFor(alts);
      this.entryGroup = new Int32Array(size);
      this.entryValue = new Float64Array(size);
      this.entryFrom = new Int32Array(size);
      this.entryTo = new Int32Array(size);
      this.entryOrder = new Int32Array(size);
    }
  }

  /** Room for `count` candidates of `groups` values each (so gathering never grows `rows`). */
  fitRows(count: number, groups: number): void {
    if (this.rows.length < count * groups) this.rows = new Float64Array(roomFor(count * groups));
  }

  /** Room for `keep` kept candidates of `groups` groups each. */
  fitKept(keep: number, groups: number): void {
    if (this.kept.length < keep) {
      const size = roomFor(keep);
      this.kept = new Int32Array(size);
      this.keptOrdinal = new Int32Array(size);
      this.score = new Float64Array(size);
      this.coverage = new Float64Array(size);
      this.missing = new Uint8Array(size);
      this.order = new Int32Array(size);
    }
    if (this.matched.length < keep * groups) {
      this.matched = new Uint8Array(roomFor(keep * groups));
      this.titled = new Uint8Array(this.matched.length);
    }
  }

  /**
   * Makes each sentence of `data[from ..< to]` a candidate (the next row, if not one yet) and
   * gives it `value` for `group` if it had less; returns how many candidates there are now.
   */
  gather(
    data: Int32Array,
    from: number,
    to: number,
    group: number,
    value: number,
    G: number,
    count: number,
  ): number {
    const { rowOf, ordinals, rows } = this;
    for (let p = from; p < to; p++) {
      const ordinal = data[p]!;
      let r = rowOf[ordinal]!;
      if (r < 0) {
        r = count++;
        rowOf[ordinal] = r;
        ordinals[r] = ordinal;
      }
      const at = r * G + group;
      if (value > rows[at]!) rows[at] = value;
    }
    return count;
  }

  /** Gives `value` for `group` to each candidate that `data[from ..< to]` (ascending) holds, if it had less. */
  addToFound(
    data: Int32Array,
    from: number,
    to: number,
    group: number,
    value: number,
    G: number,
    count: number,
  ): void {
    const { ordinals, rows } = this;
    for (let r = 0; r < count; r++) {
      const at = r * G + group;
      if (value > rows[at]! && binaryHas(data, ordinals[r]!, from, to)) rows[at] = value;
    }
  }

  /** Each candidate's raw score: its groups' values summed, over its sentence's length norm. */
  rawScores(G: number, count: number): void {
    const { rows, ordinals, raw, norm } = this;
    for (let r = 0; r < count; r++) {
      let sum = 0;
      for (let gi = 0; gi < G; gi++) sum += rows[r * G + gi]!;
      raw[r] = sum / norm[ordinals[r]!]!;
    }
  }

  /**
   * The full reading of the `size` kept candidates (`titled` filled): final score, coverage of
   * the question's weight (`total`), groups matched, whether a required one is missing.
   */
  readKept(G: number, size: number, total: number): void {
    const { rows, ordinals, norm, kept, keptOrdinal, score, coverage, missing, matched, titled } = this;
    const { groupIdf, groupBoost, groupRequired } = this;
    for (let k = 0; k < size; k++) {
      const r = kept[k]!;
      const ordinal = ordinals[r]!;
      let sum = 0;
      let covered = 0;
      let missingRequired = 0;
      for (let gi = 0; gi < G; gi++) {
        const boost = groupBoost[gi]!;
        const idf = groupIdf[gi]!;
        // A name the sentence leaves out but its article's title gives (`Peru` in "Wi-fi web
        // reaches farmers in Peru", the sentence saying "The network…") is context: half weight.
        // (Worked out for every group: a product only rare questions reach would be code V8 has
        // no feedback for, and optimised code throws itself away when it first gets there.)
        const context = 0.5 * boost * idf;
        const v = titled[k * G + gi] === 1 ? context : rows[r * G + gi]!;
        matched[k * G + gi] = v > 0 ? 1 : 0;
        sum += v;
        // The share of the group's weight matched (a typo correction matches less than the word).
        if (v > 0) covered += v + boost * Math.min(1, v / (boost * idf || 1));
        if (groupRequired[gi] === 1 && v === 0) missingRequired = 1;
      }
      keptOrdinal[k] = ordinal;
      score[k] = sum / norm[ordinal]!;
      coverage[k] = Math.min(1, covered / total);
      missing[k] = missingRequired;
    }
  }

  /** Clears the rows and marks of the search's `count` candidates, for the next search. */
  clear(G: number, count: number): void {
    const { rowOf, ordinals } = this;
    for (let r = 0; r < count; r++) rowOf[ordinals[r]!] = -1;
    this.rows.fill(0, 0, count * G);
  }
}

/** The next power of two from `n` (scratch grows by doubling, so rarely). */
function roomFor(n: number): number {
  let size = 16;
  while (size < n) size *= 2;
  return size;
}

function includes(list: IntList, value: number): boolean {
  for (let i = 0; i < list.length; i++) if (list.data[i] === value) return true;
  return false;
}

/**
 * The `count` entities with the most mentions, most first, those with as many in fact-base order
 * (what a stable sort of all of them by mentions would put first), without sorting them all.
 */
function mostMentioned(entities: readonly Entity[], count: number): Entity[] {
  const top: Entity[] = [];
  for (const entity of entities) {
    const n = entity.mentions.length;
    if (top.length === count && top[count - 1]!.mentions.length >= n) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.mentions.length < n) at--;
    top.splice(at, 0, entity);
    if (top.length > count) top.pop();
  }
  return top;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Sentences by id, found through their article: a sentence id is `${articleId}#s${index}`, so the
 * lookup needs one map entry per article, not one per sentence (150,000 string keys at 10,000
 * articles were most of the index's build time and memory). Ids not of that form are kept in a
 * map of their own.
 */
export class SentenceLookup {
  /** The sentence at an ordinal (made when first asked for, see {@link AnswerIndex.sentenceAt}). */
  readonly #refAt: (ordinal: number) => SentenceRef | undefined;
  /**
   * Articles by FNV-1a hash of their id (open addressing): hashing the id's article part in place
   * spares a string per lookup, and the sentence found is checked against the whole id anyway.
   */
  #articleIds: (string | undefined)[];
  #hashes: Int32Array;
  #firsts: Int32Array;
  #articles = 0;
  #counts: Int32Array;
  #lastSlot = 0;
  readonly #irregular = new Map<string, number>();
  #repeated = false;

  /** `articles`: about how many articles will be added (the table is sized once for them). */
  constructor(refAt: (ordinal: number) => SentenceRef | undefined, articles = 0) {
    this.#refAt = refAt;
    let size = 1024;
    while (size < articles * 2 + 2) size *= 2;
    this.#articleIds = new Array<string | undefined>(size).fill(undefined);
    this.#hashes = new Int32Array(size);
    this.#firsts = new Int32Array(size);
    this.#counts = new Int32Array(size);
  }

  /**
   * Records an article's sentences, from `firstOrdinal` on (at build); a repeated article id
   * replaces the earlier one, as a map would.
   */
  addArticle(articleId: string, firstOrdinal: number, sentences: readonly Sentence[], regular = false): void {
    // An article whose sentence ids all have the `${articleId}#s${index}` form is found by the id
    // alone; any other id is kept in a map, and the article's sentences are checked id by id.
    // `regular`: the caller knows they have that form (reading 150,000 ids to check would make V8
    // flatten each, a copy of every id in memory).
    let count = sentences.length;
    for (let i = 0; !regular && i < sentences.length; i++) {
      const id = sentences[i]!.id;
      if (indexInId(id, articleId.length) === i && id.startsWith(articleId)) continue;
      this.#irregular.set(id, firstOrdinal + i);
      count = -1;
    }
    const hash = hashOf(articleId, articleId.length);
    const mask = this.#hashes.length - 1;
    let slot = hash & mask;
    for (; this.#articleIds[slot] !== undefined; slot = (slot + 1) & mask) {
      if (this.#articleIds[slot] === articleId) break;
    }
    if (this.#articleIds[slot] === undefined) this.#articles++;
    else this.#repeated = true;
    this.#articleIds[slot] = articleId;
    this.#hashes[slot] = hash;
    this.#firsts[slot] = firstOrdinal;
    this.#counts[slot] = count;
    if (this.#articles * 2 > this.#hashes.length) this.#grow();
  }

  #grow(): void {
    const ids = this.#articleIds;
    const hashes = this.#hashes;
    const firsts = this.#firsts;
    const counts = this.#counts;
    const size = hashes.length * 2;
    this.#articleIds = new Array<string | undefined>(size).fill(undefined);
    this.#hashes = new Int32Array(size);
    this.#firsts = new Int32Array(size);
    this.#counts = new Int32Array(size);
    const mask = size - 1;
    for (let s = 0; s < ids.length; s++) {
      if (ids[s] === undefined) continue;
      let slot = hashes[s]! & mask;
      while (this.#articleIds[slot] !== undefined) slot = (slot + 1) & mask;
      this.#articleIds[slot] = ids[s];
      this.#hashes[slot] = hashes[s]!;
      this.#firsts[slot] = firsts[s]!;
      this.#counts[slot] = counts[s]!;
    }
  }

  /**
   * Whether every sentence id has the `${articleId}#s${index}` form and no article id came twice:
   * then a sentence's id is found at that sentence's ordinal and nowhere else.
   */
  get regular(): boolean {
    return !this.#repeated && this.#irregular.size === 0;
  }

  /** The ordinal of the sentence with this id. */
  ordinalOf(id: string): number | undefined {
    if (this.#irregular.size > 0) {
      const ordinal = this.#irregular.get(id);
      if (ordinal !== undefined) return ordinal;
    }
    const at = articleIdLength(id);
    if (at < 0) return undefined;
    const index = indexInId(id, at);
    if (index < 0) return undefined;
    // Facts come grouped by article: the article of the last lookup is tried before hashing.
    let slot = this.#lastSlot;
    const last = this.#articleIds[slot];
    if (last === undefined || last.length !== at || !id.startsWith(last)) {
      const hash = hashOf(id, at);
      const mask = this.#hashes.length - 1;
      for (slot = hash & mask; ; slot = (slot + 1) & mask) {
        const articleId = this.#articleIds[slot];
        if (articleId === undefined) return undefined;
        if (this.#hashes[slot] === hash && articleId.length === at && id.startsWith(articleId)) break;
      }
      this.#lastSlot = slot;
    }
    const count = this.#counts[slot]!;
    const ordinal = this.#firsts[slot]! + index;
    if (count >= 0) return index < count ? ordinal : undefined;
    // An article with irregular ids: only a sentence that has this very id.
    return this.#refAt(ordinal)?.sentence.id === id ? ordinal : undefined;
  }

  get(id: string): SentenceRef | undefined {
    const ordinal = this.ordinalOf(id);
    return ordinal === undefined ? undefined : this.#refAt(ordinal);
  }

  has(id: string): boolean {
    return this.ordinalOf(id) !== undefined;
  }
}

/**
 * Numbers listed by sentence ordinal: pairs (ordinal, number) added in any order, laid out at
 * `seal` as one flat list in sentence order and where each sentence's part starts. Typed arrays
 * only: the lists of 100,000s of facts at 10,000 articles hold no pointer for the collector to
 * trace or copy.
 */
class NumbersBySentence {
  readonly #sentenceCount: number;
  #ordinals: IntList;
  #numbers: IntList;
  /** Whether numbers came in sentence order (facts usually do): then they are laid out already. */
  #ordered = true;
  #start: Int32Array | null = null;
  #laid: Int32Array | null = null;

  constructor(sentenceCount: number, capacity: number) {
    this.#sentenceCount = sentenceCount;
    this.#ordinals = new IntList(capacity);
    this.#numbers = new IntList(capacity);
  }

  push(ordinal: number, value: number): void {
    const ordinals = this.#ordinals;
    if (ordinals.length > 0 && ordinal < ordinals.data[ordinals.length - 1]!) this.#ordered = false;
    ordinals.push(ordinal);
    this.#numbers.push(value);
  }

  seal(): void {
    if (this.#start) return;
    const n = this.#sentenceCount;
    const count = this.#ordinals.length;
    const start = new Int32Array(n + 1);
    const ordinals = this.#ordinals.data;
    const numbers = this.#numbers.data;
    for (let k = 0; k < count; k++) start[ordinals[k]! + 1]!++;
    for (let o = 0; o < n; o++) start[o + 1]! += start[o]!;
    if (this.#ordered) this.#laid = numbers.length === count ? numbers : numbers.slice(0, count);
    else {
      // Each sentence's numbers in the order they were added.
      const cursor = start.slice(0, n);
      const laid = new Int32Array(count);
      for (let k = 0; k < count; k++) laid[cursor[ordinals[k]!]!++] = numbers[k]!;
      this.#laid = laid;
    }
    this.#ordinals = new IntList(0);
    this.#numbers = new IntList(0);
    this.#start = start;
  }

  /** The numbers of the sentence at this ordinal, or undefined when it has none. */
  at(ordinal: number): Int32Array | undefined {
    this.seal();
    const start = this.#start!;
    const from = start[ordinal];
    const to = start[ordinal + 1];
    if (from === undefined || to === undefined || from === to) return undefined;
    return this.#laid!.subarray(from, to);
  }
}

/**
 * Values by sentence ordinal, looked up by id: each value is added as a number (see
 * {@link NumbersBySentence}) and made from it when its sentence's are asked for ({@link valueOf}).
 */
abstract class NumberedBySentence<V> {
  readonly #lookup: SentenceLookup;
  readonly #numbers: NumbersBySentence;

  /** `capacity`: about how many numbers will be added (the lists are sized once). */
  constructor(lookup: SentenceLookup, sentenceCount: number, capacity: number) {
    this.#lookup = lookup;
    this.#numbers = new NumbersBySentence(sentenceCount, capacity);
  }

  /** The value added as number `n`. */
  protected abstract valueOf(n: number): V;

  /** Adds number `n` to a sentence (at build, before `seal`). */
  push(ordinal: number, n: number): void {
    this.#numbers.push(ordinal, n);
  }

  /** Lays the values out by sentence, each sentence's in the order they were added. */
  seal(): void {
    this.#numbers.seal();
  }

  /** The values of the sentence with this id, in the order added (a new list each call). */
  get(sentenceId: string): V[] | undefined {
    const ordinal = this.#lookup.ordinalOf(sentenceId);
    return ordinal === undefined ? undefined : this.at(ordinal);
  }

  /** The values of the sentence at this ordinal, in the order added (a new list each call). */
  at(ordinal: number): V[] | undefined {
    const numbers = this.#numbers.at(ordinal);
    if (!numbers) return undefined;
    const values = new Array<V>(numbers.length);
    for (let i = 0; i < numbers.length; i++) values[i] = this.valueOf(numbers[i]!);
    return values;
  }
}

/**
 * Facts read from each sentence (events, quotations, …), stored by sentence ordinal, looked up by
 * id: the facts' positions in their list (`source`), laid out by sentence; the list of a
 * sentence's facts is made when asked for.
 */
export class BySentence<V> extends NumberedBySentence<V> {
  readonly #source: readonly V[];

  /**
   * `source`: the facts, each added by its position in it (the list is read, not copied: it is
   * the fact base's, which does not change while its index is in use). `capacity`: about how
   * many will be added (the lists are sized once).
   */
  constructor(lookup: SentenceLookup, sentenceCount: number, source: readonly V[], capacity = 0) {
    super(lookup, sentenceCount, capacity);
    this.#source = source;
  }

  protected valueOf(position: number): V {
    return this.#source[position]!;
  }
}

/**
 * The entities named in each sentence, with the words naming them: mentions are numbered in
 * fact-base order (entity after entity, each entity's in its order) and listed by sentence as
 * numbers, the {@link SentenceMention} objects made when a sentence's are asked for (a few per
 * question) instead of one per mention at build (170,000 at 10,000 articles).
 */
export class MentionsBySentence extends NumberedBySentence<SentenceMention> {
  readonly #entities: readonly Entity[];
  /** Entity `e`'s mentions are numbered `#firstMention[e] ..< #firstMention[e + 1]`. */
  readonly #firstMention: Int32Array;

  /**
   * `entities`: the fact base's (read, not copied), whose mentions are added by number;
   * `capacity`: about how many mentions will be added (the lists are sized once).
   */
  constructor(lookup: SentenceLookup, sentenceCount: number, entities: readonly Entity[], capacity = 0) {
    super(lookup, sentenceCount, capacity);
    this.#entities = entities;
    this.#firstMention = new Int32Array(entities.length + 1);
    let m = 0;
    for (let e = 0; e < entities.length; e++) {
      this.#firstMention[e] = m;
      m += entities[e]!.mentions.length;
    }
    this.#firstMention[entities.length] = m;
  }

  /** Mention number `m`: its entity and the words naming it. */
  protected valueOf(m: number): SentenceMention {
    const e = this.#entityOf(m);
    const entity = this.#entities[e]!;
    return { entity, text: entity.mentions[m - this.#firstMention[e]!]!.text };
  }

  /** The number of the entity whose mentions include mention `m` (the last whose first is ≤ m). */
  #entityOf(m: number): number {
    const first = this.#firstMention;
    let lo = 0;
    let hi = first.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (first[mid]! <= m) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * Where the article part of a sentence id `${articleId}#s${index}` ends (its length), or -1 when
 * the id has no `#s<digits>` ending.
 */
function articleIdLength(id: string): number {
  let i = id.length - 1;
  while (i >= 0 && isDigit(id.charCodeAt(i))) i--;
  if (i === id.length - 1 || i < 1 || id.charCodeAt(i) !== 115 || id.charCodeAt(i - 1) !== 35) return -1;
  return i - 1;
}

/**
 * The index written in a sentence id after `#s` at `at`, or -1 unless the id ends there with the
 * index written the one way `${index}` writes it (digits, no leading zero).
 */
function indexInId(id: string, at: number): number {
  if (id.charCodeAt(at) !== 35 || id.charCodeAt(at + 1) !== 115) return -1;
  const from = at + 2;
  if (from >= id.length || (id.charCodeAt(from) === 48 && id.length > from + 1)) return -1;
  let index = 0;
  for (let i = from; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    index = index * 10 + (c - 48);
  }
  return index;
}

export { IntList, TermReader } from "./postings.ts";

/**
 * Whether the article and its sentences still have the ids the decoder gave them (each the same
 * string, so one comparison), and so sentence ids of the `${articleId}#s${index}` form.
 */
function asDecoded(
  decoded: SentenceOrdinals | undefined,
  a: number,
  article: Article,
  firstOrdinal: number,
): boolean {
  if (!decoded || decoded.articleIds[a] !== article.id) return false;
  const sentences = article.sentences;
  const ids = decoded.sentenceIds;
  if (firstOrdinal + sentences.length > ids.length) return false;
  for (let i = 0; i < sentences.length; i++) {
    if (sentences[i]!.id !== ids[firstOrdinal + i]) return false;
  }
  return true;
}

/**
 * The decoder's sentence ordinals of a fact base read from disk (see `sentenceOrdinalsOf`), when
 * they can stand for the lookup: every id regular and each article id once (so the ordinal a
 * sentence id is found at is the one its sentence has), and every list as long as what it
 * describes (a fact base changed after decoding is looked up id by id).
 */
function usableOrdinals(
  facts: FactBase,
  lookup: SentenceLookup,
  mentions: number,
): SentenceOrdinals | undefined {
  const known = sentenceOrdinalsOf(facts);
  if (!known || !lookup.regular) return undefined;
  const fits =
    known.mentions.length === mentions &&
    known.events.length === facts.events.length &&
    known.quotations.length === facts.quotations.length &&
    known.quotationSentencesStart.length === facts.quotations.length + 1 &&
    known.statements.length === facts.statements.length;
  return fits ? known : undefined;
}

/**
 * The ordinal of a fact's sentence: the decoder's, checked against the id the fact names now
 * (the same string when nothing changed, so one comparison), or else found by that id.
 */
class OrdinalFinder {
  readonly #lookup: SentenceLookup;
  readonly #ids: readonly string[] | null;
  readonly #idAt: ((ordinal: number) => string | undefined) | null;

  /** `ids`: the id of each sentence by ordinal, as a list or read one by one. */
  constructor(lookup: SentenceLookup, ids: readonly string[] | ((ordinal: number) => string | undefined)) {
    this.#lookup = lookup;
    this.#ids = typeof ids === "function" ? null : ids;
    this.#idAt = typeof ids === "function" ? ids : null;
  }

  /** The ordinal `list[i]` when the sentence there has the id `id`, or the one that has it. */
  at(list: Int32Array, i: number, id: string): number | undefined {
    const ordinal = list[i]!;
    const at = this.#ids ? this.#ids[ordinal] : this.#idAt!(ordinal);
    return at === id ? ordinal : this.#lookup.ordinalOf(id);
  }
}

/** The answer index over one fact base. */
export class AnswerIndex {
  readonly facts: FactBase;
  readonly generation: number;
  readonly sentenceById: SentenceLookup;
  #articleById: Map<string, Article> | null = null;
  readonly entityById = new Map<string, Entity>();
  readonly eventsBySentence: BySentence<Event>;
  readonly quotationsBySentence: BySentence<Quotation>;
  readonly statementsBySentence: BySentence<Statement>;
  readonly mentionsBySentence: MentionsBySentence;
  #eventsByEntity: Map<string, Event[]> | null = null;
  #quotationsBySpeaker: Map<string, Quotation[]> | null = null;
  /** Entities standing for another (`Baku` for Azerbaijan), by the id they stand for. */
  readonly standingFor = new Map<string, Entity[]>();
  /** Sentence terms (stemmed), for typo lookup. */
  readonly vocabulary: FuzzyDictionary;
  /** Name tokens of entities (folded, unstemmed), for typo lookup of names. */
  readonly nameTokens = new FuzzyDictionary();
  /** Entities by each token of their names and aliases. */
  readonly entitiesByToken = new Map<string, Entity[]>();
  /** Entities by whole name or alias key (`nagorno karabakh`). */
  readonly entitiesByKey = new Map<string, Entity[]>();
  /** Entities by the terms of their roles (`secretary`, `state`). */
  readonly entitiesByRoleTerm = new Map<string, Entity[]>();
  /** Action lemmas with their event counts, most frequent first. */
  readonly actions: { lemma: string; count: number }[] = [];
  readonly actionDictionary = new FuzzyDictionary();
  readonly actionCounts = new Map<string, number>();
  /** Entities by number of mentions, most first (autocomplete before anything is typed). */
  readonly topEntities: Entity[];
  /** Title terms, and the articles (by position) whose title holds each. */
  readonly titleTerms = new FuzzyDictionary();
  readonly articlesByTitleTerm = new Map<string, number[]>();
  /** Action lemmas by the stems of their written forms (`refus`, `fled`): a verb compromise missed still finds its action. */
  readonly actionByForm = new Map<string, string>();
  /**
   * Postings of all terms in one array: the sentences holding term `t` (by its number in
   * `#termIds`) are `#postingData[#postingStart[t] .. #postingStart[t + 1]]`, ascending.
   */
  readonly #termIds: Map<string, number>;
  readonly #postingStart: Int32Array;
  readonly #postingData: Int32Array;
  /**
   * The sentences by ordinal, as three numbers rather than an object each (150,000 at 10,000
   * articles, the index's largest share of objects to make and of the collector's work at load):
   * the article (its position in `#articles`), where that article's sentences start, the
   * sentence's number of index terms. A {@link SentenceRef} is made when first read.
   */
  readonly #articles: readonly Article[];
  readonly #articleOf: Int32Array;
  readonly #firstOrdinal: Int32Array;
  readonly #lengths: Int32Array;
  readonly #sentenceCount: number;
  /**
   * The references made so far, in chunks of 1,024 ordinals made when first needed (one list of
   * 150,000 holes cost more to make than the few hundred references a question reads).
   */
  readonly #refs: ((SentenceRef | undefined)[] | undefined)[];
  #allRefs: SentenceRef[] | null = null;
  /** Index terms of each article's title, by article position (the last article of an id's). */
  readonly #titleTermsOf: (readonly string[])[];
  readonly #avgLength: number;

  /**
   * `knowledgeDir`: the folder the fact base was read from, where its postings may be kept between
   * starts (see `postingsFor`).
   */
  constructor(facts: FactBase, generation = 0, knowledgeDir?: string) {
    this.facts = facts;
    this.generation = generation;
    const postings = postingsFor(facts, knowledgeDir);
    this.#termIds = postings.termIds;
    this.#postingStart = postings.start;
    this.#postingData = postings.data;
    this.vocabulary = postings.vocabulary;
    const articles = facts.articles;
    this.#articles = articles.slice();
    let n = 0;
    for (let a = 0; a < articles.length; a++) n += articles[a]!.sentences.length;
    const sentenceCount = postings.lengths.length;
    n = Math.max(n, sentenceCount);
    this.#lengths = postings.lengths;
    this.#articleOf = new Int32Array(n);
    this.#firstOrdinal = new Int32Array(articles.length);
    this.#sentenceCount = n;
    this.#refs = new Array<(SentenceRef | undefined)[] | undefined>(Math.ceil(n / REF_CHUNK));
    this.sentenceById = new SentenceLookup((o) => this.sentenceAt(o), articles.length);
    const decoded = sentenceOrdinalsOf(facts);
    const allDecoded = this.#listSentences(decoded);
    this.#avgLength = sentenceCount ? postings.totalLength / sentenceCount : 1;

    const entities = facts.entities;
    let mentions = 0;
    for (let e = 0; e < entities.length; e++) mentions += entities[e]!.mentions.length;
    const lookup = this.sentenceById;
    // The decoder's sentence ordinals (a fact base read from disk), when they fit this fact base:
    // each is still checked against the id it stands for (the same string, so one comparison),
    // and an id that does not match is looked up as before. When every sentence has the
    // decoder's id at its ordinal, the check reads the decoder's list of ids (one dense array)
    // rather than the sentences scattered over the heap.
    const known = usableOrdinals(facts, lookup, mentions);
    const ids = allDecoded && decoded!.sentenceIds.length === n ? decoded!.sentenceIds : null;
    const finder = new OrdinalFinder(lookup, ids ?? ((o) => this.#sentenceIdAt(o)));
    this.eventsBySentence = new BySentence(lookup, n, facts.events, facts.events.length);
    this.quotationsBySentence = new BySentence(lookup, n, facts.quotations, facts.quotations.length * 2);
    this.statementsBySentence = new BySentence(lookup, n, facts.statements, facts.statements.length);
    this.mentionsBySentence = new MentionsBySentence(lookup, n, entities, mentions);
    this.#indexNames(entities);
    this.#listMentions(entities, known, finder, n);
    for (let e = 0; e < entities.length; e++) {
      const entity = entities[e]!;
      if (entity.standsFor) pushTo(this.standingFor, entity.standsFor, entity);
    }
    this.topEntities = mostMentioned(entities, 25);
    const actions = this.#listEvents(facts.events, known, finder);
    this.#titleTermsOf = this.#indexTitles(articles);
    this.#indexActions(actions);
    this.#listQuotations(facts.quotations, known, finder);
    const statements = facts.statements;
    for (let i = 0; i < statements.length; i++) {
      const id = statements[i]!.sentenceId;
      const ordinal = known ? finder.at(known.statements, i, id) : lookup.ordinalOf(id);
      if (ordinal !== undefined) this.statementsBySentence.push(ordinal, i);
    }
    this.eventsBySentence.seal();
    this.quotationsBySentence.seal();
    this.statementsBySentence.seal();
    this.mentionsBySentence.seal();
    this.vocabulary.seal();
    this.nameTokens.seal();
    this.actionDictionary.seal();
    this.titleTerms.seal();
  }

  // The build's steps, each its own method: the constructor runs once, and V8 optimises a short
  // loop in a small function sooner than one in a long one. Loops count rather than `for … of`,
  // which allocates an iterator result per step until optimised.

  /**
   * Numbers the sentences, article after article, and records each article's in the lookup.
   * Whether every sentence still has, at its ordinal, the id the decoder gave it.
   */
  #listSentences(decoded: SentenceOrdinals | undefined): boolean {
    const articles = this.#articles;
    let allDecoded = decoded !== undefined;
    let ordinal = 0;
    for (let a = 0; a < articles.length; a++) {
      const article = articles[a]!;
      const sentences = article.sentences;
      const regular = asDecoded(decoded, a, article, ordinal);
      if (!regular) allDecoded = false;
      this.sentenceById.addArticle(article.id, ordinal, sentences, regular);
      this.#firstOrdinal[a] = ordinal;
      this.#articleOf.fill(a, ordinal, ordinal + sentences.length);
      ordinal += sentences.length;
    }
    return allDecoded;
  }

  /** Entities by id, by name key, by name token and by role term. */
  #indexNames(entities: readonly Entity[]): void {
    // Entities share names and roles (24,000 names of which 15,000 differ, 10,000 roles of which
    // 1,000 differ at 10,000 articles): each is made a key or terms once.
    // A name's key and its distinct name tokens (stop words under 3 letters left out).
    const partsOfName = new Map<string, { key: string; tokens: string[] } | null>();
    const termsOfRole = new Map<string, string[]>();
    // One scratch list of an entity's names, emptied for each.
    const names: string[] = [];
    for (let e = 0; e < entities.length; e++) {
      const entity = entities[e]!;
      this.entityById.set(entity.id, entity);
      // Small lists: `includes` rather than a Set per name (14,000 entities at 10,000 articles). A
      // key two names share, or a token two keys share, is listed once per name, as it always was.
      names.length = 0;
      const aliases = entity.aliases;
      for (let k = -1; k < aliases.length; k++) {
        const name = k < 0 ? entity.name : aliases[k]!;
        if (names.includes(name)) continue;
        names.push(name);
        let parts = partsOfName.get(name);
        if (parts === undefined) {
          parts = this.#partsOfName(name);
          partsOfName.set(name, parts);
        }
        if (!parts) continue;
        pushTo(this.entitiesByKey, parts.key, entity);
        const tokens = parts.tokens;
        for (let t = 0; t < tokens.length; t++) pushTo(this.entitiesByToken, tokens[t]!, entity);
      }
      const roles = entity.roles;
      for (let r = 0; r < roles.length; r++) {
        const role = roles[r]!;
        let roleTerms = termsOfRole.get(role);
        if (roleTerms === undefined) {
          // Each term once.
          roleTerms = terms(role).filter((term, t, all) => all.indexOf(term) === t);
          termsOfRole.set(role, roleTerms);
        }
        for (let t = 0; t < roleTerms.length; t++) pushTo(this.entitiesByRoleTerm, roleTerms[t]!, entity);
      }
    }
  }

  /** A name's key and its distinct tokens (null: no key), each token added to the name dictionary. */
  #partsOfName(name: string): { key: string; tokens: string[] } | null {
    const key = phraseKey(name);
    if (!key) return null;
    const parts = { key, tokens: [] as string[] };
    const tokens = key.split(" ");
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      if (tokens.indexOf(token) < t || (STOP_WORDS.has(token) && token.length < 3)) continue;
      parts.tokens.push(token);
      // The dictionary is a set: a name seen again adds no token it did not add the first time.
      this.nameTokens.add(token);
    }
    return parts;
  }

  /** Each entity's mentions by sentence. */
  #listMentions(
    entities: readonly Entity[],
    known: SentenceOrdinals | undefined,
    finder: OrdinalFinder,
    sentenceCount: number,
  ): void {
    // An entity named twice in one sentence is listed there once: the sentence's mark holds the
    // last entity listed.
    const listed = new Int32Array(sentenceCount).fill(-1);
    const lookup = this.sentenceById;
    let m = 0;
    for (let e = 0; e < entities.length; e++) {
      const mentions = entities[e]!.mentions;
      for (let k = 0; k < mentions.length; k++, m++) {
        const id = mentions[k]!.sentenceId;
        const ordinal = known ? finder.at(known.mentions, m, id) : lookup.ordinalOf(id);
        if (ordinal === undefined || listed[ordinal] === e) continue;
        listed[ordinal] = e;
        this.mentionsBySentence.push(ordinal, m);
      }
    }
  }

  /**
   * Events by sentence. The actions they hold, in order of first use, with how many events hold
   * each (counted by number: one map lookup per event).
   */
  #listEvents(
    events: readonly Event[],
    known: SentenceOrdinals | undefined,
    finder: OrdinalFinder,
  ): { lemmas: string[]; counts: Int32Array } {
    const lookup = this.sentenceById;
    const actionIds = new Map<string, number>();
    const lemmas: string[] = [];
    let counts = new Int32Array(64);
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      const ordinal = known
        ? finder.at(known.events, i, event.sentenceId)
        : lookup.ordinalOf(event.sentenceId);
      if (ordinal !== undefined) this.eventsBySentence.push(ordinal, i);
      let id = actionIds.get(event.action);
      if (id === undefined) {
        id = lemmas.push(event.action) - 1;
        actionIds.set(event.action, id);
        if (id === counts.length) {
          const grown = new Int32Array(id * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      counts[id]!++;
    }
    return { lemmas, counts };
  }

  /**
   * Title terms and the articles by each. The index terms of each article's title, by article
   * position (an article id given twice: each of its articles reads the title of the last, as a
   * map by id would give).
   */
  #indexTitles(articles: readonly Article[]): (readonly string[])[] {
    // Titles share most of their words, and many articles share a title (4,500 titles of 10,000
    // articles): each distinct title is read once, each distinct title word stemmed once.
    const titleTermOf = new Map<string, string | null>();
    // Each listed word numbered in order of first use, and the articles by number: one map entry
    // per distinct word rather than a map lookup per word of each of 10,000 titles.
    const readTitles = new Map<string, { terms: string[]; listed: number[] }>();
    const numberOf = new Map<string, number>();
    const words: string[] = [];
    const articlesOf: number[][] = [];
    const termsOf = new Array<readonly string[]>(articles.length);
    for (let i = 0; i < articles.length; i++) {
      const title = articles[i]!.title;
      let read = readTitles.get(title);
      if (read === undefined) {
        const tokens = tokenize(title);
        // A list, not a set: a title has a dozen terms, and 10,000 sets cost more to make than they save.
        const titleTerms: string[] = [];
        for (let t = 0; t < tokens.length; t++) {
          const token = tokens[t]!;
          let term = titleTermOf.get(token);
          if (term === undefined) {
            term = processTerm(token);
            titleTermOf.set(token, term);
          }
          if (term) titleTerms.push(term);
        }
        // The title's terms, then its tokens, each listed once.
        const listed: number[] = [];
        for (let k = 0; k < titleTerms.length + tokens.length; k++) {
          const term = k < titleTerms.length ? titleTerms[k]! : tokens[k - titleTerms.length]!;
          let number = numberOf.get(term);
          if (number === undefined) {
            number = words.push(term) - 1;
            numberOf.set(term, number);
            articlesOf.push([]);
          }
          if (listed.includes(number)) continue;
          listed.push(number);
          this.titleTerms.add(term);
        }
        read = { terms: titleTerms, listed };
        readTitles.set(title, read);
      }
      // Shared by the articles of one title: the index never changes it.
      termsOf[i] = read.terms;
      const listed = read.listed;
      for (let k = 0; k < listed.length; k++) articlesOf[listed[k]!]!.push(i);
    }
    for (let w = 0; w < words.length; w++) this.articlesByTitleTerm.set(words[w]!, articlesOf[w]!);
    if (!this.sentenceById.regular) {
      const lastOf = new Map<string, number>();
      for (let i = 0; i < articles.length; i++) lastOf.set(articles[i]!.id, i);
      for (let i = 0; i < articles.length; i++) termsOf[i] = termsOf[lastOf.get(articles[i]!.id)!]!;
    }
    return termsOf;
  }

  /** The actions by count, their dictionary, and each by the stems of its verb's forms. */
  #indexActions({ lemmas, counts }: { lemmas: string[]; counts: Int32Array }): void {
    for (let id = 0; id < lemmas.length; id++) {
      const lemma = lemmas[id]!;
      const count = counts[id]!;
      this.actionCounts.set(lemma, count);
      this.actions.push({ lemma, count });
      this.actionDictionary.add(lemma);
    }
    this.actions.sort((a, b) => b.count - a.count || a.lemma.localeCompare(b.lemma));
    for (let i = 0; i < this.actions.length; i++) {
      const lemma = this.actions[i]!.lemma;
      const head = lemma.split(" ")[0]!;
      const forms = verbFormStems(head);
      for (let f = 0; f < forms.length; f++)
        if (!this.actionByForm.has(forms[f]!)) this.actionByForm.set(forms[f]!, lemma);
    }
  }

  /** Quotations by sentence: each listed once per sentence it spans, its own sentence first. */
  #listQuotations(
    quotations: readonly Quotation[],
    known: SentenceOrdinals | undefined,
    finder: OrdinalFinder,
  ): void {
    const lookup = this.sentenceById;
    // The ordinals a quotation was listed at, in one scratch list rather than a new array (and a
    // spread) per quotation.
    const at = new IntList(16);
    for (let i = 0; i < quotations.length; i++) {
      const q = quotations[i]!;
      at.length = 0;
      // The decoder's list of a quotation's sentences fits only a `sentenceIds` as long as it.
      const from = known ? known.quotationSentencesStart[i]! : 0;
      const listKnown =
        known !== undefined && known.quotationSentencesStart[i + 1]! - from === q.sentenceIds.length;
      for (let k = -1; k < q.sentenceIds.length; k++) {
        const id = k < 0 ? q.sentenceId : q.sentenceIds[k]!;
        const ordinal = !known
          ? lookup.ordinalOf(id)
          : k < 0
            ? finder.at(known.quotations, i, id)
            : listKnown
              ? finder.at(known.quotationSentences, from + k, id)
              : lookup.ordinalOf(id);
        if (ordinal === undefined || includes(at, ordinal)) continue;
        at.push(ordinal);
        this.quotationsBySentence.push(ordinal, i);
      }
    }
  }

  /** The sentence at this ordinal (one object per sentence, made when first read). */
  sentenceAt(ordinal: number): SentenceRef | undefined {
    if (!(ordinal >= 0 && ordinal < this.#sentenceCount)) return undefined;
    const c = Math.floor(ordinal / REF_CHUNK);
    let chunk = this.#refs[c];
    if (chunk === undefined) chunk = this.#refs[c] = new Array<SentenceRef | undefined>(REF_CHUNK);
    let ref = chunk[ordinal % REF_CHUNK];
    if (ref === undefined) {
      const a = this.#articleOf[ordinal]!;
      const article = this.#articles[a];
      const sentence = article?.sentences[ordinal - this.#firstOrdinal[a]!];
      if (!article || !sentence) return undefined;
      ref = { ordinal, article, sentence, length: this.#lengths[ordinal]! };
      chunk[ordinal % REF_CHUNK] = ref;
    }
    return ref;
  }

  /** The id of the sentence at this ordinal, without making its reference. */
  #sentenceIdAt(ordinal: number): string | undefined {
    if (!(ordinal >= 0 && ordinal < this.#sentenceCount)) return undefined;
    const ref = this.#refs[Math.floor(ordinal / REF_CHUNK)]?.[ordinal % REF_CHUNK];
    if (ref) return ref.sentence.id;
    const a = this.#articleOf[ordinal]!;
    return this.#articles[a]?.sentences[ordinal - this.#firstOrdinal[a]!]?.id;
  }

  /** How many sentences the index holds. */
  get sentenceCount(): number {
    return this.#sentenceCount;
  }

  /**
   * Every sentence by ordinal (each made now if not yet read: prefer {@link sentenceAt} and
   * {@link sentenceCount}, which make only what they return).
   */
  get sentences(): SentenceRef[] {
    if (!this.#allRefs) {
      const all = new Array<SentenceRef>(this.#sentenceCount);
      for (let o = 0; o < all.length; o++) all[o] = this.sentenceAt(o)!;
      this.#allRefs = all;
    }
    return this.#allRefs;
  }

  /**
   * Events by the entity acting or acted on (for `/facts`): built on first use, since only
   * `/facts` reads it and start-up is what every user waits for.
   */
  get eventsByEntity(): Map<string, Event[]> {
    if (!this.#eventsByEntity) {
      const map = new Map<string, Event[]>();
      for (const event of this.facts.events) {
        const actor = event.actor?.entityId;
        const object = event.object?.entityId;
        if (actor) pushTo(map, actor, event);
        if (object && object !== actor) pushTo(map, object, event);
      }
      this.#eventsByEntity = map;
    }
    return this.#eventsByEntity;
  }

  /** Quotations by speaker entity (for `/facts`): built on first use, as `eventsByEntity`. */
  get quotationsBySpeaker(): Map<string, Quotation[]> {
    if (!this.#quotationsBySpeaker) {
      const map = new Map<string, Quotation[]>();
      for (const q of this.facts.quotations) if (q.speaker?.entityId) pushTo(map, q.speaker.entityId, q);
      this.#quotationsBySpeaker = map;
    }
    return this.#quotationsBySpeaker;
  }

  /** Articles by id (built on first use: nothing reads it at start-up). */
  get articleById(): Map<string, Article> {
    if (!this.#articleById) this.#articleById = new Map(this.facts.articles.map((a) => [a.id, a]));
    return this.#articleById;
  }

  /** How many sentences hold the term. */
  documentFrequency(term: string): number {
    const t = this.#termIds.get(term);
    return t === undefined ? 0 : this.#postingStart[t + 1]! - this.#postingStart[t]!;
  }

  /** Inverse document frequency (BM25's, always positive); unknown terms get the highest. */
  idf(term: string): number {
    return idf(this.#sentenceCount, this.documentFrequency(term));
  }

  /** The idf a term would have if no sentence held it: the weight of a word the articles lack. */
  get maxIdf(): number {
    const n = this.#sentenceCount;
    return Math.log(1 + (n + 0.5) / 0.5);
  }

  /** Sentence ordinals holding the term. */
  postings(term: string): Int32Array | undefined {
    const t = this.#termIds.get(term);
    return t === undefined
      ? undefined
      : this.#postingData.subarray(this.#postingStart[t], this.#postingStart[t + 1]);
  }

  /**
   * Ranks sentences for a set of term groups: candidates come from the postings of the groups'
   * rarer terms; very common terms only add score to candidates already found (binary search).
   * Best first (score, then sentence order), at most `limit`.
   */
  searchSentences(groups: TermGroup[], limit = CANDIDATE_LIMIT): SentenceHit[] {
    const G = groups.length;
    const n = this.#sentenceCount;
    const termIds = this.#termIds;
    const start = this.#postingStart;
    // The working arrays are the index's own, made once and cleared after each search: a search
    // used to allocate objects per candidate and per term, and the garbage collections they
    // caused landed on whichever question came next.
    const s = this.#scratch();
    let alts = 0;
    for (let gi = 0; gi < G; gi++) alts += groups[gi]!.alts.length;
    s.fitGroups(G, alts);
    const { groupIdf, groupBoost, groupRequired, entryGroup, entryValue, entryFrom, entryTo, entryOrder } = s;
    // Each group weighs as its best alternative (a word no sentence holds: the highest idf), and
    // each alternative the articles hold gives one posting list to read. A term is looked up once,
    // and its postings are read where they lie in `#postingData` (no view made per term).
    let entries = 0;
    for (let gi = 0; gi < G; gi++) {
      const g = groups[gi]!;
      let best = 0;
      let known = false;
      for (let a = 0; a < g.alts.length; a++) {
        const alt = g.alts[a]!;
        const t = termIds.get(alt.term);
        const df = t === undefined ? 0 : start[t + 1]! - start[t]!;
        const termIdf = idf(n, df);
        best = Math.max(best, termIdf * alt.weight);
        if (df > 0) known = true;
        if (t === undefined) continue;
        entryGroup[entries] = gi;
        entryValue[entries] = g.boost * termIdf * alt.weight;
        entryFrom[entries] = start[t]!;
        entryTo[entries] = start[t + 1]!;
        entries++;
      }
      groupIdf[gi] = known ? best : this.maxIdf;
      groupBoost[gi] = g.boost;
      groupRequired[gi] = g.required ? 1 : 0;
    }
    // Coverage weighs each word by 1 + idf, not idf alone: in a small fact base a word every
    // sentence shares (`Azerbaijan` in an article about Azerbaijan) would otherwise count for
    // nothing, and one rare word for everything.
    let total = 0;
    for (let gi = 0; gi < G; gi++) total += groupBoost[gi]! * (groupIdf[gi]! + 1);
    total = total || 1;
    // Postings from the rarest term up (a stable insertion sort: a question has a few dozen
    // lists at most): each gathers candidates while the candidate set stays small; past
    // GATHER_LIMIT candidates, a term only adds score to those already found (binary search), so
    // the work per question is bounded whatever the size of the fact base.
    for (let e = 0; e < entries; e++) {
      const length = entryTo[e]! - entryFrom[e]!;
      let at = e;
      while (at > 0 && entryTo[entryOrder[at - 1]!]! - entryFrom[entryOrder[at - 1]!]! > length) {
        entryOrder[at] = entryOrder[at - 1]!;
        at--;
      }
      entryOrder[at] = e;
    }
    // The shortest list that is not empty is gathered whole, the others only while the
    // candidates stay within GATHER_LIMIT: room for that many rows now, so gathering never has to
    // grow them (a write past a typed array's end would be lost without a word).
    let first = 0;
    for (let k = 0; k < entries && first === 0; k++)
      first = entryTo[entryOrder[k]!]! - entryFrom[entryOrder[k]!]!;
    s.fitRows(Math.max(first, GATHER_LIMIT), G);
    const data = this.#postingData;
    let count = 0;
    try {
      for (let k = 0; k < entries; k++) {
        const e = entryOrder[k]!;
        const from = entryFrom[e]!;
        const to = entryTo[e]!;
        if (count === 0 || count + (to - from) <= GATHER_LIMIT) {
          count = s.gather(data, from, to, entryGroup[e]!, entryValue[e]!, G, count);
        } else {
          s.addToFound(data, from, to, entryGroup[e]!, entryValue[e]!, G, count);
        }
      }
      return this.#readBest(groups, total, count, limit);
    } finally {
      s.clear(G, count);
    }
  }

  /** The search's working arrays (see {@link SearchScratch}), made at the first search. */
  #searchScratch: SearchScratch | null = null;

  #scratch(): SearchScratch {
    if (!this.#searchScratch) {
      this.#searchScratch = new SearchScratch(this.#sentenceCount);
      // A mild length norm (BM25's b = 0.25): long sentences match more words by chance.
      const norm = this.#searchScratch.norm;
      for (let o = 0; o < norm.length; o++) norm[o] = 0.75 + 0.25 * (this.#lengths[o]! / this.#avgLength);
    }
    return this.#searchScratch;
  }

  /**
   * Raw scores for every candidate; the full reading (coverage, title context) only for the best
   * `4 × limit`, and hits made only for the best `limit` of those. Both picks are bounded heaps
   * (best score first, then sentence order: the same ones a full sort would put first); the
   * readings in between are kept in the scratch arrays, by place in the first heap.
   */
  #readBest(groups: TermGroup[], total: number, count: number, limit: number): SentenceHit[] {
    const G = groups.length;
    const s = this.#scratch();
    s.rawScores(G, count);
    const keep = Math.min(count, limit * 4);
    s.fitKept(keep, G);
    const {
      rows,
      ordinals,
      raw,
      groupRequired,
      kept,
      titled,
      score,
      keptOrdinal,
      coverage,
      missing,
      matched,
      order,
    } = s;
    const size = selectBest(raw, ordinals, count, keep, kept);
    // Whether the title gives a required group the sentence lacks: the one part of the reading
    // that needs the question's words, so it is done here and the rest by the scratch's own loop.
    for (let k = 0; k < size; k++) {
      const r = kept[k]!;
      const title = this.#titleTermsOf[this.#articleOf[ordinals[r]!]!];
      for (let gi = 0; gi < G; gi++) {
        const lacks = groupRequired[gi] === 1 && rows[r * G + gi] === 0;
        titled[k * G + gi] = lacks && title && titleHolds(title, groups[gi]!.alts) ? 1 : 0;
      }
    }
    s.readKept(G, size, total);
    const returned = selectBest(score, keptOrdinal, size, Math.min(size, limit), order);
    sortBestFirst(score, keptOrdinal, order, returned);
    const hits: SentenceHit[] = [];
    for (let i = 0; i < returned; i++) {
      const k = order[i]!;
      const groupsMatched = new Array<boolean>(G);
      for (let gi = 0; gi < G; gi++) groupsMatched[gi] = matched[k * G + gi] === 1;
      hits.push({
        ref: this.sentenceAt(keptOrdinal[k]!)!,
        score: score[k]!,
        coverage: coverage[k]!,
        matched: groupsMatched,
        missingRequired: missing[k] === 1,
      });
    }
    return hits;
  }

  /**
   * Entities sharing a (possibly misspelt) name token with the text's tokens, in the order found.
   * A set of entities only: a common token (`mr`) names thousands, and no caller read which token
   * each matched.
   */
  entityCandidates(tokens: string[]): Set<Entity> {
    const out = new Set<Entity>();
    for (const token of tokens) {
      if (STOP_WORDS.has(token)) continue;
      for (const m of this.nameTokens.lookup(token)) {
        const entities = this.entitiesByToken.get(m.term);
        if (entities) for (const e of entities) out.add(e);
      }
    }
    return out;
  }

  /** The entity a mention or argument points to, resolved through `standsFor` for display. */
  entity(id: string | null | undefined): Entity | undefined {
    return id ? this.entityById.get(id) : undefined;
  }

  /** Tokens of a text as the name dictionary holds them. */
  static nameTokensOf(text: string): string[] {
    return tokenize(text);
  }
}
