import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerIndex, type SentenceHit, type TermGroup } from "../../src/answer/index.ts";
import { terms } from "../../src/answer/terms.ts";
import type { FactBase } from "../../src/knowledge/schema.ts";
import { BBC, type BuiltKnowledge, buildKnowledge, SEED } from "./setup.ts";

/** The index's GATHER_LIMIT: past this many candidates, a posting list only adds to those found. */
const GATHER_LIMIT = 3000;

let built: BuiltKnowledge;
let index: AnswerIndex;
/** The same articles copied until the commonest word alone is in more sentences than GATHER_LIMIT. */
let large: AnswerIndex;
/** The articles' terms, commonest first. */
let words: string[];
beforeAll(async () => {
  built = await buildKnowledge([SEED, `${BBC}/business-001.md`, `${BBC}/business-002.md`]);
  index = new AnswerIndex(built.facts);
  words = termsOf(index);
  large = new AnswerIndex(
    copied(built.facts, Math.ceil((GATHER_LIMIT + 500) / index.documentFrequency(words[0]!))),
  );
}, 60_000);
afterAll(() => built?.remove());

/** The facts with their articles repeated `times` times, each copy under its own ids. */
function copied(facts: FactBase, times: number): FactBase {
  const articles: FactBase["articles"] = [];
  for (let k = 0; k < times; k++) {
    for (const a of facts.articles) {
      const id = k === 0 ? a.id : `${a.id}-copy${k}`;
      articles.push({ ...a, id, sentences: a.sentences.map((s, i) => ({ ...s, id: `${id}#s${i}` })) });
    }
  }
  return { ...facts, articles };
}

/** A hit as plain values, to compare. */
function plain(hit: SentenceHit) {
  return {
    ordinal: hit.ref.ordinal,
    score: hit.score,
    coverage: hit.coverage,
    matched: hit.matched,
    missingRequired: hit.missingRequired,
  };
}

/**
 * `searchSentences` written the plain way: a map of candidates, a value per group each, every
 * candidate scored, full sorts. The same arithmetic in the same order, so the same numbers.
 */
function referenceSearch(ix: AnswerIndex, groups: TermGroup[], limit: number) {
  const G = groups.length;
  const weights = groups.map((g) => {
    const known = g.alts.some((a) => ix.documentFrequency(a.term) > 0);
    return known ? Math.max(0, ...g.alts.map((a) => ix.idf(a.term) * a.weight)) : ix.maxIdf;
  });
  const total = groups.reduce((sum, g, i) => sum + g.boost * (weights[i]! + 1), 0) || 1;
  const entries = groups
    .flatMap((g, gi) =>
      g.alts.map((a) => ({ gi, value: g.boost * ix.idf(a.term) * a.weight, list: ix.postings(a.term) })),
    )
    .filter((e) => e.list !== undefined)
    .sort((a, b) => a.list!.length - b.list!.length);
  const values = new Map<number, number[]>();
  for (const { gi, value, list } of entries) {
    if (values.size === 0 || values.size + list!.length <= GATHER_LIMIT) {
      for (const ordinal of list!) {
        const row = values.get(ordinal) ?? new Array<number>(G).fill(0);
        values.set(ordinal, row);
        row[gi] = Math.max(row[gi]!, value);
      }
    } else {
      const holding = new Set(list);
      for (const [ordinal, row] of values) if (holding.has(ordinal)) row[gi] = Math.max(row[gi]!, value);
    }
  }
  const refs = ix.sentences;
  const avg = refs.reduce((sum, r) => sum + r.length, 0) / refs.length;
  const norm = (ordinal: number) => 0.75 + 0.25 * (refs[ordinal]!.length / avg);
  const raw = [...values].map(([ordinal, row]) => ({
    ordinal,
    row,
    raw: row.reduce((sum, v) => sum + v, 0) / norm(ordinal),
  }));
  raw.sort((a, b) => b.raw - a.raw || a.ordinal - b.ordinal);
  const hits = raw.slice(0, limit * 4).map(({ ordinal, row }) => {
    const title = terms(refs[ordinal]!.article.title);
    let sum = 0;
    let covered = 0;
    const matched = groups.map((g, gi) => {
      let v = row[gi]!;
      if (v === 0 && g.required && g.alts.some((a) => title.includes(a.term)))
        v = 0.5 * g.boost * weights[gi]!;
      sum += v;
      if (v > 0) covered += v + g.boost * Math.min(1, v / (g.boost * weights[gi]! || 1));
      return v > 0;
    });
    return {
      ordinal,
      score: sum / norm(ordinal),
      coverage: Math.min(1, covered / total),
      matched,
      missingRequired: groups.some((g, gi) => g.required && !matched[gi]),
    };
  });
  hits.sort((a, b) => b.score - a.score || a.ordinal - b.ordinal);
  return hits.slice(0, limit);
}

