import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.ts";
import { evaluateSet } from "../../src/answer/eval/run.ts";
import { DEV_SETS, halfOf, knowledgeOf, questionsOf } from "../../src/answer/eval/sets.ts";

/** The committed figures; a set more than this many points under its own fails. */
const FLOOR = JSON.parse(readFileSync("tests/fixtures/answer/quality-floor.json", "utf8")) as {
  sets: Record<string, { questions: number; right: number; rightlyAbstained?: number }>;
};
const SLACK_POINTS = 2;

describe("the answers' quality on the dev sets' test halves (regression floor)", () => {
  it("splits each set by a fixed seeded rule, the same every run", () => {
    expect(halfOf("cnn-quiz:20220107_20")).toBe(halfOf("cnn-quiz:20220107_20"));
    const halves = questionsOf(DEV_SETS[2]!, process.cwd(), "all").map((q) =>
      halfOf(`reuters-datelines:${q.id}`),
    );
    expect(halves.filter((h) => h === "test").length).toBe(FLOOR.sets["reuters-datelines"]!.questions);
  });

  for (const set of DEV_SETS) {
    it(`keeps ${set.name} within ${SLACK_POINTS} points of its committed figure`, async () => {
      const floor = FLOOR.sets[set.name]!;
      const engine = new AnswerEngine(await knowledgeOf(set, process.cwd()));
      const { figures } = evaluateSet(set, engine, questionsOf(set, process.cwd(), "test"));
      expect(figures.questions).toBe(floor.questions);
      const correct = figures.right + figures.rightlyAbstained;
      const committed = floor.right + (floor.rightlyAbstained ?? 0);
      expect((100 * correct) / figures.questions).toBeGreaterThanOrEqual(
        (100 * committed) / floor.questions - SLACK_POINTS,
      );
    }, 300_000);
  }
});
