/**
 * The term postings of a fact base: every sentence's distinct terms (stop words left out, each
 * word stemmed as `terms()` does) as an inverted index from term number to sentence ordinals, and
 * the vocabulary of those terms for typo lookup. Sentence ordinals count the sentences of all
 * articles in order (article 0's sentences first). Built once per fact-base generation, or read
 * from the postings file the command line keeps beside a sealed fact base (postings-file.ts).
 */
import type { FactBase } from "../knowledge/schema.ts";
import { sealOf } from "../knowledge/store.ts";
import { FuzzyDictionary } from "./fuzzy.ts";
import { readPostingsFile, writePostingsFile } from "./postings-file.ts";
import { isApostrophe, isSeparatorMark, processTerm, STOP_WORDS, tokenize } from "./terms.ts";

/** The postings of one fact base (see {@link buildPostings}). */
export interface Postings {
  /** Term number by term. */
  termIds: Map<string, number>;
  /** Term by number (every term some sentence holds, in the order the sentences first hold them). */
  terms: string[];
  /** Term `t`'s sentence ordinals are `data[start[t] .. start[t + 1]]`, ascending and never empty. */
  start: Int32Array;
  data: Int32Array;
  /** The number of terms (stop words left out, repeats counted) of each sentence, by ordinal. */
  lengths: Int32Array;
  /** The sum of `lengths`. */
  totalLength: number;
  /** Every term some sentence holds, numbered as in `terms`. */
  vocabulary: FuzzyDictionary;
  /** Where they come from: read from the postings file, or built from the sentences. */
  source: "file" | "built";
  /** Why the postings file was not used, when it was looked for (a sealed fact base and a folder). */
  ignored?: string;
}

/**
 * The postings of a fact base read from `knowledgeDir` (undefined: built in memory): read from
 * the folder's postings file when it was written from the same sealed fact base by this term
 * processing, and built otherwise. A missing, stale or damaged file is ignored, never an error.
 */
export function postingsFor(facts: FactBase, knowledgeDir?: string): Postings {
  const seal = sealOf(facts);
  if (knowledgeDir === undefined || seal === undefined) return buildPostings(facts);
  const read = readPostingsFile(knowledgeDir, facts, seal, termProbe());
  if ("postings" in read) {
    keptQuotationWords.set(facts, read.quotationWords);
    return read.postings;
  }
  const built = buildPostings(facts);
  built.ignored = read.ignored;
  return built;
}

/**
 * Writes the postings file of a sealed fact base (one written or read by the store) into `dir`,
 * beside its facts.json, atomically. Returns the file's path and size.
 */
export function savePostings(dir: string, facts: FactBase): { file: string; bytes: number } {
  const seal = sealOf(facts);
  if (seal === undefined) throw new Error(PostingsMessages.unsealed);
  const quotationWords = readQuotationWords(facts.quotations.map((q) => q.text));
  // The last entity of an id, as a map of them all gives it.
  const entityAt = new Map<string, number>();
  facts.entities.forEach((e, i) => {
    entityAt.set(e.id, i);
  });
  quotationWords.speakerEntities = Int32Array.from(facts.quotations, (q) =>
    q.speaker?.entityId ? (entityAt.get(q.speaker.entityId) ?? -1) : -1,
  );
  return writePostingsFile(dir, facts, seal, termProbe(), buildPostings(facts), quotationWords);
}

/**
 * The words of a fact base's quotations as `tokenize` gives them (stop words too: a fragment
 * someone remembers is matched word for word), numbered: what `/quote` and "who said …?" search.
 */
export interface QuotationWords {
  /** The distinct words, numbered in order of first use (quotation 0's words first). */
  words: string[];
  /** Word number by word. */
  wordIds: Map<string, number>;
  /** Every quotation's words as numbers, one quotation after the other. */
  numbers: Int32Array;
  /** Where each quotation's words end in `numbers` (quotation i's are `[ends[i - 1] ?? 0, ends[i])`). */
  ends: Int32Array;
  /** The quotations holding each word: word w's are `postingData[postingStart[w] .. postingStart[w + 1]]`, ascending. */
  postingStart: Int32Array;
  postingData: Int32Array;
  /**
   * Kept in the postings file only: where each quotation's speaker's entity is in `facts.entities`
   * (-1: none), a hint to be checked against the entity id before use.
   */
  speakerEntities?: Int32Array;
}

