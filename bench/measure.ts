/**
 * One measurement, in a child process of its own so that its memory figures are its own:
 * loads one system (newsdesk, plain fuse.js or MiniSearch) over one corpus, takes the memory
 * after a GC, then times the questions and the autocomplete inputs and judges the hits.
 *
 * Run by bench/run.ts through `fork` (with `--expose-gc`); the job comes as a JSON file path in
 * argv, the result goes back with `process.send`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FactBase } from "../src/knowledge/schema.ts";
import { FactBaseError, readFactBase } from "../src/knowledge/store.ts";
import { containsEvidence, normaliseForEvidence, percentile } from "./evidence.ts";
import { createFusePlain } from "./peers/fuse-plain.ts";
import { createMiniSearch } from "./peers/minisearch.ts";
import type { BenchSentence } from "./peers/types.ts";
import { loadNewsdesk, type System } from "./systems.ts";

/** What the parent asks a child to measure. */
export interface MeasureJob {
  system: "newsdesk" | "fuse" | "minisearch";
  corpusDir: string;
  /** Knowledge folder built by the newsdesk ingest (its sentences feed the peers when present). */
  knowledgeDir: string;
  /** Timed questions (generated); capped by `questionCap`. */
  questions: { id: string; question: string; evidence: string | null }[];
  /** Dev questions with evidence, for the hit rate (all of them, never capped). */
  dev: { id: string; question: string; evidence: string | null; set: string }[];
  autocomplete: string[];
  questionCap: number | null;
  /**
   * Wall-time budget for the questions (dev first, then generated) and for autocomplete, in ms:
   * past it the remaining ones are not run, so a slow system cannot stall the whole run. The
   * number actually run is reported (`ask.n`, `autocomplete.n`).
   */
  budgetMs: { ask: number; autocomplete: number };
  /** At most this many dev questions, spread evenly (only plain fuse.js at 10,000+). */
  devCap: number | null;
  autocompleteCap: number | null;
}

/** Latency figures in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** A hit rate over questions with evidence. */
export interface HitRate {
  n: number;
  hits: number;
  rate: number;
  /** Ids of the missed questions (to look at). */
  missed: string[];
}

/** What a child reports. */
export interface MeasureResult {
  system: string;
  available: boolean;
  reason?: string;
  /** Where the sentences came from: the newsdesk fact base, or the bench's own splitting. */
  sentences?: { count: number; from: string };
  load?: { ms: number; parts: Record<string, number> };
  memory?: { rssMB: number; heapUsedMB: number; heapTotalMB: number; externalMB: number };
  firstQuestionMs?: number;
  ask?: Latency;
  autocomplete?: Latency;
  /**
   * The same, in CPU time of this process (user + system): on a busy machine wall time includes
   * waiting for a core, CPU time does not, so it stays close to what an idle machine would show.
   */
  cpu?: { loadMs: number; ask: Latency; autocomplete: Latency };
  hitDev?: HitRate & { bySet: Record<string, { n: number; hits: number }> };
  hitGenerated?: HitRate;
  /** Per question id: [wall ms, CPU ms], so ratios can be taken over the questions both systems ran. */
  perQuestion?: Record<string, [number, number]>;
  /** Per dev question: whether the top hit held the evidence. */
  devHits?: Record<string, boolean>;
  abstained?: number;
  /**
   * When the figures are the medians of several measuring children (`bench/run.ts --repeat`): each
   * child's own load, memory and latency figures, in the order they ran.
   */
  runs?: RunSummary[];
}

/** One measuring child's headline figures (see {@link MeasureResult.runs}). */
export interface RunSummary {
  loadMs: number;
  rssMB: number;
  askP50: number;
  askP99: number;
  autocompleteP99: number;
}

function latency(values: number[]): Latency {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length),
  };
}

const sentenceSegmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** The sentences every peer indexes: the fact base's when newsdesk built one, else our own split. */
function readSentences(job: MeasureJob): { sentences: BenchSentence[]; from: string } {
  let facts: FactBase | null = null;
  try {
    // Through the store: facts.json is compact (format version 2), sentences are derived on load.
    facts = readFactBase(job.knowledgeDir);
  } catch (err) {
    if (!(err instanceof FactBaseError)) throw err;
  }
  if (facts) {
    const sentences: BenchSentence[] = [];
    for (const a of facts.articles) {
      for (const s of a.sentences) sentences.push({ id: s.id, articleId: a.id, text: s.text });
    }
    if (sentences.length > 0) return { sentences, from: "newsdesk fact base" };
  }
  // No fact base: read the corpus files ourselves (front matter and the seed's header lines off).
  const sentences: BenchSentence[] = [];
  for (const file of readdirSync(job.corpusDir).sort()) {
    const text = readFileSync(join(job.corpusDir, file), "utf8");
    const body = file.endsWith(".md") ? text.replace(/^---\n[\s\S]*?\n---\n/, "") : text;
    let index = 0;
    for (const paragraph of body.split(/\n\s*\n|\n/)) {
      for (const s of sentenceSegmenter.segment(paragraph.trim())) {
        const t = s.segment.trim();
        if (t) sentences.push({ id: `${file}#s${index++}`, articleId: file, text: t });
      }
    }
  }
  return { sentences, from: "bench split (Intl.Segmenter), no fact base" };
}

