/**
 * Renders a bench result file as Markdown tables (for the README's Performance section), so the
 * README shows exactly the figures of one measured run.
 *
 *   node --import tsx bench/markdown.ts bench/results/bench-<date>.json
 */
import { readFileSync } from "node:fs";
import type { MeasureResult } from "./measure.ts";
import type { PeerRatio } from "./run.ts";

interface ResultFile {
  startedAt: string;
  seconds: number;
  command: string;
  machine: { cpu: string; cores: number; node: string; totalMemGB: number; platform: string };
  targets: {
    at: number;
    checks: {
      target: string;
      goal: string;
      value: number | null;
      status: string;
      cpuValue: number | null;
      cpuStatus: string;
    }[];
  };
  ratios: Record<
    string,
    // Result files written before the question count was recorded have no `questions`.
    Record<string, (Omit<PeerRatio, "questions"> & { questions?: number }) | null>
  >;
  sizes: {
    size: number;
    articles: number;
    ingest: {
      available: boolean;
      reason?: string;
      seconds?: number;
      articlesPerSec?: number;
      reused?: boolean;
      timedOut?: boolean;
    };
    systems: Record<string, MeasureResult>;
    loadAverage: { before: number; after: number };
    notes: string[];
  }[];
}

const n = (v: number | undefined | null, d = 1) =>
  v === undefined || v === null || Number.isNaN(v) ? "—" : v.toFixed(d);

/** The Markdown of one result file. */
export function toMarkdown(r: ResultFile): string {
  const out: string[] = [];
  out.push(
    `Measured ${r.startedAt.slice(0, 16).replace("T", " ")} UTC on ${r.machine.cpu}, ${r.machine.cores} cores, ` +
      `${r.machine.totalMemGB} GB, Node ${r.machine.node} (${r.machine.platform}); run took ${Math.round(r.seconds / 60)} min.`,
    "",
    "| articles | system | ingest art/s | load ms | RSS MB | heap MB | /ask p50 | p95 | p99 | /ask p99 CPU | autocomplete p50 | p99 | p99 CPU | hit (dev) | hit (gen) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const s of r.sizes) {
    for (const key of ["newsdesk", "minisearch", "fuse"]) {
      const m = s.systems[key];
      if (!m) continue;
      const name = key === "fuse" ? "plain fuse.js" : key === "minisearch" ? "MiniSearch" : "newsdesk";
      const ingest =
        key !== "newsdesk"
          ? ""
          : s.ingest.articlesPerSec !== undefined
            ? `${n(s.ingest.articlesPerSec, 2)}${s.ingest.timedOut ? " (stopped)" : ""}`
            : "n/a";
      if (!m.available) {
        out.push(`| ${s.size} | ${name} | ${ingest} | not available: ${m.reason ?? ""} |||||||||||`);
        continue;
      }
      out.push(
        `| ${s.size} | ${name}${key === "fuse" && m.ask && m.ask.n < 200 ? ` (${m.ask.n} q)` : ""} | ${ingest} | ${n(m.load?.ms, 0)} | ${n(m.memory?.rssMB, 0)} | ${n(m.memory?.heapUsedMB, 0)} | ` +
          `${n(m.ask?.p50, 2)} | ${n(m.ask?.p95, 2)} | ${n(m.ask?.p99, 2)} | ${n(m.cpu?.ask.p99, 2)} | ` +
          `${n(m.autocomplete?.p50, 2)} | ${n(m.autocomplete?.p99, 2)} | ${n(m.cpu?.autocomplete.p99, 2)} | ` +
          `${m.hitDev ? `${m.hitDev.hits}/${m.hitDev.n}` : "—"} | ${m.hitGenerated?.n ? `${m.hitGenerated.hits}/${m.hitGenerated.n}` : "—"} |`,
      );
    }
  }
  out.push(
    "",
    "Ratios (peer latency ÷ newsdesk latency, same run, over the questions both ran; above 1, newsdesk is faster):",
    "",
    "| articles | vs MiniSearch: questions | p50 | p99 | p50 CPU | p99 CPU | vs plain fuse.js: questions | p50 | p99 | p50 CPU | p99 CPU |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const [size, q] of Object.entries(r.ratios)) {
    const m = q.minisearch;
    const f = q.fuse;
    const cells = (x: typeof m) =>
      x
        ? `${x.questions ?? "—"} | ${n(x.askP50)}× | ${n(x.askP99)}× | ${n(x.cpuAskP50)}× | ${n(x.cpuAskP99)}×`
        : "n/a | | | |";
    out.push(`| ${size} | ${cells(m)} | ${cells(f)} |`);
  }
  out.push(
    "",
    `Targets at ${r.targets.at} articles:`,
    "",
    "| target | goal | measured | status | CPU time | status (CPU) |",
    "|---|---|---|---|---|---|",
  );
  for (const c of r.targets.checks) {
    out.push(
      `| ${c.target} | ${c.goal} | ${n(c.value, 2)} | ${c.status} | ${c.cpuValue === null ? "" : n(c.cpuValue, 2)} | ${c.cpuStatus} |`,
    );
  }
  const notes = [...new Set(r.sizes.flatMap((s) => s.notes.map((x) => `${s.size}: ${x}`)))];
  for (const s of r.sizes) {
    if (!s.ingest.available && s.ingest.reason) notes.push(`${s.size}: ingest ${s.ingest.reason}`);
    if (s.ingest.reused)
      notes.push(`${s.size}: ingest figure from an earlier run of the same corpus (--reuse)`);
  }
  if (notes.length) out.push("", ...notes.map((x) => `- ${x}`));
  const repeated = r.sizes.filter((s) => s.systems.newsdesk?.runs);
  if (repeated.length) {
    out.push(
      "",
      "newsdesk's measuring runs (the figures above are their medians):",
      "",
      "| articles | run | load ms | RSS MB | /ask p50 | p99 | autocomplete p99 |",
      "|---|---|---|---|---|---|---|",
    );
    for (const s of repeated) {
      s.systems.newsdesk!.runs!.forEach((run, i) => {
        out.push(
          `| ${s.size} | ${i + 1} | ${n(run.loadMs, 0)} | ${n(run.rssMB, 0)} | ${n(run.askP50, 2)} | ${n(run.askP99, 2)} | ${n(run.autocompleteP99, 2)} |`,
        );
      });
    }
  }
  return `${out.join("\n")}\n`;
}

const file = process.argv[2];
if (file) process.stdout.write(toMarkdown(JSON.parse(readFileSync(file, "utf8")) as ResultFile));
