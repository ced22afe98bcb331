/**
 * Looking up quotations: by speaker (fuzzy, through the speaker's aliases), by topic words, and by a
 * fragment someone remembers (typo-tolerant word alignment). {@link findQuotations} is the one entry
 * point, used by `/quote` and by the answering engine for "who said …?" and "what did X say about …?".
 */
import Fuse, { type FuseResult } from "fuse.js";
import type { Article, Entity, FactBase, Quotation } from "../knowledge/schema.ts";
import type { Citation } from "../reply.ts";
import { citeSentences } from "./citation.ts";
import { candidatesByPairCodes, PairIndex, pairFilter, withinEdits } from "./fuse-filter.ts";
import { readQuotationWords, storedQuotationWords } from "./postings.ts";
import { allowedTypos, editDistance, terms, tokenize } from "./terms.ts";

/** What to look for; every given part must match. */
export interface QuoteQuery {
  /** A speaker's name as typed (`michel`, `charles mitchel`). */
  speaker?: string;
  /** Topic words (`peace deal`). */
  about?: string;
  /** A fragment of the words (`major breakthrough`, `majr breakthru`). */
  text?: string;
}

/** A quotation found, with its score (0..1) and citation. */
export interface QuoteMatch {
  quotation: Quotation;
  article: Article;
  /** Speaker as shown: canonical name, or null when the article does not say. */
  speaker: string | null;
  score: number;
  citation: Citation;
}

/** A speaker who has quotations. */
export interface QuoteSpeaker {
  /** Name shown and matched: the entity's canonical name, or the speaker's words. */
  name: string;
  entityId: string | null;
  /** Other names (entity aliases) for matching. */
  aliases: string[];
  count: number;
}

/**
 * fuse.js options for speaker names, in one place. `ignoreLocation`: a surname (`michel`) matches
 * anywhere in `Charles Michel`; threshold 0.35 lets one or two typos through (`mishel`) but not an
 * unrelated name; `includeScore` ranks autocomplete choices.
 */
