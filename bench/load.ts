/**
 * `npm run load`: the real bot process (`newsdesk start`) on the local Discord API stand-in, fed a
 * stream of mixed interactions (questions, autocomplete on every keystroke, quotes, digest previews)
 * at a stated rate for a stated time, at each fact-base size; then a ramp that raises the rate until
 * p99 passes 1 s. Prints p50/p99 time to the first callback and to the answer, the share acknowledged
 * within Discord's 3 s, errors, the bot's memory at start and end, and its CPU use (what limits it).
 * Loopback only; bounded in count and time.
 *
 *   npm run load                                   # sizes 1000 and 10000, 20/s for 30 s, then the ramp
 *   npm run load -- --sizes 1000 --rate 10 --seconds 20 --no-ramp
 *
 * Fact bases: the articles of `bench/corpus.ts` (bbc-cc0 and the seed) are ingested once through
 * the real `newsdesk ingest`, and cached in the temp folder. The analysis runs at about an article a
 * second on this kind of machine, so by default only `--ingest` articles (60) are ingested and the
 * larger fact bases are made from them by replication (each copy with its own id, title and URL);
 * `--full-ingest` ingests the whole corpus of each size instead (slow: hours at 10,000).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DiscordApiStandIn } from "../tests/discord-api/server.ts";
import { writeCorpus } from "./corpus.ts";
import { BBC_DEV_FILE, readQuestions } from "./questions.ts";

const ROOT = join(import.meta.dirname, "..");
const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.load.TOKEN-not-a-real-one-5c1e";
const APP = "1100000000000000001";
const STRING = 3;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    rate: { type: "string", default: "20" },
    seconds: { type: "string", default: "30" },
    ramp: { type: "boolean", default: true },
    "no-ramp": { type: "boolean", default: false },
    ingest: { type: "string", default: "60" },
    "full-ingest": { type: "boolean", default: false },
  },
});
const SIZES = values.sizes!.split(",").map(Number);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const RAMP = values.ramp && !values["no-ramp"];
/** Ramp steps (interactions per second), each held for RAMP_STEP_S; stops at the first p99 over 1 s. */
const RAMP_RATES = [10, 20, 40, 80, 160, 320];
const RAMP_STEP_S = 10;
/** Interactions still unanswered this long after being sent count as lost. */
const GIVE_UP_MS = 15_000;

// ---- fact bases ---------------------------------------------------------------------------------

function ingestCli(corpus: string, knowledge: string): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, ["bin/newsdesk.js", "ingest", corpus, "--knowledge", knowledge], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent", DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" },
  });
  if (!existsSync(join(knowledge, "facts.json")))
    throw new Error(`load: ingest failed: ${r.stderr.slice(-500)}`);
  return (performance.now() - started) / 1000;
}

interface FactBaseInfo {
  dir: string;
  articles: number;
  how: string;
}

/** The fact base of `size` articles, built once and cached in the temp folder. */
function factBase(size: number): FactBaseInfo {
  const full = values["full-ingest"];
  const base = Math.min(size, Number(values.ingest));
  const cache = join(tmpdir(), `newsdesk-load-${full ? `full-${size}` : `base-${base}`}`);
  const kb = join(cache, "knowledge");
  if (!existsSync(join(kb, "facts.json"))) {
    const corpus = join(cache, "corpus");
    mkdirSync(corpus, { recursive: true });
    writeCorpus(corpus, full ? size : base);
    process.stdout.write(`load: ingesting ${full ? size : base} articles once into ${kb} …\n`);
    const s = ingestCli(corpus, kb);
    process.stdout.write(`load: ingest took ${s.toFixed(0)} s\n`);
  }
  if (full) return { dir: kb, articles: size, how: `${size} articles ingested` };
  const facts = JSON.parse(readFileSync(join(kb, "facts.json"), "utf8"));
  const originals = facts.articles as Record<string, unknown>[];
  const dir = mkdtempSync(join(tmpdir(), `newsdesk-load-${size}-`));
  const articles: Record<string, unknown>[] = [];
  for (let i = 0; articles.length < size; i++) {
    const a = originals[i % originals.length]!;
    const copy = Math.floor(i / originals.length);
    if (copy === 0) {
      articles.push(a);
      continue;
    }
    // A copy gets its own id everywhere the id appears (sentence ids, entity mentions…).
    const json = JSON.stringify(a).replaceAll(String(a.id), `${a.id}-c${copy}`);
    const c = JSON.parse(json) as Record<string, unknown>;
    c.title = `${a.title} (${copy})`;
    c.url = a.url ? `${a.url}?copy=${copy}` : null;
    articles.push(c);
  }
  writeFileSync(join(dir, "facts.json"), JSON.stringify({ ...facts, articles }));
  return {
    dir,
    articles: size,
    how: `${originals.length} articles ingested by \`newsdesk ingest\`, replicated to ${size}`,
  };
}

