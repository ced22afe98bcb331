/**
 * Per-article language analysis: sentences, entities (with aliases, roles, capitals standing for
 * governments), events, dates, quantities and attributions, every item pointing back to its
 * sentence. compromise parses the text once; each step below reads that one parse.
 */
import { findAttributions } from "./attributions.ts";
import { type DateMention, findDates, findRelativeSpans } from "./dates.ts";
import { findEvents } from "./events.ts";
import { recogniseNames } from "./names.ts";
import { parseText } from "./nlp.ts";
import { findQuantities } from "./quantities.ts";
import type { Attribution, Entity, Event, Sentence, Span } from "./schema.ts";
import { buildSentences } from "./sentences.ts";

/** What the analysis of one article needs. */
export interface AnalyseInput {
  articleId: string;
  title: string;
  /** ISO date (or date-time) of publication: the reference for relative dates; null when unknown. */
  published: string | null;
  /** Normalised body text. */
  text: string;
  /** Paragraph spans into `text`. */
  paragraphs: Span[];
  /** Maps an offset in `text` to the offset in the original body. */
  toSource(offset: number): number;
}

/** What the analysis of one article yields; entities are article-local (merged later). */
export interface ArticleAnalysis {
  sentences: Sentence[];
  attributions: Attribution[];
  entities: Entity[];
  events: Event[];
}

// A sentence that speaks of what is to come: its month and day names are not moved to the past.
const FUTURE_WORDS = new Set(["will", "shall", "'ll", "next", "upcoming"]);

/** Analyses one article. */
export function analyseArticle(input: AnalyseInput): ArticleAnalysis {
  const { text, articleId } = input;
  const parsed = parseText(text);
  const sentences = buildSentences(articleId, text, input.paragraphs, parsed.sentences, input.toSource);
  const names = recogniseNames(articleId, text, sentences);
  const byId = new Map(names.entities.map((e) => [e.id, e]));
  const attributions: Attribution[] = [];
  const events: Event[] = [];
  const state = { count: 0, lastPerson: null as string | null, lastThing: null as string | null };
  for (const st of sentences) {
    const futureWord = st.tokens.find((t) => FUTURE_WORDS.has(t.normal));
    const dates: DateMention[] = findDates(st.sentence.text, st.sentence.start, {
      published: input.published,
      future: futureWord !== undefined,
      futureAt: futureWord ? futureWord.start - st.sentence.start : undefined,
    });
    dates.push(...findRelativeSpans(st.sentence.text, st.sentence.start, dates));
    dates.sort((a, b) => a.start - b.start);
    const quantities = findQuantities(st.tokens, text).filter(
      // A number inside a date (`December 7`, `in 2020`) is not a quantity.
      (q) => !dates.some((d) => q.start < d.end && q.end > d.start),
    );
    attributions.push(...findAttributions(st));
    events.push(...findEvents(articleId, text, { st, dates, quantities, spans: names.spans }, byId, state));
    // Pronouns look back to the last person named, even outside an event's subject.
    for (const s of names.spans)
      if (s.sentence === st.sentence.index && byId.get(s.entityId)?.type === "person")
        state.lastPerson = s.entityId;
  }
  return { sentences: sentences.map((s) => s.sentence), attributions, entities: names.entities, events };
}
