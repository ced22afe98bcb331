/**
 * Checking a message against the news: the message is split into claims (its sentences), each claim
 * is matched against the fact base's sentences (candidates from the inverted index, scored by the
 * share of the claim's weighted terms they hold, typos allowed) and quotations, and the numbers of
 * the claim are compared with the numbers of the best sentence. Each claim gets an honest label.
 */
import nlp from "compromise";
import type { FactBase, Quotation } from "../knowledge/schema.ts";
import type { Citation } from "../reply.ts";
import { citationFor } from "./citation.ts";
import { type FoundNumber, numbersIn } from "./extract.ts";
import { AnswerIndex, type SentenceRef } from "./index.ts";
import { terms } from "./terms.ts";

/** How a claim compares with the articles. */
export type CheckLabel = "matches" | "partly matches" | "no match";

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
}

/** At or above this score a claim matches (when its numbers agree). */
export const CHECK_MATCH_SCORE = 0.7;
/** At or above this score a claim partly matches; below it, nothing in the articles matches. */
export const CHECK_PARTLY_SCORE = 0.4;
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
    return { claim, label: "no match", score: bestScore, best: null, numbers: [] };
  }
  const numbers = compareNumbers(claim, bestRef.sentence.text);
  const quotation = index.quotationsBySentence.get(bestRef.sentence.id)?.[0] ?? null;
  const speakerEntity = quotation?.speaker?.entityId ? index.entity(quotation.speaker.entityId) : undefined;
  const label: CheckLabel =
    bestScore >= CHECK_MATCH_SCORE && numbers.length === 0 ? "matches" : "partly matches";
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
  };
}

/** Checks every claim of a message. */
export function checkMessage(facts: FactBase, message: string): ClaimCheck[] {
  return splitClaims(message).map((claim) => checkClaim(facts, claim));
}
