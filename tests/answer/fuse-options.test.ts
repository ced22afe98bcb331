import { readFileSync } from "node:fs";
import fc from "fast-check";
import Fuse from "fuse.js";
import { describe, expect, it } from "vitest";
import { FOLDED_SENTENCE_FUSE_OPTIONS, SENTENCE_FUSE_OPTIONS } from "../../src/answer/fuse-options.ts";
import { SEED } from "./setup.ts";

/** What the engine did before: a new instance over the sentences as written. */
function scoresAsWritten(texts: string[], words: string): [number, number | undefined][] {
  return new Fuse(texts, SENTENCE_FUSE_OPTIONS as typeof SENTENCE_FUSE_OPTIONS & object)
    .search(words)
    .map((r) => [r.refIndex, r.score]);
}

/** What the engine does for ASCII text: one instance, given lower-cased sentences and words. */
const folded = new Fuse<string>(
  [],
  FOLDED_SENTENCE_FUSE_OPTIONS as typeof FOLDED_SENTENCE_FUSE_OPTIONS & object,
);
function scoresFolded(texts: string[], words: string): [number, number | undefined][] {
  folded.setCollection(texts.map((t) => t.toLowerCase()));
  return folded.search(words.toLowerCase()).map((r) => [r.refIndex, r.score]);
}

const SEED_SENTENCES = readFileSync(SEED, "utf8")
  .split(/(?<=[.!?])\s+/)
  .map((s) => s.trim())
  .filter((s) => s.length > 20 && /^[\x00-\x7f]*$/.test(s));

describe("the fuse.js options for re-ranking candidate sentences", () => {
  it("score lower-cased ASCII sentences exactly as fuse.js scores them as written, over the seed article", () => {
    expect(SEED_SENTENCES.length).toBeGreaterThan(16);
    const questions = [
      "issued joint statement",
      "Armenia Azerbaijan release prisoners",
      "Pashinyan Aliyev COP29 host",
      "relashuns normalise",
      "war",
    ];
    for (let from = 0; from + 8 <= SEED_SENTENCES.length; from += 4) {
      const texts = SEED_SENTENCES.slice(from, from + 8);
      for (const words of questions) {
        const expected = scoresAsWritten(texts, words);
        expect(expected.length).toBeGreaterThan(0);
        expect(scoresFolded(texts, words)).toEqual(expected);
      }
    }
  });

  it("score any ASCII sentences and words exactly as fuse.js does on the text as written, repeated sentences included", () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,12}$/);
    const sentence = fc.array(fc.oneof(word, fc.constantFrom("Mr.", "100,000", "2023", "--", "e-mail")), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        fc.array(sentence, { minLength: 2, maxLength: 8 }),
        fc.array(word, { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (sentences, question, repeat) => {
          const texts = sentences.map((s) => s.join(" "));
          if (repeat) texts.push(texts[0]!);
          const words = question.join(" ");
          expect(scoresFolded(texts, words)).toEqual(scoresAsWritten(texts, words));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("give a reused instance the same scores as a new one after setCollection", () => {
    const first = SEED_SENTENCES.slice(0, 8);
    const second = SEED_SENTENCES.slice(8, 16);
    const reused = new Fuse<string>([], SENTENCE_FUSE_OPTIONS as typeof SENTENCE_FUSE_OPTIONS & object);
    reused.setCollection(first);
    reused.search("joint statement");
    reused.setCollection(second);
    expect(reused.search("joint statement").map((r) => [r.refIndex, r.score])).toEqual(
      scoresAsWritten(second, "joint statement"),
    );
  });
});
