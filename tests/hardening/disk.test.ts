/**
 * Disk faults: the digest database locked by another connection or full while a digest is recorded,
 * and an ingest killed with SIGKILL half-way. Nothing is lost or corrupted, and no digest goes out twice.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DIGEST_DB_FILE, openDigestDb } from "../../src/digest/db.ts";
import type { DigestSender } from "../../src/digest/sender.ts";
import { DigestService } from "../../src/digest/service.ts";
import { emptyFactBase } from "../../src/knowledge/schema.ts";
import { KnowledgeStore, readFactBase } from "../../src/knowledge/store.ts";
import type { Reply } from "../../src/reply.ts";
import { SHARED } from "./hostile.ts";

const ROOT = resolve(import.meta.dirname, "../..");

class CountingSender implements DigestSender {
  readonly sent: { channelId: string; replies: readonly Reply[] }[] = [];
  send(channelId: string, replies: readonly Reply[]): Promise<void> {
    this.sent.push({ channelId, replies });
    return Promise.resolve();
  }
}

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

/** A digest service on a fresh DATA_DIR with one subscription due now, and its scheduler started later. */
function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-disk-"));
  const db = openDigestDb(dataDir);
  const service = new DigestService({
    db,
    knowledge: new KnowledgeStore(dataDir, emptyFactBase()),
    logger: pino({ level: "silent" }),
    graceHours: 6,
    staggerMs: 0,
  });
  closers.push(() => service.close());
  // Subscribed yesterday for 00:00 UTC: today's slot is due (and well inside the grace window at 00:30).
  const now = new Date(Date.UTC(2026, 0, 15, 0, 30));
  const sub = service.subscribe(
    { guildId: "1", channelId: "42", time: "00:00", timezone: "UTC", createdBy: "u" },
    new Date(Date.UTC(2026, 0, 14, 12)),
  );
  return { dataDir, db, service, sub, now };
}

