import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.ts";
import {
  lastNameOf,
  POLNEAR,
  polnearQuotes,
  scoreAttribution,
  scoreWhoSaid,
  whoSaidQuestion,
} from "../../src/answer/eval/quotations.ts";
import { knowledgeOf } from "../../src/answer/eval/sets.ts";

/** The committed test-half figures; a figure more than this many points under its own fails. */
const FLOOR = JSON.parse(readFileSync("tests/fixtures/quotations/polnear-floor.json", "utf8")) as {
  quotations: number;
  attributed: number;
  correct: number;
  whoSaidRight: number;
};
const SLACK_POINTS = 2;
const points = (a: number, b: number) => (100 * a) / b;

describe("quotation attribution on PolNeAR's test half (regression floor)", () => {
  it("splits the articles once by a seeded rule, every quotation in its article's half", () => {
    const all = polnearQuotes(process.cwd(), "all");
    const test = polnearQuotes(process.cwd(), "test");
    expect(test.length).toBe(FLOOR.quotations);
    const halves = new Map<string, string>();
    for (const q of all) {
      expect(halves.get(q.article) ?? q.half).toBe(q.half);
      halves.set(q.article, q.half);
    }
    expect(polnearQuotes(process.cwd(), "train").length + test.length).toBe(all.length);
  });

  it("asks the first twelve words, and takes a speaker's last name from the head of the phrase", () => {
    expect(
      whoSaidQuestion({
        article: "a.md",
        quote: "one two three four five six seven eight nine ten eleven twelve thirteen",
        speaker: "x",
        cue: "said",
        half: "test",
      }),
    ).toBe('Who said "one two three four five six seven eight nine ten eleven twelve"?');
    expect(lastNameOf("Sen. Claire McCaskill (D-Mo.)")).toBe("mccaskill");
    expect(lastNameOf("Quina Jones, 25")).toBe("jones");
    expect(lastNameOf("the Rev. Peter Wherry, of Mayfield Memorial Missionary Baptist Church")).toBe(
      "wherry",
    );
  });

  it(`keeps attribution precision and recall within ${SLACK_POINTS} points of the committed figures`, async () => {
    const store = await knowledgeOf(POLNEAR, process.cwd());
    const quotes = polnearQuotes(process.cwd(), "test");
    const figures = scoreAttribution(store.facts, quotes);
    expect(figures.quotations).toBe(FLOOR.quotations);
    expect(points(figures.correct, figures.attributed)).toBeGreaterThanOrEqual(
      points(FLOOR.correct, FLOOR.attributed) - SLACK_POINTS,
    );
    expect(points(figures.correct, figures.quotations)).toBeGreaterThanOrEqual(
      points(FLOOR.correct, FLOOR.quotations) - SLACK_POINTS,
    );
  }, 300_000);

  it(`keeps who-said through the answer engine within ${SLACK_POINTS} points of the committed figure`, async () => {
    const store = await knowledgeOf(POLNEAR, process.cwd());
    const figures = scoreWhoSaid(new AnswerEngine(store), polnearQuotes(process.cwd(), "test"));
    expect(figures.questions).toBe(FLOOR.quotations);
    expect(points(figures.right, figures.questions)).toBeGreaterThanOrEqual(
      points(FLOOR.whoSaidRight, FLOOR.quotations) - SLACK_POINTS,
    );
  }, 300_000);
});
