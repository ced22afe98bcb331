/**
 * The parts of the build that need no language analysis: article identity and ids, the schema
 * check of one article's facts, and the merge of all articles' facts into the fact base. Kept
 * apart from {@link ./build.ts} so ingest's main thread, which only reads files and merges while
 * worker threads analyse, does not load compromise.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import { mergeEntities } from "./entities.ts";
import type { ParsedArticle } from "./formats/types.ts";
import { normaliseText } from "./normalise.ts";
import {
  type Argument,
  type Article,
  ArticleSchema,
  type Entity,
  EntitySchema,
  type Event,
  EventSchema,
  FACT_BASE_FORMAT,
  FACT_BASE_VERSION,
  type FactBase,
  FactBaseSchema,
  type Quotation,
  QuotationSchema,
  type Statement,
  StatementSchema,
} from "./schema.ts";

/** What one article contributes to the fact base; entity ids are article-local until merged. */
export interface ArticleFacts {
  article: Article;
  entities: Entity[];
  events: Event[];
  quotations: Quotation[];
  statements: Statement[];
}

/** Where an article is stored and when it came in. */
export interface BuildMeta {
  id: string;
  /** The copied source file, relative to the knowledge folder (`articles/…`). */
  file: string;
  ingestedAt: string;
}

/** An article's fact base that fails the schema: a bug in extraction, reported with the field. */
export class FactBaseBuildError extends Error {
  override name = "FactBaseBuildError";
}

const slugify = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/** The title as the fact base holds it: whitespace and run-together names repaired. */
export const cleanTitle = (title: string) => normaliseText(title).text;

/** A URL reduced to what identifies the page: no fragment, no tracking parameters, no trailing slash. */
export function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = "";
    for (const key of [...u.searchParams.keys()]) {
      if (/^(utm_|fbclid$|gclid$|ocid$|cmpid$)/i.test(key)) u.searchParams.delete(key);
    }
    u.hostname = u.hostname.toLowerCase().replace(/^www\./, "");
    return u.toString().replace(/\/$/, "");
  } catch {
    return url.trim();
  }
}

/**
 * What makes two parsed articles the same article: the URL when there is one, else the
 * title (case, punctuation and spacing ignored) with the publication day.
 */
export function articleIdentity(parsed: Pick<ParsedArticle, "url" | "title" | "published">): string {
  if (parsed.url) return `url:${canonicalUrl(parsed.url)}`;
  const title = cleanTitle(parsed.title)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return `title:${title}|${parsed.published?.slice(0, 10) ?? ""}`;
}

/** A stable, readable id: the title's slug (first words) and a short hash of the identity. */
export function articleId(parsed: Pick<ParsedArticle, "url" | "title" | "published">): string {
  const words = slugify(cleanTitle(parsed.title)).split("-").filter(Boolean);
  let slug = "";
  for (const w of words) {
    if (slug && slug.length + w.length + 1 > 60) break;
    slug = slug ? `${slug}-${w}` : w;
  }
  const hash = createHash("sha1").update(articleIdentity(parsed)).digest("hex").slice(0, 8);
  return `${slug || "article"}-${hash}`;
}

/** Points an argument's entity references (the first, and all of a coordination) at the merged entities. */
const remapArg = (arg: Argument | null, remap: Map<string, string>): Argument | null => {
  if (!arg) return arg;
  const to = (id: string) => remap.get(id) ?? id;
  return {
    ...arg,
    entityId: arg.entityId ? to(arg.entityId) : arg.entityId,
    ...(arg.entityIds ? { entityIds: [...new Set(arg.entityIds.map(to))] } : {}),
  };
};

/** The first schema problem of a value, as `path: message`. */
function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!;
  return `${issue.path.map(String).join(".") || "(top level)"}: ${issue.message}`;
}

/** Options of {@link buildFactBase}. */
export interface BuildFactBaseOptions {
  /**
   * Every article's facts come from {@link sanitiseArticleFacts} (as ingest's do): the merged
   * entities are checked, not the whole fact base a second time.
   */
  checked?: boolean;
}

/**
 * Merges the articles' facts into one fact base: entities merged across articles (ids remapped
 * in events, quotations and statements), then validated with {@link FactBaseSchema}.
 * Throws a {@link FactBaseBuildError} naming the first bad field.
 */