export const SPEAKER_FUSE_OPTIONS = Object.freeze({
  keys: [
    { name: "name", weight: 2 },
    { name: "aliases", weight: 1 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.35,
  minMatchCharLength: 2,
});

/** A speaker match below this (fuse score above 1 − this) does not select quotations. */
const SPEAKER_MIN_SCORE = 0.55;
/** A fragment or topic match below this is not a match (the closest are offered instead). */
export const QUOTE_MIN_SCORE = 0.5;

interface Prepared {
  speakers: QuoteSpeaker[];
  /** fuse.js over every speaker, made only for a name too short for the letter-pair filter. */
  fuse?: Fuse<QuoteSpeaker>;
  /** Letter pair (lower-cased, as fuse.js compares) → indices (ascending) of the speakers whose names hold it. */
  speakerPairs: PairIndex;
  /**
   * The items (the quotations whose article is in the fact base, in its order), one array per
   * part rather than an object per item: tens of thousands of small objects that live as long as
   * the fact base are each copied by the collector before they settle.
   */
  quotations: Quotation[];
  articles: Article[];
  /** Speaker as shown (see {@link QuoteMatch}). */
  speakerOf: (string | null)[];
  /** Where each item's words end in `wordsOfItems` (item i's are `[ends[i - 1] ?? 0, ends[i])`). */
  ends: Int32Array;
  /** Topic terms of an item's quote, and of its sentence, speaker and role, by item: read on first use. */
  topics: ({ terms: Set<string>; context: Set<string> } | undefined)[];
  /** Speaker name as shown → its number; the items of name n are `nameData[nameStart[n] .. nameStart[n + 1]]`, ascending. */
  nameIds: Map<string, number>;
  nameStart: Int32Array;
  nameData: Int32Array;
  /**
   * The items holding each distinct quoted word: word `w`'s are `postingData[postingStart[w] ..
   * postingStart[w + 1]]`, ascending.
   */
  postingStart: Int32Array;
  postingData: Int32Array;
  /** Distinct quoted word → its number (0, 1, … in order of first use: see `QuotationWords`). */
  wordIds: Map<string, number>;
  /** Distinct quoted words by number. */
  words: string[];
  /** Every item's words as numbers, one item after the other (one array: thousands of small ones cost the collector). */
  wordsOfItems: Int32Array;
  /** Per-item working arrays of {@link fragmentBounds}, all zero between fragments. */
  scratch?: {
    bound: Float64Array;
    best: Float64Array;
    reached: Uint8Array;
    /** Items, as lists filled from the start: those one fragment word reaches, and those any reaches. */
    atPosition: Int32Array;
    touched: Int32Array;
  };
  /** Word number → 1 + its row in the current fragment's similarity table (0: not like any fragment word); reset after each fragment. */
  rowOfWord: Int32Array;
  /** Distinct quoted words by length, and by their first four letters (words of four or more). */
  byLength: Map<number, string[]>;
  byPrefix: Map<string, string[]>;
  /** Per length, the {@link letterMask} of each of `byLength`'s words, in the same order. */
  masksByLength: Map<number, Int32Array>;
}

const cache = new WeakMap<FactBase, Prepared>();

function prepare(facts: FactBase): Prepared {
  const hit = cache.get(facts);
  if (hit) return hit;
  const entityOf = entityFinder(facts);
  const articleOf = articleFinder(facts.articles);
  const bySpeaker = new Map<string, QuoteSpeaker>();
  // Per entity id: its entity, its speaker and the name it was last shown by, with that name's
  // number, so that a speaker's many quotations cost one lookup each.
  const byEntity = new Map<
    string,
    { entity: Entity | undefined; speaker?: QuoteSpeaker; name?: string; nameId: number }
  >();
  const all = facts.quotations;
  // Sized once (a list of tens of thousands grown by push is copied as it grows).
  let quotations: Quotation[] = all;
  const articles = new Array<Article>(all.length);
  const speakerOf = new Array<string | null>(all.length);
  const nameIds = new Map<string, number>();
  const nameIdOf = (name: string) => {
    let id = nameIds.get(name);
    if (id === undefined) {
      id = nameIds.size;
      nameIds.set(name, id);
    }
    return id;
  };
  /** The speaker of this key (counted once more), made when new. */
  const speakerAt = (key: string, name: string, text: string, entityId: string | null, entity?: Entity) => {
    const s = bySpeaker.get(key);
    if (s) {
      s.count++;
      return s;
    }
    const aliases = new Set(entity?.aliases ?? []);
    if (text !== name) aliases.add(text);
    const made = { name, entityId, aliases: [...aliases], count: 1 };
    bySpeaker.set(key, made);
    return made;
  };
  const nameOf = new Int32Array(all.length);
  let n = 0;
  for (let k = 0; k < all.length; k++) {
    const q = all[k]!;
    const article = articleOf(q.articleId);
    if (!article) {
      if (quotations === all) quotations = all.slice(0, k);
      continue;
    }
    if (quotations !== all) quotations.push(q);
    // The speaker's display name: the entity's canonical name when resolved, else the words.
    // Speakers are keyed by entity id, else by the lower-cased words.
    const speaker = q.speaker;
    let name: string | null = null;
    let nameId = -1;
    if (speaker && speaker.entityId !== null) {
      const entityId = speaker.entityId;
      let e = byEntity.get(entityId);
      if (!e) {
        e = { entity: entityId ? entityOf(entityId, k) : undefined, nameId: -1 };
        byEntity.set(entityId, e);
      }
      name = e.entity?.name || speaker.text;
      if (name) {
        if (e.speaker) e.speaker.count++;
        else e.speaker = speakerAt(entityId, name, speaker.text, entityId, e.entity);
      }
      if (name !== e.name) {
        e.name = name;
        e.nameId = nameIdOf(name);
      }
      nameId = e.nameId;
    } else if (speaker) {
      name = speaker.text;
      if (name) speakerAt(name.toLowerCase(), name, speaker.text, null);
      nameId = nameIdOf(name);
    }
    articles[n] = article;
    speakerOf[n] = name;
    nameOf[n] = nameId;
    n++;
  }
  articles.length = n;
  speakerOf.length = n;
  const nameStart = new Int32Array(nameIds.size + 1);
  for (let i = 0; i < n; i++) if (nameOf[i]! >= 0) nameStart[nameOf[i]! + 1]!++;
  for (let id = 0; id < nameIds.size; id++) nameStart[id + 1]! += nameStart[id]!;
  const nameData = new Int32Array(nameStart[nameIds.size]!);
  const nameCursor = nameStart.slice(0, nameIds.size);
  for (let i = 0; i < n; i++) if (nameOf[i]! >= 0) nameData[nameCursor[nameOf[i]!]!++] = i;
  const speakers = [...bySpeaker.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const speakerPairs = new PairIndex();
  for (let i = 0; i < speakers.length; i++) {
    speakerPairs.add(speakers[i]!.name, i);
    for (const alias of speakers[i]!.aliases) speakerPairs.add(alias, i);
  }
  // The quoted words, so a fragment is aligned only with the quotations that share a word with it
  // (scoring every quotation grows with the fact base): kept in the postings file when the fact
  // base came with one, read from the texts otherwise (exactly `tokenize`'s tokens either way).
  const quoted =
    (quotations === all ? storedQuotationWords(facts) : undefined) ??
    readQuotationWords(quotations.map((q) => q.text));
  const { words, wordIds, numbers, ends, postingStart, postingData } = quoted;
  const byLength = new Map<number, string[]>();
  const byPrefix = new Map<string, string[]>();
  for (const w of words) {
    pushTo(byLength, w.length, w);
    if (w.length >= 4) pushTo(byPrefix, w.slice(0, 4), w);
  }
  const masksByLength = new Map<number, Int32Array>();
  for (const [length, list] of byLength) {
    const masks = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) masks[i] = letterMask(list[i]!);
    masksByLength.set(length, masks);
  }
  const prepared: Prepared = {
    speakers,
    speakerPairs,
    quotations,
    articles,
    speakerOf,
    ends,
    topics: new Array(quotations.length),
    nameIds,
    nameStart,
    nameData,
    postingStart,
    postingData,
    wordIds,
    words,
    wordsOfItems: numbers,
    rowOfWord: new Int32Array(words.length),
    byLength,
    byPrefix,
    masksByLength,
  };
  cache.set(facts, prepared);
  return prepared;
}

/** Speakers with quotations, best match for `typed` first (all, by count, when nothing is typed). */
export function quotationSpeakers(facts: FactBase, typed = "", limit = 25): QuoteSpeaker[] {
  const p = prepare(facts);
  if (!typed.trim()) return p.speakers.slice(0, limit);
  return searchSpeakers(p, typed.trim(), limit)
    .map((r) => r.item)
    .slice(0, limit);
}

/**
 * fuse.js's speaker search, scoring only the speakers it can match (see fuse-filter.ts): the same
 * result as a search over all of them, without reading thousands of names per question.
 */
function searchSpeakers(p: Prepared, pattern: string, limit?: number): FuseResult<QuoteSpeaker>[] {
  const options = limit === undefined ? undefined : { limit };
  const filter = pairFilter(pattern, SPEAKER_FUSE_OPTIONS.threshold);
  if (!filter) {
    p.fuse ??= new Fuse(p.speakers, SPEAKER_FUSE_OPTIONS);
    return p.fuse.search(pattern, options);
  }
  const list = candidatesByPairCodes(filter, p.speakerPairs, p.speakers.length)
    .map((i) => p.speakers[i]!)
    .filter((s) => withinEdits(filter, [s.name, ...s.aliases]));
  return list.length ? new Fuse(list, SPEAKER_FUSE_OPTIONS).search(pattern, options) : [];
}

/**
 * The article of each id in turn, found by walking the articles (quotations come article by
 * article, in the articles' order) and by a map of them all only for an id met out of turn. Article
 * ids are distinct (the fact base's encoder refuses a repeated one), so either finds the same.
 */
function articleFinder(list: readonly Article[]): (id: string) => Article | undefined {
  let at = 0;
  let byId: Map<string, number> | undefined;
  return (id) => {
    for (let k = at; k < at + 2 && k < list.length; k++) {
      if (list[k]!.id === id) {
        at = k;
        return list[k];
      }
    }
    if (!byId) {
      byId = new Map();
      for (let k = 0; k < list.length; k++) byId.set(list[k]!.id, k);
    }
    const k = byId.get(id);
    if (k === undefined) return undefined;
    at = k;
    return list[k];
  };
}

/**
 * The entity of an id, of quotation k's speaker: where the postings file says it is in the fact
 * base's entities when the id there is this one, else from a map of them all (made on first need).
 */
function entityFinder(facts: FactBase): (id: string, k: number) => Entity | undefined {
  const hints = storedQuotationWords(facts)?.speakerEntities;
  let byId: Map<string, Entity> | undefined;
  return (id, k) => {
    const at = hints ? hints[k]! : -1;
    if (at >= 0 && facts.entities[at]?.id === id) return facts.entities[at];
    if (!byId) {
      byId = new Map();
      for (const e of facts.entities) byId.set(e.id, e);
    }
    return byId.get(id);
  };
}

/** Where item i's words start in `wordsOfItems`. */
function fromOf(p: Prepared, i: number): number {
  return i > 0 ? p.ends[i - 1]! : 0;
}

/** The topic terms of an item's quote and of its context, read once (most items are never asked about). */
function topicTerms(p: Prepared, i: number): { terms: Set<string>; context: Set<string> } {
  let topic = p.topics[i];
  if (!topic) {
    const q = p.quotations[i]!;
    const sentenceText = p.articles[i]!.sentences.filter((s) => q.sentenceIds.includes(s.id))
      .map((s) => s.text)
      .join(" ");
    topic = {
      terms: new Set(terms(q.text)),
      context: new Set(terms(`${sentenceText} ${p.speakerOf[i] ?? ""} ${q.speakerRole ?? ""}`)),
    };
    p.topics[i] = topic;
  }
  return topic;
}

/** An item's quoted words (its tokens), from their numbers. */
function wordsOf(p: Prepared, i: number): string[] {
  const out: string[] = [];
  for (let k = fromOf(p, i); k < p.ends[i]!; k++) out.push(p.words[p.wordsOfItems[k]!]!);
  return out;
}

/** How many items hold a quoted word. */
function postingCount(p: Prepared, word: string): number {
  const id = p.wordIds.get(word)!;
  return p.postingStart[id + 1]! - p.postingStart[id]!;
}

/** The most candidates each search of {@link warmQuotations} reads past its first look. */
const WARM_READS = 1500;

/**
 * Prepares the quotation tables of a fact base now (at start-up) rather than on the first question,
 * and runs the fragment search over them twice, past its first look (FIRST_LOOK quotations) into the
 * bounds and alignments of many more: the loops that the first "who said …?" questions would
 * otherwise run before the optimising compiler has compiled them (10–17 ms for the first at 10,000
 * articles, under 1 ms once compiled). A warm-up question rarely gets there: its words have to be
 * common enough. So each fragment is made of this fact base's own quoted words: the two held by
 * the most quotations, which the search leaves unread, and three held by close to an eighth of
 * them (at most 400 quotations), whose quotations it reads and aligns, WARM_READS at most. The
 * results are thrown away.
 */
export function warmQuotations(facts: FactBase): void {
  const p = prepare(facts);
  if (p.words.length < 8) return;
  const count = (id: number) => p.postingStart[id + 1]! - p.postingStart[id]!;
  const common = firstWords(
    p,
    2,
    (a, b) => count(a) > count(b) || (count(a) === count(b) && p.words[a]! < p.words[b]!),
  );
  const target = Math.min(400, p.quotations.length / 8);
  const away = (id: number) => Math.abs(count(id) - target);
  const read = firstWords(
    p,
    6,
    (a, b) => away(a) < away(b) || (away(a) === away(b) && p.words[a]! < p.words[b]!),
    new Set(common),
  );
  const words = (ids: number[]) => ids.map((id) => p.words[id]!);
  bestFragmentMatches(p, words([...read.slice(0, 3), ...common]), 3, WARM_READS);
  bestFragmentMatches(p, words([...read.slice(3), ...common]), 3, WARM_READS);
}

/**
 * The `k` quoted words (by number) that come first by `before`, first first, leaving out `skip`:
 * one pass over the words, not a sort of all of them (about 100,000 at 10,000 articles, which took
 * longer than the warm-up's searches).
 */
function firstWords(
  p: Prepared,
  k: number,
  before: (a: number, b: number) => boolean,
  skip?: ReadonlySet<number>,
): number[] {
  const out: number[] = [];
  for (let id = 0; id < p.words.length; id++) {
    if (skip?.has(id)) continue;
    if (out.length === k && !before(id, out[k - 1]!)) continue;
    let at = out.length;
    while (at > 0 && before(id, out[at - 1]!)) at--;
    out.splice(at, 0, id);
    if (out.length > k) out.pop();
  }
  return out;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Fragment words whose like quoted words are kept per fact base (common words recur in questions). */
const SIMILAR_CACHE_LIMIT = 5000;
const similarCache = new WeakMap<Prepared, Map<string, Map<string, number>>>();

/**
 * The quoted words that {@link wordSimilarity} finds at all like `a`, with that similarity: within
 * its typo allowance (so within that many letters of its length), or sharing its first four
 * letters (the typed-short and spelt-as-heard cases need at least that).
 */
function similarWords(p: Prepared, a: string): Map<string, number> {
  let cache = similarCache.get(p);
  if (!cache) {
    cache = new Map();
    similarCache.set(p, cache);
  }
  const hit = cache.get(a);
  if (hit) return hit;
  const max = Math.max(allowedTypos(a), 1);
  const out = new Map<string, number>();
  // Most words of a close length are nothing like `a`: their letters say so before an edit
  // distance is worked out (tens of thousands of them at 10,000 articles, milliseconds a word).
  // A word kept out this way has more than `max` edits from `a`, and does not share its first four
  // letters, so wordSimilarity would give it 0.
  const mask = letterMask(a);
  const head = a.length >= 4 ? a.slice(0, 4) : null;
  for (let len = Math.max(1, a.length - max); len <= a.length + max; len++) {
    const list = p.byLength.get(len);
    if (!list) continue;
    const masks = p.masksByLength.get(len)!;
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (bitCount(mask ^ masks[i]!) > 2 * max && (head === null || !w.startsWith(head))) continue;
      const s = wordSimilarity(a, w);
      if (s > 0) out.set(w, s);
    }
  }
  if (a.length >= 4)
    for (const w of p.byPrefix.get(a.slice(0, 4)) ?? []) {
      if (Math.abs(w.length - a.length) <= max) continue;
      const s = wordSimilarity(a, w);
      if (s > 0) out.set(w, s);
    }
  if (cache.size >= SIMILAR_CACHE_LIMIT) cache.clear();
  cache.set(a, out);
  return out;
}

/**
 * The items a fragment can reach `threshold` on, with the most it can score on each, highest
 * first. A fragment word adds at most 0.85 × its best similarity in the quote plus 0.15 for order,
 * and nothing when no quoted word is like it (see {@link align}). The words whose quotations
 * are the most to read (`the`, `is`) are left unread as long as, together, they cannot lift an
 * item to the threshold: an item must then hold one of the other words, and the left-out words
 * count at their most in its bound (`partial`: the bounds are then looser than the exact ones).
 */
function fragmentBounds(
  p: Prepared,
  fragment: string[],
  sims: Map<string, Map<string, number>>,
  threshold: number,
): { candidates: { item: number; bound: number }[]; partial: boolean } {
  const n = fragment.length;
  const positions = fragment.map((f, k) => {
    let cost = 0;
    let top = 0;
    for (const [w, s] of sims.get(f)!) {
      cost += postingCount(p, w);
      if (s > top) top = s;
    }
    return { k, cost, most: top === 0 ? 0 : n > 1 ? 0.85 * top + 0.15 : top };
  });
  const unread = new Set<number>();
  let unreadMost = 0;
  for (const pos of [...positions].sort((a, b) => b.cost - a.cost || a.k - b.k)) {
    // A margin well above the floating-point error of these sums.
    if ((unreadMost + pos.most) / n >= threshold - 1e-6) continue;
    unreadMost += pos.most;
    unread.add(pos.k);
  }
  // Arrays over every item, made once and left zeroed after each fragment (allocating them per
  // question fed the garbage collector hundreds of kilobytes each time; so did growing lists of the
  // items reached, tens of thousands for a common word, hence the two item lists here).
  const items = p.quotations.length;
  p.scratch ??= {
    bound: new Float64Array(items),
    best: new Float64Array(items),
    reached: new Uint8Array(items),
    atPosition: new Int32Array(items),
    touched: new Int32Array(items),
  };
  const { bound, best, reached, atPosition, touched } = p.scratch;
  let touchedCount = 0;
  for (let k = 0; k < n; k++) {
    if (unread.has(k)) continue;
    // An item is listed once per fragment word: its best similarity is above 0 once reached.
    let atCount = 0;
    for (const [w, s] of sims.get(fragment[k]!)!) {
      const id = p.wordIds.get(w)!;
      for (let j = p.postingStart[id]!, end = p.postingStart[id + 1]!; j < end; j++) {
        const i = p.postingData[j]!;
        if (best[i] === 0) atPosition[atCount++] = i;
        if (s > best[i]!) best[i] = s;
      }
    }
    for (let a = 0; a < atCount; a++) {
      const i = atPosition[a]!;
      bound[i]! += n > 1 ? 0.85 * best[i]! + 0.15 : best[i]!;
      best[i] = 0;
      if (!reached[i]) {
        reached[i] = 1;
        touched[touchedCount++] = i;
      }
    }
  }
  const candidates: { item: number; bound: number }[] = [];
  // A small margin: the bound and the score add the same parts in a different order.
  for (let t = 0; t < touchedCount; t++) {
    const i = touched[t]!;
    const most = (bound[i]! + unreadMost) / n;
    if (most >= threshold - 1e-9) candidates.push({ item: i, bound: most });
    bound[i] = 0;
    reached[i] = 0;
  }
  candidates.sort((a, b) => b.bound - a.bound || a.item - b.item);
  return { candidates, partial: unread.size > 0 };
}

/**
 * The characters a word holds, as bits (character code modulo 32): one edit adds or removes at
 * most one character, so it changes at most two bits, and two words whose masks differ in more
 * than `2k` bits are more than `k` edits apart.
 */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask;
}

/** The number of bits set in a 32-bit number. */
function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A fragment's similarity table: for each quoted word like some fragment word, its similarity to
 * each fragment word (row r, column k at r × n + k). `p.rowOfWord` points a word's number to its
 * row while the table is in use; {@link releaseTable} clears it.
 */
interface FragmentTable {
  n: number;
  values: Float64Array;
  rowOfWord: Int32Array;
  /** Word numbers with a row, to clear. */
  used: number[];
  /** Working arrays of {@link alignTable}: an item's positions holding a word with a row, and where that row starts. */
  positions: Int32Array;
  starts: Int32Array;
}

function fragmentTable(
  p: Prepared,
  fragment: string[],
  sims: Map<string, Map<string, number>>,
): FragmentTable {
  const n = fragment.length;
  const used: number[] = [];
  for (const f of fragment)
    for (const w of sims.get(f)!.keys()) {
      const id = p.wordIds.get(w)!;
      if (p.rowOfWord[id] === 0) {
        used.push(id);
        p.rowOfWord[id] = used.length;
      }
    }
  const values = new Float64Array(used.length * n);
  fragment.forEach((f, k) => {
    for (const [w, s] of sims.get(f)!) values[(p.rowOfWord[p.wordIds.get(w)!]! - 1) * n + k] = s;
  });
  return {
    n,
    values,
    rowOfWord: p.rowOfWord,
    used,
    positions: new Int32Array(64),
    starts: new Int32Array(64),
  };
}

function releaseTable(t: FragmentTable): void {
  for (const id of t.used) t.rowOfWord[id] = 0;
}

/**
 * {@link fragmentScore} of an item's words `ids[from..to)` through a fragment's similarity table:
 * {@link align}, read only at the positions whose word has a row. A word like no fragment word
 * scores 0 against each, and a 0 never changes an alignment, so the others are skipped (most of a
 * quote's words; reading them all, through a function per word and fragment word, made the first
 * questions that met this path, before V8 optimised it, cost tens of milliseconds).
 */
function alignTable(ids: Int32Array, from: number, to: number, t: FragmentTable): number {
  const { n, values, rowOfWord } = t;
  if (n === 0) return 0;
  if (t.positions.length < to - from) {
    t.positions = new Int32Array(2 * (to - from));
    t.starts = new Int32Array(2 * (to - from));
  }
  const { positions, starts } = t;
  let m = 0;
  for (let i = from; i < to; i++) {
    const row = rowOfWord[ids[i]!]!;
    if (row === 0) continue;
    positions[m] = i;
    starts[m] = (row - 1) * n;
    m++;
  }
  return align(n, m, positions, starts, values);
}

/** The most a fragment can score on an item's words: each fragment word's best similarity in them, as in {@link fragmentBounds}. */
function boundTable(ids: Int32Array, from: number, to: number, t: FragmentTable, best: Float64Array): number {
  const { n, values, rowOfWord } = t;
  best.fill(0);
  for (let i = from; i < to; i++) {
    const row = rowOfWord[ids[i]!]!;
    if (row === 0) continue;
    const at = (row - 1) * n;
    for (let k = 0; k < n; k++) if (values[at + k]! > best[k]!) best[k] = values[at + k]!;
  }
  let bound = 0;
  for (let k = 0; k < n; k++) if (best[k]! > 0) bound += n > 1 ? 0.85 * best[k]! + 0.15 : best[k]!;
  return bound / n;
}

/** How much two words are alike, 0..1, allowing the typos a word of that length may have. */
function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (b.startsWith(a) && a.length >= 4) return 0.9; // `breakthr` typed short
  const max = Math.max(allowedTypos(a), 1);
  const d = editDistance(a, b, max);
  if (d <= max) return 1 - d / Math.max(a.length, b.length);
  // Spelt as heard (`breakthru`): a long shared beginning still says which word is meant.
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
  return prefix >= 5 ? (0.8 * prefix) / Math.min(a.length, b.length) : 0;
}

