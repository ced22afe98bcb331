import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timelineReply } from "../../src/answer/replies.ts";
import { type BuiltKnowledge, buildKnowledge } from "./setup.ts";

let kb: BuiltKnowledge;
beforeAll(async () => {
  kb = await buildKnowledge(["tests/fixtures/articles/timeline/platform-deal.md"]);
}, 60_000);
afterAll(() => kb?.remove());

describe("/timeline topic:", () => {
  it("lists only events whose own sentence is about the topic, oldest first, each cited", () => {
    const facts = kb.engine.timeline("Chirper");
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) expect(f.citation.sentence, f.text).toMatch(/Chirper/);
    // The same article's other dated events (a court in Lisbon, a football club) are not about Chirper.
    expect(facts.map((f) => f.citation.sentence).join(" ")).not.toMatch(/Lisbon|football/);
    const dates = facts.map((f) => f.date ?? "");
    expect([...dates].sort()).toEqual(dates);
  });
});

describe("/timeline and /facts over two articles reporting the same deal", () => {
  let two: BuiltKnowledge;
  beforeAll(async () => {
    two = await buildKnowledge([
      "tests/fixtures/articles/timeline/platform-deal.md",
      "tests/fixtures/articles/timeline/platform-deal-wire.md",
    ]);
  }, 60_000);
  afterAll(() => two?.remove());

  it("merges the event both articles report into one line that cites both", () => {
    const facts = two.engine.timeline("Chirper");
    const deal = facts.filter((f) => /agreed on Monday to buy Chirper/.test(f.text));
    expect(deal).toHaveLength(1);
    expect(deal[0]!.date).toBe("2026-04-20");
    expect([deal[0]!.citation.source, ...(deal[0]!.also ?? []).map((c) => c.source)].sort()).toEqual([
      "Coast Courier",
      "Test Wire",
    ]);
    const reply = timelineReply("Chirper", facts);
    expect(
      reply.fields?.some((f) =>
        /agreed on Monday .* \(also reported by (?:Coast Courier|Test Wire)\)$/.test(f.value),
      ),
    ).toBe(true);
    expect(reply.citations.map((c) => c.source)).toEqual(
      expect.arrayContaining(["Coast Courier", "Test Wire"]),
    );
    // Published on Saturday 25 April: `on Sunday` is the 19th, not a day after publication.
    expect(facts.find((f) => /board approved the sale/.test(f.text))?.date).toBe("2026-04-19");
  });

  it("lists an entity's facts that say most first, and a fact told twice once", () => {
    const { facts } = two.engine.factsAbout("Harbourline");
    const texts = facts.map((f) => f.text);
    expect(texts.filter((t) => /agreed on Monday to buy Chirper/.test(t))).toHaveLength(1);
    // Whole clauses with an object and a date come before the sentences that only name it.
    expect(texts.slice(0, 3)).toEqual(
      expect.arrayContaining(["Harbourline opened an office in Porto on March 9"]),
    );
    for (const t of texts) expect(t, t).not.toMatch(/\b(?:the|a|an|of|to|and|his|its)$/i);
  });
});
