/**
 * The delivery log: at most one scheduled digest per channel per local day, across restarts.
 *
 * A delivery first *claims* its slot: one INSERT of `(channel, local day)` under a UNIQUE constraint,
 * in an immediate transaction, before anything is sent. Whoever inserts the row owns the day; every
 * other attempt (a catch-up after a restart, a second shard, a timer firing twice) finds the row and
 * stops. After the send the row is marked `sent` (or `failed`).
 *
 * A crash between the claim and the send leaves a `claimed` row. On the next start
 * {@link DeliveryLog.recoverInterrupted} turns it into `interrupted` and the day is NOT retried: we cannot
 * know whether Discord received the message before the crash, and the promise is "at most one digest per
 * day", so a possible miss is preferred to a possible duplicate. The row and a warning in the log say so.
 */
import type { DigestDb } from "./db.ts";
import type { Subscription } from "./subscriptions.ts";

/** A delivery's state. */
export type DeliveryStatus = "claimed" | "sent" | "skipped" | "failed" | "interrupted";

/** One row of the delivery log. */
export interface Delivery {
  id: number;
  subscriptionId: number;
  channelId: string;
  kind: "scheduled" | "manual";
  /** The subscription's local calendar day (`YYYY-MM-DD`) of a scheduled digest; null for manual posts. */
  localDay: string | null;
  scheduledFor: string | null;
  status: DeliveryStatus;
  claimedAt: string;
  finishedAt: string | null;
  articles: number | null;
  detail: string | null;
}

interface Row {
  id: number;
  subscription_id: number;
  channel_id: string;
  kind: "scheduled" | "manual";
  local_day: string | null;
  scheduled_for: string | null;
  status: DeliveryStatus;
  claimed_at: string;
  finished_at: string | null;
  articles: number | null;
  detail: string | null;
}

const fromRow = (r: Row): Delivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  channelId: r.channel_id,
  kind: r.kind,
  localDay: r.local_day,
  scheduledFor: r.scheduled_for,
  status: r.status,
  claimedAt: r.claimed_at,
  finishedAt: r.finished_at,
  articles: r.articles,
  detail: r.detail,
});

/** The deliveries table. */
export class DeliveryLog {
  constructor(private readonly db: DigestDb) {}

  /**
   * Claims the channel's scheduled digest for `localDay`. Returns the new delivery id, or null when the
   * day is already taken (sent, skipped, failed, interrupted, or being sent right now).
   */
  claim(sub: Subscription, localDay: string, scheduledFor: Date, now = new Date()): number | null {
    const insert = this.db.prepare(
      `INSERT INTO deliveries (subscription_id, channel_id, kind, local_day, scheduled_for, status, claimed_at)
       VALUES (?, ?, 'scheduled', ?, ?, 'claimed', ?) ON CONFLICT (channel_id, local_day) DO NOTHING`,
    );
    const tx = this.db.transaction(() => {
      const r = insert.run(sub.id, sub.channelId, localDay, scheduledFor.toISOString(), now.toISOString());
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    });
    return tx.immediate();
  }

  /** Records a day that was not posted (too late for the grace window), so it is never tried again. */
  recordSkipped(
    sub: Subscription,
    localDay: string,
    scheduledFor: Date,
    reason: string,
    now = new Date(),
  ): boolean {
    const r = this.db
      .prepare(
        `INSERT INTO deliveries (subscription_id, channel_id, kind, local_day, scheduled_for, status, claimed_at, finished_at, detail)
         VALUES (?, ?, 'scheduled', ?, ?, 'skipped', ?, ?, ?) ON CONFLICT (channel_id, local_day) DO NOTHING`,
      )
      .run(
        sub.id,
        sub.channelId,
        localDay,
        scheduledFor.toISOString(),
        now.toISOString(),
        now.toISOString(),
        reason,
      );
    return r.changes === 1;
  }

  /** Marks a claimed delivery as sent. */
  markSent(id: number, articles: number, now = new Date()): void {
    this.db
      .prepare("UPDATE deliveries SET status = 'sent', finished_at = ?, articles = ? WHERE id = ?")
      .run(now.toISOString(), articles, id);
  }

  /** Marks a claimed delivery as failed (the channel is gone or forbidden); the day is not retried. */
  markFailed(id: number, reason: string, now = new Date()): void {
    this.db
      .prepare("UPDATE deliveries SET status = 'failed', finished_at = ?, detail = ? WHERE id = ?")
      .run(now.toISOString(), reason, id);
  }

  /** Marks a claimed delivery as skipped: nothing new, and the subscription asked for silence then. */
  markQuiet(id: number, now = new Date()): void {
    this.db
      .prepare(
        "UPDATE deliveries SET status = 'skipped', finished_at = ?, articles = 0, detail = 'nothing new' WHERE id = ?",
      )
      .run(now.toISOString(), id);
  }

  /** Records a manual post (`/digest now`): it counts as the channel's last digest, not as its day's. */
  recordManual(sub: Subscription, articles: number, now = new Date()): void {
    this.db
      .prepare(
        `INSERT INTO deliveries (subscription_id, channel_id, kind, local_day, status, claimed_at, finished_at, articles)
         VALUES (?, ?, 'manual', NULL, 'sent', ?, ?, ?)`,
      )
      .run(sub.id, sub.channelId, now.toISOString(), now.toISOString(), articles);
  }

  /**
   * After a crash: claimed rows never marked sent become `interrupted` and are not retried (see the
   * module comment). Returns them so the caller can log each.
   */
  recoverInterrupted(now = new Date()): Delivery[] {
    return this.db.transaction(() => {
      const rows = this.db.prepare("SELECT * FROM deliveries WHERE status = 'claimed'").all() as Row[];
      this.db
        .prepare(
          "UPDATE deliveries SET status = 'interrupted', finished_at = ?, detail = 'process stopped between claim and send' WHERE status = 'claimed'",
        )
        .run(now.toISOString());
      return rows.map(fromRow);
    })();
  }

  /** When the channel last received a digest (scheduled or manual), or null. */
  lastSentAt(channelId: string): Date | null {
    const r = this.db
      .prepare("SELECT MAX(finished_at) AS t FROM deliveries WHERE channel_id = ? AND status = 'sent'")
      .get(channelId) as { t: string | null };
    return r.t ? new Date(r.t) : null;
  }

  /** The scheduled delivery of a channel's local day, if any. */
  forDay(channelId: string, localDay: string): Delivery | null {
    const r = this.db
      .prepare("SELECT * FROM deliveries WHERE channel_id = ? AND local_day = ?")
      .get(channelId, localDay) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** The whole log of a channel, oldest first. */
  ofChannel(channelId: string): Delivery[] {
    return (
      this.db.prepare("SELECT * FROM deliveries WHERE channel_id = ? ORDER BY id").all(channelId) as Row[]
    ).map(fromRow);
  }
}
