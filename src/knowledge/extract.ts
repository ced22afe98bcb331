/**
 * Per-article language analysis: sentences, entities, events, attributions.
 * PLACEHOLDER (being replaced by the extraction work): splits sentences naively and extracts nothing.
 */
import type { Attribution, Entity, Event, Sentence, Span } from "./schema.ts";

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

/** Analyses one article. */
export function analyseArticle(input: AnalyseInput): ArticleAnalysis {
  const sentences: Sentence[] = [];
  input.paragraphs.forEach((p, paragraph) => {
    const re = /[^.!?]+[.!?]*/g;
    const body = input.text.slice(p.start, p.end);
    for (const m of body.matchAll(re)) {
      const lead = m[0].length - m[0].trimStart().length;
      const start = p.start + (m.index ?? 0) + lead;
      const end = p.start + (m.index ?? 0) + m[0].trimEnd().length;
      if (end <= start) continue;
      const index = sentences.length;
      sentences.push({
        id: `${input.articleId}#s${index}`,
        index,
        paragraph,
        start,
        end,
        text: input.text.slice(start, end),
        source: { start: input.toSource(start), end: input.toSource(end) },
      });
    }
  });
  return { sentences, attributions: [], entities: [], events: [] };
}