/**
 * Reads the words of quotation texts. The term reader numbers them straight from the text (a
 * string per distinct word, not per word: 40,000 quotations at 10,000 articles hold 760,000 words).
 */
export function readQuotationWords(texts: readonly string[]): QuotationWords {
  const readerWords: string[] = [];
  const reader = new TermReader((word) => readerWords.push(word) - 1);
  const read = new IntList(1 << 16);
  const ends = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    reader.read(texts[i]!, read);
    ends[i] = read.length;
  }
  // Numbered again in order of first use, and listed, as reading each quotation's tokens in turn
  // would: the reader may have met a word it then read again differently (a text it handed to
  // `tokenize` part way), which no quotation holds.
  const numbers = read.data.slice(0, read.length);
  const renumber = new Int32Array(readerWords.length).fill(-1);
  const words: string[] = [];
  const wordIds = new Map<string, number>();
  for (let k = 0; k < numbers.length; k++) {
    const n = numbers[k]!;
    let id = renumber[n]!;
    if (id < 0) {
      id = renumber[n] = words.length;
      const word = readerWords[n]!;
      words.push(word);
      wordIds.set(word, id);
    }
    numbers[k] = id;
  }
  const { start: postingStart, data: postingData } = quotationsByWord(numbers, ends, words.length);
  return { words, wordIds, numbers, ends, postingStart, postingData };
}

/**
 * The quotations holding each word, ascending, from the quotations' words (`numbers`, quotation i's
 * ending at `ends[i]`), in two passes: how many quotations hold each word, then the quotations.
 */
function quotationsByWord(
  numbers: Int32Array,
  ends: Int32Array,
  wordCount: number,
): { start: Int32Array; data: Int32Array } {
  const start = new Int32Array(wordCount + 1);
  const last = new Int32Array(wordCount).fill(-1);
  for (let i = 0, k = 0; i < ends.length; i++) {
    for (const end = ends[i]!; k < end; k++) {
      const w = numbers[k]!;
      if (last[w] === i) continue;
      last[w] = i;
      start[w + 1]!++;
    }
  }
  for (let w = 0; w < wordCount; w++) start[w + 1]! += start[w]!;
  const data = new Int32Array(start[wordCount]!);
  const cursor = start.slice(0, wordCount);
  last.fill(-1);
  for (let i = 0, k = 0; i < ends.length; i++) {
    for (const end = ends[i]!; k < end; k++) {
      const w = numbers[k]!;
      if (last[w] === i) continue;
      last[w] = i;
      data[cursor[w]!++] = i;
    }
  }
  return { start, data };
}

/** The quotation words read with the postings file of a fact base (see {@link storedQuotationWords}). */
const keptQuotationWords = new WeakMap<FactBase, QuotationWords>();

/**
 * The words of every quotation of `facts` (in `facts.quotations` order), as
 * {@link readQuotationWords} gives them, when they came with the postings file read for it (by
 * {@link postingsFor}); undefined otherwise (then they are to be read from the texts).
 */
export function storedQuotationWords(facts: FactBase): QuotationWords | undefined {
  return keptQuotationWords.get(facts);
}

/** Messages of the postings. */
export const PostingsMessages = {
  unsealed: "postings: the fact base was not written or read sealed: no postings file can be keyed on it",
} as const;

