/**
 * Quotation attribution measured on PolNeAR (`../shared/eval/polnear`: real 2016 election news whose
 * quotations were annotated by hand; read from there, never copied in). The articles are split once
 * into a train and a test half by the seeded hash of {@link halfOf}; every quotation of an article
 * lies in that article's half. Two figures: attribution (the extracted quotation that holds the
 * annotated words, and whether its speaker is the annotated one) and "who said" (the question
 * `Who said "<first 12 words>"?` asked through the answer engine, as `newsdesk ask --json` asks it).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { FactBase, Quotation } from "../../knowledge/schema.ts";
import type { AnswerEngine } from "../engine.ts";
import { type DevSet, halfOf, setsMissing } from "./sets.ts";

/** The PolNeAR set: its quotations file and the articles the knowledge base is built from. */
export const POLNEAR: DevSet = Object.freeze({
  name: "polnear",
  questions: "../shared/eval/polnear/quotes.jsonl",
  articles: "../shared/eval/polnear/articles",
  withoutOwnArticle: false,
});

/** How many of a quotation's first words the who-said question quotes (the set's README). */
export const WHO_SAID_WORDS = 12;
/** An answer longer than this many words does not count as naming the speaker (the set's scorer). */
const ANSWER_MAX_WORDS = 25;

/** One annotated quotation. */
export interface AnnotatedQuote {
  /** The article's file name (`politico_2016-…md`). */
  article: string;
  quote: string;
  /** The speaker as the article writes it (`Trump`, `the campaign`). */
  speaker: string;
  cue: string;
  half: "train" | "test";
}

/** Which half an article is in (one seeded rule for the whole set). */
export const halfOfArticle = (article: string) => halfOf(`polnear:${article}`);

/** Speech verbs that are never a speaker: an annotated speaker that is one of them was the cue. */
const CUE_WORDS = new Set(["said", "says", "say", "told", "tells", "wrote", "writes", "added", "asked"]);

/** The annotated quotations, in one half or both. */
export function polnearQuotes(root: string, half: "train" | "test" | "all"): AnnotatedQuote[] {
  const file = resolve(root, POLNEAR.questions);
  if (!existsSync(file)) throw new Error(setsMissing(POLNEAR.name, file));
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const raw = JSON.parse(l) as Omit<AnnotatedQuote, "half">;
      // A few annotations swapped the source and cue spans (speaker `said`, cue `David Plouffe, …`).
      const swapped = CUE_WORDS.has(normWords(raw.speaker)) && !CUE_WORDS.has(normWords(raw.cue));
      const fixed = swapped ? { ...raw, speaker: raw.cue, cue: raw.speaker } : raw;
      return { ...fixed, half: halfOfArticle(raw.article) };
    })
    .filter((q) => half === "all" || q.half === half);
}

