import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BBC, type BuiltKnowledge, buildKnowledge } from "./setup.ts";

/** A few real BBC articles, so the engine is tested beyond the seed's story. */
const ARTICLES = [
  "business-001.md",
  "business-010.md",
  "entertainment-002.md",
  "sport-005.md",
  "tech-006.md",
];

let bbc: BuiltKnowledge;
beforeAll(async () => {
  bbc = await buildKnowledge(ARTICLES.map((f) => join(BBC, f)));
}, 120_000);
afterAll(() => bbc?.remove());

describe("answering on BBC articles", () => {
  it("says who a named person is, with the role the article gives beside the name", () => {
    const r = bbc.engine.answerQuestion("Who is Richard Parsons?");
    expect(r.answer).toMatch(/chief executive/);
    expect(r.citations[0]!.sentence).toContain("Richard Parsons");
    expect(r.citations[0]!.source).toBe("BBC News");
  });

  it("never answers a who-is question with another person sharing a first name", () => {
    const r = bbc.engine.answerQuestion("Who is Richard Branson?");
    expect(r.answer ?? "").not.toMatch(/Richard/);
  });

  it("finds the doer of a passive verb after `by`", () => {
    const r = bbc.engine.answerQuestion("Who filed the tobacco demand in 1999?");
    expect(r.answer).toMatch(/^Clinton/);
    expect(r.citations[0]!.sentence).toContain("filed by the Clinton administration in 1999");
  });

  it("gives the place after its preposition, not the doer's country", () => {
    const r = bbc.engine.answerQuestion("Where will Jean-Michel Jarre perform?");
    expect(r.answer).toMatch(/Copenhagen$/);
    expect(r.answer).not.toMatch(/France|French/);
  });

  it("counts, citing the sentence that holds the number", () => {
    const r = bbc.engine.answerQuestion("How many telecentres are there?");
    expect(r.answer).toMatch(/^14\b/);
    expect(r.citations[0]!.sentence).toContain("14 telecentres");
  });

  it("abstains on what the articles do not say", () => {
    for (const q of [
      "How many people live in Tokyo?",
      "When did Apple release the iPhone?",
      "Who won the 2006 World Cup final?",
    ]) {
      expect(bbc.engine.answerQuestion(q).answer, q).toBeNull();
    }
  });
});
