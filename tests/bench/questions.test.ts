import { describe, expect, it } from "vitest";
import { prng, readBaseArticles } from "../../bench/corpus.ts";
import { containsEvidence, percentile } from "../../bench/evidence.ts";
import {
  autocompletePrefixes,
  BBC_DEV_FILE,
  generateQuestions,
  injectTypo,
  readQuestions,
} from "../../bench/questions.ts";

const base = readBaseArticles().filter((a) => /-00[1-4]$/.test(a.id));

describe("the benchmark questions", () => {
  const questions = generateQuestions(base, 40, { seed: 7 });

  it("generates questions of every kind from real sentences, the same each time", () => {
    expect(questions.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(questions.map((q) => q.kind!.replace("+typo", "")));
    expect([...kinds].sort()).toEqual(["how-many", "how-much", "what", "when", "who"]);
    expect(generateQuestions(base, 40, { seed: 7 })).toEqual(questions);
    for (const q of questions) {
      expect(q.question).toMatch(/^(Who|When|How many|How much|What) .+\?$/);
      const article = base.find((a) => a.id === q.articleId)!;
      expect(article.paragraphs.join(" ")).toContain(q.evidence);
    }
  });

  it("puts a typo into about a quarter of them", () => {
    const typos = questions.filter((q) => q.kind!.endsWith("+typo")).length;
    expect(typos).toBeGreaterThan(2);
    expect(typos).toBeLessThan(questions.length / 2);
  });

  it("a typo changes one long word by one edit", () => {
    const q = "Who released the prisoners yesterday?";
    const typo = injectTypo(q, prng(3));
    expect(typo).not.toBe(q);
    const changed = typo.split(" ").filter((w, i) => w !== q.split(" ")[i]);
    expect(changed).toHaveLength(1);
    expect(
      Math.abs(changed[0]!.length - q.split(" ").find((w) => !typo.includes(w))!.length),
    ).toBeLessThanOrEqual(1);
  });

  it("autocomplete inputs are prefixes of the questions' words", () => {
    const prefixes = autocompletePrefixes([
      { id: "x", question: "Who bought the Yugansk unit?", evidence: null },
    ]);
    expect(prefixes).toEqual(["Yug", "Yuga", "Who bought th"]);
  });

  it("every hand-written bbc question has an evidence phrase found in its article", () => {
    const dev = readQuestions(BBC_DEV_FILE);
    expect(dev.length).toBeGreaterThanOrEqual(30);
    const articles = new Map(readBaseArticles().map((a) => [a.id, a.paragraphs.join(" ")]));
    for (const q of dev) {
      expect(q.evidence).not.toBeNull();
      expect(containsEvidence(articles.get(q.articleId!), q.evidence!)).toBe(true);
    }
  });

  it("evidence matching ignores case and stray spaces before punctuation", () => {
    expect(
      containsEvidence("Baku will release 32 Armenian prisoners of war , while", "prisoners of war, while"),
    ).toBe(true);
    expect(containsEvidence("On December 7, Armenia", "on december 7")).toBe(true);
    expect(containsEvidence("On December 8, Armenia", "On December 7")).toBe(false);
    expect(containsEvidence(null, "x")).toBe(false);
  });

  it("percentiles are nearest-rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
  });
});
