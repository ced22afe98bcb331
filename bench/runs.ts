/**
 * Several measuring children of one system made one result (`bench/run.ts --repeat`): medians of
 * their figures, and each child's headline figures kept beside them.
 */
import type { Latency, MeasureResult, RunSummary } from "./measure.ts";

/** The median of some numbers (the lower middle one of an even count: a figure some run measured). */
export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : Number.NaN;
}

/** Each field of some latencies, the median over them. */
function medianLatency(list: Latency[]): Latency {
  const at = (k: keyof Latency) => median(list.map((l) => l[k]));
  return { n: list[0]!.n, p50: at("p50"), p95: at("p95"), p99: at("p99"), max: at("max"), mean: at("mean") };
}

/**
 * One result of several measuring children of the same system (`--repeat`): every load, memory and
 * latency figure is the median of the children's (each percentile its own median), each question's
 * time the median of its times; what does not depend on timing (hit rates, answers) is the first
 * child's, and the same in all. `runs` keeps each child's headline figures.
 */
export function medianResult(list: MeasureResult[]): MeasureResult {
  const ok = list.filter((m) => m.available);
  if (ok.length === 0 || ok.length < list.length) return list.find((m) => !m.available) ?? list[0]!;
  if (ok.length === 1) return ok[0]!;
  const first = ok[0]!;
  const med = (f: (m: MeasureResult) => number | undefined) => median(ok.map((m) => f(m) ?? Number.NaN));
  const perQuestion: Record<string, [number, number]> = {};
  for (const id of Object.keys(first.perQuestion ?? {})) {
    const times = ok.map((m) => m.perQuestion?.[id]).filter((t): t is [number, number] => t !== undefined);
    perQuestion[id] = [median(times.map((t) => t[0])), median(times.map((t) => t[1]))];
  }
  const parts: Record<string, number> = {};
  for (const k of Object.keys(first.load?.parts ?? {})) parts[k] = med((m) => m.load?.parts[k]);
  return {
    ...first,
    load: { ms: med((m) => m.load?.ms), parts },
    memory: {
      rssMB: med((m) => m.memory?.rssMB),
      heapUsedMB: med((m) => m.memory?.heapUsedMB),
      heapTotalMB: med((m) => m.memory?.heapTotalMB),
      externalMB: med((m) => m.memory?.externalMB),
    },
    firstQuestionMs: med((m) => m.firstQuestionMs),
    ask: medianLatency(ok.map((m) => m.ask!)),
    autocomplete: medianLatency(ok.map((m) => m.autocomplete!)),
    cpu: {
      loadMs: med((m) => m.cpu?.loadMs),
      ask: medianLatency(ok.map((m) => m.cpu!.ask)),
      autocomplete: medianLatency(ok.map((m) => m.cpu!.autocomplete)),
    },
    perQuestion,
    runs: ok.map(summaryOf),
  };
}

export function summaryOf(m: MeasureResult): RunSummary {
  return {
    loadMs: m.load?.ms ?? Number.NaN,
    rssMB: m.memory?.rssMB ?? Number.NaN,
    askP50: m.ask?.p50 ?? Number.NaN,
    askP99: m.ask?.p99 ?? Number.NaN,
    autocompleteP99: m.autocomplete?.p99 ?? Number.NaN,
  };
}