/** Reads every sentence's terms and lays out the postings in two passes. */
export function buildPostings(facts: FactBase): Postings {
  // Each distinct word is made a term once (stop-word check, stemming) and each term numbered
  // once: the same few thousand words make up most of 150,000 sentences.
  const termIds = new Map<string, number>();
  const reader = termReader(termIds);
  // First pass: each sentence's distinct term numbers, one flat list, and each term's count.
  const pairs = new IntList(1 << 20);
  const scratch = new IntList(256);
  let sentenceCount = 0;
  for (const article of facts.articles) sentenceCount += article.sentences.length;
  const sentenceEnd = new Int32Array(sentenceCount);
  const lengths = new Int32Array(sentenceCount);
  let ordinal = 0;
  let counts = new Int32Array(1 << 14);
  let lastSeen = new Int32Array(1 << 14).fill(-1);
  let totalLength = 0;
  for (const article of facts.articles) {
    const sentences = article.sentences;
    for (let i = 0; i < sentences.length; i++, ordinal++) {
      scratch.length = 0;
      reader.read(sentences[i]!.text, scratch);
      const length = scratch.length;
      for (let k = 0; k < length; k++) {
        const id = scratch.data[k]!;
        if (id >= counts.length) {
          const grownCounts = new Int32Array(counts.length * 2);
          grownCounts.set(counts);
          counts = grownCounts;
          const grownSeen = new Int32Array(lastSeen.length * 2).fill(-1);
          grownSeen.set(lastSeen);
          lastSeen = grownSeen;
        }
        if (lastSeen[id] === ordinal) continue;
        lastSeen[id] = ordinal;
        counts[id]!++;
        pairs.push(id);
      }
      sentenceEnd[ordinal] = pairs.length;
      lengths[ordinal] = length;
      totalLength += length;
    }
  }
  // Second pass: postings laid out by term, filled in sentence order (so each list ascends).
  const termCount = termIds.size;
  const start = new Int32Array(termCount + 1);
  // A term numbered past the counts' end was never counted.
  for (let t = 0; t < termCount; t++) start[t + 1] = start[t]! + (counts[t] ?? 0);
  const data = new Int32Array(pairs.length);
  const cursor = start.slice(0, termCount);
  let p = 0;
  for (let ordinal = 0; ordinal < sentenceEnd.length; ordinal++) {
    const end = sentenceEnd[ordinal]!;
    for (; p < end; p++) {
      const t = pairs.data[p]!;
      data[cursor[t]!++] = ordinal;
    }
  }
  // A text handed to tokenize part-way through (its first non-ASCII character) may have named
  // words it then did not count: a term no sentence holds is no term. The others are numbered
  // again without gaps (their postings stay where they are: a term no sentence holds has none).
  const terms: string[] = [];
  const kept = new Map<string, number>();
  const keptStart = new Int32Array(termCount + 1);
  for (const [term, t] of termIds) {
    if (start[t + 1] === start[t]) continue;
    kept.set(term, terms.length);
    terms.push(term);
    keptStart[terms.length] = start[t + 1]!;
  }
  const vocabulary = new FuzzyDictionary();
  for (const term of terms) vocabulary.add(term);
  return {
    termIds: kept,
    terms,
    start: terms.length === termCount ? start : keptStart.slice(0, terms.length + 1),
    data,
    lengths,
    totalLength,
    vocabulary,
    source: "built",
  };
}

/** A reader giving the numbers of `termIds` (new terms numbered in turn), as the build reads sentences. */
function termReader(termIds: Map<string, number>): TermReader {
  return new TermReader((token) => {
    const term = processTerm(token);
    // `terms()` leaves out what processing empties (a token of combining marks only).
    if (!term) return -1;
    let id = termIds.get(term);
    if (id === undefined) {
      id = termIds.size;
      termIds.set(term, id);
    }
    return id;
  });
}

/**
 * Texts and words whose terms show how this code reads terms: ASCII and non-ASCII text, camel
 * case, numbers, possessives, every suffix rule of `stem`, stop words.
 */
const PROBE_TEXTS = [
  "The Prime Minister's office said on Tuesday that 100,000 people (about 2.5 percent) had fled, " +
    "while NikolPashinyan's allies were releasing 32 prisoners and 1,250.75 tonnes of aid.",
  "Officials stopped, called and passed; studies of classes, crises, buses and ties went on happily " +
    "as they agreed, tried, died, hoped, planned and focused on the analysis of companies.",
  "Pashinyán met Aliyev in Zürich – “We’re not going,” he said… at 3.14 p.m. on 8 Dec 2023; " +
    "Москва и Ελλάδα, naïve café-owners' résumés, iPhone sales of the UK's BBC.",
];
const PROBE_WORDS =
  "release releases released releasing prisoner prisoners stopped running runs focus focuses status " +
  "analysis basis agreed being happily company companies crisis crises news united states says said " +
  "dresses passes bus buses ties lying dying eyeing storey stories fled fleeing ceasefire ceasefires 2023 3.14";

let probe: string | undefined;

/**
 * What this code makes of the probe: the whole postings (terms, lists, lengths, the vocabulary's
 * sorted order and trigram index) of a small fact base of the probe texts, the probe texts' words
 * as quotations' are read, the terms of the probe words and the whole stop-word list. Kept in the
 * postings file and compared at load, so that a change to tokenizing, stemming, stop words, how
 * postings are laid out or how the vocabulary indexes terms never reads postings written by the
 * code before it.
 */
