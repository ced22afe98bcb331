/**
 * Quotations and reported speech. PLACEHOLDER (being replaced): extracts nothing.
 */
import type { Entity, Quotation, Sentence, Span, Statement } from "./schema.ts";

/** What quotation extraction needs from one analysed article. */
export interface QuotationInput {
  articleId: string;
  published: string | null;
  text: string;
  paragraphs: Span[];
  sentences: Sentence[];
  /** The article's entities (article-local ids), to resolve speakers and pronouns. */
  entities: Entity[];
}

/** Extracts the quotations (exact words) and statements (reported speech) of one article. */
export function extractQuotations(_input: QuotationInput): {
  quotations: Quotation[];
  statements: Statement[];
} {
  return { quotations: [], statements: [] };
}
