/**
 * Retrieval: question terms → scored passages. A passage is one sentence read with its
 * neighbours and its article (title and text): BM25 over three fields, mixed by fixed shares
 * ({@link Tuning}). No term is required: a missing word lowers a score and never drops a sentence.
 * This is the one interface the rest of the answer path sees (`Retriever`), so another store (FTS5's
 * `bm25()`) can stand behind it.
 */
import type { FactBase } from "../../knowledge/schema.ts";
import type { SentenceRef } from "../index.ts";
import { terms } from "../terms.ts";
import { Tuning } from "../tuning.ts";
import { FieldIndex } from "./postings.ts";

/** One weighted query term, with the question word it stands for (a typo's alternatives share it). */
export interface QueryTerm {
  term: string;
  weight: number;
  word: string;
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
  /** The vocabulary, for typo lookup. */
  vocabulary(): IterableIterator<string>;
  /** The sentence before or after a passage's, in its article. */
  neighbour(ref: SentenceRef, step: -1 | 1): SentenceRef | null;
  readonly refs: readonly SentenceRef[];
}

/** BM25 over sentences, neighbours and articles, in memory. */
export class PassageIndex implements Retriever {
  readonly refs: SentenceRef[] = [];
  readonly #articleOf: Int32Array;
  readonly #sentences: FieldIndex;
  readonly #articles: FieldIndex;
  readonly #titles: FieldIndex;
  readonly #termsOf = new Map<number, Set<string>>();
  readonly #articleTerms = new Map<number, Set<string>>();
  readonly #firstOf: Int32Array;

