/**
 * Candidates: the spans of the retrieved sentences that could be an answer — names (compromise's
 * tags, and the fact base's entities), noun phrases (compromise's chunks), numbers with what they
 * count, money, percentages, dates (chrono-node), quoted titles, and for "why" the reason clause.
 * Each carries its kind; choosing among them is the ranker's job, not this file's.
 */
import nlp from "compromise";
import { openingWire } from "../../knowledge/formats/common.ts";
import type { EntityType } from "../../knowledge/schema.ts";
import { nounKinds } from "../../knowledge/wordnet.ts";
import { datesIn, formatDate, numbersIn } from "../extract.ts";
import type { Passage } from "../retrieve/passages.ts";
import { Tuning } from "../tuning.ts";

/** What a candidate is. */
export type CandidateKind =
  | "person"
  | "organisation"
  | "place"
  | "date"
  | "number"
  | "money"
  | "percent"
  | "duration"
  | "reason"
  | "thing";

/** Where a candidate came from. */
export type CandidateSource =
  | "name"
  | "entity"
  | "phrase"
  | "number"
  | "date"
  | "quoted"
  | "reason"
  | "speech"
  | "speaker";

/** A possible answer, in one passage. */
export interface Candidate {
  text: string;
  kind: CandidateKind;
  source: CandidateSource;
  /** WordNet's lexicographer files of the span's head noun (`noun.food` for `canned peaches`). */
  lexKinds: string[];
  /** The head noun, lower-cased (`peaches`). */
  head: string;
  /** What the reply shows: the span, or a date resolved against the publication (`December 7, 2023`). */
  shown: string;
  /** Whether the span holds a shorter candidate of another kind (`concert in Copenhagen` holds a place). */
  holdsTyped: boolean;
  passage: Passage;
  /** Character offsets in the sentence. */
  start: number;
  end: number;
  /** Word offsets in the sentence. */
  firstWord: number;
  lastWord: number;
}

/** A word of a parsed sentence. */
export interface Word {
  text: string;
  tags: Set<string>;
  chunk: string;
  start: number;
  end: number;
}

/** The words of a sentence as compromise tags them (cached: a busy server reads the same stories). */
const parsed = new Map<string, Word[]>();

export function wordsOf(sentenceId: string, text: string): Word[] {
  const known = parsed.get(sentenceId);
  if (known) return known;
  const doc = nlp(text);
  doc.compute("offset");
  const words: Word[] = doc.docs.flat().map((t) => {
    const offset = (t as unknown as { offset: { start: number; length: number } }).offset;
    return {
      text: t.text,
      tags: t.tags as Set<string>,
      chunk: (t as unknown as { chunk?: string }).chunk ?? "",
      start: offset.start,
      end: offset.start + offset.length,
    };
  });
  if (parsed.size >= Tuning.parseCacheSize) parsed.delete(parsed.keys().next().value!);
  parsed.set(sentenceId, words);
  return words;
}

const DETERMINERS = /^(the|a|an|its|their|his|her|our|this|that|these|those|some|any|each|every|such)$/i;
const KIND_OF_TAG: [string, CandidateKind][] = [
  ["Person", "person"],
  ["Organization", "organisation"],
  ["Place", "place"],
];
const KIND_OF_ENTITY: Record<EntityType, CandidateKind> = {
  person: "person",
  place: "place",
  organisation: "organisation",
};
/** Words that open a reason: English's causal connectives. */
const REASON_CUES =
  /\b(because of|because|due to|as a result of|owing to|after|over|amid|citing|following|since)\s+/gi;
const MONEY = /[$€£¥]|\b(dollars?|euros?|pounds?|yen|yuan|rupees?|cents?)\b/i;
const PERCENT = /%|\bper ?cent\b|\bpercent(age)? points?\b/i;
const DURATION = /\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)\b/i;

/** `Mr.`, `Dr.`, `Mrs.`: an honorific written as an abbreviation (`President` is a role, and stays). */
function isCourtesyTitle(word: Word | undefined): boolean {
  return Boolean(word?.tags.has("Honorific") && word.tags.has("Abbreviation"));
}