/**
 * How well a remembered fragment matches the quoted words: each fragment word is aligned to the
 * best word of the quote (typos allowed), with a bonus when the words come in the same order.
 */
export function fragmentScore(fragment: string[], words: string[]): number {
  const n = fragment.length;
  const m = words.length;
  const positions = new Int32Array(m);
  const starts = new Int32Array(m);
  const values = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    positions[i] = i;
    starts[i] = i * n;
    for (let k = 0; k < n; k++) values[i * n + k] = wordSimilarity(fragment[k]!, words[i]!);
  }
  return align(n, m, positions, starts, values);
}

/**
 * The alignment both scores share: each of `n` fragment words is aligned to its most similar word
 * among `m` item positions (`positions[j]`, ascending; fragment word k's similarity to the word at
 * `positions[j]` is `values[starts[j] + k]`), with a bonus for each word found after the one before
 * it. A position left out is one like no fragment word: a 0 never changes an alignment.
 */
function align(
  n: number,
  m: number,
  positions: Int32Array,
  starts: Int32Array,
  values: Float64Array,
): number {
  if (n === 0) return 0;
  let total = 0;
  let inOrder = 0;
  let last = -1;
  for (let k = 0; k < n; k++) {
    let best = 0;
    let at = -1;
    for (let j = 0; j < m; j++) {
      const i = positions[j]!;
      const s = values[starts[j]! + k]!;
      if (s > best || (s === best && s > 0 && i > last && at <= last)) {
        best = s;
        at = i;
      }
    }
    total += best;
    if (best > 0 && at > last) inOrder++;
    if (at >= 0) last = at;
  }
  const base = total / n;
  return n > 1 ? 0.85 * base + (0.15 * inOrder) / n : base;
}