/** Lower-case words only, so punctuation and quote styles do not matter. */
export const normWords = (s: string) =>
  s
    .toLowerCase()
    .replace(/['’]s\b/gu, "")
    .replace(/['’]/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * The annotated speaker's last name: the last word of its head, before an appositive or a relative
 * clause (`Quina Jones, 25` → `jones`, `Sen. Claire McCaskill (D-Mo.)` → `mccaskill`, `the campaign` → `campaign`).
 */
export function lastNameOf(speaker: string): string {
  const head = speaker.split(/,|\s\(|\s(?:who|whose|which|of)\s/u)[0] ?? speaker;
  const words = normWords(head).split(" ");
  return words[words.length - 1] ?? "";
}

/** Whether a text names the annotated speaker: it holds the speaker's last name as a word. */
export function namesSpeaker(text: string | null | undefined, speaker: string): boolean {
  if (!text) return false;
  const last = lastNameOf(speaker);
  return last !== "" && ` ${normWords(text)} `.includes(` ${last} `);
}

/** The first words of a quotation, as someone would quote it back. */
export const firstWords = (quote: string, n = WHO_SAID_WORDS) => quote.split(/\s+/u).slice(0, n).join(" ");

/** The who-said question of an annotated quotation. */
export const whoSaidQuestion = (q: AnnotatedQuote) => `Who said "${firstWords(q.quote)}"?`;

/** The outcome of one annotated quotation. */
export interface QuoteOutcome {
  quote: AnnotatedQuote;
  /** The extracted quotation holding its words, or null when none does. */
  found: Quotation | null;
  /** The names the extracted speaker goes by (its words, the entity's name and aliases). */
  predicted: string[];
  correct: boolean;
}

/** Attribution figures over a set of annotated quotations. */
export interface AttributionFigures {
  quotations: number;
  /** Annotated quotations an extracted quotation holds. */
  found: number;
  /** Found quotations given a speaker. */
  attributed: number;
  /** Attributed to the annotated speaker. */
  correct: number;
  precision: number;
  recall: number;
  outcomes: QuoteOutcome[];
}

/** The extracted quotation that holds an annotated one (or is a long enough piece of it). */
function quotationHolding(candidates: readonly Quotation[], quote: string): Quotation | null {
  const gold = normWords(quote);
  const holds = candidates.find((q) => ` ${normWords(q.text)} `.includes(` ${gold} `));
  if (holds) return holds;
  // An extracted piece of a quotation the annotators kept whole (a quote that runs over paragraphs).
  return (
    candidates.find((q) => {
      const text = normWords(q.text);
      return text.split(" ").length >= 4 && ` ${gold} `.includes(` ${text} `);
    }) ?? null
  );
}

/** Scores the fact base's quotations against the annotated ones. */
export function scoreAttribution(facts: FactBase, quotes: readonly AnnotatedQuote[]): AttributionFigures {
  const articleOf = new Map(facts.articles.map((a) => [a.file.replace(/^.*\//u, ""), a.id]));
  const entities = new Map(facts.entities.map((e) => [e.id, e]));
  const byArticle = new Map<string, Quotation[]>();
  for (const q of facts.quotations) byArticle.set(q.articleId, [...(byArticle.get(q.articleId) ?? []), q]);
  const outcomes = quotes.map((quote): QuoteOutcome => {
    const id = articleOf.get(quote.article);
    const found = quotationHolding(id ? (byArticle.get(id) ?? []) : [], quote.quote);
    const predicted: string[] = [];
    if (found?.speaker) {
      predicted.push(found.speaker.text);
      for (const eid of found.speaker.entityIds ?? [found.speaker.entityId]) {
        const e = eid ? entities.get(eid) : undefined;
        // The article's other names for the speaker, roles included (`the president`).
        if (e) predicted.push(e.name, ...e.aliases, ...e.roles);
      }
    }
    const correct = predicted.some((p) => namesSpeaker(p, quote.speaker));
    return { quote, found, predicted, correct };
  });
  const found = outcomes.filter((o) => o.found).length;
  const attributed = outcomes.filter((o) => o.predicted.length > 0).length;
  const correct = outcomes.filter((o) => o.correct).length;
  return {
    quotations: quotes.length,
    found,
    attributed,
    correct,
    precision: attributed ? correct / attributed : 0,
    recall: quotes.length ? correct / quotes.length : 0,
    outcomes,
  };
}

/** The outcome of one who-said question. */
export interface WhoSaidOutcome {
  quote: AnnotatedQuote;
  question: string;
  answer: string | null;
  right: boolean;
}

/** Who-said figures: right, wrong and abstained apart. */
export interface WhoSaidFigures {
  questions: number;
  right: number;
  wrong: number;
  abstained: number;
  accuracy: number;
  outcomes: WhoSaidOutcome[];
}

/** Asks each annotated quotation's who-said question through the answer engine. */
export function scoreWhoSaid(engine: AnswerEngine, quotes: readonly AnnotatedQuote[]): WhoSaidFigures {
  const outcomes = quotes.map((quote): WhoSaidOutcome => {
    const question = whoSaidQuestion(quote);
    const { answer } = engine.answerQuestion(question);
    const short = answer !== null && answer.split(/\s+/u).length <= ANSWER_MAX_WORDS;
    return { quote, question, answer, right: short && namesSpeaker(answer, quote.speaker) };
  });
  const right = outcomes.filter((o) => o.right).length;
  const abstained = outcomes.filter((o) => o.answer === null).length;
  return {
    questions: quotes.length,
    right,
    wrong: quotes.length - right - abstained,
    abstained,
    accuracy: quotes.length ? right / quotes.length : 0,
    outcomes,
  };
}
