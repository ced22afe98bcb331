/** Shared test helpers for the digest tests: a temp DATA_DIR, a silent logger, a recording sender, articles. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { DigestSender } from "../../src/digest/sender.ts";
import { DigestService } from "../../src/digest/service.ts";
import { type Article, emptyFactBase, type FactBase } from "../../src/knowledge/schema.ts";
import { KnowledgeStore } from "../../src/knowledge/store.ts";
import type { Reply } from "../../src/reply.ts";

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-digest-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A logger that keeps its lines for assertions. */
export function memoryLogger() {
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  const logger = pino({ level: "debug" }, { write: (l: string) => lines.push(JSON.parse(l)) });
  return { logger, lines };
}

/** A sender that records what it would post, and fails for the channels told to. */
export class RecordingSender implements DigestSender {
  readonly sent: { channelId: string; replies: Reply[]; at: Date }[] = [];
  readonly failures = new Map<string, Error>();
  /** Guilds this "shard" holds; every guild when null. */
  owned: Set<string> | null = null;
  ownsGuild(guildId: string): boolean {
    return this.owned === null || this.owned.has(guildId);
  }
  send(channelId: string, replies: readonly Reply[]): Promise<void> {
    const failure = this.failures.get(channelId);
    if (failure) return Promise.reject(failure);
    this.sent.push({ channelId, replies: [...replies], at: new Date() });
    return Promise.resolve();
  }
  to(channelId: string) {
    return this.sent.filter((s) => s.channelId === channelId);
  }
}

let n = 0;
/** An article with the given sentences (one paragraph each), ingested at `ingestedAt`. */
export function article(over: Omit<Partial<Article>, "sentences"> & { sentences?: string[] } = {}): Article {
  const id = over.id ?? `a${++n}`;
  const texts = over.sentences ?? [
    "The council approved the new budget for the city on Monday.",
    "The budget raises spending on schools and public transport by ten percent.",
    "Opposition members said the plan relied on optimistic tax forecasts.",
  ];
  let offset = 0;
  const sentences = texts.map((text, index) => {
    const start = offset;
    offset += text.length + 2;
    return {
      id: `${id}#s${index}`,
      index,
      paragraph: index,
      start,
      end: start + text.length,
      text,
      source: { start, end: start + text.length },
    };
  });
  const text = texts.join("\n\n");
  const { sentences: _ignored, ...rest } = over;
  return {
    id,
    title: "City approves budget",
    source: "Test Times",
    published: null,
    url: `https://news.example/${id}`,
    section: null,
    dateline: null,
    format: "markdown",
    file: `articles/${id}.md`,
    ingestedAt: new Date().toISOString(),
    text,
    paragraphs: sentences.map((s) => ({ start: s.start, end: s.end })),
    sentences,
    attributions: [],
    ...rest,
  };
}

export function factBase(articles: Article[], extra: Partial<FactBase> = {}): FactBase {
  return { ...emptyFactBase(), articles, ...extra };
}

/** A digest service on a real SQLite file in a temp DATA_DIR. */
export function makeService(dataDir: string, facts: FactBase = factBase([]), graceHours = 6, staggerMs = 0) {
  const { logger, lines } = memoryLogger();
  const knowledge = new KnowledgeStore(join(dataDir, "knowledge"), facts);
  const service = DigestService.open(dataDir, { knowledge, logger, graceHours, staggerMs });
  return { service, knowledge, logger, lines };
}

/** Resolves when `test()` holds, checking every 20 ms; rejects after `timeoutMs` naming what it waited for. */
export async function until(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
