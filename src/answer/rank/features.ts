/**
 * The ranker's features, all in one place (DrQA's rule): each is a number about one candidate
 * for one question, read by the learned linear model in `model.ts`. Adding a feature means adding
 * a name and a line here, then `npm run train`.
 */

import { SPEECH_VERBS } from "../../knowledge/quotations/cues.ts";
import { isA, nounKinds, nounSynonyms } from "../../knowledge/wordnet.ts";
import type { Candidate, CandidateKind, Word } from "../candidates/extract.ts";
import type { AnswerKind, ReadQuestion } from "../question/read.ts";
import { processTerm, terms, tokenize } from "../terms.ts";
import { Tuning } from "../tuning.ts";

/** The feature names, in the order of the weights file. */
export const FEATURES = [
  "typeMatch",
  "thingMatch",
  "typeNear",
  "typeClash",
  "headIsA",
  "lexKindMatch",
  "headNear",
  "sentenceScore",
  "windowScore",
  "articleScore",
  "articleRank",
  "reciprocalRank",
  "coverage",
  "sentenceCoverage",
  "proximity",
  "contextShare",
  "verbSlot",
  "namedForWhich",
  "placeAfterPreposition",
  "inQuestion",
  "countsAsked",
  "agreement",
  "length",
  "oneWord",
  "fromName",
  "fromEntity",
  "fromPhrase",
  "fromNumber",
  "fromDate",
  "fromQuoted",
  "fromReason",
  "fromSpeech",
  "capitalised",
  "eventActor",
  "eventObject",
  "roleFit",
  "roleClash",
  "speechAsked",
  "quotedSpeaker",
  "leadSentence",
  "holdsTyped",
  "namesNear",
  "namesMissing",
  "headIsNot",
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** Candidate kinds that are what a kind of question asks for. */
const FITS: Record<AnswerKind, readonly CandidateKind[]> = {
  // "Who" asks for whoever acted: in the news, as often a government or a company as a person.
  person: ["person", "organisation"],
  organisation: ["organisation"],
  place: ["place"],
  date: ["date"],
  count: ["number"],
  money: ["money"],
  percent: ["percent"],
  amount: ["money", "percent", "number"],
  duration: ["duration"],
  age: ["number", "duration"],
  reason: ["reason"],
  thing: ["thing"],
  yesno: [],
};
/** How many words may stand between the asked verb and the answer beside it (`found traces of`, `will release`). */
const VERB_SLOT = 3;
/** Kinds of question whose answer is a number of something: only they count a noun. */
const NUMERIC_KINDS = new Set<AnswerKind>(["count", "amount", "money", "percent", "age", "duration"]);
/** Kinds that may answer in a pinch (an organisation for "who", a plain number for a duration). */
const NEAR: Record<AnswerKind, readonly CandidateKind[]> = {
  person: ["thing"],
  organisation: ["thing", "person", "place"],
  place: ["organisation", "thing"],
  date: [],
  count: ["percent", "money"],
  money: ["number"],
  percent: ["number"],
  amount: ["duration"],
  duration: ["number"],
  age: [],
  reason: ["thing"],
  thing: ["organisation", "place", "person"],
  yesno: [],
};

/** What the features of one question's candidates are read against. */
export interface FeatureContext {
  question: ReadQuestion;
  /** The stems of the words of the candidate's sentence, one per word (`""` for a stop word). */
  stemsOf: (c: Candidate) => readonly string[];
  /** The question's head noun and its WordNet synonyms, as stems (null without a head). */
  headWords: ReadonlySet<string> | null;
  /** The rank of the candidate's article among the passages' articles, by whole-article score (0 for the best). */
  articleRank: (c: Candidate) => number;
  /** The passages (sentence ordinals) that hold each candidate key. */
  agreement: ReadonlyMap<string, ReadonlySet<number>>;
  /** Whether the fact base has the candidate as the actor (or object) of the asked action in its sentence. */
  role: (c: Candidate, role: "actor" | "object") => boolean;
  /** Whether the candidate is the speaker of a quotation in its sentence. */
  speaker: (c: Candidate) => boolean;
  /** compromise's tags of the word before the candidate in its sentence (none at its start). */
  tagBefore: (c: Candidate) => ReadonlySet<string>;
}

/** The question's head noun and its WordNet synonyms, as stems, for {@link FeatureContext.headWords}. */
export function headWordsOf(head: string | null): Set<string> | null {
  return head ? new Set([head, ...nounSynonyms(head)].map((h) => processTerm(h.toLowerCase()) ?? h)) : null;
}

/** The stems of a sentence's words, one per word, for {@link FeatureContext.stemsOf}. */
export function wordStemsOf(words: readonly Word[]): string[] {
  return words.map((w) => processTerm(tokenize(w.text)[0] ?? "") ?? "");
}

/** A candidate's key: what two passages' copies of one answer share. */
export function candidateKey(text: string): string {
  return tokenize(text)
    .filter((t) => !/^(the|a|an)$/.test(t))
    .join(" ");
}

/**
 * Whether a candidate is the question's name with words of its own (`chief executive Richard
 * Parsons` for "who is Richard Parsons?"): the article saying who the named one is.
 */
export function describesName(c: Candidate, q: ReadQuestion): boolean {
  if (q.names.size === 0) return false;
  const own = terms(c.text);
  return [...q.names].every((n) => own.includes(processTerm(n) ?? n)) && own.length > q.names.size;
}

/** How many words before a name its title may take (`US Secretary of State Antony Blinken`). */
const TITLE_WORDS = 6;

/**
 * Whether a candidate is the one the question's title names (`Antony Blinken` after `US Secretary of
 * State` for "who is the US Secretary of State?"): every name word of the question stands in the
 * few words before it, and none in it. News writes a title before the name it belongs to.
 */
export function titledAs(c: Candidate, q: ReadQuestion, sentenceStems: readonly string[]): boolean {
  if (q.names.size === 0 || c.kind !== "person") return false;
  const own = new Set(terms(c.text));
  const before = new Set(sentenceStems.slice(Math.max(0, c.firstWord - TITLE_WORDS), c.firstWord));
  return [...q.names].every((n) => {
    const stem = processTerm(n) ?? n;
    return before.has(stem) && !own.has(stem);
  });
}

/** The feature vector of a candidate, in {@link FEATURES} order. */
export function featuresOf(c: Candidate, ctx: FeatureContext): number[] {
  const q = ctx.question;
  const p = c.passage;
  const wordStems = ctx.stemsOf(c);
  const asked = q.stems;
  // Distance from the candidate to the nearest word of the question in its sentence.
  let nearest = Number.POSITIVE_INFINITY;
  const around = new Set<string>();
  wordStems.forEach((s, i) => {
    if (!s || !asked.has(s) || (i >= c.firstWord && i <= c.lastWord)) return;
    const d = i < c.firstWord ? c.firstWord - i : i - c.lastWord;
    nearest = Math.min(nearest, d);
    if (d <= Tuning.contextWindow) around.add(s);
  });
  // Where the question's answer sits beside its verb: right after it for an object (`what did the rover
  // find` → `found carbon`), right before it for a doer (`who released` → `Baku will release`).
  const verbAt = (from: number, to: number) =>
    wordStems.slice(Math.max(0, from), Math.max(0, to)).some((s) => q.verbStems.has(s));
  const verbSlot =
    (q.asksFor !== "actor" && verbAt(c.firstWord - VERB_SLOT, c.firstWord)) ||
    (q.asksFor !== "object" && verbAt(c.lastWord + 1, c.lastWord + 1 + VERB_SLOT));
  const ownStems = terms(c.text);
  // A number's counted words (`32 Armenian prisoners`) repeat the question by design: they say what is counted.
  const isNumber = c.source === "number";
  const countable = isNumber ? ownStems.filter((s) => /\d/.test(s)) : ownStems;
  const repeated = countable.filter((s) => asked.has(s)).length;
  // The question's counted noun right after the number (`32 Armenian prisoners` for "how many prisoners"):
  // the noun a how-many question counts when it names one, any of its words otherwise.
  const after = wordStems.slice(c.lastWord + 1, c.lastWord + 4);
  const counted = q.counted ? processTerm(q.counted) : null;
  const countsWord = (s: string) => (counted ? s === counted : asked.has(s));
  const countsAsked =
    NUMERIC_KINDS.has(q.kind) &&
    isNumber &&
    (ownStems.some((s) => !/\d/.test(s) && countsWord(s)) || after.some(countsWord));
  const headWords = ctx.headWords;
  let headNear = 0;
  if (headWords) {
    for (let i = Math.max(0, c.firstWord - 3); i <= Math.min(wordStems.length - 1, c.lastWord + 3); i++) {
      if (headWords.has(wordStems[i]!)) headNear = 1;
    }
  }
  const count = c.text.split(/\s+/).length;
  const actor = ctx.role(c, "actor");
  const object = ctx.role(c, "object");
  const headIsA =
    q.head &&
    (c.source === "phrase" ||
      c.source === "speaker" ||
      c.source === "name" ||
      c.source === "entity" ||
      c.source === "quoted") &&
    isA(c.head, q.head)
      ? 1
      : 0;
  // The question may ask for any of its kinds (`which country`: a nation or a territory).
  const fits = q.kinds.some((k) => k !== "thing" && FITS[k].includes(c.kind));
  const near = q.kinds.some((k) => NEAR[k].includes(c.kind));
  const values: Record<FeatureName, number> = {
    // A specific kind (a date for "when") says much more than a plain noun phrase for "what".
    typeMatch: fits ? 1 : 0,
    thingMatch: q.kind === "thing" && c.kind === "thing" ? 1 : 0,
    typeNear: !fits && near ? 1 : 0,
    typeClash: fits || near ? 0 : 1,
    headIsA,
    // WordNet knows the candidate, as something other than the head (`Los Angeles` for "which state").
    headIsNot: q.head && headIsA === 0 && nounKinds(c.head).length > 0 ? 1 : 0,
    lexKindMatch: c.lexKinds.some((k) => q.headKinds.includes(k)) ? 1 : 0,
    headNear,
    sentenceScore: p.sentenceScore,
    windowScore: p.windowScore,
    articleScore: p.articleScore,
    articleRank: 1 / (1 + ctx.articleRank(c)),
    reciprocalRank: 1 / (1 + p.rank),
    coverage: p.coverage,
    sentenceCoverage: p.sentenceCoverage,
    proximity: Number.isFinite(nearest) ? Math.exp(-nearest / 4) : 0,
    contextShare: asked.size ? around.size / asked.size : 0,
    verbSlot: verbSlot ? 1 : 0,
    // "Which X" asks for one X among others, and the news names it (`TikTok`, `Sesame Street`).
    namedForWhich: q.wh === "which" && /^\p{Lu}/u.test(c.text) ? 1 : 0,
    // "Where" is answered after a preposition (`at Harvard`, `to the moon`), whatever the kind of the words.
    placeAfterPreposition: q.kinds.includes("place") && ctx.tagBefore(c).has("Preposition") ? 1 : 0,
    inQuestion: countable.length ? repeated / countable.length : 0,
    countsAsked: countsAsked ? 1 : 0,
    agreement: Math.log(ctx.agreement.get(candidateKey(c.text))?.size ?? 1),
    length: Math.min(count, Tuning.maxCandidateWords) / Tuning.maxCandidateWords,
    // A lone noun (`support`, `search`) says little; a lone number or date is as whole as an answer gets.
    oneWord: count === 1 && !isNumber && c.source !== "date" ? 1 : 0,
    fromName: c.source === "name" ? 1 : 0,
    fromEntity: c.source === "entity" ? 1 : 0,
    fromPhrase: c.source === "phrase" ? 1 : 0,
    fromNumber: c.source === "number" ? 1 : 0,
    fromDate: c.source === "date" ? 1 : 0,
    fromQuoted: c.source === "quoted" ? 1 : 0,
    fromReason: c.source === "reason" ? 1 : 0,
    fromSpeech: c.source === "speech" ? 1 : 0,
    capitalised: /^\p{Lu}/u.test(c.text) ? 1 : 0,
    eventActor: actor ? 1 : 0,
    eventObject: object ? 1 : 0,
    // The event's argument in the role the question asks for (`who released` wants the actor).
    roleFit: (q.asksFor === "actor" && actor) || (q.asksFor === "object" && object) ? 1 : 0,
    roleClash:
      (q.asksFor === "actor" && object && !actor) || (q.asksFor === "object" && actor && !object) ? 1 : 0,
    // What someone said, asked for as such (`what did X say`), not who said it.
    speechAsked:
      c.source === "speech" &&
      q.kind === "thing" &&
      SPEECH_VERBS.some((v) => q.stems.has(processTerm(v) ?? v))
        ? 1
        : 0,
    quotedSpeaker: ctx.speaker(c) ? 1 : 0,
    leadSentence: p.ref.sentence.index <= 1 ? 1 : 0,
    holdsTyped: c.holdsTyped ? 1 : 0,
    namesNear: p.namesNear,
    namesMissing: p.namesMissing,
  };
  return FEATURES.map((f) => values[f]);
}

/** The answerability model's features: how well the question is addressed at all. */
export const ANSWERABILITY_FEATURES = [
  "evidence",
  "sentenceEvidence",
  "articleEvidence",
  "missingRare",
  "namesMissing",
  "sentenceMatch",
  "articleMatch",
  "topProbability",
  "margin",
] as const;

/** The answerability features of a question's passages and ranked candidate probabilities. */
export function answerabilityOf(
  passages: readonly {
    coverage: number;
    sentenceCoverage: number;
    articleCoverage: number;
    missingRare: number;
    namesMissing: number;
    sentenceMatch: number;
    articleMatch: number;
  }[],
  probabilities: readonly number[],
  first = 3,
): number[] {
  const top = passages.slice(0, first);
  return [
    Math.max(0, ...top.map((p) => p.coverage)),
    Math.max(0, ...top.map((p) => p.sentenceCoverage)),
    Math.max(0, ...top.map((p) => p.articleCoverage)),
    Math.min(1, ...top.map((p) => p.missingRare)),
    Math.min(1, ...top.map((p) => p.namesMissing)),
    Math.max(0, ...top.map((p) => p.sentenceMatch)),
    Math.max(0, ...top.map((p) => p.articleMatch)) / 4,
    probabilities[0] ?? 0,
    (probabilities[0] ?? 0) - (probabilities[1] ?? 0),
  ];
}

/** The confidence model's features: how sure the ranker is of its best candidate, and the answerability. */
export const CONFIDENCE_FEATURES = ["bestProbability", "margin", "answerability"] as const;

/** The confidence features of a best candidate: its probability, its lead over the next, the answerability. */
export function confidenceFeaturesOf(best: number, next: number, answerability: number): number[] {
  return [best, best - next, answerability];
}
