/**
 * Questions about an article rather than about the news in it: where it was filed from (its
 * dateline), which outlet published it, which wire it credits, when it was published. The article
 * is the one whose title the question names best (a quoted title, else the question's words).
 */
import type { Article } from "../knowledge/schema.ts";
import { terms } from "./terms.ts";

/** What about an article a question asks. */
export type MetadataAsk = "dateline" | "outlet" | "wire" | "published";

/** The news words for each (a wire story's dateline is where it was "filed from"). */
const ASKS: [MetadataAsk, RegExp][] = [
  ["dateline", /\b(filed|datelined?|reported)\s+from\b|\bdateline\b/i],
  [
    "outlet",
    /\b(which|what)\s+(outlet|newspaper|paper|publication|website|site|broadcaster|network)\b.*\b(publish|run|ran|report|carr)/i,
  ],
  ["wire", /\b(which|what)\s+(wire|news agency|agency|wire service)\b.*\b(credit|cite|cited|quoted|source)/i],
  ["published", /\bwhen\s+(was|were)\b.*\b(published|posted)\b/i],
];

/** The kind of metadata a question asks for, or null for a question about the news itself. */
export function metadataAsk(question: string): MetadataAsk | null {
  return ASKS.find(([, re]) => re.test(question))?.[0] ?? null;
}

/** The title a question quotes (`the report "firestone to close three tire plants"`), or null. */
export function quotedTitle(question: string): string | null {
  const m = /["“”]([^"“”]{3,})["“”]/.exec(question);
  return m ? m[1]!.trim() : null;
}

/** The article whose title shares the most of the named words (Dice coefficient over title terms). */
export function articleNamed(
  articles: readonly Article[],
  named: string,
): { article: Article; overlap: number } | null {
  const wanted = new Set(terms(named));
  if (wanted.size === 0) return null;
  let best: { article: Article; overlap: number } | null = null;
  for (const article of articles) {
    const title = new Set(terms(article.title));
    let shared = 0;
    for (const t of wanted) if (title.has(t)) shared++;
    const overlap = (2 * shared) / (wanted.size + title.size);
    if (!best || overlap > best.overlap) best = { article, overlap };
  }
  return best;
}

/** The answer to a metadata question about an article, or null when the article does not say. */
export function metadataAnswer(article: Article, ask: MetadataAsk): string | null {
  switch (ask) {
    case "dateline":
      return article.dateline?.place ?? null;
    case "outlet":
      return article.source;
    case "wire":
      return article.attributions[0]?.name ?? null;
    case "published":
      return article.published;
  }
}