describe("the digest database under disk faults", () => {
  it("locked by another connection past the busy timeout: nothing is sent, and the retry sends once", async () => {
    const { dataDir, service, sub, now } = setup();
    const sender = new CountingSender();
    const scheduler = await service.start(sender, new Date(Date.UTC(2026, 0, 14, 13)));
    const other = new Database(join(dataDir, DIGEST_DB_FILE));
    closers.push(() => other.close());
    other.exec("BEGIN EXCLUSIVE");
    // The service waits out a writer for busy_timeout (5 s), then gives up on this delivery.
    const outcome = await scheduler.fire(sub.id, now).catch((err: Error) => err);
    expect(sender.sent).toHaveLength(0);
    expect(String(outcome)).toMatch(/locked|busy|failed/i);
    other.exec("COMMIT");
    expect(await scheduler.fire(sub.id, now)).toBe("sent");
    expect(await scheduler.fire(sub.id, now)).toBe("duplicate");
    expect(sender.sent).toHaveLength(1);
  }, 30_000);

  it("locked for less than the busy timeout: the delivery waits, then goes out once", async () => {
    const { dataDir, service, sub, now } = setup();
    const sender = new CountingSender();
    const scheduler = await service.start(sender, new Date(Date.UTC(2026, 0, 14, 13)));
    // Another process (a CLI run) holds the write lock for a second.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const D=require("better-sqlite3");const d=new D(${JSON.stringify(join(dataDir, DIGEST_DB_FILE))});d.exec("BEGIN EXCLUSIVE");console.log("locked");setTimeout(()=>{d.exec("COMMIT");d.close()},1000)`,
      ],
      { cwd: ROOT },
    );
    // Listened for from the start: the holder may exit before the delivery below returns.
    const holderExited = new Promise((r) => holder.once("exit", r));
    await new Promise<void>((r) => holder.stdout.once("data", () => r()));
    expect(await scheduler.fire(sub.id, now)).toBe("sent");
    expect(sender.sent).toHaveLength(1);
    await holderExited;
  }, 30_000);

  it("full (no page left to write): nothing is sent unrecorded, the database stays intact, and the retry sends once", async () => {
    const { db, service, sub, now, dataDir } = setup();
    const sender = new CountingSender();
    const scheduler = await service.start(sender, new Date(Date.UTC(2026, 0, 14, 13)));
    db.exec("CREATE TABLE IF NOT EXISTS ballast (b BLOB)");
    db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true }) as number}`);
    // Fill the last free pages so the next insert needs a page the disk does not have.
    // …and the delivery log's own pages, so recording a delivery needs a new page.
    const fill = (sql: string) => {
      try {
        for (let i = 0; ; i++) db.prepare(sql).run(i);
      } catch (err) {
        expect(String(err)).toMatch(/full/i);
      }
    };
    fill("INSERT INTO ballast VALUES (randomblob(4000 + ? * 0))");
    fill("INSERT INTO ballast VALUES (randomblob(50 + ? * 0))");
    fill(
      "INSERT INTO deliveries (subscription_id, channel_id, kind, local_day, status, claimed_at) VALUES (0, 'filler-' || ?, 'manual', NULL, 'sent', 'x')",
    );
    const outcome = await scheduler.fire(sub.id, now).catch((err: Error) => err);
    expect(String(outcome)).toMatch(/full|failed/i);
    expect(sender.sent).toHaveLength(0);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    // Space again: the delivery goes out, once.
    db.exec("DROP TABLE ballast");
    db.exec("DELETE FROM deliveries WHERE channel_id LIKE 'filler-%'");
    db.pragma("max_page_count = 1073741823");
    expect(await scheduler.fire(sub.id, now)).toBe("sent");
    expect(await scheduler.fire(sub.id, now)).toBe("duplicate");
    expect(sender.sent).toHaveLength(1);
    const check = new Database(join(dataDir, DIGEST_DB_FILE), { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
  }, 30_000);
});

describe("an ingest killed with SIGKILL half-way", () => {
  it("leaves the previous fact base valid, and the next ingest completes with every article", async () => {
    const knowledge = mkdtempSync(join(tmpdir(), "newsdesk-kill-kb-"));
    const src = mkdtempSync(join(tmpdir(), "newsdesk-kill-src-"));
    const bbc = join(SHARED, "corpus/bbc-cc0/articles");
    // Enough articles that the ingest is still analysing when it is killed, however fast the machine.
    const files = readdirSync(bbc).sort().slice(0, 40);
    const env = { ...process.env, LOG_LEVEL: "silent", DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" };
    // A first fact base of one article.
    copyFileSync(join(bbc, files[0]!), join(src, files[0]!));
    const first = spawnSync(process.execPath, ["bin/newsdesk.js", "ingest", src, "--knowledge", knowledge], {
      cwd: ROOT,
      env,
      timeout: 120_000,
    });
    expect(first.status).toBe(0);
    const before = readFactBase(knowledge);
    for (const f of files.slice(1)) copyFileSync(join(bbc, f), join(src, f));
    // Killed while it analyses the new articles: at its first progress line of the analysis (a fixed
    // delay raced the ingest: on a fast machine it had finished, and the exit was never seen).
    const child = spawn(
      process.execPath,
      ["bin/newsdesk.js", "ingest", src, "--knowledge", knowledge, "--workers", "0"],
      {
        cwd: ROOT,
        env,
      },
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.once("exit", (code, signal) => r({ code, signal })),
    );
    let stderr = "";
    await new Promise<void>((r) => {
      child.stderr.on("data", (d) => {
        stderr += d;
        if (/ingest: analysing \d+\/\d+/.test(stderr)) r();
      });
      exited.then(() => r());
    });
    child.kill("SIGKILL");
    const { signal } = await exited;
    expect(signal).toBe("SIGKILL");
    const after = readFactBase(knowledge);
    expect(after.articles.map((a) => a.id)).toEqual(before.articles.map((a) => a.id));
    const again = spawnSync(process.execPath, ["bin/newsdesk.js", "ingest", src, "--knowledge", knowledge], {
      cwd: ROOT,
      env,
      timeout: 180_000,
    });
    expect(again.status).toBe(0);
    expect(readFactBase(knowledge).articles).toHaveLength(files.length);
  }, 240_000);
});

describe("a scheduled digest when the database is full", () => {
  it("is logged as failed by the timer that fired it, not left as an unhandled rejection that would end the process", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on("unhandledRejection", onUnhandled);
    vi.useFakeTimers({ now: new Date(Date.UTC(2026, 0, 14, 23, 58)) });
    try {
      const { db, service } = setup();
      const sender = new CountingSender();
      await service.start(sender, new Date());
      db.exec("CREATE TABLE IF NOT EXISTS ballast (b BLOB)");
      db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true }) as number}`);
      for (const sql of [
        "INSERT INTO ballast VALUES (randomblob(4000 + ? * 0))",
        "INSERT INTO ballast VALUES (randomblob(50 + ? * 0))",
        "INSERT INTO deliveries (subscription_id, channel_id, kind, local_day, status, claimed_at) VALUES (0, 'filler-' || ?, 'manual', NULL, 'sent', 'x')",
      ]) {
        try {
          for (let i = 0; ; i++) db.prepare(sql).run(i);
        } catch {
          // full
        }
      }
      // 00:00 UTC comes: the job fires while the database cannot take the claim.
      await vi.advanceTimersByTimeAsync(3 * 60_000);
      vi.useRealTimers();
      await new Promise((r) => setTimeout(r, 50));
      expect(sender.sent).toHaveLength(0);
      expect(unhandled).toEqual([]);
    } finally {
      vi.useRealTimers();
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("a digest process killed with SIGKILL in the middle of a send", () => {
  it("on restart, the interrupted delivery is not sent again and the database is intact", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "newsdesk-kill-digest-"));
    const sentLog = join(dataDir, "sent.log");
    const child = (mode: string) =>
      spawn(
        process.execPath,
        ["--import", "tsx", resolve(import.meta.dirname, "fixtures/digest-child.ts"), dataDir, sentLog, mode],
        {
          cwd: ROOT,
        },
      );
    const first = child("hang");
    await new Promise<void>((r) => first.stdout.on("data", (d) => String(d).includes("sending") && r()));
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    const second = child("normal");
    let out = "";
    second.stdout.on("data", (d) => (out += d));
    const code = await new Promise((r) => second.once("exit", r));
    expect(code).toBe(0);
    expect(out).toContain("outcomes done");
    // One send in all: the killed one. The restart marks it interrupted rather than posting the day twice.
    expect(readFileSync(sentLog, "utf8").trim().split("\n")).toEqual(["42"]);
    const db = new Database(join(dataDir, DIGEST_DB_FILE), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const rows = db.prepare("SELECT status FROM deliveries WHERE channel_id = '42'").all() as {
      status: string;
    }[];
    db.close();
    expect(rows).toEqual([{ status: "interrupted" }]);
  }, 120_000);
});
