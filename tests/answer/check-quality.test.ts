import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLAIMS_SET, claimLabelOf, readClaims, scoreClaims } from "../../src/answer/eval/check.ts";
import { knowledgeOf } from "../../src/answer/eval/sets.ts";

/** The committed figure; more than this many points under it fails. */
const FLOOR = JSON.parse(readFileSync("tests/fixtures/check/floor.json", "utf8")) as {
  claims: number;
  right: number;
};
const SLACK_POINTS = 2;

describe("Check in the news on the written BBC claims (regression floor)", () => {
  it("holds half supported claims, a quarter contradicted and a quarter not in the articles", () => {
    const claims = readClaims(process.cwd());
    expect(claims.length).toBe(FLOOR.claims);
    const count = (label: string) => claims.filter((c) => c.label === label).length;
    expect(count("supported")).toBe(claims.length / 2);
    expect(count("contradicted")).toBe(claims.length / 4);
    expect(count("not in articles")).toBe(claims.length / 4);
  });

  it("counts a partial match as not in the articles, and a contradiction as contradicted", () => {
    expect(claimLabelOf("partly matches")).toBe("not in articles");
    expect(claimLabelOf("contradicts")).toBe("contradicted");
    expect(claimLabelOf("matches")).toBe("supported");
  });

  it(`labels the claims within ${SLACK_POINTS} points of the committed figure`, async () => {
    const store = await knowledgeOf(CLAIMS_SET, process.cwd());
    const figures = scoreClaims(store.facts, readClaims(process.cwd()));
    expect(figures.claims).toBe(FLOOR.claims);
    expect((100 * figures.right) / figures.claims).toBeGreaterThanOrEqual(
      (100 * FLOOR.right) / FLOOR.claims - SLACK_POINTS,
    );
    // Every contradicted claim that is caught cites the sentence it contradicts.
    for (const o of figures.outcomes.filter((x) => x.given === "contradicted"))
      expect(o.check.best?.citation.title.length).toBeGreaterThan(0);
  }, 300_000);
});
