/**
 * The answer index, built once per fact-base generation: an inverted index from normalised terms
 * to sentences (and through sentences to the events, quotations and statements read from them), a
 * name dictionary for entities, fuzzy term dictionaries for typos, and the action lemmas by
 * frequency. Work per question depends on the postings of the question's terms, not on the size of
 * the fact base: fuse.js later scores only the candidates picked here.
 */
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
import { verbFormStems } from "./question.ts";
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
/** Candidates kept after the index pass, before fuse.js and answer extraction look at them. */
const CANDIDATE_LIMIT = 40;

function binaryHas(list: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
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
  readonly #sentences: SentenceRef[];
  readonly #firstOrdinal = new Map<string, number>();
  readonly #irregular = new Map<string, number>();
  #lastArticle = "";
  #lastFirst = 0;

  constructor(sentences: SentenceRef[]) {
    this.#sentences = sentences;
  }

  /** Records an article's first sentence ordinal (at build). */
  addArticle(articleId: string, firstOrdinal: number): void {
    this.#firstOrdinal.set(articleId, firstOrdinal);
  }

  /** Records a sentence whose id is not `${articleId}#s${index}` (at build). */
  addIrregular(id: string, ordinal: number): void {
    this.#irregular.set(id, ordinal);
  }

  /** The ordinal of the sentence with this id. */
  ordinalOf(id: string): number | undefined {
    if (this.#irregular.size > 0) {
      const ordinal = this.#irregular.get(id);
      if (ordinal !== undefined) return ordinal;
    }
    const at = id.lastIndexOf("#s");
    if (at < 0) return undefined;
    // Facts come grouped by article: the article of the last lookup is tried before the map.
    let first: number | undefined;
    if (at === this.#lastArticle.length && id.startsWith(this.#lastArticle)) first = this.#lastFirst;
    else {
      const article = id.slice(0, at);
      first = this.#firstOrdinal.get(article);
      if (first === undefined) return undefined;
      this.#lastArticle = article;
      this.#lastFirst = first;
    }
    let index = 0;
    for (let i = at + 2; i < id.length; i++) {
      const c = id.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      index = index * 10 + (c - 48);
    }
    const ordinal = first + index;
    // The id itself decides: `#s01` or an index past the article's end find nothing.
    return this.#sentences[ordinal]?.sentence.id === id ? ordinal : undefined;
  }

  get(id: string): SentenceRef | undefined {
    const ordinal = this.ordinalOf(id);
    return ordinal === undefined ? undefined : this.#sentences[ordinal];
  }

  has(id: string): boolean {
    return this.ordinalOf(id) !== undefined;
  }
}

/** Facts read from each sentence (events, quotations, …), stored by sentence ordinal, looked up by id. */
export class BySentence<V> {
  readonly #lookup: SentenceLookup;
  readonly #slots: (V[] | undefined)[];

  constructor(lookup: SentenceLookup, sentenceCount: number) {
    this.#lookup = lookup;
    this.#slots = new Array<V[] | undefined>(sentenceCount).fill(undefined);
  }

  /** Adds a value to a sentence (at build). */
  push(ordinal: number, value: V): void {
    const list = this.#slots[ordinal];
    if (list) list.push(value);
    else this.#slots[ordinal] = [value];
  }

  /** The values of the sentence with this id, in fact-base order. */
  get(sentenceId: string): V[] | undefined {
    const ordinal = this.#lookup.ordinalOf(sentenceId);
    return ordinal === undefined ? undefined : this.#slots[ordinal];
  }

  /** The values of the sentence at this ordinal. */
  at(ordinal: number): V[] | undefined {
    return this.#slots[ordinal];
  }
}

/** A growable list of 32-bit integers (postings pairs at build). */
class IntList {
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
class TermReader {
  /** Open addressing by FNV-1a hash of the folded word: the word, its hash, its term number (-1: stop word). */
  #words: (string | undefined)[] = new Array<string | undefined>(1 << 15).fill(undefined);
  #hashes = new Int32Array(1 << 15);
  #values = new Int32Array(1 << 15);
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
      } else if ((c | 32) >= 97 && (c | 32) <= 122) {
        let camel = false;
        let prevLower = false;
        for (; i < n; i++) {
          const d = text.charCodeAt(i);
          if (d >= 97 && d <= 122) prevLower = true;
          else if (d >= 65 && d <= 90) {
            if (prevLower) camel = true;
            prevLower = false;
          } else break;
          hash = Math.imul(hash ^ (d | 32), 16777619);
        }
        // A possessive or contraction tail (`Armenia's`) is not a word of its own.
        if (i - start === 1 && c === 115 && start > 0 && text.charCodeAt(start - 1) === 39) continue;
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
    const mask = this.#hashes.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const word = this.#words[slot];
      if (word === undefined) break;
      if (this.#hashes[slot] !== hash || word.length !== length) continue;
      let same = true;
      for (let j = 0; j < length; j++) {
        const d = text.charCodeAt(start + j);
        if (word.charCodeAt(j) !== (d >= 65 && d <= 90 ? d | 32 : d)) {
          same = false;
          break;
        }
      }
      if (same) return this.#values[slot]!;
    }
    return this.#termOfWord(text.slice(start, end).toLowerCase(), hash);
  }

  /** The term number of a folded word, added to the table when new. */
  #termOfWord(word: string, hash = hashOf(word)): number {
    const mask = this.#hashes.length - 1;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const known = this.#words[slot];
      if (known === undefined) break;
      if (known === word) return this.#values[slot]!;
    }
    const term = this.#termOfToken(word);
    this.#words[slot] = word;
    this.#hashes[slot] = hash;
    this.#values[slot] = term;
    if (++this.#size * 2 > this.#hashes.length) this.#grow();
    return term;
  }

  #grow(): void {
    const words = this.#words;
    const hashes = this.#hashes;
    const values = this.#values;
    const size = hashes.length * 2;
    this.#words = new Array<string | undefined>(size).fill(undefined);
    this.#hashes = new Int32Array(size);
    this.#values = new Int32Array(size);
    const mask = size - 1;
    for (let s = 0; s < words.length; s++) {
      const word = words[s];
      if (word === undefined) continue;
      let slot = hashes[s]! & mask;
      while (this.#words[slot] !== undefined) slot = (slot + 1) & mask;
      this.#words[slot] = word;
      this.#hashes[slot] = hashes[s]!;
      this.#values[slot] = values[s]!;
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hashOf(word: string): number {
  let hash = -2128831035;
  for (let j = 0; j < word.length; j++) hash = Math.imul(hash ^ word.charCodeAt(j), 16777619);
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

/** The answer index over one fact base. */
export class AnswerIndex {
  readonly facts: FactBase;
  readonly generation: number;
  readonly sentences: SentenceRef[] = [];
  readonly sentenceById: SentenceLookup = new SentenceLookup(this.sentences);
  readonly articleById = new Map<string, Article>();
  readonly entityById = new Map<string, Entity>();
  readonly eventsBySentence: BySentence<Event>;
  readonly quotationsBySentence: BySentence<Quotation>;
  readonly statementsBySentence: BySentence<Statement>;
  readonly mentionsBySentence: BySentence<SentenceMention>;
  /** Events by the entity acting or acted on; quotations by speaker entity (for `/facts`). */
  readonly eventsByEntity = new Map<string, Event[]>();
  readonly quotationsBySpeaker = new Map<string, Quotation[]>();
  /** Entities standing for another (`Baku` for Azerbaijan), by the id they stand for. */
  readonly standingFor = new Map<string, Entity[]>();
  /** Sentence terms (stemmed), for typo lookup. */
  readonly vocabulary = new FuzzyDictionary();
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
  readonly #termIds = new Map<string, number>();
  readonly #postingStart: Int32Array;
  readonly #postingData: Int32Array;
  /** Index terms of each article's title, by article id. */
  readonly #titleTermsOf = new Map<string, Set<string>>();
  readonly #avgLength: number;

  constructor(facts: FactBase, generation = 0) {
    this.facts = facts;
    this.generation = generation;
    // Each distinct word is made a term once (stop-word check, stemming) and each term numbered
    // once: the same few thousand words make up most of 150,000 sentences.
    const termIds = this.#termIds;
    const reader = new TermReader((token) => {
      const term = processTerm(token);
      if (term === null) return -1;
      let id = termIds.get(term);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(term, id);
      }
      return id;
    });
    // First pass: each sentence's distinct term numbers, one flat list, and each term's count.
    const pairs = new IntList(1 << 20);
    const scratch = new IntList(256);
    const sentenceEnd: number[] = [];
    let counts = new Int32Array(1 << 14);
    let lastSeen = new Int32Array(1 << 14).fill(-1);
    let totalLength = 0;
    for (const article of facts.articles) {
      this.articleById.set(article.id, article);
      const first = this.sentences.length;
      this.sentenceById.addArticle(article.id, first);
      const sentences = article.sentences;
      for (let i = 0; i < sentences.length; i++) {
        const sentence = sentences[i]!;
        const ordinal = this.sentences.length;
        if (sentence.id !== `${article.id}#s${i}`) this.sentenceById.addIrregular(sentence.id, ordinal);
        scratch.length = 0;
        reader.read(sentence.text, scratch);
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
        sentenceEnd.push(pairs.length);
        this.sentences.push({ ordinal, article, sentence, length });
        totalLength += length;
      }
    }
    // Second pass: postings laid out by term, filled in sentence order (so each list ascends).
    const termCount = termIds.size;
    const start = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) start[t + 1] = start[t]! + counts[t]!;
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
    this.#postingStart = start;
    this.#postingData = data;
    // A text handed to tokenize part-way through (its first non-ASCII character) may have named
    // words it then did not count: a term no sentence holds is no term.
    for (const [term, t] of termIds) {
      if (counts[t] === 0) termIds.delete(term);
      else this.vocabulary.add(term);
    }
    this.#avgLength = this.sentences.length ? totalLength / this.sentences.length : 1;

    const n = this.sentences.length;
    this.eventsBySentence = new BySentence(this.sentenceById, n);
    this.quotationsBySentence = new BySentence(this.sentenceById, n);
    this.statementsBySentence = new BySentence(this.sentenceById, n);
    this.mentionsBySentence = new BySentence(this.sentenceById, n);
    // An entity named twice in one sentence is listed there once: the sentence's mark holds the
    // last entity listed.
    const listed = new Int32Array(n).fill(-1);
    facts.entities.forEach((entity, e) => {
      this.entityById.set(entity.id, entity);
      const names = new Set([entity.name, ...entity.aliases]);
      for (const name of names) {
        const key = phraseKey(name);
        if (!key) continue;
        pushTo(this.entitiesByKey, key, entity);
        for (const token of new Set(key.split(" "))) {
          if (STOP_WORDS.has(token) && token.length < 3) continue;
          pushTo(this.entitiesByToken, token, entity);
          this.nameTokens.add(token);
        }
      }
      for (const role of entity.roles) {
        for (const term of new Set(terms(role))) pushTo(this.entitiesByRoleTerm, term, entity);
      }
      for (const mention of entity.mentions) {
        const ordinal = this.sentenceById.ordinalOf(mention.sentenceId);
        if (ordinal === undefined || listed[ordinal] === e) continue;
        listed[ordinal] = e;
        this.mentionsBySentence.push(ordinal, { entity, text: mention.text });
      }
    });
    for (const entity of facts.entities) {
      if (entity.standsFor) pushTo(this.standingFor, entity.standsFor, entity);
    }

    const actionCounts = new Map<string, number>();
    for (const event of facts.events) {
      const ordinal = this.sentenceById.ordinalOf(event.sentenceId);
      if (ordinal !== undefined) this.eventsBySentence.push(ordinal, event);
      const actor = event.actor?.entityId;
      const object = event.object?.entityId;
      if (actor) pushTo(this.eventsByEntity, actor, event);
      if (object && object !== actor) pushTo(this.eventsByEntity, object, event);
      actionCounts.set(event.action, (actionCounts.get(event.action) ?? 0) + 1);
    }
    this.topEntities = [...facts.entities].sort((a, b) => b.mentions.length - a.mentions.length).slice(0, 25);
    facts.articles.forEach((article, i) => {
      const titleTerms = terms(article.title);
      this.#titleTermsOf.set(article.id, new Set(titleTerms));
      for (const term of new Set([...titleTerms, ...tokenize(article.title)])) {
        pushTo(this.articlesByTitleTerm, term, i);
        this.titleTerms.add(term);
      }
    });
    for (const [lemma, count] of actionCounts) {
      this.actionCounts.set(lemma, count);
      this.actions.push({ lemma, count });
      this.actionDictionary.add(lemma);
    }
    this.actions.sort((a, b) => b.count - a.count || a.lemma.localeCompare(b.lemma));
    for (const { lemma } of this.actions) {
      const head = lemma.split(" ")[0]!;
      for (const form of verbFormStems(head))
        if (!this.actionByForm.has(form)) this.actionByForm.set(form, lemma);
    }
    for (const q of facts.quotations) {
      if (q.speaker?.entityId) pushTo(this.quotationsBySpeaker, q.speaker.entityId, q);
      const at: number[] = [];
      for (const id of [q.sentenceId, ...q.sentenceIds]) {
        const ordinal = this.sentenceById.ordinalOf(id);
        if (ordinal === undefined || at.includes(ordinal)) continue;
        at.push(ordinal);
        this.quotationsBySentence.push(ordinal, q);
      }
    }
    for (const s of facts.statements) {
      const ordinal = this.sentenceById.ordinalOf(s.sentenceId);
      if (ordinal !== undefined) this.statementsBySentence.push(ordinal, s);
    }
    this.vocabulary.seal();
    this.nameTokens.seal();
    this.actionDictionary.seal();
    this.titleTerms.seal();
  }

  /** How many sentences hold the term. */
  documentFrequency(term: string): number {
    const t = this.#termIds.get(term);
    return t === undefined ? 0 : this.#postingStart[t + 1]! - this.#postingStart[t]!;
  }

  /** Inverse document frequency (BM25's, always positive); unknown terms get the highest. */
  idf(term: string): number {
    const n = this.sentences.length;
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The idf a term would have if no sentence held it: the weight of a word the articles lack. */
  get maxIdf(): number {
    const n = this.sentences.length;
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
   * Optionally restricted to one article or a set of sentence ordinals.
   */
  searchSentences(groups: TermGroup[], limit = CANDIDATE_LIMIT): SentenceHit[] {
    const weights = groups.map((g) => {
      let best = 0;
      for (const alt of g.alts) best = Math.max(best, this.idf(alt.term) * alt.weight);
      const known = g.alts.some((a) => this.documentFrequency(a.term) > 0);
      return { idf: known ? best : this.maxIdf, known };
    });
    // Coverage weighs each word by 1 + idf, not idf alone: in a small fact base a word every
    // sentence shares (`Azerbaijan` in an article about Azerbaijan) would otherwise count for
    // nothing, and one rare word for everything.
    const total = groups.reduce((sum, g, i) => sum + g.boost * (weights[i]!.idf + 1), 0) || 1;
    const G = groups.length;
    // Postings from the rarest term up: each gathers candidates while the candidate set stays
    // small; past GATHER_LIMIT candidates, a term only adds score to those already found (binary
    // search), so the work per question is bounded whatever the size of the fact base.
    const entries: { group: number; value: number; list: Int32Array }[] = [];
    groups.forEach((g, gi) => {
      for (const alt of g.alts) {
        const list = this.postings(alt.term);
        if (list) entries.push({ group: gi, value: g.boost * this.idf(alt.term) * alt.weight, list });
      }
    });
    entries.sort((a, b) => a.list.length - b.list.length);
    const rowOf = new Map<number, number>();
    const ordinals: number[] = [];
    let rows = new Float64Array(Math.max(16, G * 64));
    for (const e of entries) {
      if (rowOf.size === 0 || rowOf.size + e.list.length <= GATHER_LIMIT) {
        for (const ordinal of e.list) {
          let r = rowOf.get(ordinal);
          if (r === undefined) {
            r = ordinals.length;
            rowOf.set(ordinal, r);
            ordinals.push(ordinal);
            if ((r + 1) * G > rows.length) {
              const grown = new Float64Array(rows.length * 2);
              grown.set(rows);
              rows = grown;
            }
          }
          const at = r * G + e.group;
          if (e.value > rows[at]!) rows[at] = e.value;
        }
      } else {
        for (let r = 0; r < ordinals.length; r++) {
          const at = r * G + e.group;
          if (e.value > rows[at]! && binaryHas(e.list, ordinals[r]!)) rows[at] = e.value;
        }
      }
    }
    // Raw scores for every candidate; the full reading (coverage, title context) only for the best.
    const raw: { r: number; score: number }[] = [];
    for (let r = 0; r < ordinals.length; r++) {
      let sum = 0;
      for (let gi = 0; gi < G; gi++) sum += rows[r * G + gi]!;
      const ref = this.sentences[ordinals[r]!]!;
      // A mild length norm (BM25's b = 0.25): long sentences match more words by chance.
      raw.push({ r, score: sum / (0.75 + 0.25 * (ref.length / this.#avgLength)) });
    }
    raw.sort((a, b) => b.score - a.score || ordinals[a.r]! - ordinals[b.r]!);
    const hits: SentenceHit[] = [];
    for (const { r } of raw.slice(0, limit * 4)) {
      const ref = this.sentences[ordinals[r]!]!;
      let sum = 0;
      let covered = 0;
      let missingRequired = false;
      const matched: boolean[] = [];
      const title = this.#titleTermsOf.get(ref.article.id);
      groups.forEach((g, gi) => {
        let v = rows[r * G + gi]!;
        // A name the sentence leaves out but its article's title gives (`Peru` in "Wi-fi web
        // reaches farmers in Peru", the sentence saying "The network…") is context: half weight.
        if (v === 0 && g.required && title && g.alts.some((a) => title.has(a.term))) {
          v = 0.5 * g.boost * weights[gi]!.idf;
        }
        matched.push(v > 0);
        sum += v;
        // The share of the group's weight matched (a typo correction matches less than the word).
        if (v > 0) covered += v + g.boost * Math.min(1, v / (g.boost * weights[gi]!.idf || 1));
        if (g.required && v === 0) missingRequired = true;
      });
      const norm = 0.75 + 0.25 * (ref.length / this.#avgLength);
      hits.push({ ref, score: sum / norm, coverage: Math.min(1, covered / total), matched, missingRequired });
    }
    hits.sort((a, b) => b.score - a.score || a.ref.ordinal - b.ref.ordinal);
    return hits.slice(0, limit);
  }

  /** Entities sharing a (possibly misspelt) name token with the text's tokens. */
  entityCandidates(tokens: string[]): Map<Entity, Set<string>> {
    const out = new Map<Entity, Set<string>>();
    for (const token of tokens) {
      if (STOP_WORDS.has(token)) continue;
      for (const m of this.nameTokens.lookup(token)) {
        for (const e of this.entitiesByToken.get(m.term) ?? []) {
          let set = out.get(e);
          if (!set) {
            set = new Set();
            out.set(e, set);
          }
          set.add(m.term);
        }
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