  constructor(facts: FactBase) {
    const sentenceTerms: string[][] = [];
    const articleOf: number[] = [];
    facts.articles.forEach((article, a) => {
      for (const sentence of article.sentences) {
        const t = terms(sentence.text);
        this.refs.push({ ordinal: this.refs.length, article, sentence, length: t.length });
        sentenceTerms.push(t);
        articleOf.push(a);
      }
    });
    this.#articleOf = Int32Array.from(articleOf);
    this.#firstOf = new Int32Array(facts.articles.length + 1);
    for (let a = 0, i = 0; a <= facts.articles.length; a++) {
      while (i < articleOf.length && articleOf[i]! < a) i++;
      this.#firstOf[a] = i;
    }
    this.#sentences = new FieldIndex(sentenceTerms, sentenceTerms.length);
    const perArticle: string[][] = facts.articles.map(() => []);
    sentenceTerms.forEach((t, i) => {
      perArticle[articleOf[i]!]!.push(...t);
    });
    this.#articles = new FieldIndex(perArticle, perArticle.length);
    this.#titles = new FieldIndex(
      facts.articles.map((a) => terms(a.title)),
      facts.articles.length,
    );
  }

  /** A term no sentence holds gets the highest idf: the most specific word of all, and its absence counts. */
  idf(term: string): number {
    return this.#sentences.idf(term);
  }

  has(term: string): boolean {
    return this.#sentences.documentFrequency(term) > 0 || this.#titles.documentFrequency(term) > 0;
  }

  vocabulary(): IterableIterator<string> {
    return this.#sentences.terms();
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
    const sentence = new Float64Array(this.refs.length);
    const touched = new Set<number>();
    for (const q of query) this.#sentences.addScores(q.term, q.weight, sentence, k1, b, touched);
    const article = new Float64Array(this.#articles.documentCount);
    const touchedArticles = new Set<number>();
    for (const q of query) {
      this.#articles.addScores(q.term, q.weight, article, k1, b, touchedArticles);
      this.#titles.addScores(q.term, q.weight * Tuning.titleBoost, article, k1, b, touchedArticles);
    }
    const excluded =
      excludeArticle === undefined ? -1 : this.refs.findIndex((r) => r.article.id === excludeArticle);
    const excludedArticle = excluded < 0 ? -1 : this.#articleOf[excluded]!;
    const window = (i: number) => {
      let w = 0;
      for (const step of [-1, 1] as const) {
        const ref = this.neighbour(this.refs[i]!, step);
        if (ref) w += sentence[ref.ordinal]!;
      }
      return w;
    };
    let maxS = 0;
    let maxW = 0;
    let maxA = 0;
    const candidates: number[] = [];
    for (const i of touched) {
      if (this.#articleOf[i] === excludedArticle) continue;
      candidates.push(i);
      maxS = Math.max(maxS, sentence[i]!);
      maxW = Math.max(maxW, window(i));
      maxA = Math.max(maxA, article[this.#articleOf[i]!]!);
    }
    const scored = candidates.map((i) => {
      const s = sentence[i]! / (maxS || 1);
      const w = window(i) / (maxW || 1);
      const a = article[this.#articleOf[i]!]! / (maxA || 1);
      return {
        i,
        s,
        w,
        a,
        rawS: sentence[i]!,
        rawA: article[this.#articleOf[i]!]!,
        score: s + Tuning.windowShare * w + Tuning.articleShare * a,
      };
    });
    scored.sort((x, y) => y.score - x.score || x.i - y.i);
    const idfMass = query.reduce((sum, q) => sum + q.weight * this.idf(q.term), 0) || 1;
    const totalWeight = weightOfWords(
      query,
      () => true,
      (t) => this.idf(t),
    );
    return scored.slice(0, limit).map((p, rank) => {
      const ref = this.refs[p.i]!;
      const own = this.#terms(p.i);
      const around = new Set<string>([...own, ...terms(ref.article.title)]);
      for (const step of [-1, 1] as const) {
        const n = this.neighbour(ref, step);
        if (n) for (const t of this.#terms(n.ordinal)) around.add(t);
      }
      const idfOf = (t: string) => this.idf(t);
      const inArticle = this.#termsOfArticle(this.#articleOf[p.i]!);
      let missing = 0;
      for (const q of query) if (!inArticle.has(q.term)) missing = Math.max(missing, this.idf(q.term));
      return {
        ref,
        rank,
        score: p.score,
        sentenceScore: p.s,
        windowScore: p.w,
        articleScore: p.a,
        coverage: weightOfWords(query, (t) => around.has(t), idfOf) / (totalWeight || 1),
        sentenceCoverage: weightOfWords(query, (t) => own.has(t), idfOf) / (totalWeight || 1),
        sentenceMatch: p.rawS / idfMass,
        articleMatch: p.rawA / idfMass,
        articleCoverage: weightOfWords(query, (t) => inArticle.has(t), idfOf) / (totalWeight || 1),
        missingRare: missing / this.idf(""),
      };
    });
  }

  /** Every term of an article (title included). */
  #termsOfArticle(a: number): Set<string> {
    let known = this.#articleTerms.get(a);
    if (!known) {
      if (this.#articleTerms.size > Tuning.parseCacheSize) this.#articleTerms.clear();
      known = new Set(terms(this.refs[this.#firstOf[a]!]?.article.title ?? ""));
      for (let i = this.#firstOf[a]!; i < this.#firstOf[a + 1]!; i++)
        for (const t of this.#terms(i)) known.add(t);
      this.#articleTerms.set(a, known);
    }
    return known;
  }

  #terms(ordinal: number): Set<string> {
    let known = this.#termsOf.get(ordinal);
    if (!known) {
      if (this.#termsOf.size > Tuning.parseCacheSize) this.#termsOf.clear();
      known = new Set(terms(this.refs[ordinal]!.sentence.text));
      this.#termsOf.set(ordinal, known);
    }
    return known;
  }
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
    const w = q.weight * idfOf(q.term) ** 2;
    if (found(q.term)) best.set(q.word, Math.max(best.get(q.word) ?? 0, w));
  }
  let sum = 0;
  for (const w of best.values()) sum += w;
  return sum;
}
