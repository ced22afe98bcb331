/**
 * The plain-text layout of the seed: a section line, the headline (possibly repeated), a date
 * line (`Dec 08, 2023`), the body (its first line may open with a dateline) and a closing
 * `Source: …` line naming the outlet. Lines are paragraphs; blank lines are ignored.
 */
import { findDateline, isDateLine, oneLine, stripDateLabel, toIsoPublished } from "./common.ts";
import { ArticleParseError, IngestMessages } from "./errors.ts";
import type { ParsedArticle } from "./types.ts";

const SOURCE_LINE = /^\s*source\s*:\s*(.+?)\s*$/i;
// A section line is a short label (`World`, `Business & Economy`), not a sentence.
const BYLINE = /^[Bb]y\s+\p{Lu}[\p{L}.'’ -]{1,50}(?:,\s*[\p{L} ]{1,40})?$/u;
const SECTION_LINE = /^[\p{Lu}][\p{L}&/ -]{0,30}$/u;

/** True when the text looks like the plain-text layout: a date line near the top, or a closing `Source:` line. */
export function looksLikeTextArticle(text: string): boolean {
  const lines = text.split(/\r\n?|\n/).filter((l) => l.trim());
  if (lines.length < 2) return false;
  return lines.slice(0, 6).some(isDateLine) || SOURCE_LINE.test(lines.at(-1)!);
}

/** Parses the plain-text layout. */
export function parseTextArticle(raw: string, file: string): ParsedArticle {
  const lines = raw
    .split(/\r\n?|\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  let source: string | null = null;
  const last = lines.at(-1);
  const sourceMatch = last ? SOURCE_LINE.exec(last) : null;
  if (sourceMatch) {
    source = oneLine(sourceMatch[1]!);
    lines.pop();
  }
  // The header ends at the date line; without one, the first line is the headline.
  const dateIndex = lines.slice(0, 6).findIndex(isDateLine);
  if (dateIndex < 0 && !source) throw new ArticleParseError(IngestMessages.unknownLayout(file));
  const header = dateIndex >= 0 ? lines.slice(0, dateIndex) : lines.slice(0, 1);
  const body = lines.slice(dateIndex >= 0 ? dateIndex + 1 : 1);
  const published = dateIndex >= 0 ? toIsoPublished(stripDateLabel(lines[dateIndex]!)) : null;

  // Drop a repeated headline; a short first line before a different headline is the section.
  const key = (l: string) => oneLine(l).toLowerCase();
  const distinct = header.filter((l, i) => header.findIndex((h) => key(h) === key(l)) === i);
  let section: string | null = null;
  if (distinct.length >= 2 && SECTION_LINE.test(distinct[0]!) && !/[.!?]$/.test(distinct[0]!)) {
    section = distinct.shift()!;
  }
  const title = distinct.length ? oneLine(distinct.join(" ")) : "";
  if (!title) throw new ArticleParseError(IngestMessages.noTitle(file));
  // A byline right under the date (`By Maria Okafor`) is not body text.
  if (body.length > 1 && BYLINE.test(body[0]!)) body.shift();
  if (!body.length) throw new ArticleParseError(IngestMessages.noBody(file));

  const dateline = findDateline(body[0]!);
  // A wire dateline (`LONDON (Reuters) -`) names the outlet when no `Source:` line does.
  if (!source && dateline) source = /\(([^)]+)\)/.exec(dateline.text)?.[1] ?? null;
  if (!source) throw new ArticleParseError(IngestMessages.noSource(file));
  return { title, source, published, url: null, section, dateline, format: "text", body, raw };
}
