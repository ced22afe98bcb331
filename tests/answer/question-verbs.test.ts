import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUXILIARIES, parseVerbs } from "../../src/answer/question.ts";
import { tokenize } from "../../src/answer/terms.ts";
import {
  type BulkMatch,
  compromiseBulkMatch,
  leanBulkMatch,
  parseTags,
} from "../../src/knowledge/match-sweep.ts";
import { BBC } from "./setup.ts";

/** Sentences of the first BBC articles, and questions made from them, for comparing parses. */
function sampleTexts(articles: number): string[] {
  const texts: string[] = [];
  for (const file of readdirSync(BBC).sort().slice(0, articles)) {
    const body = readFileSync(join(BBC, file), "utf8").split(/^---$/m).pop() ?? "";
    for (const sentence of body.split(/(?<=[.?!])\s+/)) {
      const text = sentence.replace(/\s+/g, " ").trim();
      if (text.length < 20 || text.length > 300) continue;
      texts.push(text);
      const words = text.split(" ");
      // Questions with a contraction and a possessive, as chat users write them.
      texts.push(`Who ${words.slice(1, 9).join(" ")}?`, `Why didn't ${words.slice(0, 6).join(" ")}'s?`);
    }
  }
  return texts;
}

/** Each word's tags, in order, as compromise's parse without the chunker leaves them. */
function tagsOf(text: string, bulkMatch: BulkMatch): string[][] {
  const doc = parseTags(text, bulkMatch) as unknown as { docs: { tags: Set<string> }[][] };
  return doc.docs.flat().map((term) => [...term.tags].sort());
}

/** The verbs as read before parseVerbs narrowed its work: every word's root worked out, compromise's own sweep. */
function verbsReadInFull(text: string): { lemma: string; tokens: string[] }[] {
  const doc = parseTags(text, compromiseBulkMatch);
  doc.compute("root");
  const out: { lemma: string; tokens: string[] }[] = [];
  for (const term of doc.docs.flat() as { normal: string; root?: string; tags: Set<string> }[]) {
    const tags = term.tags;
    if (!tags.has("Verb") || tags.has("Auxiliary") || tags.has("Copula")) continue;
    if (tags.has("Particle") || tags.has("Preposition") || tags.has("Adverb")) continue;
    const tokens = tokenize(term.normal);
    const lemma = tokenize(term.root || term.normal).pop();
    if (!lemma || AUXILIARIES.has(lemma) || tokens.length === 0) continue;
    out.push({ lemma, tokens });
  }
  return out;
}

describe("reading the verbs of a question", () => {
  const texts = sampleTexts(12);

  it("tags every word as compromise's own sweep does when its matcher tries only the words that can start a match", () => {
    expect(texts.length).toBeGreaterThan(300);
    for (const text of texts)
      expect(tagsOf(text, leanBulkMatch), text).toEqual(tagsOf(text, compromiseBulkMatch));
  });

  it("reads the same verbs and lemmas as a parse that works out every word's root", () => {
    expect(texts.length).toBeGreaterThan(300);
    let verbs = 0;
    for (const text of texts) {
      const lean = parseVerbs(text);
      expect(lean, text).toEqual(verbsReadInFull(text));
      verbs += lean.length;
    }
    expect(verbs).toBeGreaterThan(300);
    expect(parseVerbs("Why were the talks laid down after the minister fled?").map((v) => v.lemma)).toEqual([
      "lay",
      "flee",
    ]);
  });
});
