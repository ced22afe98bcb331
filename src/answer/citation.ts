/**
 * The one way a citation is made from the fact base: the article, its outlet, date and url, the wire
 * credited, and the exact words of the cited sentences. Answers, quotations and message checks all cite
 * through here, so a citation reads the same whichever command gave it.
 */
import type { Article, Sentence } from "../knowledge/schema.ts";
import type { Citation } from "../reply.ts";
import type { SentenceRef } from "./index.ts";

/**
 * Cites one or more sentences of an article (in the order given: callers pass them in article order).
 * The wire is the one credited in those sentences, else the article's first credit.
 */
export function citeSentences(article: Article, sentences: readonly Sentence[]): Citation {
  const cited = (id: string) => sentences.some((s) => s.id === id);
  return {
    articleId: article.id,
    title: article.title,
    source: article.source,
    published: article.published,
    url: article.url,
    attribution:
      article.attributions.find((a) => cited(a.sentenceId))?.name ?? article.attributions[0]?.name ?? null,
    sentence: sentences.map((s) => s.text).join(" "),
  };
}

/** Citation of one indexed sentence. */
export function citationFor(ref: SentenceRef): Citation {
  return citeSentences(ref.article, [ref.sentence]);
}