function citationOf(p: Prepared, i: number): Citation {
  const q = p.quotations[i]!;
  const article = p.articles[i]!;
  return citeSentences(
    article,
    article.sentences.filter((s) => q.sentenceIds.includes(s.id)),
  );
}

/**
 * Finds quotations matching a query, best first. Each given part scores 0..1 (speaker by fuzzy
 * name, topic by the share of topic words in the quote or its sentence, fragment by word
 * alignment) and the score is their mean; parts under their threshold exclude the quotation.
 * With `closest`, quotations under the thresholds are returned too (for "did you mean").
 */
export function findQuotations(
  facts: FactBase,
  query: QuoteQuery,
  limit = 5,
  { closest = false }: { closest?: boolean } = {},
): QuoteMatch[] {
  const p = prepare(facts);
  const speakerScores = new Map<string, number>();
  const wantSpeaker = query.speaker?.trim();
  if (wantSpeaker) {
    for (const r of searchSpeakers(p, wantSpeaker)) {
      const score = 1 - (r.score ?? 1);
      if (closest || score >= SPEAKER_MIN_SCORE) speakerScores.set(r.item.name, score);
    }
  }
  const aboutTerms = query.about ? terms(query.about) : [];
  const fragment = query.text ? tokenize(query.text) : [];
  if (fragment.length && !wantSpeaker && !aboutTerms.length && !closest)
    return bestFragmentMatches(p, fragment, limit);
  // Citations are made only for the matches returned (a speaker can have hundreds of quotations).
  const out: (Omit<QuoteMatch, "citation"> & { item: number })[] = [];
  // With a speaker asked for, only that speaker's items can match: read them in fact-base order.
  const order = wantSpeaker
    ? [...speakerScores.keys()]
        .flatMap((name) => {
          const id = p.nameIds.get(name);
          return id === undefined
            ? []
            : Array.from(p.nameData.subarray(p.nameStart[id], p.nameStart[id + 1]));
        })
        .sort((a, b) => a - b)
    : null;
  const count = order ? order.length : p.quotations.length;
  for (let k = 0; k < count; k++) {
    const at = order ? order[k]! : k;
    const speaker = p.speakerOf[at]!;
    const parts: number[] = [];
    if (wantSpeaker) {
      const s = speaker ? speakerScores.get(speaker) : undefined;
      if (s === undefined) continue;
      parts.push(s);
    }
    if (aboutTerms.length) {
      const topic = topicTerms(p, at);
      const inQuote = aboutTerms.filter((t) => topic.terms.has(t)).length;
      const inContext = aboutTerms.filter((t) => !topic.terms.has(t) && topic.context.has(t)).length;
      const s = (inQuote + 0.7 * inContext) / aboutTerms.length;
      if (!closest && s < QUOTE_MIN_SCORE) continue;
      parts.push(s);
    }
    if (fragment.length) {
      const s = fragmentScore(fragment, wordsOf(p, at));
      if (!closest && s < QUOTE_MIN_SCORE) continue;
      parts.push(s);
    }
    if (parts.length === 0) continue;
    const score = parts.reduce((a, b) => a + b, 0) / parts.length;
    out.push({ quotation: p.quotations[at]!, article: p.articles[at]!, speaker, score, item: at });
  }
  out.sort(byRank);
  return out.slice(0, limit).map(({ quotation, article, speaker, score, item }) => ({
    quotation,
    article,
    speaker,
    score,
    citation: citationOf(p, item),
  }));
}

