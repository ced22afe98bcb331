/**
 * From a parsed article to its facts, and from all articles' facts to the fact base.
 *
 * {@link buildArticle} is a pure function of its inputs (a parsed file in, article facts out: no
 * I/O, no shared state), so ingest can run it in worker threads; {@link buildFactBase} merges
 * entities across articles and validates the result with the fact base schema. The parts that
 * need no language analysis live in `build-facts.ts` (re-exported here).
 */

import {
  type ArticleFacts,
  type BuildMeta,
  cleanTitle,
  type SanitisedFacts,
  sanitiseArticleFacts,
} from "./build-facts.ts";
import { analyseArticle } from "./extract.ts";
import type { ParsedArticle } from "./formats/types.ts";
import { normaliseBody } from "./normalise.ts";
import { extractQuotations } from "./quotations.ts";
import type { Article } from "./schema.ts";

export * from "./build-facts.ts";

/** {@link buildArticle}, then {@link sanitiseArticleFacts}: what a build worker does with one article. */
export function buildCheckedArticle(parsed: ParsedArticle, meta: BuildMeta): SanitisedFacts {
  return sanitiseArticleFacts(buildArticle(parsed, meta));
}

/** Normalises, analyses and extracts one article: pure, so it can run in a worker. */
export function buildArticle(parsed: ParsedArticle, meta: BuildMeta): ArticleFacts {
  const title = cleanTitle(parsed.title);
  const body = normaliseBody(parsed.body, parsed.title);
  const analysis = analyseArticle({
    articleId: meta.id,
    title,
    published: parsed.published,
    text: body.text,
    paragraphs: body.paragraphs,
    toSource: body.toSource,
  });
  const { quotations, statements } = extractQuotations({
    articleId: meta.id,
    published: parsed.published,
    text: body.text,
    paragraphs: body.paragraphs,
    sentences: analysis.sentences,
    entities: analysis.entities,
  });
  const article: Article = {
    id: meta.id,
    title,
    source: parsed.source,
    published: parsed.published,
    url: parsed.url,
    section: parsed.section,
    dateline: parsed.dateline,
    format: parsed.format,
    file: meta.file,
    ingestedAt: meta.ingestedAt,
    text: body.text,
    paragraphs: body.paragraphs,
    sentences: analysis.sentences,
    attributions: analysis.attributions,
  };
  return { article, entities: analysis.entities, events: analysis.events, quotations, statements };
}