export function buildFactBase(
  perArticle: readonly ArticleFacts[],
  builtAt = new Date().toISOString(),
  options: BuildFactBaseOptions = {},
): FactBase {
  const merged = mergeEntities(perArticle.map((a) => a.entities));
  const { remap } = merged;
  let { entities } = merged;
  if (options.checked) {
    // Every article and item already passed its schema (in the worker that built it); merging
    // changes entities only, so only they are checked again, not the whole fact base.
    entities = entities.map((e, i) => {
      const r = EntitySchema.safeParse(e);
      if (!r.success)
        throw new FactBaseBuildError(`fact base invalid at entities.${i}.${firstIssue(r.error)}`);
      return r.data;
    });
  }
  const facts: FactBase = {
    format: FACT_BASE_FORMAT,
    version: FACT_BASE_VERSION,
    builtAt,
    articles: perArticle.map((a) => a.article),
    entities: entities.map((e) =>
      e.standsFor ? { ...e, standsFor: remap.get(e.standsFor) ?? e.standsFor } : e,
    ),
    events: perArticle.flatMap((a) =>
      a.events.map((e) => ({
        ...e,
        actor: remapArg(e.actor, remap),
        object: remapArg(e.object, remap),
        place: remapArg(e.place, remap),
      })),
    ),
    quotations: perArticle.flatMap((a) =>
      a.quotations.map((q) => ({ ...q, speaker: remapArg(q.speaker, remap) })),
    ),
    statements: perArticle.flatMap((a) =>
      a.statements.map((s) => ({ ...s, speaker: remapArg(s.speaker, remap) })),
    ),
  };
  if (options.checked) return facts;
  const checked = FactBaseSchema.safeParse(facts);
  if (!checked.success) throw new FactBaseBuildError(`fact base invalid at ${firstIssue(checked.error)}`);
  return checked.data;
}

/** One article's facts after {@link sanitiseArticleFacts}: what was kept and what was dropped. */
export interface SanitisedFacts {
  /** Null when the article itself is invalid (then nothing of it can be kept). */
  facts: ArticleFacts | null;
  /** One `kind.index.field: message` per invalid item (or the article's problem). */
  problems: string[];
}

/**
 * Checks one article's facts against the schema. An invalid article fails its file; an invalid
 * extracted item (an event without an action, say) is dropped on its own, and references to a
 * dropped entity are cleared, so one extraction slip does not cost the article or the fact base.
 */
export function sanitiseArticleFacts(facts: ArticleFacts): SanitisedFacts {
  const article = ArticleSchema.safeParse(facts.article);
  if (!article.success) return { facts: null, problems: [`article.${firstIssue(article.error)}`] };
  const problems: string[] = [];
  // The parsed values are kept (unknown keys dropped, as the fact base's own check would), so the
  // merge needs no second check of the items.
  const keep = <T>(kind: string, items: readonly T[], schema: z.ZodType<T>): T[] => {
    const kept: T[] = [];
    items.forEach((item, i) => {
      const r = schema.safeParse(item);
      if (r.success) kept.push(r.data);
      else problems.push(`${kind}.${i}.${firstIssue(r.error)}`);
    });
    return kept;
  };
  const entities = keep("entities", facts.entities, EntitySchema);
  const ids = new Set(entities.map((e) => e.id));
  const known = (arg: Argument | null): Argument | null => {
    if (!arg) return arg;
    const entityId = arg.entityId && !ids.has(arg.entityId) ? null : arg.entityId;
    if (!arg.entityIds) return entityId === arg.entityId ? arg : { ...arg, entityId };
    return { ...arg, entityId, entityIds: arg.entityIds.filter((id) => ids.has(id)) };
  };
  const events = keep("events", facts.events, EventSchema).map((e) => ({
    ...e,
    actor: known(e.actor),
    object: known(e.object),
    place: known(e.place),
  }));
  const quotations = keep("quotations", facts.quotations, QuotationSchema).map((q) => ({
    ...q,
    speaker: known(q.speaker),
  }));
  const statements = keep("statements", facts.statements, StatementSchema).map((st) => ({
    ...st,
    speaker: known(st.speaker),
  }));
  return { facts: { article: article.data, entities, events, quotations, statements }, problems };
}