/** Every distinct term of the articles' sentences and titles, commonest first. */
function termsOf(ix: AnswerIndex): string[] {
  const all = new Set<string>();
  for (const ref of ix.sentences) for (const t of terms(ref.sentence.text)) all.add(t);
  for (const a of ix.facts.articles) for (const t of terms(a.title)) all.add(t);
  return [...all].sort((a, b) => ix.documentFrequency(b) - ix.documentFrequency(a) || a.localeCompare(b));
}

/** Groups of alternatives: the articles' terms (the commonest more often) and words they lack. */
function groupsFrom(words: string[]) {
  const word = fc.oneof(
    fc.constantFrom(...words.slice(0, 30)),
    fc.constantFrom(...words),
    fc.constantFrom("zzyzx", "quorpt"),
  );
  const alt = fc.record({ term: word, weight: fc.constantFrom(1, 0.8, 0.5) });
  const group = fc.record({
    word: fc.constant("w"),
    alts: fc.array(alt, { minLength: 1, maxLength: 4 }),
    boost: fc.constantFrom(1, 1.5, 2),
    required: fc.boolean(),
  });
  return fc.array(group, { minLength: 0, maxLength: 6 });
}

describe("searching the sentences", () => {
  it("ranks as scoring every candidate and sorting them all would, for any groups of the articles' words", () => {
    fc.assert(
      fc.property(
        groupsFrom(words),
        fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(200)),
        (groups, limit) => {
          expect(index.searchSentences(groups, limit).map(plain)).toEqual(
            referenceSearch(index, groups, limit),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it("past 3,000 candidates, only adds a commoner word's score to the candidates already found", () => {
    // A rarer word gathers first; the commonest word's postings alone are past the limit.
    expect(large.documentFrequency(words[0]!)).toBeGreaterThan(GATHER_LIMIT);
    // The rarest word of a sentence that holds the commonest.
    const withCommonest = large.sentenceAt(large.postings(words[0]!)![0]!)!.sentence.text;
    const rare = terms(withCommonest).sort(
      (a, b) => large.documentFrequency(a) - large.documentFrequency(b),
    )[0]!;
    expect(large.documentFrequency(rare)).toBeLessThan(GATHER_LIMIT / 10);
    const groups: TermGroup[] = [rare, words[0]!].map((w) => ({
      word: w,
      alts: [{ term: w, weight: 1 }],
      boost: 1,
      required: false,
    }));
    const hits = large.searchSentences(groups, 200);
    expect(hits.map(plain)).toEqual(referenceSearch(large, groups, 200));
    // The commonest word scored only sentences the rare one had gathered, some of them.
    for (const hit of hits) expect(hit.matched[0]).toBe(true);
    expect(hits.some((hit) => hit.matched[1])).toBe(true);
    fc.assert(
      fc.property(groupsFrom(words), fc.constantFrom(1, 40, 200), (groups, limit) => {
        expect(large.searchSentences(groups, limit).map(plain)).toEqual(
          referenceSearch(large, groups, limit),
        );
      }),
      { numRuns: 30 },
    );
  });

  it("gives a sentence its article title's name at half weight when the sentence leaves the name out", () => {
    const title = built.facts.articles[0]!.title;
    const titleTerm = terms(title).find((t) => index.documentFrequency(t) < index.sentenceCount / 2)!;
    const other = termsOf(index).find((t) => t !== titleTerm && !terms(title).includes(t))!;
    const groups: TermGroup[] = [
      { word: other, alts: [{ term: other, weight: 1 }], boost: 1, required: false },
      { word: titleTerm, alts: [{ term: titleTerm, weight: 1 }], boost: 2, required: true },
    ];
    const hits = index.searchSentences(groups, 500);
    const fromTitle = hits.filter(
      (h) =>
        h.ref.article === built.facts.articles[0] && !h.ref.sentence.text.toLowerCase().includes(titleTerm),
    );
    expect(hits.map(plain)).toEqual(referenceSearch(index, groups, 500));
    expect(fromTitle.length).toBeGreaterThan(0);
    for (const hit of fromTitle) {
      expect(hit.matched).toEqual([true, true]);
      expect(hit.missingRequired).toBe(false);
    }
  });

  it("answers a search the same whatever searches came before (its working arrays are cleared)", () => {
    const words = termsOf(index);
    const groups: TermGroup[] = words
      .slice(5, 8)
      .map((w) => ({ word: w, alts: [{ term: w, weight: 1 }], boost: 1, required: false }));
    const first = index.searchSentences(groups, 30).map(plain);
    index.searchSentences(
      words.slice(0, 12).map((w) => ({ word: w, alts: [{ term: w, weight: 1 }], boost: 2, required: true })),
      200,
    );
    expect(index.searchSentences(groups, 30).map(plain)).toEqual(first);
  });

  it("finds nothing for words no sentence holds, or for no words", () => {
    const absent: TermGroup[] = [
      { word: "zzyzx", alts: [{ term: "zzyzx", weight: 1 }], boost: 1, required: true },
    ];
    expect(index.searchSentences(absent)).toEqual([]);
    expect(index.searchSentences([])).toEqual([]);
  });
});
