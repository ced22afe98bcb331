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
  it("says who a named person is, from the words before the name", () => {
    const r = bbc.engine.answerQuestion("Who is Richard Parsons?");
    expect(r.answer).toBe("Richard Parsons: chairman and chief executive");
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

  it("takes the subject, not the day, before the verb", () => {
    const r = bbc.engine.answerQuestion("Who owns 8% of Google?");
    expect(r.answer).toMatch(/^Time ?Warner/);
  });

  it("gives a place after its preposition, not the doer's country", () => {
    expect(bbc.engine.answerQuestion("Where will Jean-Michel Jarre perform?").answer).toBe("Copenhagen");
    expect(bbc.engine.answerQuestion("wher did tirunesh dibaba set the world record").answer).toMatch(
      /Boston/,
    );
  });

  it("counts with just the counted words", () => {
    expect(bbc.engine.answerQuestion("How many telecentres are there?").answer).toBe("14 telecentres");
    expect(
      bbc.engine.answerQuestion("how many students will benefit from the telecoms infrastructure").answer,
    ).toBe("18,000 students");
  });

  it("gives a month as written when the article has no date to place it in a year", () => {
    const r = bbc.engine.answerQuestion("When was the Peru network officially inaugurated?");
    expect(r.answer).toBe("September");
    expect(r.citations[0]!.published).toBeNull();
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