// ---- the bot ------------------------------------------------------------------------------------

interface Bot {
  child: ChildProcess;
  api: DiscordApiStandIn;
  stderr: () => string;
}

async function startBot(knowledgeDir: string): Promise<Bot> {
  const api = await DiscordApiStandIn.start({ token: TOKEN, applicationId: APP });
  let stderr = "";
  const child = spawn(process.execPath, ["bin/newsdesk.js", "start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_API_URL: api.apiUrl,
      KNOWLEDGE_DIR: knowledgeDir,
      DATA_DIR: mkdtempSync(join(tmpdir(), "newsdesk-load-data-")),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (d) => {
    stderr = (stderr + String(d)).slice(-20_000);
  });
  await api.waitFor(() => api.liveSessions === 1, 180_000, "the bot to log in");
  return { child, api, stderr: () => stderr };
}

/** The bot process's resident memory (MB) and CPU time so far (s), from /proc. */
function usage(pid: number): { rssMB: number; cpuS: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const ticks = Number(stat[11]) + Number(stat[12]);
    return { rssMB: rss, cpuS: ticks / 100 };
  } catch {
    return { rssMB: Number.NaN, cpuS: Number.NaN };
  }
}

// ---- the interaction mix -------------------------------------------------------------------------

type Kind = "ask" | "autocomplete" | "quote" | "digest";

interface Sent {
  id: string;
  kind: Kind;
  at: number;
  ack?: number;
  answer?: number;
  error?: string;
}

const QUESTIONS = readQuestions(BBC_DEV_FILE).map((q) => q.question);
const QUOTE_WORDS = ["said", "we", "government", "not", "will", "market", "people", "new"];

/** The next interactions of the mix: one question typed key by key (autocomplete each), then asked. */
function* mix(): Generator<{ kind: Kind; send: (api: DiscordApiStandIn) => string }> {
  for (let n = 0; ; n++) {
    const q = QUESTIONS[n % QUESTIONS.length]!;
    // Autocomplete on every keystroke of the first words, as a user types.
    for (let i = 3; i <= Math.min(q.length, 24); i += 1) {
      const typed = q.slice(0, i);
      yield {
        kind: "autocomplete",
        send: (api) =>
          api.sendAutocomplete("ask", [{ name: "question", type: STRING, value: typed, focused: true }]),
      };
    }
    yield {
      kind: "ask",
      send: (api) => api.sendChatInput("ask", [{ name: "question", type: STRING, value: q }]),
    };
    const word = QUOTE_WORDS[n % QUOTE_WORDS.length]!;
    yield {
      kind: "quote",
      send: (api) => api.sendChatInput("quote", [{ name: "text", type: STRING, value: word }]),
    };
    if (n % 3 === 0)
      yield {
        kind: "digest",
        send: (api) => api.sendChatInput("digest", [{ name: "preview", type: 1, options: [] }]),
      };
  }
}

