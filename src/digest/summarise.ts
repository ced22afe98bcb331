/**
 * Extractive summaries chosen by content: each sentence is scored by how close it is to the article's
 * centroid (TF-IDF over the article's own sentences) and to the headline, with a mild position prior
 * (news puts the point early, but not always in the first line), then picked greedily with maximal
 * marginal relevance so the second sentence does not repeat the first. Output keeps article order.
 */

/** What the summariser needs of a sentence. */
export interface SummarySentence {
  text: string;
  /** Position in the article, from 0. */
  index: number;
}

/** Tunable weights, in one frozen place (values measured with `npm run eval:digest`). */
export const SUMMARY_DEFAULTS = Object.freeze({
  centroidWeight: 1,
  titleWeight: 0.35,
  /** Score added to the first sentence, decaying as 1/(1 + index / positionScale). */
  positionWeight: 0.35,
  positionScale: 3,
  /** MMR: 1 = relevance only, 0 = novelty only. */
  lambda: 0.7,
  /** Sentences shorter than this many content words are rarely a summary (captions, "He added:"). */
  minContentWords: 5,
  /** Sentences longer than this many words are down-weighted: Discord readers skim. */
  maxWords: 60,
});

export type SummaryOptions = typeof SUMMARY_DEFAULTS;

// Function words carry no topic; a short list is enough for centroid weighting.
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor
not now of off on once only or other our ours ourselves out over own said same says she should so some such
than that the their theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours yourself mr mrs ms
one two new year years last first told also it's its`.split(/\s+/),
);

/** Content-word tokenizer: lower-case words, stopwords dropped, a light plural/-ing stemming. */
export function contentTokens(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    if (STOPWORDS.has(w) || w.length < 2) continue;
    out.push(stem(w));
  }
  return out;
}

/** Strips the commonest inflections so `profits`/`profit` and `rises`/`rising` meet. */
export function stem(w: string): string {
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith("ed")) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

type Vec = Map<string, number>;

function tfidf(tokens: readonly string[], idf: Map<string, number>): Vec {
  const v: Vec = new Map();
  for (const t of tokens) v.set(t, (v.get(t) ?? 0) + (idf.get(t) ?? 0));
  return v;
}

function cosine(a: Vec, b: Vec): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Relevance of each sentence (before redundancy removal); exported for tests and tuning. */
export function scoreSentences(
  title: string,
  sentences: readonly SummarySentence[],
  options: SummaryOptions = SUMMARY_DEFAULTS,
): { relevance: number[]; vectors: Vec[] } {
  const tokens = sentences.map((s) => contentTokens(s.text));
  const df = new Map<string, number>();
  for (const ts of tokens) for (const t of new Set(ts)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = sentences.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.log(1 + n / d));
  const vectors = tokens.map((ts) => tfidf(ts, idf));
  const centroid: Vec = new Map();
  for (const v of vectors) for (const [k, x] of v) centroid.set(k, (centroid.get(k) ?? 0) + x);
  const titleVec = tfidf(contentTokens(title), idf);
  const relevance = sentences.map((s, i) => {
    const words = s.text.split(/\s+/).length;
    if (tokens[i]!.length < options.minContentWords) return 0;
    let score =
      options.centroidWeight * cosine(vectors[i]!, centroid) +
      options.titleWeight * cosine(vectors[i]!, titleVec) +
      options.positionWeight / (1 + s.index / options.positionScale);
    if (words > options.maxWords) score *= options.maxWords / words;
    return score;
  });
  return { relevance, vectors };
}

/**
 * Picks `count` sentences by relevance with redundancy removal; returns them in article order.
 * Articles with no sentence long enough fall back to their first sentences.
 */
export function summarise(
  title: string,
  sentences: readonly SummarySentence[],
  count = 2,
  options: SummaryOptions = SUMMARY_DEFAULTS,
): SummarySentence[] {
  if (sentences.length <= count) return [...sentences];
  const { relevance, vectors } = scoreSentences(title, sentences, options);
  const chosen: number[] = [];
  while (chosen.length < count) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < sentences.length; i++) {
      if (chosen.includes(i)) continue;
      const redundancy = chosen.length ? Math.max(...chosen.map((j) => cosine(vectors[i]!, vectors[j]!))) : 0;
      const mmr = options.lambda * relevance[i]! - (1 - options.lambda) * redundancy;
      if (mmr > bestScore) {
        bestScore = mmr;
        best = i;
      }
    }
    if (best < 0) break;
    chosen.push(best);
  }
  return chosen.sort((a, b) => a - b).map((i) => sentences[i]!);
}

/** The lead-k baseline: the first k sentences. */
export function leadSentences(sentences: readonly SummarySentence[], k: number): SummarySentence[] {
  return sentences.slice(0, k);
}
