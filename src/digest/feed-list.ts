/**
 * The feeds a user added (`newsdesk feeds add URL [--every 30m]`), kept in the digest database
 * beside what the poller knows of each: when it last fetched, how many items it added, its last
 * error. The `FEEDS` variable's feeds are polled too and listed with them.
 */
import type { DigestDb } from "./db.ts";

/** A feed to poll and how often. */
export interface FeedEntry {
  url: string;
  everyMinutes: number;
  /** Where it comes from: `added` (this table) or `FEEDS` (the environment). */
  origin: "added" | "FEEDS";
}

/** A feed as `newsdesk feeds list` shows it. */
export interface FeedStatus extends FeedEntry {
  lastOkAt: string | null;
  itemsAdded: number;
  failures: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

/** `30m`, `2h`, `90` (minutes): a polling interval in minutes, or null when it is none of these. */
export function minutesOf(every: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|min|minutes?|h|hours?)?\s*$/i.exec(every);
  if (!m) return null;
  const n = Number(m[1]) * (/^h/i.test(m[2] ?? "") ? 60 : 1);
  return n >= 1 && n <= 7 * 24 * 60 ? Math.round(n) : null;
}

/** Whether a text is an http(s) URL. */
export function isFeedUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

export class FeedList {
  constructor(readonly db: DigestDb) {}

  /** Adds a feed, or changes its interval; true when it was new. */
  add(url: string, everyMinutes: number, now = new Date()): boolean {
    const known = this.db.prepare("SELECT 1 FROM feeds WHERE url = ?").get(url) !== undefined;
    this.db
      .prepare(
        `INSERT INTO feeds (url, every_minutes, added_at) VALUES (?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET every_minutes = excluded.every_minutes`,
      )
      .run(url, everyMinutes, now.toISOString());
    return !known;
  }

  /** Removes a feed; false when it was not there. Its items stay in the fact base. */
  remove(url: string): boolean {
    return this.db.prepare("DELETE FROM feeds WHERE url = ?").run(url).changes > 0;
  }

  /** The feeds to poll: those added, then the `FEEDS` ones not added (at `pollMinutes`). */
  entries(fromEnv: readonly string[] = [], pollMinutes = 30): FeedEntry[] {
    const added = (
      this.db.prepare("SELECT url, every_minutes FROM feeds ORDER BY added_at, url").all() as {
        url: string;
        every_minutes: number;
      }[]
    ).map((r): FeedEntry => ({ url: r.url, everyMinutes: r.every_minutes, origin: "added" }));
    const seen = new Set(added.map((f) => f.url));
    const env = fromEnv
      .filter((u) => !seen.has(u))
      .map((url): FeedEntry => ({ url, everyMinutes: pollMinutes, origin: "FEEDS" }));
    return [...added, ...env];
  }

  /** Every feed with what the poller knows of it. */
  status(fromEnv: readonly string[] = [], pollMinutes = 30): FeedStatus[] {
    const state = this.db.prepare(
      "SELECT failures, next_attempt_at, last_error, last_ok_at FROM feed_state WHERE feed_url = ?",
    );
    const items = this.db.prepare("SELECT COUNT(*) AS n FROM feed_items WHERE feed_url = ?");
    return this.entries(fromEnv, pollMinutes).map((f) => {
      const s = state.get(f.url) as
        | {
            failures: number;
            next_attempt_at: string | null;
            last_error: string | null;
            last_ok_at: string | null;
          }
        | undefined;
      return {
        ...f,
        lastOkAt: s?.last_ok_at ?? null,
        itemsAdded: (items.get(f.url) as { n: number }).n,
        failures: s?.failures ?? 0,
        lastError: s?.last_error ?? null,
        nextAttemptAt: s?.next_attempt_at ?? null,
      };
    });
  }
}
