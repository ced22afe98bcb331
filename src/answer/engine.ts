/**
 * The answering engine: question → retrieval (inverted index, then fuse.js over the candidates) →
 * an answer of the type asked, from the best supporting fact, with its citations — or an honest
 * abstention with the closest facts when the confidence is under the threshold.
 */
import Fuse from "fuse.js";
import type { Entity, Event, FactBase } from "../knowledge/schema.ts";
import type { KnowledgeStore } from "../knowledge/store.ts";
import { eventFact, isWholeEvent } from "../knowledge/whole-fact.ts";
import type { Citation } from "../reply.ts";
import { citationFor } from "./citation.ts";
import {
  clauseAt,
  datesOf,
  type NameSpan,
  type SentenceAnalysis,
  tidy,
  verbPhrase,
  warmReaders,
} from "./extract.ts";
import { mayMatch, pairFilter } from "./fuse-filter.ts";
import { NAME_FUSE_OPTIONS, NAME_MATCH_THRESHOLD } from "./fuse-options.ts";
import { firstAtLeast } from "./fuzzy.ts";
import { AnswerIndex, type SentenceHit, type SentenceRef, type TermGroup } from "./index.ts";
import { AnswerPipeline, type AskOptions } from "./pipeline.ts";
import { postingsFor } from "./postings.ts";
import type { AnswerKind } from "./question/read.ts";
import {
  ALIAS_WEIGHT,
  conjugate,
  type ParsedQuestion,
  parseQuestion,
  prepareNames,
  type QuestionType,
} from "./question.ts";
import { speakerWithRole, warmQuotations, whoSaid } from "./quotes.ts";
import { loadWeights } from "./rank/model.ts";
import { phraseKey, processTerm, STOP_WORDS, stem, terms, tokenize, tokenSpans } from "./terms.ts";

/** Under this confidence the engine abstains rather than risk an invented answer. */
export const ANSWER_CONFIDENCE_THRESHOLD = 0.5;
/** The abstention text. */
export const ANSWER_NOT_FOUND = "I could not find this in my articles.";
/** How many candidate sentences answer extraction reads. */
const _READ_LIMIT = 6;
/** Candidate sentences fuse.js re-scores (a few more than are read). */
const _RERANK_LIMIT = 8;
/** Mentions of the topic's entity a timeline reads beyond the retrieved sentences. */
const TIMELINE_MENTIONS = 60;
/** Sentences a timeline reads at most (dates are read with chrono-node, a fraction of a millisecond each). */
const TIMELINE_SENTENCES = 120;
/** Second candidate's share of the first's score under which the ranking is clear enough. */
const _CLOSE_CALL = 0.8;
/** Candidates per kind that fuse.js scores for autocomplete. */
const AUTOCOMPLETE_CANDIDATES = 40;
/** Event phrases are long, so fuse.js scores fewer of them than of names. */
const AUTOCOMPLETE_EVENTS = 15;
/**
 * Questions of every kind asked once at start-up (see {@link AnswerEngine.warm}); about no article in
 * particular. The when and how-many ones are worded to go down the paths of their kind that the
 * first questions would otherwise compile: a date read from the sentence, a count read from the
 * sentence's numbers. The last four go down the longest paths a second time (a speaker of several
 * words, a quoted fragment, an amount, a year): with them the first bench questions wait less for
 * code still being optimised (10,000 articles, four alternated runs each: `/ask` p99 7.27–7.69 ms
 * against 7.93–11.67, for 50–100 ms more start-up).
 */
const WARM_QUESTIONS = [
  "Who said: we will not accept this?",
  "What did the minister say about the plan?",
  "When did the talks end?",
  "How many jobs will the firm cut?",
  "How much did the company pay?",
  "Where did the meeting take place?",
  "Who is the president?",
  "Who signed the agreement?",
  "Which company bought the firm?",
  "Why did the talks fail?",
  "What happened to the economy?",
  "What did the Foreign Ministry's spokesman say?",
  "Who has said he is intending to stand?",
  "How much did the firm's profits rise last year?",
  "Who won the award in 2022?",
];
/** Findings within this share of the best one are given together (`Baku …; Yerevan …`). */
const _TOGETHER = 0.9;

/** The kind of answer each typed command asks for. */
const COMMAND_KINDS: Record<"who" | "when" | "where" | "what" | "how-many", AnswerKind | undefined> = {
  who: "person",
  when: "date",
  where: "place",
  what: undefined,
  "how-many": "count",
};

/** An answer, or an abstention, with its evidence. */
export interface AnswerResult {
  question: string;
  /** The answer, or null when the engine abstains. */
  answer: string | null;
  /** The kind of answer the question asked for. */
  type: AnswerKind | "metadata";
  /** The ranker's calibrated probability that the answer is right (0..1). */
  confidence: number;
  /** Answered, with a low confidence: the reply says so beside the cited sentence. */
  notSure: boolean;
  citations: Citation[];
  /** Up to three closest facts, offered when abstaining (and as further reading otherwise). */
  suggestions: string[];
}

