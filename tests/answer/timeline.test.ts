import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
