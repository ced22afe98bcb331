/**
 * Every threshold, limit and fixed weight of the answer pipeline, each with the reason for its
 * value. The ranker's feature weights are not here: they are learned (`npm run train`) and live
 * in `rank/weights.json`.
 */
export const Tuning = Object.freeze({
  /** BM25's term-frequency saturation and length normalisation: the values of Robertson's BM25 and Lucene's default. */
  bm25K1: 1.2,
  bm25B: 0.75,
  /** A title word says more about an article than a body word: the usual BM25F boost for a short, chosen field. */
  titleBoost: 2,
  /**
   * How a sentence's retrieval score mixes its own words, its neighbours' and its article's: the
   * article decides which story is meant (quiz questions give a sentence of context), the sentence
   * where the answer is. Each part is scaled by its best value over the question first.
   */
  windowShare: 0.3,
  articleShare: 0.6,
  /** Sentences handed on from retrieval: enough for the answer's sentence to be among them. */
  passageLimit: 24,
  /** Passages whose candidates are read (each is parsed by compromise, about 2 ms). */
  readLimit: 10,
  /** A WordNet synonym of a question word is another way to say it, weaker than the word itself. */
  synonymWeight: 0.5,
  /** Typo alternatives of a question word weigh less than the word as typed would. */
  typoWeight: 0.7,
  /** The head noun of a which-X question names the kind of answer, which its sentence rarely repeats. */
  headWeight: 0.4,
  /** Words within this many tokens of a candidate count as its context. */
  contextWindow: 10,
  /** The longest answer span kept (the scorer's limit is 25 words; a shortest span is far under it). */
  maxCandidateWords: 12,
  /** What someone said may run longer, up to the scorer's 25 words. */
  maxSpeechWords: 25,
  /** Parsed sentences kept between questions (a busy server asks about the same stories). */
  parseCacheSize: 2000,
  /** Under this calibrated confidence the reply says it is not sure, beside the cited sentence. */
  notSureUnder: 0.5,
  /** Confidence from which an answer is called confident in the quality table (the 0.8). */
  confidentFrom: 0.8,
});