/** One fact with its citation (for `/facts` and `/timeline`). */
export interface CitedFact {
  text: string;
  /** ISO date, when the fact is dated. */
  date: string | null;
  citation: Citation;
  /** Other articles that report the same fact (a timeline merges them). */
  also?: Citation[];
}

/** How /facts and /timeline choose and merge facts. */
export const FACT_LIST = Object.freeze({
  /** An entity's events read before ranking (a name in thousands of articles has thousands). */
  candidates: 400,
  /**
   * Share of their words two facts must have in common to be one (Jaccard of stems): "Harbourline
   * agreed to buy Chirper" and "Harbourline has agreed to buy Chirper for $4bn" are one fact told
   * twice; two deeds of the same person on one day share their name and little else.
   */
  sameFact: 0.6,
});

/** What a fact says, for ranking an entity's facts: a whole clause with an object, a number, a date. */
function informativeness(ev: Event, text: string): number {
  return (
    (ev.object ? 2 : 0) +
    (ev.quantities.length > 0 ? 1 : 0) +
    (ev.date ? 1 : 0) +
    (ev.place ? 0.5 : 0) -
    (ev.negated ? 0.5 : 0) +
    // Among equals, the one with more to say (up to a sentence's worth).
    Math.min(terms(text).length, 20) / 40
  );
}

/** Whether two facts say the same thing (see {@link FACT_LIST.sameFact}). */
export function sameFact(a: string, b: string): boolean {
  const x = new Set(terms(a));
  const y = new Set(terms(b));
  if (x.size === 0 || y.size === 0) return false;
  let both = 0;
  for (const t of x) if (y.has(t)) both++;
  return both / (x.size + y.size - both) >= FACT_LIST.sameFact;
}

/** What the fact base knows about one entity. */
export interface EntityFacts {
  entity: Entity | null;
  /** The name asked about, as resolved (`Nikol Pashinyan`). */
  name: string;
  roles: string[];
  aliases: string[];
  facts: CitedFact[];
}

/** An autocomplete choice with its kind. */
export interface Suggestion {
  label: string;
  value: string;
  kind: "entity" | "action" | "title" | "event";
}

/** A candidate answer read from one sentence. */
interface Finding {
  answer: string;
  ref: SentenceRef;
  confidence: number;
  /** Who did it, for joining several findings (`Baku (Azerbaijan): 32 …`). */
  actor: string | null;
}

/** The answering engine over a knowledge store; its index is rebuilt when the fact base changes. */
export class AnswerEngine {
  readonly #store: KnowledgeStore;
  #index: AnswerIndex | null = null;
  #indexedFacts: FactBase | null = null;

  #pipeline: AnswerPipeline | null = null;
  #pipelineFacts: FactBase | null = null;

  constructor(store: KnowledgeStore) {
    this.#store = store;
  }

  /** The index of the current fact base generation (built at most once per generation). */
  get index(): AnswerIndex {
    const facts = this.#store.facts;
    if (!this.#index || this.#indexedFacts !== facts || this.#index.generation !== this.#store.generation) {
      this.#index = new AnswerIndex(facts, this.#store.generation, this.#store.dir);
      this.#indexedFacts = facts;
    }
    return this.#index;
  }

  /** Builds the index now (at start-up) rather than on the first question. */
  warm(): void {
    const index = this.index;
    // The one-time costs of the first question (chrono-node's patterns, compromise's first parse,
    // the quotation tables) belong to start-up, not to whoever asks first.
    warmReaders();
    // Makes the quotation tables, then runs the fragment search over them.
    warmQuotations(index.facts);
    prepareNames(index);
    // One question of each kind, and a few keystrokes, over this fact base: the first use of each
    // path (the quotation tables, fuse.js, the readers) compiles code that a later question would
    // otherwise wait for. The answers are thrown away; nothing they cache changes another answer.
    for (const question of WARM_QUESTIONS) this.answerQuestion(question);
    for (const typed of ["", "pre", "When did the gov"]) this.autocomplete(typed);
  }

  /** The answer pipeline of the current fact base generation (built at most once per generation). */
  get pipeline(): AnswerPipeline {
    const facts = this.#store.facts;
    if (!this.#pipeline || this.#pipelineFacts !== facts) {
      this.#pipeline = new AnswerPipeline(facts, loadWeights(), postingsFor(facts, this.#store.dir));
      this.#pipelineFacts = facts;
    }
    return this.#pipeline;
  }