/** Best first; among equals, whole quotations before fragments, then longer words (more to cite). */
function byRank(
  a: Pick<QuoteMatch, "score" | "quotation">,
  b: Pick<QuoteMatch, "score" | "quotation">,
): number {
  return (
    b.score - a.score ||
    Number(b.quotation.kind === "direct") - Number(a.quotation.kind === "direct") ||
    b.quotation.text.length - a.quotation.text.length
  );
}

/** Quotations holding the fragment's rarest word that are scored first, for a first bar to clear. */
const FIRST_LOOK = 200;

/**
 * {@link findQuotations} for a fragment alone, with the same result: only quotations that can
 * reach the threshold are scored, most promising first, and scoring stops once no bound left can
 * reach the last of the best `limit` scores. Word similarities come from a table made once per
 * fragment word, not from edit distances per quoted word. The quotations holding the rarest
 * fragment word are scored first: the bar they set (the last of the best `limit`) lets the
 * commonest words go unread, since no quotation holding only those could clear it.
 */
function bestFragmentMatches(
  p: Prepared,
  fragment: string[],
  limit: number,
  maxReads = Number.POSITIVE_INFINITY,
): QuoteMatch[] {
  if (limit <= 0) return [];
  const sims = new Map<string, Map<string, number>>();
  for (const f of fragment) if (!sims.has(f)) sims.set(f, similarWords(p, f));
  const table = fragmentTable(p, fragment, sims);
  const found: { score: number; item: number }[] = [];
  try {
    // The best `limit` scores so far, best first: the last is the score a bound must reach.
    const top: number[] = [];
    let floor = -1;
    const scored = new Set<number>();
    const score = (i: number) => {
      scored.add(i);
      const s = alignTable(p.wordsOfItems, fromOf(p, i), p.ends[i]!, table);
      if (s < QUOTE_MIN_SCORE) return;
      found.push({ score: s, item: i });
      top.push(s);
      top.sort((a, b) => b - a);
      if (top.length > limit) top.pop();
      if (top.length === limit) floor = top[limit - 1]!;
    };
    let rarest: Map<string, number> | null = null;
    let rarestCost = Number.POSITIVE_INFINITY;
    for (const wordSims of sims.values()) {
      let cost = 0;
      for (const w of wordSims.keys()) cost += postingCount(p, w);
      if (wordSims.size && cost < rarestCost) {
        rarest = wordSims;
        rarestCost = cost;
      }
    }
    first: for (const w of rarest?.keys() ?? []) {
      const id = p.wordIds.get(w)!;
      for (let j = p.postingStart[id]!, end = p.postingStart[id + 1]!; j < end; j++) {
        if (scored.size >= FIRST_LOOK) break first;
        const i = p.postingData[j]!;
        if (!scored.has(i)) score(i);
      }
    }
    const { candidates, partial } = fragmentBounds(p, fragment, sims, Math.max(floor, QUOTE_MIN_SCORE));
    const best = new Float64Array(fragment.length);
    let reads = 0;
    for (const { item: i, bound } of candidates) {
      if (bound < floor - 1e-9 || reads++ >= maxReads) break;
      if (scored.has(i)) continue;
      // With words left unread the bound was a guess: the item's own words say what it really is.
      if (
        partial &&
        boundTable(p.wordsOfItems, fromOf(p, i), p.ends[i]!, table, best) <
          Math.max(floor, QUOTE_MIN_SCORE) - 1e-9
      )
        continue;
      score(i);
    }
  } finally {
    releaseTable(table);
  }
  // Ties keep the order of the quotations in the fact base, as a full scan in that order would.
  const ranked = found.map(({ score, item }) => ({ score, quotation: p.quotations[item]!, item }));
  ranked.sort((a, b) => byRank(a, b) || a.item - b.item);
  // Citations only for the quotations returned.
  return ranked.slice(0, limit).map(({ score, item }) => {
    return {
      quotation: p.quotations[item]!,
      article: p.articles[item]!,
      speaker: p.speakerOf[item]!,
      score,
      citation: citationOf(p, item),
    };
  });
}