/** Tracks replies as the stand-in records them. */
function track(api: DiscordApiStandIn, sent: Map<string, Sent>): () => void {
  let seen = 0;
  const byToken = new Map<string, Sent>();
  const timer = setInterval(() => {
    const now = performance.now();
    for (; seen < api.requests.length; seen++) {
      const r = api.requests[seen]!;
      const cb = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(r.path);
      if (cb) {
        const s = sent.get(cb[1]!);
        if (!s) continue;
        byToken.set(cb[2]!, s);
        if (r.status >= 300) s.error = `callback ${r.status}`;
        else {
          s.ack ??= now;
          if ((r.body as { type?: number }).type !== 5) s.answer ??= now;
        }
        continue;
      }
      // A deferred answer arrives as an edit of the original message, or (a private answer to a
      // public defer) as a followup.
      const wh = /^\/api\/v10\/webhooks\/\d+\/([^/]+)(\/messages\/(@|%40)original)?$/.exec(r.path);
      const answering = wh && ((r.method === "PATCH" && wh[2]) || (r.method === "POST" && !wh[2]));
      const s = answering ? byToken.get(wh[1]!) : undefined;
      if (s) {
        if (r.status >= 300) s.error = `edit ${r.status}`;
        else s.answer ??= now;
      }
    }
  }, 5);
  return () => clearInterval(timer);
}

function pct(xs: number[], p: number): number {
  if (!xs.length) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Run {
  rate: number;
  seconds: number;
  sent: number;
  byKind: Record<string, number>;
  ackP50: number;
  ackP99: number;
  answerP50: number;
  answerP99: number;
  within3s: number;
  errors: number;
  lost: number;
  rssStartMB: number;
  rssEndMB: number;
  cpuShare: number;
  /** CPU used by this driver process (the stand-in and the load generator), as a share of a core. */
  driverCpuShare: number;
  /** Answer p50 and p99 (ms) by kind of interaction. */
  kinds: Record<string, { p50: number; p99: number }>;
}

async function drive(bot: Bot, rate: number, seconds: number): Promise<Run> {
  const { api, child } = bot;
  const sent = new Map<string, Sent>();
  const stop = track(api, sent);
  const gen = mix();
  const start = usage(child.pid!);
  const driverStart = process.cpuUsage();
  const t0 = performance.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const next = gen.next().value!;
    const id = next.send(api);
    sent.set(id, { id, kind: next.kind, at: performance.now() });
  }
  const end = performance.now() + GIVE_UP_MS;
  while (performance.now() < end && [...sent.values()].some((s) => !s.answer && !s.error))
    await new Promise((r) => setTimeout(r, 50));
  stop();
  const finish = usage(child.pid!);
  const driver = process.cpuUsage(driverStart);
  const all = [...sent.values()];
  const acks = all.filter((s) => s.ack).map((s) => s.ack! - s.at);
  const answers = all.filter((s) => s.answer).map((s) => s.answer! - s.at);
  const byKind: Record<string, number> = {};
  for (const s of all) byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
  const elapsed = (performance.now() - t0) / 1000;
  return {
    rate,
    seconds,
    sent: all.length,
    byKind,
    ackP50: pct(acks, 50),
    ackP99: pct(acks, 99),
    answerP50: pct(answers, 50),
    answerP99: pct(answers, 99),
    within3s: all.filter((s) => s.ack && s.ack - s.at <= 3000).length / all.length,
    errors: all.filter((s) => s.error).length,
    lost: all.filter((s) => !s.ack && !s.error).length,
    rssStartMB: start.rssMB,
    rssEndMB: finish.rssMB,
    cpuShare: (finish.cpuS - start.cpuS) / elapsed,
    driverCpuShare: (driver.user + driver.system) / 1e6 / elapsed,
    kinds: Object.fromEntries(
      Object.keys(byKind).map((k) => {
        const xs = all.filter((s) => s.kind === k && s.answer).map((s) => s.answer! - s.at);
        return [k, { p50: pct(xs, 50), p99: pct(xs, 99) }];
      }),
    ),
  };
}