  /** Answers a question in plain words (see `pipeline.ts`). */
  answerQuestion(question: string, options: AskOptions = {}): AnswerResult {
    // `Who said "<words>"?` is a lookup, not a ranking: the quotation that holds the words names its speaker.
    const quoted = options.kind === undefined ? whoSaid(this.index.facts, question) : null;
    if (quoted) {
      return {
        question,
        type: "person",
        answer: speakerWithRole(quoted.speaker!, quoted.quotation.speakerRole),
        confidence: quoted.score,
        notSure: false,
        citations: [quoted.citation],
        suggestions: [],
      };
    }
    const answer = this.pipeline.answer(question, options);
    return { question, type: answer.kind, ...answer };
  }

  /** Asks a question of a given type about a topic (`/when event:joint statement`): the type is handed on, not guessed again. */
  ask(type: "who" | "when" | "where" | "what" | "how-many", topic: string): AnswerResult {
    const lead = type === "how-many" ? "how many" : type;
    const result = this.answerQuestion(`${lead} ${topic.trim()}`, { kind: COMMAND_KINDS[type] });
    return { ...result, question: topic };
  }

  /** Who did an action (`release`), optionally about a topic (`prisoners`). */
  whoDid(action: string, topic = ""): AnswerResult {
    const past = pastTense(tokenize(action).join(" ") || action);
    const result = this.answerQuestion(`who ${past} ${topic}`.trim(), { kind: "person" });
    return { ...result, question: `who ${past} ${topic}`.trim() };
  }

  /** What the fact base knows about a person, place or organisation. */
  factsAbout(about: string, limit = 10): EntityFacts {
    const index = this.index;
    const entity = this.resolveEntity(about);
    const facts: CitedFact[] = [];
    const seen = new Set<string>();
    const push = (sentenceId: string, text: string, date: string | null) => {
      const ref = index.sentenceById.get(sentenceId);
      if (!ref || seen.has(`${sentenceId}|${text}`) || facts.length >= limit) return;
      // A fact told twice (two articles, or an event and then its sentence) is listed once.
      if (facts.some((f) => sameFact(f.text, text))) return;
      seen.add(`${sentenceId}|${text}`);
      facts.push({ text: tidy(text), date, citation: citationFor(ref) });
    };
    if (entity) {
      const ids = new Set([entity.id, ...(index.standingFor.get(entity.id) ?? []).map((e) => e.id)]);
      // The facts that say most first; a fact told twice (in two articles, or twice in one) once.
      const ranked: { ev: Event; text: string; score: number }[] = [];
      for (const id of ids)
        for (const ev of (index.eventsByEntity.get(id) ?? []).slice(0, FACT_LIST.candidates)) {
          const text = factOf(index, ev);
          ranked.push({ ev, text, score: informativeness(ev, text) });
        }
      ranked.sort((a, b) => b.score - a.score);
      for (const { ev, text } of ranked) {
        if (facts.length >= limit) break;
        push(ev.sentenceId, text, ev.date?.value ?? null);
      }
      for (const id of ids) {
        for (const qn of index.quotationsBySpeaker.get(id) ?? []) {
          if (facts.length >= limit) break;
          push(qn.sentenceId, `${entity.name}: "${qn.text}"`, qn.date?.value ?? null);
        }
      }
      for (const m of entity.mentions.slice(0, limit))
        push(m.sentenceId, index.sentenceById.get(m.sentenceId)?.sentence.text ?? "", null);
      return { entity, name: entity.name, roles: entity.roles, aliases: entity.aliases, facts };
    }
    // No entity of that name (or no entities extracted yet): the sentences that name it.
    const groups = tokenize(about)
      .filter((t) => !STOP_WORDS.has(t))
      .map((t) => ({
        word: t,
        alts: [
          { term: processTerm(t) ?? t, weight: 1 },
          ...index.vocabulary
            .lookup(processTerm(t) ?? t)
            .filter((m) => m.distance > 0)
            .map((m) => ({ term: m.term, weight: 0.8 })),
        ],
        boost: 1,
        required: true,
      }));
    for (const hit of index.searchSentences(groups, limit * 2)) {
      if (hit.missingRequired) continue;
      push(hit.ref.sentence.id, hit.ref.sentence.text, null);
    }
    return { entity: null, name: about, roles: [], aliases: [], facts };
  }

