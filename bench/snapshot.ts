/**
 * A snapshot of everything newsdesk answers over one knowledge folder: every bench question (the
 * generated ones and the dev ones) and every autocomplete input, with the full output and the time
 * each took. Two snapshots of the same folder, before and after a change, show whether the change
 * altered any answer, and what it did to load time, memory and latency, in one quick run that does
 * not need the peers.
 *
 *   node --expose-gc --import tsx bench/snapshot.ts --knowledge DIR --out /tmp/after.json [--compare /tmp/before.json]
 *
 * `--compare` prints the number of questions and autocomplete inputs whose output differs (and the
 * first few), and the load, memory and latency figures side by side.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { AnswerEngine } from "../src/answer/engine.ts";
import { KnowledgeStore, readFactBase } from "../src/knowledge/store.ts";
import { autocompletePrefixes, benchQuestions } from "./questions.ts";

interface Timed {
  wallMs: number;
  cpuMs: number;
}

interface Snapshot {
  knowledge: string;
  load: { readMs: number; indexMs: number; rssMB: number; heapMB: number };
  answers: Record<string, unknown>;
  autocomplete: Record<string, unknown>;
  ask: { p50: number; p95: number; p99: number; max: number; cpuP99: number; slowest: string[] };
  complete: { p50: number; p99: number; max: number; cpuP99: number };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function timed<T>(fn: () => T): [T, Timed] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [value, { wallMs, cpuMs: (c.user + c.system) / 1000 }];
}

const r2 = (n: number) => Math.round(n * 100) / 100;

function run(knowledge: string): Snapshot {
  const gc = (globalThis as { gc?: () => void }).gc;
  const [facts, read] = timed(() => readFactBase(knowledge));
  const engine = new AnswerEngine(new KnowledgeStore(knowledge, facts));
  const [, index] = timed(() => engine.warm());
  gc?.();
  const mem = process.memoryUsage();
  const questions = benchQuestions();
  const answers: Record<string, unknown> = {};
  const askTimes: { t: Timed; q: string }[] = [];
  for (const { question } of questions) {
    const [result, t] = timed(() => engine.answerQuestion(question));
    askTimes.push({ t, q: question });
    answers[question] = {
      answer: result.answer,
      confidence: result.confidence,
      citations: result.citations.map((c) => c.sentence),
      suggestions: result.suggestions,
    };
  }
  const autocomplete: Record<string, unknown> = {};
  const acTimes: Timed[] = [];
  for (const prefix of autocompletePrefixes(questions)) {
    const [choices, t] = timed(() => engine.autocomplete(prefix));
    acTimes.push(t);
    autocomplete[prefix] = choices.map((c) => `${c.kind}:${c.value}`);
  }
  const wall = askTimes.map((a) => a.t.wallMs);
  const acWall = acTimes.map((a) => a.wallMs);
  return {
    knowledge,
    load: {
      readMs: r2(read.wallMs),
      indexMs: r2(index.wallMs),
      rssMB: r2(mem.rss / 1e6),
      heapMB: r2(mem.heapUsed / 1e6),
    },
    answers,
    autocomplete,
    ask: {
      p50: r2(percentile(wall, 50)),
      p95: r2(percentile(wall, 95)),
      p99: r2(percentile(wall, 99)),
      max: r2(Math.max(...wall)),
      cpuP99: r2(
        percentile(
          askTimes.map((a) => a.t.cpuMs),
          99,
        ),
      ),
      slowest: [...askTimes]
        .sort((a, b) => b.t.wallMs - a.t.wallMs)
        .slice(0, 5)
        .map((a) => `${r2(a.t.wallMs)} ms  ${a.q}`),
    },
    complete: {
      p50: r2(percentile(acWall, 50)),
      p99: r2(percentile(acWall, 99)),
      max: r2(Math.max(...acWall)),
      cpuP99: r2(
        percentile(
          acTimes.map((a) => a.cpuMs),
          99,
        ),
      ),
    },
  };
}

function differences(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

const { values } = parseArgs({
  options: {
    knowledge: { type: "string" },
    out: { type: "string" },
    compare: { type: "string" },
  },
});
if (!values.knowledge) {
  process.stderr.write("usage: bench/snapshot.ts --knowledge DIR [--out FILE] [--compare OLD.json]\n");
  process.exit(2);
}
const snap = run(values.knowledge);
if (values.out) writeFileSync(values.out, `${JSON.stringify(snap, null, 1)}\n`);
const summary = (s: Snapshot) =>
  `load read ${s.load.readMs} ms, index ${s.load.indexMs} ms, RSS ${s.load.rssMB} MB, heap ${s.load.heapMB} MB; ` +
  `/ask p50 ${s.ask.p50} p95 ${s.ask.p95} p99 ${s.ask.p99} max ${s.ask.max} (CPU p99 ${s.ask.cpuP99}); ` +
  `autocomplete p50 ${s.complete.p50} p99 ${s.complete.p99} max ${s.complete.max} (CPU p99 ${s.complete.cpuP99})`;
process.stdout.write(`now:    ${summary(snap)}\nslowest questions:\n  ${snap.ask.slowest.join("\n  ")}\n`);
if (values.compare) {
  const old = JSON.parse(readFileSync(values.compare, "utf8")) as Snapshot;
  process.stdout.write(`before: ${summary(old)}\n`);
  const askDiff = differences(old.answers, snap.answers);
  const acDiff = differences(old.autocomplete, snap.autocomplete);
  process.stdout.write(
    `answers differing: ${askDiff.length} of ${Object.keys(snap.answers).length}; ` +
      `autocomplete differing: ${acDiff.length} of ${Object.keys(snap.autocomplete).length}\n`,
  );
  for (const k of askDiff.slice(0, 5)) {
    process.stdout.write(
      `  ? ${k}\n    before ${JSON.stringify(old.answers[k])}\n    after  ${JSON.stringify(snap.answers[k])}\n`,
    );
  }
  for (const k of acDiff.slice(0, 5)) {
    process.stdout.write(
      `  ac ${k}\n    before ${JSON.stringify(old.autocomplete[k])}\n    after  ${JSON.stringify(snap.autocomplete[k])}\n`,
    );
  }
}
