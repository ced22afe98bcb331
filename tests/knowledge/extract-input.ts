/**
 * Builds the analysis input of a real article file the way the ingest does: the format parsers,
 * then the offset-keeping normalisation.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { AnalyseInput } from "../../src/knowledge/extract.ts";
import { parseArticleFile } from "../../src/knowledge/formats/index.ts";
import { normaliseBody } from "../../src/knowledge/normalise.ts";

/** The shared folder (seed, corpus), next to the repository. */
export const SHARED = join(import.meta.dirname, "..", "..", "..", "shared");
/** The seed article file. */
export const SEED = join(SHARED, "seed", "2023-12-08-armenia-azerbaijan-normalize-relations.txt");
/** The BBC articles folder. */
export const BBC = join(SHARED, "corpus", "bbc-cc0", "articles");

/** The analysis input of the first article of a file. */
export function inputFromFile(file: string, articleId = basename(file).replace(/\.\w+$/, "")): AnalyseInput {
  const [article] = parseArticleFile(readFileSync(file), file);
  if (!article) throw new Error(`no article in ${file}`);
  const n = normaliseBody(article.body, article.title);
  return {
    articleId,
    title: article.title,
    published: article.published,
    text: n.text,
    paragraphs: n.paragraphs,
    toSource: n.toSource,
  };
}
