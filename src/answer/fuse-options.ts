/**
 * Every fuse.js option the engine uses, in one frozen place. fuse.js only ever sees the candidates
 * the inverted index picked (a few dozen names, titles or sentences), never the whole fact base.
 */
import type { IFuseOptions } from "fuse.js";

/** Options for matching short names: entities, action lemmas, article titles (autocomplete, `/facts about:`). */
export const NAME_FUSE_OPTIONS: Readonly<IFuseOptions<{ label: string; keys: string[] }>> = Object.freeze({
  keys: ["label", "keys"],
  // Scores are needed to rank autocomplete choices and to reject weak name matches.
  includeScore: true,
  // 0.4 accepts one or two typos in a short name (`pashinian`, `aliev`) but not an unrelated word;
  // at fuse's default 0.6, `armenia` matched `america`.
  threshold: 0.4,
  // A name typed in autocomplete can match anywhere in the label (`michel` in `Charles Michel`):
  // location plays no part.
  ignoreLocation: true,
  // Names differ little in length; the field-length norm would favour short aliases over full names.
  ignoreFieldNorm: true,
  // Single letters typed while autocompleting match everything; two characters are the least useful match.
  minMatchCharLength: 2,
  // Diacritics are folded everywhere else in the engine too (`Pashinyán` = `Pashinyan`).
  ignoreDiacritics: true,
  shouldSort: true,
});

/**
 * Options for re-scoring candidate sentences (given to fuse.js as plain strings) against the
 * question's words.
 */
export const SENTENCE_FUSE_OPTIONS: Readonly<IFuseOptions<string>> = Object.freeze({
  includeScore: true,
  // Token search scores each word of the question on its own (with typo tolerance), which suits a
  // question against a sentence far better than one bitap pattern over the whole question.
  useTokenSearch: true,
  // Any word may match: the inverted index already required the question's named entities.
  tokenMatch: "any",
  // The sentence is a ranking signal only: keep every candidate, however weak its score.
  threshold: 1,
  ignoreLocation: true,
  ignoreDiacritics: true,
  shouldSort: false,
});

/**
 * {@link SENTENCE_FUSE_OPTIONS} for sentences and words that are plain ASCII and already lower-cased
 * by the caller. fuse.js folds case and diacritics again for every word of the question against
 * every sentence (a lower-cased copy of the sentence and a Unicode decomposition each time, most of
 * the re-ranking's CPU); on ASCII text lower-casing is all that folding does, so the scores are the
 * same to the last bit.
 */
export const FOLDED_SENTENCE_FUSE_OPTIONS: Readonly<IFuseOptions<string>> = Object.freeze({
  ...SENTENCE_FUSE_OPTIONS,
  isCaseSensitive: true,
  ignoreDiacritics: false,
});

/** Threshold of {@link NAME_FUSE_OPTIONS} as a number, for checks outside fuse. */
export const NAME_MATCH_THRESHOLD = 0.4;