/** CPU time of this process so far, in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

function memory() {
  gc();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
  return {
    rssMB: mb(m.rss),
    heapUsedMB: mb(m.heapUsed),
    heapTotalMB: mb(m.heapTotal),
    externalMB: mb(m.external),
  };
}

async function measure(job: MeasureJob): Promise<MeasureResult> {
  let system: System;
  let sentencesInfo: MeasureResult["sentences"];
  const t0 = performance.now();
  const c0 = cpuMs();
  if (job.system === "newsdesk") {
    const loaded = await loadNewsdesk(job.knowledgeDir);
    if (!loaded.available) return { system: "newsdesk", available: false, reason: loaded.reason };
    system = loaded.system;
  } else {
    const tRead = performance.now();
    const { sentences, from } = readSentences(job);
    const readMs = performance.now() - tRead;
    const tIndex = performance.now();
    const peer = job.system === "fuse" ? createFusePlain(sentences) : createMiniSearch(sentences);
    const indexMs = performance.now() - tIndex;
    sentencesInfo = { count: sentences.length, from };
    system = {
      name: peer.name,
      loadParts: { readMs, indexMs },
      ask: (q) => {
        const hit = peer.top(q);
        return hit ? { sentence: hit.text } : null;
      },
      autocomplete: (prefix) => peer.suggest(prefix, 25).length,
    };
  }
  const loadMs = performance.now() - t0;
  const loadCpuMs = cpuMs() - c0;
  const askCpu: number[] = [];
  const perQuestion: Record<string, [number, number]> = {};
  const acCpu: number[] = [];
  const mem = memory();

  const devTimes: number[] = [];
  const devMissed: string[] = [];
  const bySet: Record<string, { n: number; hits: number }> = {};
  let abstained = 0;
  const tFirst = performance.now();
  const first = job.dev[0] ?? job.questions[0];
  if (first) system.ask(first.question);
  const firstQuestionMs = performance.now() - tFirst;
  let devHits = 0;
  let devN = 0;
  const devHitMap: Record<string, boolean> = {};
  const withEvidence = job.dev.filter((q) => q.evidence);
  const step = job.devCap ? Math.max(1, withEvidence.length / job.devCap) : 1;
  const devQuestions = job.devCap
    ? Array.from(
        { length: Math.min(job.devCap, withEvidence.length) },
        (_, i) => withEvidence[Math.floor(i * step)]!,
      )
    : withEvidence;
  const askStart = performance.now();
  const overBudget = () => performance.now() - askStart > job.budgetMs.ask;
  for (const q of devQuestions) {
    if (!q.evidence) continue;
    if (overBudget()) break;
    const c = cpuMs();
    const t = performance.now();
    const answer = system.ask(q.question);
    devTimes.push(performance.now() - t);
    askCpu.push(cpuMs() - c);
    perQuestion[q.id] = [devTimes[devTimes.length - 1] as number, askCpu[askCpu.length - 1] as number];
    if (!answer) abstained++;
    bySet[q.set] ??= { n: 0, hits: 0 };
    const set = bySet[q.set] as { n: number; hits: number };
    set.n++;
    devN++;
    const hit = containsEvidence(answer?.sentence, q.evidence);
    devHitMap[q.id] = hit;
    if (hit) {
      devHits++;
      set.hits++;
    } else devMissed.push(q.id);
  }

  const questions = job.questionCap ? job.questions.slice(0, job.questionCap) : job.questions;
  const askTimes: number[] = [];
  let genHits = 0;
  let genN = 0;
  const genMissed: string[] = [];
  for (const q of questions) {
    if (overBudget()) break;
    genN++;
    const c = cpuMs();
    const t = performance.now();
    const answer = system.ask(q.question);
    askTimes.push(performance.now() - t);
    askCpu.push(cpuMs() - c);
    perQuestion[q.id] = [askTimes[askTimes.length - 1] as number, askCpu[askCpu.length - 1] as number];
    if (!answer) abstained++;
    // A generated question's source sentence: judged on its opening words, since the ingest may
    // repair spacing and a variant article may hold the same sentence.
    const opening = q.evidence ? normaliseForEvidence(q.evidence).split(" ").slice(0, 8).join(" ") : null;
    if (opening && containsEvidence(answer?.sentence, opening)) genHits++;
    else genMissed.push(q.id);
  }

  const prefixes = job.autocompleteCap ? job.autocomplete.slice(0, job.autocompleteCap) : job.autocomplete;
  const acTimes: number[] = [];
  const acStart = performance.now();
  for (const p of prefixes) {
    if (performance.now() - acStart > job.budgetMs.autocomplete) break;
    const c = cpuMs();
    const t = performance.now();
    system.autocomplete(p);
    acTimes.push(performance.now() - t);
    acCpu.push(cpuMs() - c);
  }

  return {
    system: system.name,
    available: true,
    ...(sentencesInfo ? { sentences: sentencesInfo } : {}),
    load: { ms: loadMs, parts: system.loadParts },
    memory: mem,
    firstQuestionMs,
    ask: latency(askTimes.concat(devTimes)),
    autocomplete: latency(acTimes),
    cpu: { loadMs: loadCpuMs, ask: latency(askCpu), autocomplete: latency(acCpu) },
    hitDev: {
      n: devN,
      hits: devHits,
      rate: devN ? devHits / devN : Number.NaN,
      missed: devMissed,
      bySet,
    },
    devHits: devHitMap,
    perQuestion,
    hitGenerated: {
      n: genN,
      hits: genHits,
      rate: genN ? genHits / genN : Number.NaN,
      missed: genMissed.slice(0, 50),
    },
    abstained,
  };
}

const jobFile = process.argv[2];
if (jobFile) {
  const job = JSON.parse(readFileSync(jobFile, "utf8")) as MeasureJob;
  measure(job).then(
    (result) => {
      process.send?.(result);
      process.exitCode = 0;
    },
    (err: unknown) => {
      process.send?.({
        system: job.system,
        available: false,
        reason: `failed: ${(err as Error)?.stack ?? String(err)}`,
      } satisfies MeasureResult);
      process.exitCode = 1;
    },
  );
}
