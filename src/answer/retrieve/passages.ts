/**
 * Retrieval: question terms → scored passages. A passage is one sentence read with its
 * neighbours and its article (title and text): BM25 over three fields, mixed by fixed shares
 * ({@link Tuning}). No term is required: a missing word lowers a score and never drops a sentence.
 * This is the one interface the rest of the answer path sees (`Retriever`), so another store (FTS5's
 * `bm25()`) can stand behind it.
 */
import type { FactBase } from "../../knowledge/schema.ts";
import type { SentenceRef } from "../index.ts";
import { buildPostings, type Postings } from "../postings.ts";
import { terms } from "../terms.ts";
import { Tuning } from "../tuning.ts";
import { bm25, idf } from "./bm25.ts";
import { binaryHas, FieldIndex } from "./postings.ts";

/** One weighted query term, with the question word it stands for (a typo's alternatives share it). */
export interface QueryTerm {
  term: string;
  weight: number;
  word: string;
  /** Whether the word is part of a name the question gives. */
  name?: boolean;
  /** A synonym of the question's word: it helps find a sentence, and never counts as the word being there or missing. */
  synonym?: boolean;
}

/** A sentence found for a question, with the scores the ranker reads. */
export interface Passage {
  ref: SentenceRef;
  /** 0-based place in the retrieval order. */
  rank: number;
  /** The mixed retrieval score. */
  score: number;
  /** Each part scaled by its best value over this question (0..1). */
  sentenceScore: number;
  windowScore: number;
  articleScore: number;
  /** Share of the question's weight (idf squared: rare words, names, say most about which story is meant) whose words are in the sentence, its neighbours or title. */
  coverage: number;
  /** The same share for the sentence alone. */
  sentenceCoverage: number;
  /** The same share for the whole article. */
  articleCoverage: number;
  /** The sentence's and the article's raw BM25 over the question's own idf mass: how strongly, not how relatively, they match. */
  sentenceMatch: number;
  articleMatch: number;
  /** The highest idf of a question word the article lacks, over the highest idf there is (0..1). */
  missingRare: number;
  /** Share of the question's name words that the article lacks (0 when it gives no names): a story about someone else. */
  namesMissing: number;
  /** Share of the question's name words in the sentence, its neighbours or title (0 when it gives none). */
  namesNear: number;
}

/** What a search may be limited to. */
export interface SearchOptions {
  limit?: number;
  /** Leave out one article (the evaluation's "knowledge base without its article"). */
  excludeArticle?: string;
}

/** The retrieval interface the answer path uses. */
export interface Retriever {
  search(query: readonly QueryTerm[], options?: SearchOptions): Passage[];
  /** Inverse document frequency of a term over sentences (0 for a term no sentence holds). */
  idf(term: string): number;
  /** Whether any sentence or title holds the term. */
  has(term: string): boolean;
  /** The vocabulary's terms nearest a term not in it (its likely spellings). */
  nearest(term: string): string[];
  /** The sentence before or after a passage's, in its article. */
  neighbour(ref: SentenceRef, step: -1 | 1): SentenceRef | null;
  readonly refs: readonly SentenceRef[];
}

/**
 * BM25 over sentences, neighbours and articles, in memory, read from the fact base's sentence
 * postings (`postings.ts`: the sentences holding each term, and each sentence's length, read
 * from the knowledge folder's postings file at start). An article's term frequency is the number
 * of its sentences holding the term, counted when a question asks.
 */
export class PassageIndex implements Retriever {
  readonly refs: SentenceRef[] = [];
  readonly #postings: Postings;
  readonly #articleOf: Int32Array;
  readonly #articleLength: Float64Array;
  readonly #averageArticle: number;
  readonly #averageSentence: number;
  readonly #titles: FieldIndex;
  readonly #sentenceScratch: Float64Array;
  readonly #articleScratch: Float64Array;

