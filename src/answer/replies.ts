/**
 * Neutral replies for the question commands, so that `commands/*` stay thin: one function turns an
 * {@link AnswerResult} (or the facts, a timeline, the article list) into a {@link Reply}; another
 * gives autocomplete choices. Nothing here knows Discord.
 */
import type { Choice } from "../command.ts";
import type { KnowledgeStore } from "../knowledge/store.ts";
import type { Reply, ReplyField } from "../reply.ts";
import {
  ANSWER_NOT_FOUND,
  AnswerEngine,
  type AnswerResult,
  type CitedFact,
  type EntityFacts,
  type Suggestion,
} from "./engine.ts";
import { formatDate } from "./extract.ts";

/** Discord's limits, which the neutral reply respects so every renderer can show it whole. */
const MAX_TITLE = 256;
const MAX_FIELD_NAME = 256;
const MAX_FIELD_VALUE = 1024;
const MAX_FIELDS = 25;
const MAX_CHOICES = 25;
const MAX_CHOICE = 100;
/** Citations shown under a list reply (facts, timeline): enough to check, few enough to read. */
const MAX_LIST_CITATIONS = 5;

/** Error text when an option the command needs is empty. */
export function answerMissingOption(option: string): string {
  return `answer: give the ${option} option some words to look for`;
}

const engines = new WeakMap<KnowledgeStore, AnswerEngine>();

/**
 * The engine of a set of services: `services.answers` when start-up built one, else one kept per
 * knowledge store (so a command works with any Services, as in tests and the console twin).
 */