  /** Dated events about a topic, in date order. */
  timeline(topic: string, limit = 15): CitedFact[] {
    const index = this.index;
    const q = parseQuestion(index, topic);
    const out: CitedFact[] = [];
    const seen = new Set<string>();
    const entity = q.entities[0]?.entity;
    const hits = index.searchSentences(q.groups, 200).filter((h) => !h.missingRequired && h.coverage >= 0.5);
    const refs: SentenceRef[] = hits.map((h) => h.ref);
    if (entity)
      for (const m of entity.mentions.slice(0, TIMELINE_MENTIONS)) {
        const ref = index.sentenceById.get(m.sentenceId);
        if (ref && !refs.includes(ref)) refs.push(ref);
      }
    for (const ref of refs.slice(0, TIMELINE_SENTENCES)) {
      const events = index.eventsBySentence.get(ref.sentence.id) ?? [];
      let dated = false;
      for (const ev of events) {
        if (!ev.date) continue;
        const key = `${ev.date.value}|${ev.sentenceId}|${ev.action}`;
        if (seen.has(key)) continue;
        seen.add(key);
        dated = true;
        out.push({ text: factOf(index, ev), date: ev.date.value, citation: citationFor(ref) });
      }
      if (dated) continue;
      const dates = datesOf(index, ref);
      const first = dates[0];
      if (!first) continue;
      const key = `${first.value}|${ref.sentence.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ text: tidy(ref.sentence.text), date: first.value, citation: citationFor(ref) });
    }
    out.sort((a, b) => (a.date ?? "").localeCompare(b.date ?? ""));
    // Two articles reporting one event are one line, citing both.
    const merged: CitedFact[] = [];
    for (const f of out) {
      const same = merged.find(
        (m) =>
          m.date === f.date &&
          m.citation.articleId !== f.citation.articleId &&
          !(m.also ?? []).some((c) => c.articleId === f.citation.articleId) &&
          sameFact(m.text, f.text),
      );
      if (same) same.also = [...(same.also ?? []), f.citation];
      else merged.push(f);
    }
    return merged.slice(0, limit);
  }

  /** The articles held, newest first. */
  articles(): { id: string; title: string; source: string; published: string | null; url: string | null }[] {
    return [...this.index.facts.articles]
      .sort((a, b) => (b.published ?? "").localeCompare(a.published ?? "") || a.title.localeCompare(b.title))
      .map((a) => ({ id: a.id, title: a.title, source: a.source, published: a.published, url: a.url }));
  }

  /** The entity a name means (typos allowed), or null. */
  resolveEntity(name: string): Entity | null {
    const index = this.index;
    const key = phraseKey(name);
    const exact = index.entitiesByKey.get(key);
    if (exact?.length) return mostMentioned(exact);
    const candidates = [...index.entityCandidates(tokenize(name))];
    if (candidates.length === 0) return null;
    const fuse = new Fuse(
      candidates.map((e) => ({ label: e.name, keys: e.aliases, entity: e })),
      NAME_FUSE_OPTIONS as typeof NAME_FUSE_OPTIONS & object,
    );
    const found = fuse.search(name)[0];
    return found ? found.item.entity : null;
  }

  /** Autocomplete over entities, actions and article titles, ranked by fuzzy score (at most 25). */
  autocomplete(
    prefix: string,
    kinds: readonly Suggestion["kind"][] = ["entity", "action", "title", "event"],
    limit = 25,
  ): Suggestion[] {
    const index = this.index;
    const typed = prefix.trim();
    const tokens = tokenize(typed);
    const last = tokens[tokens.length - 1] ?? "";
    const items: {
      label: string;
      keys: string[];
      value: string;
      kind: Suggestion["kind"];
      weight: number;
    }[] = [];
    const seen = new Set<string>();
    const add = (label: string, keys: string[], value: string, kind: Suggestion["kind"], weight: number) => {
      const k = `${kind}:${value}`;
      if (seen.has(k)) return;
      seen.add(k);
      items.push({ label, keys, value, kind, weight });
    };
    // Candidates come from the dictionaries (prefix of the last word typed, typos of every word);
    // each kind keeps its most frequent few, so fuse.js never scores more than a short list.
    const perKind = AUTOCOMPLETE_CANDIDATES;
    if (kinds.includes("entity")) {
      const found = new Set<Entity>();
      if (!typed) for (const e of index.topEntities.slice(0, limit)) found.add(e);
      else {
        const words = new Set<string>(index.nameTokens.withPrefix(last, 20));
        for (const t of tokens) for (const m of index.nameTokens.lookup(t)) words.add(m.term);
        for (const w of words) for (const e of index.entitiesByToken.get(w) ?? []) found.add(e);
      }
      const ranked = [...found].sort((a, b) => b.mentions.length - a.mentions.length).slice(0, perKind);
      for (const e of ranked) add(e.name, e.aliases, e.name, "entity", e.mentions.length);
    }
    if (kinds.includes("action")) {
      const counts = index.actionCounts;
      const words = new Set<string>();
      if (!typed) for (const a of index.actions.slice(0, limit)) words.add(a.lemma);
      else {
        for (const w of index.actionDictionary.withPrefix(last, perKind)) words.add(w);
        for (const m of index.actionDictionary.lookup(last)) words.add(m.term);
        const byForm = index.actionByForm.get(stem(last));
        if (byForm) words.add(byForm);
      }
      const ranked = [...words].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0)).slice(0, perKind);
      for (const w of ranked) add(w, [pastTense(w.split(" ")[0]!)], w, "action", counts.get(w) ?? 0);
    }
    if (kinds.includes("event") && last.length >= 2) {
      // Events as phrases a reader would type (`joint statement`, `Armenia issued a joint statement`):
      // those holding a word that starts with the last word typed, the newest first.
      const events = eventPhrasesOf(index.facts);
      for (const i of events.withPrefix(last.toLowerCase(), AUTOCOMPLETE_EVENTS)) {
        const p = events.phrases[i]!;
        add(p.label, [], p.label, "event", p.when);
      }
    }
    if (kinds.includes("title")) {
      const found = new Set<number>();
      if (!typed) for (let i = 0; i < Math.min(limit, index.facts.articles.length); i++) found.add(i);
      else {
        const words = new Set<string>(index.titleTerms.withPrefix(stem(last), 20));
        for (const w of index.titleTerms.withPrefix(last, 20)) words.add(w);
        for (const t of tokens)
          for (const m of index.titleTerms.lookup(processTerm(t) ?? t)) words.add(m.term);
        for (const w of words) {
          for (const i of index.articlesByTitleTerm.get(w) ?? []) {
            found.add(i);
            if (found.size >= perKind) break;
          }
          if (found.size >= perKind) break;
        }
      }
      for (const i of found) {
        const a = index.facts.articles[i]!;
        add(a.title, [a.source], a.title, "title", 0);
      }
    }
    if (!typed) {
      return items
        .sort((a, b) => b.weight - a.weight)
        .slice(0, limit)
        .map(({ label, value, kind }) => ({ label: clip(label), value: clip(value), kind }));
    }
    // fuse.js scores only the choices it can match at all (a long prefix typed matches few).
    const filter = pairFilter(typed, NAME_MATCH_THRESHOLD, NAME_FUSE_OPTIONS.ignoreDiacritics);
    const scored = filter ? items.filter((it) => mayMatch(filter, [it.label, ...it.keys])) : items;
    const fuse = new Fuse(scored, NAME_FUSE_OPTIONS as typeof NAME_FUSE_OPTIONS & object);
    return fuse
      .search(typed, { limit })
      .map(({ item }) => ({ label: clip(item.label), value: clip(item.value), kind: item.kind }));
  }
}

/** An event as autocomplete phrases: its object alone, and actor, verb and object together. */
interface EventPhrase {
  label: string;
  /** When it happened (or was published), for putting the newest first. */
  when: number;
}

/** The fact base's event phrases, newest first, with their words sorted for prefix lookup. */
class EventPhrases {
  readonly phrases: EventPhrase[] = [];
  /** Every (word, phrase) pair, sorted by word: a prefix is a contiguous range. */
  readonly #words: string[] = [];
  readonly #phraseOf: number[] = [];

  constructor(facts: FactBase) {
    const published = new Map(
      facts.articles.map((a) => [a.id, Date.parse(a.published ?? a.ingestedAt) || 0]),
    );
    const seen = new Set<string>();
    for (const ev of facts.events) {
      const object = ev.object?.text.replace(/^(?:the|a|an|this|that|these|those|its|their|his|her)\s+/i, "");
      const when = (ev.date ? Date.parse(ev.date.value) : Number.NaN) || published.get(ev.articleId) || 0;
      const labels = [
        object && object.split(/\s+/).length <= 8 ? object : null,
        // Actor, verb and object as the extractor found them: eventFact's whole clause parses the text
        // again (compromise, for a dangling last word), which at 10,000 articles took a minute here.
        ev.actor && ev.object ? `${ev.actor.text} ${ev.verb} ${ev.object.text}` : null,
      ];
      for (const label of labels) {
        if (!label || label.length > 90 || seen.has(label.toLowerCase())) continue;
        seen.add(label.toLowerCase());
        this.phrases.push({ label, when });
      }
    }
    this.phrases.sort((a, b) => b.when - a.when);
    const pairs: [string, number][] = [];
    this.phrases.forEach((p, i) => {
      for (const w of new Set(tokenize(p.label))) pairs.push([w, i]);
    });
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    for (const [w, i] of pairs) {
      this.#words.push(w);
      this.#phraseOf.push(i);
    }
  }

  /** The newest `limit` phrases holding a word that starts with `prefix`. */
  withPrefix(prefix: string, limit: number): number[] {
    const found = new Set<number>();
    for (
      let k = firstAtLeast(this.#words, prefix);
      k < this.#words.length && this.#words[k]!.startsWith(prefix);
      k++
    )
      found.add(this.#phraseOf[k]!);
    return [...found].sort((a, b) => a - b).slice(0, limit);
  }
}

const eventPhrases = new WeakMap<FactBase, EventPhrases>();

/** The event phrases of a fact base, worked out once per fact base. */
function eventPhrasesOf(facts: FactBase): EventPhrases {
  let known = eventPhrases.get(facts);
  if (!known) {
    known = new EventPhrases(facts);
    eventPhrases.set(facts, known);
  }
  return known;
}

/**
 * Trust in a sentence that lacks the asked-about verb (`fled` asked, `left` written): only the
 * other words speak for it, and only for answers a sentence can show without the verb — a number
 * beside the counted noun, a date — never for who did it, which is the verb's whole point.
 */
const ASCII = /^[\x00-\x7f]*$/;

/** Whether a text is plain ASCII, where fuse.js's folding is lower-casing alone. */
function _isAscii(text: string): boolean {
  return ASCII.test(text);
}

/**
 * What reading a candidate sentence takes from the question, worked out once per question rather
 * than once per sentence read.
 */
interface Reading {
  /** The asked-about action's terms (its written forms' stems). */
  actionStems: Set<string>;
  /** The entities the question names. */
  askedNames: Set<string>;
  /** A name that cannot be the answer: one of the question's own, or only the question's words. */
  excluded: (n: NameSpan) => boolean;
}

function _readingOf(q: ParsedQuestion): Reading {
  const actionStems = new Set<string>(
    q.actionGroup >= 0 ? q.groups[q.actionGroup]!.alts.map((a) => a.term) : [],
  );
  const askedNames = new Set(q.entities.map((e) => e.entity.id));
  return { actionStems, askedNames, excluded: excludedBy(q, askedNames) };
}

// The functions below hand back anonymous arrows on purpose: tsx (esbuild's keepNames) gives every
// arrow assigned to a name a `name` property when it is made, about 400 bytes each time, which
// in the per-sentence reader was most of what it allocated besides its findings.

function excludedBy(q: ParsedQuestion, askedNames: Set<string>): (n: NameSpan) => boolean {
  return (n) =>
    (n.entity !== null && askedNames.has(n.entity.id)) ||
    tokenize(n.text).every((t) => q.tokens.includes(t) || STOP_WORDS.has(t));
}

/** Adds an answer to a sentence's findings, tidied, unless empty or already there. */
function _findingPusher(
  found: Finding[],
  ref: SentenceRef,
): (answer: string, confidence: number, actor?: string | null) => void {
  return (answer, confidence, actor = null) => {
    const a = tidy(answer);
    if (a && !found.some((f) => f.answer === a)) found.push({ answer: a, ref, confidence, actor });
  };
}

/** A place named behind a preposition (`at the Boston Indoor Games`): where something happened. */
function _locatedAt(text: string, n: NameSpan): boolean {
  return LOCATED_BEFORE.test(text.slice(Math.max(0, n.start - 12), n.start));
}
const LOCATED_BEFORE = /\b(?:in|at|to|from|near|inside|outside)\s+(?:the\s+)?$/i;

/** A name followed by `'s` (`Ethiopia's Tirunesh Dibaba`): where someone is from. */
function _possessiveAt(text: string, n: NameSpan): boolean {
  return POSSESSIVE_AFTER.test(text.slice(n.end, n.end + 3));
}
const POSSESSIVE_AFTER = /^['’]s\b/;

/** Whether a statement's or quotation's speaker is one the question asks about. */
function _speakerAsked(
  q: ParsedQuestion,
  asked: Set<string>,
  speaker: { entityId: string | null; text: string } | null,
): boolean {
  return (
    q.type === "who-said" ||
    q.entities.length === 0 ||
    (speaker?.entityId ? asked.has(speaker.entityId) : false) ||
    (speaker ? q.entities.some((e) => tokenize(speaker.text).some((t) => e.tokens.includes(t))) : false)
  );
}

function _unanchoredConfidence(q: ParsedQuestion, hit: SentenceHit): number {
  const factor = q.type === "how-many" ? 0.65 : q.type === "when" || q.type === "where" ? 0.55 : 0.4;
  let matched = 0;
  let total = 0;
  q.groups.forEach((g, i) => {
    if (i === q.actionGroup) return;
    total += g.boost;
    if (hit.matched[i]) matched += g.boost;
  });
  return total === 0 ? 0 : (matched / total) * factor;
}

/** The subject words before a passive verb (`The demand for $280bn`), for `X filed the demand for $280bn`. */
function _textBefore(text: string, analysis: SentenceAnalysis, at: number): string {
  const clause = clauseAt(analysis, text.length, analysis.starts[at]!);
  const start = verbPhrase(text, analysis, at).start;
  const words = text.slice(clause.start, start).replace(/^[^\p{L}\p{N}]+/u, "");
  return tidy(words.replace(/^(?:the|a|an)\s+/i, "the ").split(/\s+[-–—]\s+|\s*\(/)[0] ?? "");
}

function _round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function clip(s: string): string {
  return s.length <= 100 ? s : `${s.slice(0, 99)}…`;
}

function mostMentioned(entities: Entity[]): Entity {
  return [...entities].sort((a, b) => b.mentions.length - a.mentions.length)[0]!;
}

function _distance(span: { start: number; end: number }, anchor: number): number {
  if (span.end <= anchor) return anchor - span.end;
  if (span.start >= anchor) return span.start - anchor;
  return 0;
}

/** A count's phrase up to the last word the question counts (`14 telecentres`, not `14 telecentres uses only…`). */
function _cutAfterCounted(phrase: string, counted: string[]): string {
  const wanted = new Set(counted);
  let end = -1;
  for (const t of tokenSpans(phrase)) if (wanted.has(stem(t.token)) || wanted.has(t.token)) end = t.end;
  return end > 0 ? phrase.slice(0, end) : phrase;
}

/** The question's content words (not wh-words, auxiliaries or stop words), folded. */
function contentTokens(q: ParsedQuestion): string[] {
  return q.tokens.filter((t, i) => i > 0 && !STOP_WORDS.has(t) && !/^(is|was|are|were|be|been)$/.test(t));
}

/**
 * For `Who is X?` where X is a name the sentence holds: `X: <role>`, from the entity's roles or the
 * words the sentence puts before the name (`chairman and chief executive Richard Parsons`).
 * Undefined when the question's words are not a name in this sentence; null when the sentence
 * names X without saying who X is.
 */
function _describeNamed(
  q: ParsedQuestion,
  analysis: SentenceAnalysis,
  text: string,
): string | null | undefined {
  const asked = contentTokens(q);
  if (asked.length === 0 || asked.length > 4) return undefined;
  const named = q.entities.find((e) => asked.every((t) => e.tokens.includes(t)));
  const span = analysis.names.find((n) => {
    if (named && n.entity?.id === named.entity.id) return true;
    const nameTokens = tokenize(text.slice(n.start, n.end));
    return asked.every((t) => nameTokens.includes(t));
  });
  if (!span) return named ? null : undefined;
  const entity = span.entity ?? named?.entity ?? null;
  const name = entity?.name ?? tidy(text.slice(n0(span, text, asked), span.end));
  // A role of the entity that this sentence states (so the citation shows it), else the words.
  const sentenceTerms = new Set(analysis.stems);
  const stated = entity?.roles
    .filter((r) => terms(r).every((t) => sentenceTerms.has(t)))
    .sort((a, b) => b.length - a.length)[0];
  // Role words inside the run before the name (`Prime Minister Tony Blair`) or just before it.
  const inside = text.slice(span.start, n0(span, text, asked)).trim();
  const before =
    text
      .slice(0, span.start)
      .split(/[,;:"“”()]|\.\s/)
      .pop() ?? "";
  const words = (inside || before).trim().split(/\s+/).filter(Boolean).slice(-6);
  while (words.length && STOP_WORDS.has(words[0]!.toLowerCase())) words.shift();
  const written = words.join(" ").replace(/['’]s$/, "");
  const role = written && !tokenize(written).every((t) => STOP_WORDS.has(t)) ? written : null;
  // The fuller of the two when one holds the other (`Prime Minister` written, `Minister` extracted).
  if (stated && role) {
    const roleTerms = new Set(terms(role));
    return `${name}: ${terms(stated).every((t) => roleTerms.has(t)) ? role : stated}`;
  }
  if (stated || role) return `${name}: ${stated ?? role}`;
  return null;
}

/** Where the asked-about words start inside a name span (`Tony Blair` inside `Prime Minister Tony Blair`). */
function n0(span: NameSpan, text: string, asked: string[]): number {
  const first = asked[0]!;
  for (const t of tokenSpans(text.slice(span.start, span.end)))
    if (t.token === first) return span.start + t.start;
  return span.start;
}

/** Offsets in the sentence of the question's matched words. */
function _matchedOffsets(analysis: SentenceAnalysis, q: ParsedQuestion): number[] {
  // The question's own words (and their typo corrections), not the other names of its entities
  // (`Washington` for `US`), which would pull the anchor elsewhere.
  const wanted = new Set(
    q.groups.flatMap((g) => g.alts.filter((a) => a.weight !== ALIAS_WEIGHT).map((a) => a.term)),
  );
  const out: number[] = [];
  analysis.stems.forEach((s, i) => {
    if (wanted.has(s)) out.push(analysis.ends[i]!);
  });
  return out;
}

/** A name with the question's own words removed from its front (`US Secretary of State Antony Blinken` → `Antony Blinken`). */
function _trimAsked(name: string, q: ParsedQuestion): string {
  const words = name.split(/\s+/);
  const asked = new Set(q.groups.flatMap((g) => g.alts.map((a) => a.term)));
  while (words.length) {
    const t = tokenize(words[0]!);
    if (t.length && t.every((x) => asked.has(processTerm(x) ?? x) || STOP_WORDS.has(x))) words.shift();
    else break;
  }
  return words.join(" ").replace(/['’]s$/, "");
}

/** The words counted in a how-many question (`prisoners of war`), as terms. */
function _countedTerms(q: ParsedQuestion): string[] {
  const entityWords = new Set(q.entities.flatMap((e) => e.tokens));
  return q.groups
    .filter((g, i) => i !== q.actionGroup && !entityWords.has(g.word) && !g.word.includes(" "))
    .flatMap((g) => g.alts.map((a) => a.term));
}

/**
 * A copy of the items, most of the wanted terms first (a stable sort). Each item's overlap is
 * worked out once, not again in every comparison.
 */
function _byOverlap<T extends { text: string }>(items: readonly T[], wanted: string[]): T[] {
  if (items.length < 2) return [...items];
  const scored = items.map((item) => ({ item, overlap: overlap(item.text, wanted) }));
  scored.sort((a, b) => b.overlap - a.overlap);
  return scored.map((s) => s.item);
}

function overlap(text: string, wanted: string[]): number {
  const t = new Set(terms(text));
  return new Set(wanted.filter((w) => t.has(w))).size;
}

function namesEntity(index: AnswerIndex, text: string, entity: Entity): boolean {
  const key = ` ${phraseKey(text)} `;
  const names = [entity, ...(index.standingFor.get(entity.id) ?? [])].flatMap((e) => [e.name, ...e.aliases]);
  return names.some((n) => {
    const k = phraseKey(n);
    return k.length > 0 && key.includes(` ${k} `);
  });
}

function _eventInvolves(
  index: AnswerIndex,
  ev: Event,
  q: ParsedQuestion,
  roles: readonly ("actor" | "object" | "place")[] = ["actor", "object", "place"],
): boolean {
  const ids = new Set(
    q.entities.flatMap((e) => [e.entity.id, ...(index.standingFor.get(e.entity.id) ?? []).map((p) => p.id)]),
  );
  const args = roles.map((r) => ev[r]);
  if (args.some((a) => a?.entityId && ids.has(a.entityId))) return true;
  return q.entities.some((e) => args.some((a) => a && namesEntity(index, a.text, e.entity)));
}

/** A name as shown in an answer: the entity's canonical name, and whom a capital stands for. */
function _displayName(index: AnswerIndex, name: NameSpan): string {
  if (name.entity) return displayEntity(index, name.entity);
  return name.text;
}

function displayEntity(index: AnswerIndex, entity: Entity): string {
  const standsFor = entity.standsFor ? index.entity(entity.standsFor) : undefined;
  return standsFor ? `${entity.name} (${standsFor.name})` : entity.name;
}

function displayArgument(
  index: AnswerIndex,
  arg: { text: string; entityId: string | null; entityIds?: string[] },
): string {
  // A coordinated argument (`Aliyev and Pashinyan`) is shown as written: its first entity alone
  // would drop the others.
  if ((arg.entityIds?.length ?? 0) > 1) return tidy(arg.text.replace(/^(?:Mr|Mrs|Ms|Dr)\.?\s+/, ""));
  const entity = index.entity(arg.entityId);
  return entity ? displayEntity(index, entity) : tidy(arg.text);
}

/**
 * One line for an event, its whole clause from the verb on with its actor named as the fact base
 * knows it: `Baku (Azerbaijan) will release 32 Armenian prisoners of war`; a passive without its
 * doer reads object first: `a peace deal could be signed`.
 */
export function describeEvent(index: AnswerIndex, ev: Event): string {
  return (
    tidy(eventFact(ev, (arg) => (arg === ev.actor ? displayArgument(index, arg) : tidy(arg.text)))) ||
    tidy(ev.text)
  );
}

/** An event as a fact a reader can take alone: its clause when whole, else the sentence it came from. */
function factOf(index: AnswerIndex, ev: Event): string {
  if (isWholeEvent(ev)) return describeEvent(index, ev);
  return tidy(index.sentenceById.get(ev.sentenceId)?.sentence.text ?? ev.text);
}

/** The past tense of a lemma (`release` → `released`), for `/who-released` and questions. */
export function pastTense(lemma: string): string {
  // A phrasal action (`lay down`) conjugates its verb and keeps its particle (`laid down`).
  const [verb = lemma, ...rest] = lemma.trim().split(/\s+/);
  const past = (conjugate(verb).PastTense ?? verb).toLowerCase();
  return [past, ...rest].join(" ");
}

/** Re-exported for commands that show the question type. */
export type { QuestionType, TermGroup };