  constructor(facts: FactBase, postings: Postings = buildPostings(facts)) {
    this.#postings = postings;
    const articleOf: number[] = [];
    this.#articleLength = new Float64Array(facts.articles.length);
    facts.articles.forEach((article, a) => {
      for (const sentence of article.sentences) {
        const ordinal = this.refs.length;
        const length = postings.lengths[ordinal] ?? 0;
        this.refs.push({ ordinal, article, sentence, length });
        articleOf.push(a);
        this.#articleLength[a]! += length;
      }
    });
    this.#articleOf = Int32Array.from(articleOf);
    this.#sentenceScratch = new Float64Array(this.refs.length);
    this.#articleScratch = new Float64Array(facts.articles.length);
    this.#averageSentence = this.refs.length ? postings.totalLength / this.refs.length : 0;
    this.#averageArticle = facts.articles.length ? postings.totalLength / facts.articles.length : 0;
    this.#titles = new FieldIndex(
      facts.articles.map((a) => terms(a.title)),
      facts.articles.length,
    );
  }

  /** A term no sentence holds gets the highest idf: the most specific word of all, and its absence counts. */
  idf(term: string): number {
    return idf(this.refs.length, this.#sentencesWith(term).length);
  }

  has(term: string): boolean {
    return this.#sentencesWith(term).length > 0 || this.#titles.documentFrequency(term) > 0;
  }

  nearest(term: string): string[] {
    return this.#postings.vocabulary.lookup(term).map((m) => m.term);
  }

  neighbour(ref: SentenceRef, step: -1 | 1): SentenceRef | null {
    const other = this.refs[ref.ordinal + step];
    return other && this.#articleOf[other.ordinal] === this.#articleOf[ref.ordinal] ? other : null;
  }

  search(
    query: readonly QueryTerm[],
    { limit = Tuning.passageLimit, excludeArticle }: SearchOptions = {},
  ): Passage[] {
    const { bm25K1: k1, bm25B: b } = Tuning;
    // Scratch arrays kept between questions (a question touches a small part of them, and
    // zeroes what it touched before it returns).
    const sentence = this.#sentenceScratch;
    const article = this.#articleScratch;
    const touched: number[] = [];
    const articleCount = this.#articleLength.length;
    // Per query term: the sentences and the articles that hold it (for the coverages below).
    const holders = new Map<string, { sentences: Int32Array; articles: Set<number> }>();
    for (const q of query) {
      if (holders.has(q.term)) continue;
      const ordinals = this.#sentencesWith(q.term);
      const sentenceIdf = idf(this.refs.length, ordinals.length);
      const perArticle = new Map<number, number>();
      for (const o of ordinals) {
        if (sentence[o] === 0) touched.push(o);
        sentence[o]! += q.weight * bm25(1, sentenceIdf, this.refs[o]!.length, this.#averageSentence, k1, b);
        const a = this.#articleOf[o]!;
        perArticle.set(a, (perArticle.get(a) ?? 0) + 1);
      }
      const articleIdf = idf(articleCount, perArticle.size);
      for (const [a, tf] of perArticle) {
        article[a]! += q.weight * bm25(tf, articleIdf, this.#articleLength[a]!, this.#averageArticle, k1, b);
      }
      const titled = new Set<number>();
      this.#titles.addScores(q.term, q.weight * Tuning.titleBoost, article, k1, b, titled);
      for (const t of titled) perArticle.set(t, perArticle.get(t) ?? 0);
      holders.set(q.term, { sentences: ordinals, articles: new Set(perArticle.keys()) });
    }
    const excluded =
      excludeArticle === undefined ? -1 : this.refs.findIndex((r) => r.article.id === excludeArticle);
    const excludedArticle = excluded < 0 ? -1 : this.#articleOf[excluded]!;
    const windowOf = new Float64Array(touched.length);
    let maxS = 0;
    let maxW = 0;
    let maxA = 0;
    touched.forEach((i, k) => {
      const ref = this.refs[i]!;
      windowOf[k] =
        (this.#neighbourOrdinal(ref, -1, sentence) ?? 0) + (this.#neighbourOrdinal(ref, 1, sentence) ?? 0);
      if (this.#articleOf[i] === excludedArticle) return;
      maxS = Math.max(maxS, sentence[i]!);
      maxW = Math.max(maxW, windowOf[k]!);
      maxA = Math.max(maxA, article[this.#articleOf[i]!]!);
    });
    // The best `limit` sentences, kept in order as they are met (a question touches thousands).
    const best: { i: number; s: number; w: number; a: number; rawS: number; rawA: number; score: number }[] =
      [];
    touched.forEach((i, k) => {
      if (this.#articleOf[i] === excludedArticle) return;
      const rawA = article[this.#articleOf[i]!]!;
      const s = sentence[i]! / (maxS || 1);
      const w = windowOf[k]! / (maxW || 1);
      const a = rawA / (maxA || 1);
      const score = s + Tuning.windowShare * w + Tuning.articleShare * a;
      if (best.length >= limit && !outranks(score, i, best[best.length - 1]!)) return;
      let at = best.length;
      while (at > 0 && outranks(score, i, best[at - 1]!)) at--;
      best.splice(at, 0, { i, s, w, a, rawS: sentence[i]!, rawA, score });
      if (best.length > limit) best.pop();
    });
    for (const i of touched) sentence[i] = 0;
    article.fill(0);
    const scored = best;
    const idfOf = (t: string) => this.idf(t);
    const idfMass = query.reduce((sum, q) => sum + q.weight * this.idf(q.term), 0) || 1;
    const totalWeight = weightOfWords(query, () => true, idfOf) || 1;
    const inSentence = (t: string, ordinal: number) => binaryHas(holders.get(t)!.sentences, ordinal);
    return scored.slice(0, limit).map((p, rank) => {
      const ref = this.refs[p.i]!;
      const a = this.#articleOf[p.i]!;
      const near = [ref, this.neighbour(ref, -1), this.neighbour(ref, 1)].filter(
        (r): r is SentenceRef => r !== null,
      );
      // Where a term is found: the sentence, its neighbours or the title; the whole article.
      const nearby = (t: string) => this.#titles.has(t, a) || near.some((r) => inSentence(t, r.ordinal));
      const inArticle = (t: string) => holders.get(t)!.articles.has(a);
      let missing = 0;
      for (const q of query)
        if (!q.synonym && !inArticle(q.term)) missing = Math.max(missing, this.idf(q.term));
      const namesInArticle = shareOfNames(query, inArticle);
      return {
        ref,
        rank,
        score: p.score,
        sentenceScore: p.s,
        windowScore: p.w,
        articleScore: p.a,
        sentenceMatch: p.rawS / idfMass,
        articleMatch: p.rawA / idfMass,
        coverage: weightOfWords(query, nearby, idfOf) / totalWeight,
        sentenceCoverage: weightOfWords(query, (t) => inSentence(t, p.i), idfOf) / totalWeight,
        articleCoverage: weightOfWords(query, inArticle, idfOf) / totalWeight,
        missingRare: missing / idf(this.refs.length, 0),
        namesMissing: namesInArticle === null ? 0 : 1 - namesInArticle,
        namesNear: shareOfNames(query, nearby) ?? 0,
      };
    });
  }

  /** The score of the sentence before or after one, in its article (undefined at its edges). */
  #neighbourOrdinal(ref: SentenceRef, step: -1 | 1, scores: Float64Array): number | undefined {
    const other = this.neighbour(ref, step);
    return other ? scores[other.ordinal] : undefined;
  }

  #sentencesWith(term: string): Int32Array {
    const t = this.#postings.termIds.get(term);
    return t === undefined
      ? EMPTY
      : this.#postings.data.subarray(this.#postings.start[t], this.#postings.start[t + 1]);
  }
}

const EMPTY = new Int32Array(0);

/** Whether a score (of sentence `i`) ranks before a kept one: higher, or as high and earlier. */
function outranks(score: number, i: number, kept: { score: number; i: number }): boolean {
  return score > kept.score || (score === kept.score && i < kept.i);
}

/** The share of the question's name words that `found` accepts in one of their terms (null when it gives none). */
function shareOfNames(query: readonly QueryTerm[], found: (term: string) => boolean): number | null {
  const all = new Set<string>();
  const held = new Set<string>();
  for (const q of query) {
    if (!q.name) continue;
    all.add(q.word);
    if (found(q.term)) held.add(q.word);
  }
  return all.size ? held.size / all.size : null;
}

/**
 * The idf weight of the question words that `found` accepts: a word counts once, at the best of
 * its alternatives (a typo's corrections), weighted as asked.
 */
function weightOfWords(
  query: readonly QueryTerm[],
  found: (term: string) => boolean,
  idfOf: (t: string) => number,
): number {
  const best = new Map<string, number>();
  for (const q of query) {
    if (q.synonym) continue;
    const w = q.weight * idfOf(q.term) ** 2;
    if (found(q.term)) best.set(q.word, Math.max(best.get(q.word) ?? 0, w));
  }
  let sum = 0;
  for (const w of best.values()) sum += w;
  return sum;
}
