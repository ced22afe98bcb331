import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { DIGEST_DB_FILE, MIGRATIONS, migrate, openDigestDb } from "../../src/digest/db.ts";
import { DeliveryLog } from "../../src/digest/deliveries.ts";
import { SubscriptionStore } from "../../src/digest/subscriptions.ts";
import { tempDir } from "./helpers.ts";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function fresh() {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

const input = { guildId: "g1", channelId: "c1", time: "07:30", timezone: "Europe/Paris", createdBy: "u1" };

describe("the digest database", () => {
  it("is created with its folder on first start, in WAL mode, with every migration recorded", () => {
    const dir = join(fresh(), "nested", "data");
    const db = openDigestDb(dir);
    expect(existsSync(join(dir, DIGEST_DB_FILE))).toBe(true);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it("applies nothing twice when opened again", () => {
    const dir = fresh();
    openDigestDb(dir).close();
    const db = openDigestDb(dir);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it("rolls a failing migration back whole and names it", () => {
    const db = new Database(join(fresh(), "x.sqlite"));
    const bad = [
      ...MIGRATIONS,
      { version: 99, name: "broken", sql: "CREATE TABLE t99 (x); SELECT * FROM nowhere;" },
    ];
    expect(() => migrate(db, bad)).toThrow(/migration 99 \(broken\) failed: no such table: nowhere/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't99'").get()).toBeUndefined();
    expect(db.prepare("SELECT MAX(version) FROM schema_migrations").pluck().get()).toBe(
      MIGRATIONS.at(-1)!.version,
    );
    db.close();
  });

  it("refuses a database written by a newer newsdesk", () => {
    const dir = fresh();
    const db = openDigestDb(dir);
    db.prepare("INSERT INTO schema_migrations VALUES (1000, 'future', 'x')").run();
    db.close();
    expect(() => openDigestDb(dir)).toThrow(/schema version 1000/);
  });
});

describe("subscriptions", () => {
  it("are stored, replaced per channel and removed", () => {
    const db = openDigestDb(fresh());
    const subs = new SubscriptionStore(db);
    const a = subs.subscribe({ ...input, topics: "Armenia, climate" });
    expect(a).toMatchObject({
      channelId: "c1",
      time: "07:30",
      timezone: "Europe/Paris",
      topics: ["Armenia", "climate"],
    });
    const b = subs.subscribe({ ...input, time: "08:00", quietDays: true });
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ time: "08:00", quietDays: true, topics: [] });
    expect(subs.list("g1")).toHaveLength(1);
    expect(subs.unsubscribe("c1")).toBe(true);
    expect(subs.unsubscribe("c1")).toBe(false);
    expect(subs.list()).toEqual([]);
    db.close();
  });

  it("refuse a time that is not HH:MM with a clear message", () => {
    const subs = new SubscriptionStore(openDigestDb(fresh()));
    for (const time of ["7:30", "24:00", "07:60", "seven", "07:30pm"]) {
      expect(() => subs.subscribe({ ...input, time })).toThrow(`time "${time}" is not a 24-hour time HH:MM`);
    }
  });

  it("refuse a time zone that is not an IANA name, and accept real ones", () => {
    const subs = new SubscriptionStore(openDigestDb(fresh()));
    for (const timezone of ["Mars/Olympus", "EST", "Paris", ""]) {
      expect(() => subs.subscribe({ ...input, timezone })).toThrow(
        `timezone "${timezone}" is not an IANA time zone name`,
      );
    }
    for (const timezone of ["Europe/Paris", "America/New_York", "Asia/Kolkata", "UTC"]) {
      expect(subs.subscribe({ ...input, timezone }).timezone).toBe(timezone);
    }
  });
});

describe("the delivery log", () => {
  it("lets only one claim per channel and local day succeed, even for a new subscription", () => {
    const db = openDigestDb(fresh());
    const subs = new SubscriptionStore(db);
    const log = new DeliveryLog(db);
    const sub = subs.subscribe(input);
    const at = new Date("2026-06-01T05:30:00Z");
    const id = log.claim(sub, "2026-06-01", at);
    expect(id).toBeTypeOf("number");
    expect(log.claim(sub, "2026-06-01", at)).toBeNull();
    subs.unsubscribe("c1");
    const again = subs.subscribe(input);
    expect(log.claim(again, "2026-06-01", at)).toBeNull();
    expect(log.claim(again, "2026-06-02", at)).toBeTypeOf("number");
  });

  it("turns a claim left by a crash into an interrupted delivery that is never retried", () => {
    const dir = fresh();
    const db = openDigestDb(dir);
    const sub = new SubscriptionStore(db).subscribe(input);
    new DeliveryLog(db).claim(sub, "2026-06-01", new Date("2026-06-01T05:30:00Z"));
    db.close();
    const reopened = new DeliveryLog(openDigestDb(dir));
    const interrupted = reopened.recoverInterrupted();
    expect(interrupted.map((d) => d.localDay)).toEqual(["2026-06-01"]);
    expect(reopened.forDay("c1", "2026-06-01")?.status).toBe("interrupted");
    expect(reopened.claim(sub, "2026-06-01", new Date())).toBeNull();
    expect(reopened.lastSentAt("c1")).toBeNull();
  });
});
