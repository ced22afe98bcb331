/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1 (Lin, 2004), for `npm run eval:digest`.
 * Tokens: lower-cased runs of letters and digits (apostrophes inside words kept), no stemming, no
 * stopword removal; ROUGE-L is the summary-level LCS of the two token sequences (all sentences joined).
 */

/** The tokenizer used for both candidate and reference. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(" ");
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Precision, recall and F1 of one comparison. */
export interface Prf {
  p: number;
  r: number;
  f: number;
}

function prf(overlap: number, candidate: number, reference: number): Prf {
  const p = candidate ? overlap / candidate : 0;
  const r = reference ? overlap / reference : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** ROUGE-N with clipped n-gram counts. */
export function rougeN(candidate: string, reference: string, n: number): Prf {
  const c = ngrams(rougeTokens(candidate), n);
  const r = ngrams(rougeTokens(reference), n);
  let overlap = 0;
  for (const [g, k] of c) overlap += Math.min(k, r.get(g) ?? 0);
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return prf(overlap, total(c), total(r));
}

/** Length of the longest common subsequence (two rows of the DP table). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** ROUGE-L from the LCS of the whole token sequences. */
export function rougeL(candidate: string, reference: string): Prf {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return prf(lcsLength(c, r), c.length, r.length);
}

/** The three F1 scores of one summary. */
export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

export function rouge(candidate: string, reference: string): RougeScores {
  return {
    rouge1: rougeN(candidate, reference, 1).f,
    rouge2: rougeN(candidate, reference, 2).f,
    rougeL: rougeL(candidate, reference).f,
  };
}