/** An entity the fact base found in a sentence. */
export interface SentenceEntity {
  text: string;
  type: EntityType;
  /** A capital standing for a government (`Baku`): it acts as the organisation does. */
  standsFor: boolean;
}

/** The candidates of one passage. */
export function candidatesOf(
  passage: Passage,
  entities: readonly SentenceEntity[],
  speech: readonly string[] = [],
  speakers: readonly string[] = [],
): Candidate[] {
  const { sentence, article } = passage.ref;
  const text = sentence.text;
  const words = wordsOf(sentence.id, text);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const wire = openingWire(text);
  const wordAt = (offset: number, end: boolean) => {
    for (let i = 0; i < words.length; i++) {
      if (end ? words[i]!.end >= offset : words[i]!.end > offset) return i;
    }
    return words.length - 1;
  };
  const add = (
    start: number,
    end: number,
    kind: CandidateKind,
    source: CandidateSource,
    shown?: string,
    maxWords: number = Tuning.maxCandidateWords,
  ) => {
    let span = text.slice(start, end);
    const trimmed = span.replace(/^[\s"“‘'(,]+/, "");
    start += span.length - trimmed.length;
    // A possessive ends a name, it is not part of it (`Antony Blinken's proposal` → Antony Blinken).
    span = trimmed.replace(/[\s"”’'),.;:!?]+$/, "").replace(/(?<=\p{L})['’]s$/u, "");
    end = start + span.length;
    // A courtesy title (`Mr.`, `Dr.`: compromise's abbreviated honorifics) is not part of an answer.
    for (
      let k = wordAt(start, false);
      isCourtesyTitle(words[k]) && words[k + 1] && words[k + 1]!.start < end;
      k++
    ) {
      start = words[k + 1]!.start;
      span = text.slice(start, end);
    }
    if (!span || span.split(/\s+/).length > maxWords) return;
    // The wire credit that opens a story (`(CNN Business)`) names the outlet, not an answer.
    if (wire && start < wire.end && end > wire.start) return;
    const key = `${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    // A phrase's head is its last word before a preposition (`University of China` → university),
    // or the whole phrase when WordNet knows it as one noun (`Labor Day`, `Pacific Ocean`).
    const beforeOf = span.split(/\s+(?:of|for|in|at|on|from|with)\s+/i)[0]!.replace(/[’']s$/, "");
    const whole = beforeOf.toLowerCase();
    const head =
      whole.includes(" ") && nounKinds(whole, 1).length
        ? whole
        : (beforeOf.split(/\s+/).pop() ?? beforeOf).toLowerCase().replace(/[’']s$/, "");
    out.push({
      text: span,
      kind,
      source,
      lexKinds: source === "phrase" || source === "quoted" ? nounKinds(head) : [],
      head,
      shown: shown ?? span,
      holdsTyped: false,
      passage,
      start,
      end,
      firstWord: wordAt(start, false),
      lastWord: wordAt(end, true),
    });
  };

  // What was said (the fact base's quotations and reported statements): the answer to "what did X say".
  for (const said of speech) {
    const at = text.indexOf(said);
    if (at >= 0) add(at, at + said.length, "thing", "speech", undefined, Tuning.maxSpeechWords);
  }
  // The speaker the fact base gives a quotation of this sentence, named here or in a sentence nearby.
  for (const name of speakers) {
    const at = text.indexOf(name);
    if (at >= 0) add(at, at + name.length, "person", "speaker");
    else if (!seen.has(`speaker:${name}`)) {
      seen.add(`speaker:${name}`);
      out.push({
        text: name,
        kind: "person",
        source: "speaker",
        lexKinds: [],
        head: name.toLowerCase(),
        shown: name,
        holdsTyped: false,
        passage,
        start: 0,
        end: 0,
        firstWord: 0,
        lastWord: 0,
      });
    }
  }
  // The most specific readers first: a span two readers find keeps the first one's kind.
  // Numbers with what they count, and what kind of number each is.
  for (const n of numbersIn(text)) {
    // A number written into a name (`BA.2`, `COVID-19`, `I-95`) is part of the name, not a count.
    if (/\p{L}[.-]?$/u.test(text.slice(Math.max(0, n.start - 2), n.start))) continue;
    // A bare four-digit number from 1800 to 2199 is a year (`the 2018 compensation plan`): news
    // style writes a count of thousands with a comma (`2,018 people`).
    if (/^(1[89]|2[01])\d\d$/.test(text.slice(n.start, n.end))) {
      add(n.start, n.end, "date", "date");
      continue;
    }
    const kind: CandidateKind = MONEY.test(n.text)
      ? "money"
      : PERCENT.test(n.text)
        ? "percent"
        : DURATION.test(n.text)
          ? "duration"
          : "number";
    add(n.start, n.end, kind, "number");
  }
  // A date is shown resolved against the publication date where the text leaves the year out.
  for (const d of datesIn(text, article.published))
    add(d.start, d.end, "date", "date", /\d{4}/.test(d.text) ? d.text : formatDate(d.value));
  // The fact base's entities, typed by the ingest.
  for (const e of entities) {
    for (let at = text.indexOf(e.text); at >= 0; at = text.indexOf(e.text, at + 1)) {
      add(at, at + e.text.length, e.standsFor ? "organisation" : KIND_OF_ENTITY[e.type], "entity");
    }
  }
  // Names: runs of proper nouns, typed by compromise, or by the fact base where it knows the name.
  for (let i = 0; i < words.length; i++) {
    if (!words[i]!.tags.has("ProperNoun")) continue;
    let j = i;
    while (j + 1 < words.length && words[j + 1]!.tags.has("ProperNoun")) j++;
    // A run ending in one of the fact base's entities is of that entity's kind (compromise takes
    // `Antony` for a place in `State Antony Blinken's`); else of the first tag found.
    const runEnd = text.slice(0, words[j]!.end).replace(/['’]s$/, "").length;
    const known = entities.find((e) => {
      const at = text.lastIndexOf(e.text, runEnd - e.text.length);
      return at >= words[i]!.start && at + e.text.length === runEnd;
    });
    const tagged = KIND_OF_TAG.find(([tag]) => words.slice(i, j + 1).some((w) => w.tags.has(tag)));
    const kind = known ? (known.standsFor ? "organisation" : KIND_OF_ENTITY[known.type]) : tagged?.[1];
    add(words[i]!.start, words[j]!.end, kind ?? "thing", "name");
    i = j;
  }
  // Noun phrases: compromise's noun chunks, without their determiners.
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.chunk !== "Noun") continue;
    let j = i;
    while (
      j + 1 < words.length &&
      words[j + 1]!.chunk === "Noun" &&
      !/[,;:()]/.test(text.slice(words[j]!.end, words[j + 1]!.start))
    )
      j++;
    let from = i;
    while (from <= j && DETERMINERS.test(words[from]!.text)) from++;
    if (from <= j && !words.slice(from, j + 1).every((w) => w.tags.has("Pronoun"))) {
      const kind = KIND_OF_TAG.find(([tag]) => words.slice(from, j + 1).some((w) => w.tags.has(tag)))?.[1];
      add(words[from]!.start, words[j]!.end, kind ?? "thing", "phrase");
    }
    i = j;
  }
  // Quoted titles and names: a short quotation is often a name (`"Jimmy Kimmel Live!"`).
  for (const m of text.matchAll(/[“"]([^”"]{2,80})[”"]/g)) {
    if (m[1]!.split(/\s+/).length <= 8) add(m.index! + 1, m.index! + 1 + m[1]!.length, "thing", "quoted");
  }
  // Reasons: the clause after a causal connective, up to the next clause break.
  for (const m of text.matchAll(REASON_CUES)) {
    const from = m.index! + m[0].length;
    const rest = text.slice(from);
    const stop = rest.search(/[,;.:!?]|\s[—–-]\s/);
    add(from, from + (stop < 0 ? rest.length : stop), "reason", "reason");
  }
  for (const c of out) {
    c.holdsTyped = out.some(
      (o) =>
        o !== c &&
        o.kind !== "thing" &&
        o.kind !== c.kind &&
        o.start >= c.start &&
        o.end <= c.end &&
        o.end - o.start < c.end - c.start,
    );
  }
  return out;
}