function line(size: number, r: Run): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "—");
  return [
    `${size} articles`,
    `${r.rate}/s × ${r.seconds} s`,
    `${r.sent} sent (${Object.entries(r.byKind)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ")})`,
    `ack p50 ${f(r.ackP50)} ms p99 ${f(r.ackP99)} ms`,
    `answer p50 ${f(r.answerP50)} ms p99 ${f(r.answerP99)} ms`,
    `${(r.within3s * 100).toFixed(1)}% acked within 3 s`,
    `${r.errors} errors, ${r.lost} unanswered`,
    `bot RSS ${f(r.rssStartMB)} → ${f(r.rssEndMB)} MB`,
    `bot CPU ${(r.cpuShare * 100).toFixed(0)}% of a core, driver+stand-in ${(r.driverCpuShare * 100).toFixed(0)}%`,
    `by kind (answer p50/p99 ms): ${Object.entries(r.kinds)
      .map(([k, v]) => `${k} ${f(v.p50)}/${f(v.p99)}`)
      .join(", ")}`,
  ].join(" | ");
}

async function main(): Promise<void> {
  const results: { size: number; how: string; steady: Run; ramp: Run[] }[] = [];
  for (const size of SIZES) {
    const fb = factBase(size);
    process.stdout.write(`\nload: fact base of ${fb.articles} articles (${fb.how})\n`);
    const bot = await startBot(fb.dir);
    try {
      // A short warm-up, so the first questions do not pay for lazy index building.
      await drive(bot, 5, 2);
      const steady = await drive(bot, RATE, SECONDS);
      process.stdout.write(`${line(size, steady)}\n`);
      const ramp: Run[] = [];
      if (RAMP) {
        for (const rate of RAMP_RATES) {
          const r = await drive(bot, rate, RAMP_STEP_S);
          ramp.push(r);
          process.stdout.write(`ramp: ${line(size, r)}\n`);
          if (r.answerP99 > 1000 || r.lost > 0) {
            // The slowest kind holds the one JavaScript thread while it computes; the rest queue behind it.
            const [slowKind, slow] =
              Object.entries(r.kinds).sort((a, b) => (b[1].p50 || 0) - (a[1].p50 || 0))[0] ?? [];
            const limit =
              r.driverCpuShare > 0.85
                ? "the load driver and stand-in (their process is CPU-bound), not the bot"
                : `the bot's one JavaScript thread: answers are computed on it one at a time (bot CPU ${(r.cpuShare * 100).toFixed(0)}% of a core on average, in bursts), and the slowest interaction, ${slowKind} (p50 ${slow?.p50.toFixed(0)} ms), holds it while the others queue behind`;
            process.stdout.write(
              `ramp: p99 passes 1 s at ${rate}/s (answer p99 ${r.answerP99.toFixed(0)} ms, bot CPU ${(r.cpuShare * 100).toFixed(0)}% of a core): limited by ${limit}\n`,
            );
            break;
          }
        }
      }
      results.push({ size, how: fb.how, steady, ramp });
      // Unanswered interactions: show what the bot said, so the cause can be read.
      if ([steady, ...ramp].some((r) => r.lost > 0 || r.errors > 0))
        process.stdout.write(
          `load: the bot's last log lines:\n${bot.stderr().split("\n").slice(-8).join("\n")}\n`,
        );
    } finally {
      bot.child.kill("SIGTERM");
      await new Promise((r) => bot.child.once("exit", r));
      await bot.api.close();
    }
  }
  const out = join(import.meta.dirname, "results");
  mkdirSync(out, { recursive: true });
  const file = join(out, `load-${new Date().toISOString().slice(0, 19).replaceAll(":", "")}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nload: figures written to ${file}\n`);
}

await main();
