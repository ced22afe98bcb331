/**
 * Format detection: by content first (front matter, JSON, a feed root, an HTML document, the
 * plain-text layout), the file's extension breaking ties. Every parser returns {@link ParsedArticle}s.
 */
import { extname } from "node:path";
import { ArticleParseError, IngestMessages } from "./errors.ts";
import { looksLikeFeed, parseFeed } from "./feed.ts";
import { parseHtmlArticle } from "./html.ts";
import { parseJsonArticles } from "./json.ts";
import { hasFrontMatter, parseMarkdownArticle } from "./markdown.ts";
import { looksLikeTextArticle, parseTextArticle } from "./text.ts";
import type { ParsedArticle } from "./types.ts";

export { ArticleParseError, IngestMessages } from "./errors.ts";
export type { Dateline, ParsedArticle } from "./types.ts";

/** Extensions picked when a folder is walked. */
export const ARTICLE_EXTENSIONS: ReadonlySet<string> = new Set([
  ".txt",
  ".md",
  ".markdown",
  ".json",
  ".html",
  ".htm",
  ".xml",
  ".rss",
  ".atom",
]);

/** The format a file's content says it is in, or null for an unknown layout. */
export type DetectedFormat = "text" | "markdown" | "json" | "html" | "feed";

/**
 * Decodes a file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, and otherwise
 * Windows-1252 when the bytes are not valid UTF-8 (older Western news exports). Returns null
 * when the result is not text: a NUL byte, or more than 1 in 100 characters being control characters.
 */
export function decodeArticleBytes(bytes: Uint8Array): string | null {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff)
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    if (bytes.subarray(0, 8192).includes(0)) return null;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder("windows-1252").decode(bytes);
    }
  }
  text = text.replace(/^\uFEFF/, "");
  const head = text.slice(0, 8192);
  let bad = 0;
  for (const ch of head) {
    const c = ch.codePointAt(0)!;
    if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad > head.length / 100 ? null : text;
}

/** Detects the format from the content, falling back to the extension. */
export function detectFormat(text: string, file: string): DetectedFormat | null {
  const head = text.replace(/^\uFEFF/, "").trimStart();
  const ext = extname(file).toLowerCase();
  if (hasFrontMatter(text)) return "markdown";
  if (head.startsWith("{") || head.startsWith("[")) return "json";
  if (looksLikeFeed(head)) return "feed";
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>])/i.test(head)) return "html";
  if (head.startsWith("<"))
    return ext === ".html" || ext === ".htm" ? "html" : ext === ".json" ? null : "feed";
  if (ext === ".json") return "json";
  if (looksLikeTextArticle(head)) return "text";
  return null;
}

/** Reads one file's bytes into its articles; throws an {@link ArticleParseError} with the line to print. */
export function parseArticleFile(bytes: Uint8Array, file: string): ParsedArticle[] {
  const articles = parseDecoded(bytes, file);
  for (const a of articles) {
    const chars = a.body.reduce((n, p) => n + p.length, 0);
    if (chars > MAX_ARTICLE_CHARS)
      throw new ArticleParseError(IngestMessages.tooLong(file, a.title, chars, MAX_ARTICLE_CHARS));
  }
  return articles;
}

/**
 * Longest article body analysed, in characters. The analysis slows down on very long text (an
 * article of 200,000 characters took over two minutes, a 5 MB one would stall the ingest for hours)
 * and no news article comes near this (the longest BBC one has about 10,000), so a longer one is
 * refused with a clear line.
 */
export const MAX_ARTICLE_CHARS = 100_000;

/**
 * Deepest element nesting parsed as HTML. jsdom's parser takes time quadratic in the depth and
 * overflows the stack past some thousands (20,000 nested `<div>`s: three minutes, then a crash);
 * real pages stay under a hundred.
 */
export const MAX_MARKUP_DEPTH = 1000;

// Elements that never nest (void) or whose end tag HTML lets a writer omit (so they do not deepen).
const FLAT_ELEMENTS = new Set(
  "area base br col embed hr img input link meta source track wbr p li dt dd tr td th option tbody thead tfoot".split(
    " ",
  ),
);

/** The deepest nesting of elements in markup, counted from its tags in one linear pass. */
export function markupDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const m of text.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^<>]*>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[0].endsWith("/>") && !FLAT_ELEMENTS.has(m[2]!.toLowerCase())) max = Math.max(max, ++depth);
  }
  return max;
}

function parseDecoded(bytes: Uint8Array, file: string): ParsedArticle[] {
  const text = decodeArticleBytes(bytes);
  if (text === null) throw new ArticleParseError(IngestMessages.binary(file));
  if (!text.trim()) throw new ArticleParseError(IngestMessages.empty(file));
  const format = detectFormat(text, file);
  if (format === "html" || format === "feed") {
    const depth = markupDepth(text);
    if (depth > MAX_MARKUP_DEPTH)
      throw new ArticleParseError(IngestMessages.tooDeep(file, depth, MAX_MARKUP_DEPTH));
  }
  switch (format) {
    case "markdown":
      return [parseMarkdownArticle(text, file)];
    case "json":
      return parseJsonArticles(text, file);
    case "feed":
      return parseFeed(text, file);
    case "html":
      return [parseHtmlArticle(text, file)];
    case "text":
      return [parseTextArticle(text, file)];
    default:
      if (/\.(md|markdown)$/i.test(file))
        throw new ArticleParseError(IngestMessages.markdownNoFrontMatter(file));
      throw new ArticleParseError(IngestMessages.unknownLayout(file));
  }
}
