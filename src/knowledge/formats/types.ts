/** What every article format parser returns. */
import type { ArticleFormat } from "../schema.ts";

/** The dateline opening a body: `Yerevan [Armenia], December 8:`, `LONDON (Reuters) -`. */
export interface Dateline {
  /** The place, in title case: `Yerevan`, `London`. */
  place: string;
  /** The dateline words as written, without the separator's trailing space. */
  text: string;
}

/**
 * One article as read from a file, before normalisation and analysis. `body` holds the
 * paragraphs as plain text (markup removed, dirty text kept as written): the normaliser's
 * offsets index `body.join("\n\n")`.
 */
export interface ParsedArticle {
  title: string;
  /** The outlet: `ThanhNien Newspaper`, `BBC News`. */
  source: string;
  /** ISO date (`2023-12-08`) or date-time; null when the file gives none. */
  published: string | null;
  url: string | null;
  section: string | null;
  dateline: Dateline | null;
  format: ArticleFormat;
  /** Paragraphs of plain text, in order; never empty. */
  body: string[];
  /** The file's text as read (a feed's items share it). */
  raw: string;
}
