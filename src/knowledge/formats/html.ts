/**
 * HTML news pages: the article is extracted by @mozilla/readability over a jsdom DOM. jsdom runs
 * no scripts and fetches nothing (no `runScripts`, no `resources`), so a hostile page is inert.
 * Metadata comes from the page head: `article:published_time`, JSON-LD, `<time datetime>`,
 * `og:site_name`, the canonical link.
 */
import { createRequire } from "node:module";
import type { Readability as ReadabilityClass } from "@mozilla/readability";
import type { JSDOM } from "jsdom";
import { findDateline, oneLine, splitParagraphs, toIsoPublished } from "./common.ts";
import { ArticleParseError, IngestMessages } from "./errors.ts";
import type { ParsedArticle } from "./types.ts";

const BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, dd, dt";

// jsdom and Readability are loaded on the first HTML article, not at import: loading jsdom costs
// about a second of CPU, which every ingest (and its worker threads) paid even with no HTML file.
const require = createRequire(import.meta.url);
let jsdom: typeof import("jsdom") | null = null;
let readability: typeof ReadabilityClass | null = null;
const loadJsdom = () => (jsdom ??= require("jsdom") as typeof import("jsdom"));
const loadReadability = () =>
  (readability ??= (require("@mozilla/readability") as typeof import("@mozilla/readability")).Readability);

/** A DOM that parses HTML and does nothing else: no scripts, no network, no console noise. */
export function inertDom(html: string): JSDOM {
  const { JSDOM, VirtualConsole } = loadJsdom();
  return new JSDOM(html, { virtualConsole: new VirtualConsole() });
}

/** The plain-text paragraphs of an HTML element: one per innermost block, else its text split on blank lines. */
export function htmlParagraphs(root: Element): string[] {
  // A figure's caption and credit describe a picture, not the story (`furniture.ts` says more).
  const blocks = [...root.querySelectorAll(BLOCKS)].filter(
    (el) => !el.querySelector(BLOCKS) && !el.closest("figure, figcaption"),
  );
  if (!blocks.length) return splitParagraphs(root.textContent ?? "");
  return blocks.map((el) => oneLine(el.textContent ?? "")).filter(Boolean);
}

/** Converts an HTML fragment to paragraphs, using an existing document as the parser. */
export function htmlFragmentParagraphs(document: Document, html: string): string[] {
  const container = document.createElement("div");
  container.innerHTML = html;
  return htmlParagraphs(container);
}

type Json = Record<string, unknown>;

/** The JSON-LD objects of a page (`@graph` flattened), ignoring blocks that are not valid JSON. */
function jsonLd(document: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      out.push(v as Json);
      if ("@graph" in v) visit((v as Json)["@graph"]);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ""));
    } catch {
      // A broken JSON-LD block is common on real pages; the other metadata still counts.
    }
  }
  return out;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? oneLine(v) : null);

/** Parses an HTML news page. */
export function parseHtmlArticle(raw: string, file: string): ParsedArticle {
  const dom = inertDom(raw);
  const doc = dom.window.document;
  const meta = (...names: string[]) => {
    for (const name of names) {
      const el = doc.querySelector(
        `meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`,
      );
      const content = str(el?.getAttribute("content"));
      if (content) return content;
    }
    return null;
  };
  const ld = jsonLd(doc);
  const ldArticle = ld.find((o) => typeof o.datePublished === "string" || typeof o.headline === "string");
  const ldPublisher = ldArticle?.publisher as Json | undefined;

  // Metadata first: Readability rewrites the document it reads.
  const publishedText =
    meta(
      "article:published_time",
      "datePublished",
      "pubdate",
      "publishdate",
      "date",
      "dc.date",
      "DC.date.issued",
    ) ??
    str(ldArticle?.datePublished) ??
    str(doc.querySelector("time[datetime]")?.getAttribute("datetime"));
  const url =
    str(doc.querySelector('link[rel="canonical"]')?.getAttribute("href")) ??
    meta("og:url") ??
    str(ldArticle?.url);
  const siteName = meta("og:site_name", "application-name") ?? str(ldPublisher?.name);
  const section = meta("article:section") ?? str(ldArticle?.articleSection);
  const headline = str(ldArticle?.headline) ?? meta("og:title");

  const Readability = loadReadability();
  const article = new Readability(doc).parse();
  if (!article?.content) throw new ArticleParseError(IngestMessages.htmlNoArticle(file));
  const body = htmlFragmentParagraphs(doc, article.content);
  if (!body.length) throw new ArticleParseError(IngestMessages.noBody(file));
  const title = headline ?? str(article.title);
  if (!title) throw new ArticleParseError(IngestMessages.noTitle(file));
  let host: string | null = null;
  try {
    host = url ? new URL(url).hostname.replace(/^www\./, "") : null;
  } catch {
    host = null;
  }
  const source = siteName ?? str(article.siteName) ?? str(article.byline) ?? host;
  if (!source) throw new ArticleParseError(IngestMessages.noSource(file));
  const published = publishedText
    ? toIsoPublished(publishedText)
    : article.publishedTime
      ? toIsoPublished(article.publishedTime)
      : null;
  dom.window.close();
  return {
    title,
    source,
    published,
    url,
    section,
    dateline: findDateline(body[0]!),
    format: "html",
    body,
    raw,
  };
}
