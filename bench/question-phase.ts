/**
 * The `/ask` phase of the bench alone, for before/after comparisons of answering: loads a fact base
 * as the bot does (`readFactBase`, `AnswerEngine.warm()`), forces two full collections (as the bench
 * does to measure memory), asks the first question once (untimed, as the bench), then asks the 289
 * bench questions (dev questions, then generated) once each.
 *
 *   node --expose-gc --import tsx bench/question-phase.ts time  [--knowledge DIR] [--root CHECKOUT] [--top N]
 *     p50/p95/p99 wall, CPU of the questions, the collections during them, and p95/p99 with the
 *     collections' pauses taken out of the questions they landed in.
 *   node --expose-gc --max-semi-space-size=1024 --min-semi-space-size=1024 --import tsx bench/question-phase.ts alloc
 *     bytes allocated by the questions: with young spaces this large no collection runs during them,
 *     so the heap's growth is what they allocated (it still moves 1–3% between runs, with when the
 *     compilers finish; add `--predictable` for a steadier figure).
 *
 * `--root` measures another checkout of newsdesk (a git worktree of an older commit) with the same
 * questions, so two versions can be run alternately.
 */
import { resolve } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { percentile } from "./evidence.ts";
import { benchQuestions } from "./questions.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    knowledge: { type: "string", default: "/tmp/nd-final/knowledge-10000" },
    root: { type: "string", default: resolve(import.meta.dirname, "..") },
    top: { type: "string", default: "0" },
  },
});
const mode = positionals[0] ?? "time";
if (mode !== "time" && mode !== "alloc")
  throw new Error(`question-phase: mode is time or alloc, got "${mode}"`);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("question-phase: run node with --expose-gc");

const root = resolve(values.root);
const { AnswerEngine } = (await import(
  `${root}/src/answer/engine.ts`
)) as typeof import("../src/answer/engine.ts");
const { KnowledgeStore, readFactBase } = (await import(
  `${root}/src/knowledge/store.ts`
)) as typeof import("../src/knowledge/store.ts");

const pauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ["gc"] });

const facts = readFactBase(values.knowledge);
const engine = new AnswerEngine(new KnowledgeStore(values.knowledge, facts));
engine.warm();
gc();
gc();
const questions = benchQuestions().map((q) => q.question);
engine.answerQuestion(questions[0]!);
// The observer reports asynchronously: let the load's collections arrive before clearing them.
await new Promise((r) => setTimeout(r, 20));
pauses.length = 0;

const usedBefore = v8.getHeapStatistics().used_heap_size;
const cpuBefore = process.cpuUsage();
const rows = questions.map((question) => {
  const start = performance.now();
  engine.answerQuestion(question);
  return { question, start, end: performance.now() };
});
const cpu = process.cpuUsage(cpuBefore);
const usedAfter = v8.getHeapStatistics().used_heap_size;
await new Promise((r) => setTimeout(r, 20));

const ms = rows.map((r) => r.end - r.start);
if (mode === "alloc") {
  const kb = (usedAfter - usedBefore) / 1024;
  console.log(
    `alloc: ${kb.toFixed(0)} KB over ${rows.length} questions (${(kb / rows.length).toFixed(1)} KB each); ` +
      `collections during them: ${pauses.length}` +
      (pauses.length ? " (not valid: give node --max-semi-space-size=1024 --min-semi-space-size=1024)" : ""),
  );
} else {
  const withoutPauses = rows.map(
    (r) =>
      r.end -
      r.start -
      pauses.filter((g) => g.start >= r.start && g.start < r.end).reduce((sum, g) => sum + g.duration, 0),
  );
  console.log(
    `time: p50 ${percentile(ms, 50).toFixed(2)} p95 ${percentile(ms, 95).toFixed(2)} p99 ${percentile(ms, 99).toFixed(2)} ` +
      `max ${Math.max(...ms).toFixed(1)} ms | CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms | ` +
      `collections ${pauses.length} (${pauses.reduce((sum, g) => sum + g.duration, 0).toFixed(0)} ms) | ` +
      `without their pauses: p95 ${percentile(withoutPauses, 95).toFixed(2)} p99 ${percentile(withoutPauses, 99).toFixed(2)}`,
  );
  const top = Number(values.top);
  for (const r of rows
    .map((r, i) => ({ ...r, ms: ms[i]!, paused: ms[i]! - withoutPauses[i]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top))
    console.log(
      `  ${r.ms.toFixed(2)}${r.paused > 0 ? ` (collection ${r.paused.toFixed(1)})` : ""} ${r.question}`,
    );
}