export function answersOf(services: { knowledge: KnowledgeStore; answers?: AnswerEngine }): AnswerEngine {
  if (services.answers) return services.answers;
  let engine = engines.get(services.knowledge);
  if (!engine) {
    engine = new AnswerEngine(services.knowledge);
    engines.set(services.knowledge, engine);
  }
  return engine;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** `2023-12-08` → `December 8, 2023`; a date-time is cut to its day; null → `date unknown`. */
export function shownDate(value: string | null): string {
  if (!value) return "date unknown";
  const day = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(value)?.[0];
  return day ? formatDate(day) : value;
}

/** The reply to a question: the answer with its citations, or the abstention with the closest facts. */
export function answerReply(result: AnswerResult, title = result.question): Reply {
  if (result.answer === null) {
    // One field for what it found, each fact on its own line (no blank headings between them).
    const closest = result.suggestions.slice(0, 3);
    const fields: ReplyField[] = closest.length
      ? [
          {
            name: "Closest facts I have",
            value: clip(closest.map((s) => `• ${s}`).join("\n"), MAX_FIELD_VALUE),
          },
        ]
      : [];
    return {
      kind: "abstain",
      title: clip(title || "Not in my articles", MAX_TITLE),
      text: ANSWER_NOT_FOUND,
      fields,
      citations: [],
      footer: closest.length ? "Not answered: none of these says it clearly enough" : "Not answered",
    };
  }
  return {
    kind: "answer",
    title: clip(title, MAX_TITLE),
    // A low-confidence answer says so; the cited sentence beside it lets the reader judge.
    text: result.answer,
    citations: result.citations,
    footer: `${result.type} question · confidence ${result.confidence.toFixed(2)}${result.notSure ? " · not sure: check the cited sentence" : ""}`,
  };
}

/** What the fact base knows about an entity, each fact cited. */
export function factsReply(facts: EntityFacts): Reply {
  if (facts.facts.length === 0 && !facts.entity) {
    return {
      kind: "abstain",
      title: clip(`Facts about ${facts.name}`, MAX_TITLE),
      text: `I know nothing about "${facts.name}" from my articles.`,
      citations: [],
    };
  }
  const lines: string[] = [];
  if (facts.entity) lines.push(`${facts.entity.name} (${facts.entity.type})`);
  if (facts.roles.length) lines.push(`Roles: ${facts.roles.join("; ")}`);
  if (facts.aliases.length) lines.push(`Also called: ${facts.aliases.join(", ")}`);
  const fields = factFields(facts.facts);
  return {
    kind: "info",
    title: clip(`Facts about ${facts.name}`, MAX_TITLE),
    text: lines.join("\n") || `What my articles say about ${facts.name}:`,
    fields,
    citations: uniqueCitations(facts.facts),
  };
}

/** Dated events about a topic, oldest first. */
export function timelineReply(topic: string, facts: CitedFact[]): Reply {
  if (facts.length === 0) {
    return {
      kind: "abstain",
      title: clip(`Timeline: ${topic}`, MAX_TITLE),
      text: `I found no dated events about "${topic}" in my articles.`,
      citations: [],
    };
  }
  return {
    kind: "info",
    title: clip(`Timeline: ${topic}`, MAX_TITLE),
    text: `${facts.length} dated event${facts.length === 1 ? "" : "s"}, oldest first.`,
    fields: factFields(facts),
    citations: uniqueCitations(facts),
  };
}

/** The articles held: title, outlet, date. */
export function articlesReply(
  articles: { title: string; source: string; published: string | null; url: string | null }[],
  total: number,
): Reply {
  if (total === 0) {
    return { kind: "info", title: "Articles", text: "I hold no articles yet.", citations: [] };
  }
  const shown = articles.slice(0, MAX_FIELDS);
  return {
    kind: "info",
    title: "Articles",
    text: `${total} article${total === 1 ? "" : "s"} in my fact base${shown.length < total ? `; ${shown.length} shown` : ""}.`,
    fields: shown.map((a) => ({
      name: clip(a.title, MAX_FIELD_NAME),
      value: clip(`${a.source} · ${shownDate(a.published)}${a.url ? ` · ${a.url}` : ""}`, MAX_FIELD_VALUE),
    })),
    citations: [],
  };
}

function factFields(facts: CitedFact[]): ReplyField[] {
  return facts.slice(0, MAX_FIELDS).map((f) => ({
    name: clip(
      f.date ? shownDate(f.date) : `${f.citation.source}, ${shownDate(f.citation.published)}`,
      MAX_FIELD_NAME,
    ),
    value: clip(
      f.also?.length
        ? `${f.text} (also reported by ${[...new Set(f.also.map((c) => c.source))].join(", ")})`
        : f.text,
      MAX_FIELD_VALUE,
    ),
  }));
}

function uniqueCitations(facts: CitedFact[]) {
  const seen = new Set<string>();
  const out = [];
  for (const c of facts.flatMap((f) => [f.citation, ...(f.also ?? [])])) {
    const key = `${c.articleId}|${c.sentence}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
    if (out.length >= MAX_LIST_CITATIONS) break;
  }
  return out;
}

/** Autocomplete choices (at most 25, each at most 100 characters). */
export function choices(suggestions: Suggestion[]): Choice[] {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const s of suggestions) {
    const value = clip(s.value, MAX_CHOICE);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name: clip(s.label, MAX_CHOICE), value });
    if (out.length >= MAX_CHOICES) break;
  }
  return out;
}

/** Autocomplete for a free question: what was typed, then with its last word completed by a known name. */
export function questionChoices(engine: AnswerEngine, typed: string): Choice[] {
  const text = typed.trim();
  if (!text) {
    return choices(
      engine
        .autocomplete("", ["entity"], 10)
        .map((s) => ({ ...s, label: `Who is ${s.label}?`, value: `Who is ${s.value}?` })),
    );
  }
  const cut = text.lastIndexOf(" ");
  const head = cut >= 0 ? text.slice(0, cut + 1) : "";
  const last = cut >= 0 ? text.slice(cut + 1) : text;
  const out: Suggestion[] = [{ label: text, value: text, kind: "title" }];
  if (last.length >= 2) {
    for (const s of engine.autocomplete(last, ["entity", "action"], MAX_CHOICES - 1)) {
      const completed = `${head}${s.kind === "action" ? s.value : s.label}`;
      out.push({ label: completed, value: completed, kind: s.kind });
    }
  }
  return choices(out);
}
