import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  makeTemplate,
  makeVariant,
  prng,
  readBaseArticles,
  splitSentences,
  toMarkdown,
  writeCorpus,
} from "../../bench/corpus.ts";

const base = readBaseArticles();
const timeWarner = base.find((a) => a.id === "business-001")!;
const template = makeTemplate(timeWarner);

describe("the benchmark corpus", () => {
  it("reads the 100 real bbc-cc0 articles with their titles and paragraphs", () => {
    expect(base).toHaveLength(100);
    expect(timeWarner.title).toBe("Ad sales boost Time Warner profit");
    expect(timeWarner.source).toBe("BBC News");
    expect(timeWarner.paragraphs[0]).toMatch(/^Quarterly profits at US media giant TimeWarner jumped 76%/);
  });

  it("when varying an article, it replaces its people, numbers and months", () => {
    const variant = makeVariant(template, 1, 7);
    expect(variant.body).not.toContain("Richard Parsons");
    expect(variant.body).not.toContain("jumped 76%");
    expect(variant.body).not.toContain("464,000 subscribers");
    // The person is renamed consistently: the chief executive still says the quoted words.
    expect(variant.body).toMatch(
      /objectives and greatly enhancing our flexibility," chairman and chief executive [A-Z][a-z]+ [A-Z][a-z]+ said/,
    );
    expect(variant.body.split("\n\n")).toHaveLength(timeWarner.paragraphs.length);
  });

  it("keeps each paragraph's sentences, shuffled after the first one", () => {
    const variant = makeVariant(template, 2, 7);
    const paragraphs = variant.body.split("\n\n");
    paragraphs.forEach((p, i) => {
      expect(splitSentences(p)).toHaveLength(template.paragraphs[i]!.length);
    });
    const original = timeWarner.paragraphs.map(splitSentences);
    const shuffled = paragraphs.some(
      (p, i) => original[i]!.length > 2 && splitSentences(p)[1] !== original[i]![1],
    );
    expect(shuffled).toBe(true);
  });

  it("writes the same variant for the same seed, and another for another seed", () => {
    expect(toMarkdown(makeVariant(template, 3, 7))).toBe(toMarkdown(makeVariant(template, 3, 7)));
    expect(makeVariant(template, 3, 7).body).not.toBe(makeVariant(template, 3, 8).body);
    expect(makeVariant(template, 3, 7).body).not.toBe(makeVariant(template, 4, 7).body);
  });

  it("gives every variant its own url and a publication date", () => {
    const a = makeVariant(template, 1, 7);
    const b = makeVariant(template, 2, 7);
    expect(a.url).not.toBe(b.url);
    expect(a.published).toMatch(/^200[45]-\d\d-\d\d$/);
  });

  it("the PRNG gives the same sequence for the same seed", () => {
    const one = prng(42);
    const two = prng(42);
    const a = [one(), one(), one()];
    expect([two(), two(), two()]).toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("writes a corpus of real files: the seed, the real articles, then variants", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-corpus-test-"));
    dirs.push(dir);
    const info = writeCorpus(dir, 103, { seed: 7, templates: [template] });
    expect(info).toMatchObject({ articles: 104, variants: 3 });
    const files = readdirSync(dir).sort();
    expect(files).toContain("2023-12-08-armenia-azerbaijan-normalize-relations.txt");
    expect(files).toContain("000000-business-001.md");
    expect(files.filter((f) => f.endsWith("-business-001.md"))).toEqual([
      "000000-business-001.md",
      "000001-business-001.md",
      "000002-business-001.md",
      "000003-business-001.md",
    ]);
    const variant = readFileSync(join(dir, "000002-business-001.md"), "utf8");
    expect(variant).toMatch(
      /^---\ntitle: ".+"\nsource: "BBC News"\npublished: "\d{4}-\d\d-\d\d"\nurl: "https:\/\/bench\.newsdesk\.invalid\/business\/business-001\/000002"\nsection: "business"\n---\nQuarterly profits at /,
    );
  });
});
