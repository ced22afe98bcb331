import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lcsLength, rouge, rougeL, rougeN, rougeTokens } from "../../src/digest/rouge.ts";
import { contentTokens, leadSentences, summarise } from "../../src/digest/summarise.ts";

describe("ROUGE", () => {
  it("tokenises lower-case words and numbers, keeping apostrophes inside words", () => {
    expect(rougeTokens("The U.S. firm's profit rose 7.5%!")).toEqual([
      "the",
      "u",
      "s",
      "firm's",
      "profit",
      "rose",
      "7",
      "5",
    ]);
  });

  it("gives the textbook ROUGE-1, ROUGE-2 and ROUGE-L on a worked example", () => {
    // Reference 6 tokens, candidate 5; unigram overlap 4 (the, cat, on, mat), bigram overlap 1 (the mat)...
    const reference = "the cat sat on the mat";
    const candidate = "the cat lay on mat";
    // unigrams: the(1 of 2), cat, on, mat → 4; P = 4/5, R = 4/6
    expect(rougeN(candidate, reference, 1).f).toBeCloseTo((2 * 0.8 * (4 / 6)) / (0.8 + 4 / 6), 10);
    // bigrams: candidate {the cat, cat lay, lay on, on mat}, reference {the cat, cat sat, sat on, on the, the mat} → 1
    expect(rougeN(candidate, reference, 2).f).toBeCloseTo((2 * (1 / 4) * (1 / 5)) / (1 / 4 + 1 / 5), 10);
    // LCS: the cat on mat = 4
    expect(lcsLength(rougeTokens(candidate), rougeTokens(reference))).toBe(4);
    expect(rougeL(candidate, reference).f).toBeCloseTo(rougeN(candidate, reference, 1).f, 10);
    expect(rouge(reference, reference)).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1 });
    expect(rouge("", reference)).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
  });

  it("clips repeated n-grams to their count in the reference", () => {
    expect(rougeN("the the the the", "the cat", 1).p).toBe(0.25);
  });
});

describe("the extractive summary", () => {
  const sentences = [
    "It was a cold morning in the port.",
    "The government announced a 2 billion euro plan to rebuild the port after the storm.",
    "Fishermen waited on the quay.",
    "The plan will rebuild the port's sea wall and dredge the harbour, the government said.",
    "A band played in the square.",
    "The storm destroyed half of the port's sea wall in January.",
  ].map((text, index) => ({ text, index }));

  it("chooses sentences about what the article is about, not only the lead, and keeps article order", () => {
    const picked = summarise("Government plans to rebuild storm-hit port", sentences, 2).map((s) => s.index);
    expect(picked).toEqual([1, 3]);
    expect(leadSentences(sentences, 2).map((s) => s.index)).toEqual([0, 1]);
  });

  it("does not pick two sentences saying the same thing", () => {
    const twice = [...sentences, { text: sentences[1]!.text, index: 6 }];
    const picked = summarise("Government plans to rebuild storm-hit port", twice, 2);
    expect(new Set(picked.map((s) => s.text)).size).toBe(2);
  });

  it("always returns the asked number of distinct sentences, in article order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 80 }), { minLength: 0, maxLength: 15 }),
        fc.integer({ min: 1, max: 4 }),
        (texts, k) => {
          const input = texts.map((text, index) => ({ text, index }));
          const out = summarise("A title", input, k);
          expect(out.length).toBe(Math.min(k, input.length));
          expect(new Set(out.map((s) => s.index)).size).toBe(out.length);
          expect(out.map((s) => s.index)).toEqual([...out.map((s) => s.index)].sort((a, b) => a - b));
        },
      ),
    );
  });

  it("drops function words and folds plurals when comparing content", () => {
    expect(contentTokens("The profits of the firms were rising")).toEqual(["profit", "firm", "ris"]);
  });
});