/**
 * The quoted words of a who-said question (`Who said "we will not accept this"?`, `who said: …?`),
 * or null when the question is not of that form.
 */
export function whoSaidFragment(question: string): string | null {
  const m = question.match(/^\s*who\s+(?:said|wrote|tweeted|told\s+\S+)\s*[:,]?\s*(.+?)\s*\?*\s*$/iu);
  if (!m) return null;
  const words = m[1]!.replace(/^["“”'‘’]+|["“”'‘’]+$/gu, "").trim();
  return tokenize(words).length >= WHO_SAID_MIN_WORDS ? words : null;
}

/** Fewer quoted words than this are not enough to tell one quotation from another. */
const WHO_SAID_MIN_WORDS = 3;
/** A fragment aligned this well (0..1) to a quotation is that quotation, typos and all. */
export const WHO_SAID_MIN_SCORE = 0.75;
/** A role longer than this many words is a description, shown after the name (`Scott Pruitt, …`). */
const ROLE_BEFORE_NAME_WORDS = 4;

/**
 * The speaker as an answer: the fullest name the article uses, with the role where it gives one
 * (`House Speaker Paul D. Ryan`, `Scott Pruitt, Republican attorney general of Oklahoma`).
 */
export function speakerWithRole(name: string, role: string | null): string {
  const r = role?.trim();
  // An age (`Quina Jones, 25`) or a role the name already holds is no role to show.
  if (!r || /^\d/u.test(r) || name.toLowerCase().includes(r.toLowerCase())) return name;
  const words = r.split(/\s+/u);
  const titleLike = words.length <= ROLE_BEFORE_NAME_WORDS && !/\b(of|for|at|who|in)\b/u.test(r);
  return titleLike ? `${r} ${name}` : `${name}, ${r}`;
}

/** The quotation a who-said question quotes, when one matches well and has a speaker. */
export function whoSaid(facts: FactBase, question: string): QuoteMatch | null {
  const fragment = whoSaidFragment(question);
  if (!fragment) return null;
  const [best] = findQuotations(facts, { text: fragment }, 1);
  return best?.speaker && best.score >= WHO_SAID_MIN_SCORE ? best : null;
}
