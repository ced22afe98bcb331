/**
 * Markdown with YAML front matter (`title`, `published`, `source`, optional `url`, `section`).
 * The front matter is read by a real YAML parser; the body's Markdown markup is removed
 * (links, images, emphasis, headings, lists, quotes), keeping one paragraph per block.
 */
import { parse as parseYaml } from "yaml";
import { findDateline, oneLine, toIsoPublished } from "./common.ts";
import { ArticleParseError, IngestMessages } from "./errors.ts";
import type { ParsedArticle } from "./types.ts";

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** True when the text opens with a front matter fence. */
export const hasFrontMatter = (text: string) => OPENING.test(text);

/** Removes inline Markdown markup from one block of text. */
export function stripInlineMarkdown(text: string): string {
  return (
    text
      // Images go (their alt text is not prose); links keep their words.
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, "$1")
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
      .replace(/<(https?:\/\/[^>]+)>/g, "$1")
      .replace(/<\/?[a-zA-Z][^>]*>/g, "")
      .replace(/`([^`]+)`/g, "$1")
      // Emphasis: ** and __ first, then single * and _ only around words (snake_case stays).
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
      .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, "$1$2")
      .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2")
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1")
      .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, "$1")
  );
}

/** Splits a Markdown body into plain-text paragraphs: blank lines, headings and list items end one. */
export function markdownParagraphs(body: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let fenced = false;
  const flush = () => {
    const text = stripInlineMarkdown(current.join(" ")).replace(/\s+/g, " ").trim();
    if (text) paragraphs.push(text);
    current = [];
  };
  for (const rawLine of body.split(/\r\n?|\n/)) {
    if (/^\s*(```|~~~)/.test(rawLine)) {
      flush();
      fenced = !fenced;
      continue;
    }
    if (fenced) continue; // code is not prose
    const line = rawLine.trim();
    if (!line || /^([-*_])(\s*\1){2,}$/.test(line) || /^\[[^\]]+\]:\s*\S+/.test(line)) {
      flush();
      continue;
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      flush();
      current.push(heading[1]!);
      flush();
      continue;
    }
    if (/^(=+|-+)$/.test(line) && current.length) {
      flush(); // setext heading underline
      continue;
    }
    const item = /^(?:>\s*)*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      current.push(item[1]!);
      continue;
    }
    current.push(line.replace(/^(?:>\s?)+/, ""));
  }
  flush();
  return paragraphs;
}

function scalar(data: Record<string, unknown>, field: string, file: string): string | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number") return oneLine(String(value)) || null;
  throw new ArticleParseError(IngestMessages.frontMatterField(file, field, "must be a single value"));
}

/** Parses Markdown with YAML front matter. */
export function parseMarkdownArticle(raw: string, file: string): ParsedArticle {
  const opening = OPENING.exec(raw);
  if (!opening) throw new ArticleParseError(IngestMessages.unknownLayout(file));
  const rest = raw.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) throw new ArticleParseError(IngestMessages.frontMatterUnclosed(file));
  let data: unknown;
  try {
    // maxAliasCount guards against alias bombs (the YAML "billion laughs").
    data = parseYaml(rest.slice(0, closing.index), { maxAliasCount: 50, prettyErrors: false });
  } catch (err) {
    throw new ArticleParseError(IngestMessages.frontMatterYaml(file, (err as Error).message.split("\n")[0]!));
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new ArticleParseError(IngestMessages.frontMatterNotMap(file));
  }
  const fields = data as Record<string, unknown>;
  const title = scalar(fields, "title", file);
  if (!title) throw new ArticleParseError(IngestMessages.frontMatterField(file, "title", "is missing"));
  const source = scalar(fields, "source", file);
  if (!source) throw new ArticleParseError(IngestMessages.frontMatterField(file, "source", "is missing"));
  const publishedText = scalar(fields, "published", file);
  const published = publishedText ? toIsoPublished(publishedText) : null;
  if (publishedText && !published) throw new ArticleParseError(IngestMessages.badDate(file, publishedText));
  const body = markdownParagraphs(rest.slice(closing.index + closing[0].length));
  // A first heading that repeats the title is the title again, not body text.
  const key = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  if (
    body.length > 1 &&
    key(title).startsWith(key(body[0]!)) &&
    /^\s*#/m.test(
      rest
        .slice(closing.index + closing[0].length)
        .trimStart()
        .split("\n")[0]!,
    )
  ) {
    body.shift();
  }
  if (!body.length) throw new ArticleParseError(IngestMessages.noBody(file));
  return {
    title,
    source,
    published,
    url: scalar(fields, "url", file),
    section: scalar(fields, "section", file),
    dateline: findDateline(body[0]!),
    format: "markdown",
    body,
    raw,
  };
}
