/**
 * Sentences of an article: compromise's sentence split (it knows `Mr.`, `U.S.`, `$1.13bn`, quotes
 * ending in `."`), cut again at paragraph ends so that no sentence runs over two paragraphs, with
 * spans into the normalised text and into the original body.
 */
import type { RawSentence, Token } from "./nlp.ts";
import type { Sentence, Span } from "./schema.ts";

/** A sentence with the tokens that fall in it. */
export interface SentenceTokens {
  sentence: Sentence;
  tokens: Token[];
}

/** Builds the article's sentences from compromise's split and the paragraph spans. */
export function buildSentences(
  articleId: string,
  text: string,
  paragraphs: Span[],
  raw: RawSentence[],
  toSource: (offset: number) => number,
): SentenceTokens[] {
  const out: SentenceTokens[] = [];
  const paras = paragraphs.length > 0 ? paragraphs : [{ start: 0, end: text.length }];
  let p = 0;
  for (const rs of raw) {
    let from = rs.start;
    while (from < rs.end) {
      while (p < paras.length - 1 && paras[p]!.end <= from) p++;
      const para = paras[p]!;
      const to = Math.min(rs.end, Math.max(para.end, from + 1));
      push(from, to, p, rs.tokens);
      from = to;
      if (to >= para.end && p < paras.length - 1) p++;
    }
  }
  return out;

  function push(from: number, to: number, paragraph: number, tokens: Token[]): void {
    let start = from;
    let end = to;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    // compromise starts a sentence at its first word: an opening quote or bracket belongs to it.
    while (
      start > 0 &&
      /["“‘'([]/.test(text[start - 1]!) &&
      (out.length === 0 || out[out.length - 1]!.sentence.end <= start - 1)
    )
      start--;
    // A lone stray full stop (`. .` left over) is not a sentence.
    if (end <= start || !/[\p{L}\p{N}]/u.test(text.slice(start, end))) return;
    const index = out.length;
    out.push({
      sentence: {
        id: `${articleId}#s${index}`,
        index,
        paragraph,
        start,
        end,
        text: text.slice(start, end),
        source: { start: toSource(start), end: toSource(end) },
      },
      tokens: tokens.filter((t) => t.start >= start && t.start < end),
    });
  }
}
