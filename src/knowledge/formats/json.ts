/**
 * JSON articles: one object `{title, published, source, url?, section?, body}` or an array of
 * them. Validated with zod; an error names the item and the field.
 */
import { z } from "zod";
import { findDateline, oneLine, splitParagraphs, toIsoPublished } from "./common.ts";
import { ArticleParseError, IngestMessages } from "./errors.ts";
import type { ParsedArticle } from "./types.ts";

const text = z.string().trim().min(1, "must not be empty");

/** One article in a JSON file. */
export const JsonArticleSchema = z.object({
  title: text,
  source: text,
  published: z.string().trim().nullable().optional(),
  url: z.string().trim().nullable().optional(),
  section: z.string().trim().nullable().optional(),
  /** The body: one string (paragraphs separated by blank lines) or a list of paragraphs. */
  body: z.union([text, z.array(z.string()).min(1, "must hold at least one paragraph")]),
});
export type JsonArticle = z.infer<typeof JsonArticleSchema>;

/** Parses a JSON article file (object or array). */
export function parseJsonArticles(raw: string, file: string): ParsedArticle[] {
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new ArticleParseError(IngestMessages.json(file, (err as Error).message));
  }
  const items = Array.isArray(data) ? data : [data];
  if (!items.length) throw new ArticleParseError(IngestMessages.jsonEmptyArray(file));
  return items.map((item, i) => {
    const where = Array.isArray(data) ? `item ${i}` : "object";
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      throw new ArticleParseError(IngestMessages.jsonField(file, where, "expected an object"));
    }
    const parsed = JsonArticleSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join(".") || "(object)";
      const message =
        issue.code === "invalid_type" &&
        (item as Record<string, unknown>)[String(issue.path[0])] === undefined
          ? "is missing"
          : issue.message.replace(/^Invalid input: /, "");
      throw new ArticleParseError(IngestMessages.jsonField(file, `${where} field \`${field}\``, message));
    }
    const a = parsed.data;
    const published = a.published ? toIsoPublished(a.published) : null;
    if (a.published && !published) throw new ArticleParseError(IngestMessages.badDate(file, a.published));
    const body = (typeof a.body === "string" ? [a.body] : a.body).flatMap(splitParagraphs);
    if (!body.length) throw new ArticleParseError(IngestMessages.noBody(file));
    return {
      title: oneLine(a.title),
      source: oneLine(a.source),
      published,
      url: a.url || null,
      section: a.section || null,
      dateline: findDateline(body[0]!),
      format: "json" as const,
      body,
      raw,
    };
  });
}