export function termProbe(): string {
  if (probe === undefined) {
    // Only the sentences' texts are read (two articles: ordinals run on across articles).
    const article = (texts: string[]) => ({ sentences: texts.map((text) => ({ text })) });
    const facts = {
      articles: [article(PROBE_TEXTS.slice(0, 2)), article([]), article(PROBE_TEXTS.slice(2))],
    } as unknown as FactBase;
    const postings = buildPostings(facts);
    const words = PROBE_WORDS.split(" ");
    const dictionary = new FuzzyDictionary();
    for (const w of words) dictionary.add(w);
    const lines: string[] = [postings.terms.join(" ")];
    for (const { order, trigrams } of [postings.vocabulary.tables(), dictionary.tables()]) {
      for (const numbers of [order, trigrams.keys, trigrams.start, trigrams.terms])
        lines.push(Array.from(numbers).join(" "));
    }
    for (const numbers of [postings.start, postings.data, postings.lengths])
      lines.push(Array.from(numbers).join(" "));
    lines.push(String(postings.totalLength));
    const quoted = readQuotationWords(PROBE_TEXTS);
    for (const numbers of [quoted.numbers, quoted.ends, quoted.postingStart, quoted.postingData])
      lines.push(Array.from(numbers).join(" "));
    lines.push(quoted.words.join(" "));
    lines.push(words.map((w) => processTerm(w) ?? "-").join(" "));
    lines.push([...STOP_WORDS].join(" "));
    probe = lines.join("\n");
  }
  return probe;
}

/** A growable list of 32-bit integers (postings pairs at build). */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Reads the term numbers of sentences at build time, giving exactly `terms(text)` numbered, but
 * without making a string per word: plain words are hashed straight from the text and looked up
 * in a table of the words seen before (a few tens of thousands of distinct words make up millions
 * of words at 10,000 articles). Anything not plain — a text with non-ASCII characters, a camel-case
 * run, a number with thousands or decimals — goes through `tokenize`, the one definition of a token.
 */
export class TermReader {
  /**
   * Open addressing by FNV-1a hash of the folded word, two numbers a slot side by side: its hash
   * and its word number + 1 (0: empty slot), so a probe reads 8 bytes and the table stays half the
   * size (the reader runs between writes of millions of postings, which push it out of cache).
   * Each word's three numbers are in `#words`: where its characters are in `#pool` (one flat
   * buffer, so comparing stays in cache), its length, its term number (-1: stop word).
   */
  #table = new Int32Array(2 << 15);
  #words = new Int32Array(3 << 14);
  #pool = new Uint16Array(1 << 16);
  #poolLength = 0;
  #size = 0;
  readonly #termOfToken: (token: string) => number;

  constructor(termOfToken: (token: string) => number) {
    this.#termOfToken = termOfToken;
  }

