import { describe, expect, it } from "vitest";
import type { Latency, MeasureResult } from "../../bench/measure.ts";
import { median, medianResult } from "../../bench/runs.ts";

const latency = (p50: number, p99: number): Latency => ({
  n: 3,
  p50,
  p95: p99 - 1,
  p99,
  max: p99 + 1,
  mean: p50 + 0.5,
});

function run(loadMs: number, askP99: number, q1: number): MeasureResult {
  return {
    system: "newsdesk",
    available: true,
    load: { ms: loadMs, parts: { readValidateMs: loadMs / 2, indexMs: loadMs / 2 } },
    memory: { rssMB: 300 + loadMs / 1000, heapUsedMB: 120, heapTotalMB: 150, externalMB: 40 },
    firstQuestionMs: 3,
    ask: latency(2, askP99),
    autocomplete: latency(0.2, 2),
    cpu: { loadMs: loadMs * 1.3, ask: latency(3, askP99 * 2), autocomplete: latency(0.3, 4) },
    hitDev: { n: 2, hits: 1, rate: 0.5, missed: ["d2"], bySet: {} },
    devHits: { d1: true, d2: false },
    perQuestion: { q1: [q1, q1 * 2], q2: [1, 2] },
  };
}

describe("several measuring runs made one result", () => {
  it("the median of an odd count is the middle value, of an even count the lower middle one", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([Number.NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  it("each figure is the median of the runs', each question's time too, and every run is kept", () => {
    const m = medianResult([run(1900, 12, 5), run(1700, 8, 9), run(2100, 9, 7)]);
    expect(m.load?.ms).toBe(1900);
    expect(m.load?.parts.indexMs).toBe(950);
    expect(m.ask?.p99).toBe(9);
    expect(m.ask?.max).toBe(10);
    expect(m.cpu?.ask.p99).toBe(18);
    expect(m.perQuestion?.q1).toEqual([7, 14]);
    expect(m.hitDev?.hits).toBe(1);
    expect(m.runs?.map((r) => [r.loadMs, r.askP99])).toEqual([
      [1900, 12],
      [1700, 8],
      [2100, 9],
    ]);
  });

  it("one run is itself, and a run that failed is reported rather than hidden in a median", () => {
    const one = run(1800, 9, 4);
    expect(medianResult([one])).toBe(one);
    const failed: MeasureResult = { system: "newsdesk", available: false, reason: "no fact base" };
    expect(medianResult([one, failed, run(1700, 8, 3)])).toBe(failed);
  });
});
