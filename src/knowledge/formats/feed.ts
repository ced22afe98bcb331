/**
 * RSS 2.0 and Atom feeds (and RSS 1.0, whose items sit beside the channel): every item becomes an article. fast-xml-parser reads the XML with
 * entity processing off, and a feed that declares its own entities is refused outright, so
 * nothing can expand without bound (billion laughs) or reach outside the file (external entities).
 * The five XML entities and character references are decoded here; item HTML is reduced to text
 * by an inert jsdom document.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { findDateline, oneLine, toIsoPublished } from "./common.ts";
import { ArticleParseError, IngestMessages } from "./errors.ts";
import { htmlFragmentParagraphs, inertDom } from "./html.ts";
import type { ParsedArticle } from "./types.ts";

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references (nothing else: no DTD entities). */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return XML_ENTITIES[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

// Fields that may hold HTML are kept raw (stop nodes) and converted by the HTML parser.
const HTML_FIELDS = ["description", "content:encoded", "content", "summary"];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  stopNodes: [
    "rss.channel.item.description",
    "rss.channel.item.content:encoded",
    "rdf:RDF.item.description",
    "rdf:RDF.item.content:encoded",
    "feed.entry.content",
    "feed.entry.summary",
  ],
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

/** True when the text is an RSS or Atom document. */
export function looksLikeFeed(text: string): boolean {
  const head = text
    .slice(0, 2000)
    .replace(/<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, "")
    .trimStart();
  return /^<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}

type Node = Record<string, unknown>;

/** The text of an element as parsed (a string, or an object with `#text` and attributes). */
function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return decodeXmlEntities(value);
  if (typeof value === "object" && "#text" in (value as Node)) return textOf((value as Node)["#text"]);
  return null;
}

/** A stop node's raw XML as HTML: CDATA unwrapped, escaped markup decoded, literal (xhtml) markup kept. */
function rawToHtml(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith("<![CDATA[") ? part.slice(9, -3) : part.includes("<") ? part : decodeXmlEntities(part),
    )
    .join("");
}

function linkOf(links: unknown): string | null {
  if (!Array.isArray(links)) return textOf(links);
  for (const link of links) {
    if (typeof link === "string") return oneLine(link) || null;
    const l = link as Node;
    const rel = l["@_rel"];
    if (typeof l["@_href"] === "string" && (rel === undefined || rel === "alternate")) return l["@_href"];
    const text = textOf(l);
    if (text?.trim()) return text.trim();
  }
  return null;
}

/** Parses an RSS 2.0 or Atom feed into one article per item. */
export function parseFeed(raw: string, file: string): ParsedArticle[] {
  if (/<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(raw) || /<!ENTITY/i.test(raw)) {
    throw new ArticleParseError(IngestMessages.feedEntities(file));
  }
  const valid = XMLValidator.validate(raw);
  if (valid !== true) {
    throw new ArticleParseError(IngestMessages.feedXml(file, `${valid.err.msg} (line ${valid.err.line})`));
  }
  const xml = parser.parse(raw) as Node;
  const rdf = xml["rdf:RDF"] as Node | undefined;
  const rss = (xml.rss ?? (rdf ? { channel: { ...(rdf.channel as Node), item: rdf.item } } : undefined)) as
    | Node
    | undefined;
  const atom = xml.feed as Node | undefined;
  if (!rss && !atom) {
    const root = Object.keys(xml).find((k) => !k.startsWith("?")) ?? "none";
    throw new ArticleParseError(IngestMessages.feedUnknownRoot(file, root));
  }
  const dom = inertDom("<!doctype html><html><body></body></html>");
  const doc = dom.window.document;
  const html = (node: unknown): string[] => {
    if (node === undefined || node === null) return [];
    const n = typeof node === "string" ? { "#text": node } : (node as Node);
    const raw = typeof n["#text"] === "string" ? n["#text"] : "";
    if (n["@_type"] === "text") return htmlFragmentParagraphs(doc, escapeHtml(decodeXmlEntities(raw)));
    return htmlFragmentParagraphs(doc, rawToHtml(raw));
  };
  const plain = (node: unknown) => {
    const text = textOf(node);
    return text ? oneLine(htmlFragmentParagraphs(doc, text).join(" ") || text) : null;
  };

  const channel = (rss?.channel ?? atom) as Node | undefined;
  const source = plain(channel?.title) ?? "";
  const items = (
    (rss ? (channel?.item as Node[] | undefined) : (atom?.entry as Node[] | undefined)) ?? []
  ).filter((i) => i && typeof i === "object");
  const articles: ParsedArticle[] = [];
  for (const item of items) {
    const title = plain(item.title);
    const bodies = HTML_FIELDS.map((f) => html(item[f])).filter((b) => b.length);
    // The fullest text wins: content:encoded / content over a summary or description.
    const body = bodies.sort((a, b) => b.join(" ").length - a.join(" ").length)[0] ?? [];
    if (!title || !body.length) continue;
    const publishedText =
      textOf(item.pubDate) ?? textOf(item["dc:date"]) ?? textOf(item.published) ?? textOf(item.updated);
    const guid = item.guid as Node | string | undefined;
    const permalink =
      typeof guid === "object" && guid["@_isPermaLink"] !== "false"
        ? textOf(guid)
        : typeof guid === "string"
          ? guid
          : null;
    articles.push({
      title,
      source: source || plain((item.source as Node | undefined) ?? null) || "",
      published: publishedText ? toIsoPublished(publishedText) : null,
      url: linkOf(item.link) ?? (permalink && /^https?:/.test(permalink) ? permalink : null),
      section: plain(Array.isArray(item.category) ? item.category[0] : item.category),
      dateline: findDateline(body[0]!),
      format: "feed",
      body,
      raw,
    });
  }
  dom.window.close();
  if (!articles.length) throw new ArticleParseError(IngestMessages.feedNoItems(file));
  if (articles.some((a) => !a.source)) throw new ArticleParseError(IngestMessages.noSource(file));
  return articles;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