  /** Appends the term numbers of the text's words (stop words left out) to `out`. */
  read(text: string, out: IntList): void {
    const from = out.length;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c > 127 && isSeparatorMark(c)) {
        i++;
        continue;
      }
      if (c > 127) {
        out.length = from;
        for (const token of tokenize(text)) this.#push(out, this.#termOfWord(token));
        return;
      }
      const start = i;
      let hash = -2128831035;
      if (c >= 48 && c <= 57) {
        for (; i < n; i++) {
          const d = text.charCodeAt(i);
          if (d < 48 || d > 57) break;
          hash = Math.imul(hash ^ d, 16777619);
        }
        const next = text.charCodeAt(i);
        if ((next === 44 || next === 46) && isDigit(text.charCodeAt(i + 1))) {
          // Maybe `100,000` or `2.5`: tokenize reads the number from here.
          i = start + numberExtent(text, start);
          const token = tokenize(text.slice(start, i))[0]!;
          this.#push(out, this.#termOfWord(token));
          continue;
        }
      } else if (CHAR_CLASS[c] !== 0) {
        // 1: lower case, 2: upper case. Camel case is a lower-case letter before a capital.
        let camel = false;
        let previous = 0;
        for (; i < n; i++) {
          const d = text.charCodeAt(i);
          const kind = d < 128 ? CHAR_CLASS[d]! : 0;
          if (kind === 0) break;
          if (kind > previous && previous === 1) camel = true;
          previous = kind;
          hash = Math.imul(hash ^ (d | 32), 16777619);
        }
        // A possessive or contraction tail (`Armenia's`) is not a word of its own.
        if (i - start === 1 && c === 115 && start > 0 && isApostrophe(text.charCodeAt(start - 1))) continue;
        if (camel) {
          for (const token of tokenize(text.slice(start, i))) this.#push(out, this.#termOfWord(token));
          continue;
        }
      } else {
        i++;
        continue;
      }
      this.#push(out, this.#termAt(text, start, i, hash));
    }
  }

  #push(out: IntList, term: number): void {
    if (term >= 0) out.push(term);
  }

  /** The term number of the folded word `text[start..end]` with this hash. */
  #termAt(text: string, start: number, end: number, hash: number): number {
    const table = this.#table;
    const words = this.#words;
    const pool = this.#pool;
    const mask = (table.length >> 1) - 1;
    const length = end - start;
    for (let slot = hash & mask; table[(slot << 1) + 1] !== 0; slot = (slot + 1) & mask) {
      if (table[slot << 1] !== hash) continue;
      const w = (table[(slot << 1) + 1]! - 1) * 3;
      if (words[w + 1] !== length) continue;
      const at = words[w]! - start;
      let j = start;
      for (; j < end; j++) {
        const d = text.charCodeAt(j);
        if (pool[at + j] !== (d >= 65 && d <= 90 ? d | 32 : d)) break;
      }
      if (j === end) return words[w + 2]!;
    }
    return this.#termOfWord(text.slice(start, end).toLowerCase(), hash);
  }

  /** The term number of a folded word, added to the table when new. */
  #termOfWord(word: string, hash = hashOf(word)): number {
    if (word.length === 0) return -1;
    const mask = (this.#table.length >> 1) - 1;
    let slot = hash & mask;
    for (; this.#table[(slot << 1) + 1] !== 0; slot = (slot + 1) & mask) {
      if (this.#table[slot << 1] !== hash) continue;
      const w = (this.#table[(slot << 1) + 1]! - 1) * 3;
      if (this.#words[w + 1] !== word.length) continue;
      const at = this.#words[w]!;
      let j = 0;
      while (j < word.length && this.#pool[at + j] === word.charCodeAt(j)) j++;
      if (j === word.length) return this.#words[w + 2]!;
    }
    const term = this.#termOfToken(word);
    if (this.#poolLength + word.length > this.#pool.length) {
      const grown = new Uint16Array(Math.max(this.#pool.length * 2, this.#poolLength + word.length));
      grown.set(this.#pool);
      this.#pool = grown;
    }
    for (let j = 0; j < word.length; j++) this.#pool[this.#poolLength + j] = word.charCodeAt(j);
    const w = this.#size * 3;
    if (w + 3 > this.#words.length) {
      const grown = new Int32Array(this.#words.length * 2);
      grown.set(this.#words);
      this.#words = grown;
    }
    this.#words[w] = this.#poolLength;
    this.#words[w + 1] = word.length;
    this.#words[w + 2] = term;
    this.#poolLength += word.length;
    this.#table[slot << 1] = hash;
    this.#table[(slot << 1) + 1] = ++this.#size;
    if (this.#size * 2 > this.#table.length >> 1) this.#grow();
    return term;
  }

  #grow(): void {
    const old = this.#table;
    const table = new Int32Array(old.length * 2);
    const mask = (table.length >> 1) - 1;
    for (let base = 0; base < old.length; base += 2) {
      if (old[base + 1] === 0) continue;
      let slot = old[base]! & mask;
      while (table[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
      table[slot << 1] = old[base]!;
      table[(slot << 1) + 1] = old[base + 1]!;
    }
    this.#table = table;
  }
}

/** ASCII letters: 1 for lower case, 2 for upper case, 0 for anything else. */
const CHAR_CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CHAR_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) CHAR_CLASS[c] = 2;

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** FNV-1a hash of the first `length` characters of a string. */
export function hashOf(text: string, length = text.length): number {
  let hash = -2128831035;
  for (let j = 0; j < length; j++) hash = Math.imul(hash ^ text.charCodeAt(j), 16777619);
  return hash;
}

/** How many characters of `text` from `start` (a digit) the number there spans, thousands and decimals included. */
function numberExtent(text: string, start: number): number {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  while (
    text.charCodeAt(i) === 44 &&
    isDigit(text.charCodeAt(i + 1)) &&
    isDigit(text.charCodeAt(i + 2)) &&
    isDigit(text.charCodeAt(i + 3))
  )
    i += 4;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i - start;
}
