/**
 * Runs the digests: one croner job per subscription, a catch-up pass on start, and one send queue so
 * deliveries are staggered (discord.js still applies Discord's rate limits underneath).
 *
 * Each delivery claims its (channel, local day) slot in the delivery log right before sending, so a
 * timer firing twice, a catch-up racing a timer, or a second process can never post the same day twice.
 */
import type { Cron } from "croner";
import type { Logger } from "../log.ts";
import type { Reply } from "../reply.ts";
import type { DeliveryLog } from "./deliveries.ts";
import { DIGEST_CHANNEL_FORBIDDEN, DIGEST_CHANNEL_MISSING } from "./errors.ts";
import { latestSlot, localDay, scheduleJob } from "./schedule.ts";
import { DigestSendError, type DigestSender } from "./sender.ts";
import type { Subscription, SubscriptionStore } from "./subscriptions.ts";

/** A composed digest, ready to send. */
export interface ComposedDigest {
  replies: Reply[];
  /** How many articles it covers; 0 means "nothing new". */
  articles: number;
}

/** Builds the digest of a subscription for the articles that arrived in `[since, now]`. */
export type DigestComposer = (sub: Subscription, since: Date, now: Date) => ComposedDigest;

/** Defaults, in one place. */
export const SCHEDULER_DEFAULTS = Object.freeze({
  /** Pause between two channel deliveries: spreads a morning's digests instead of bursting them. */
  staggerMs: 2_000,
  /** Window of a first digest (no earlier delivery): the last 24 hours. */
  firstWindowHours: 24,
  /**
   * How often the jobs are re-aligned with the database: picks up a subscription made by another
   * process (another shard, the console) and a guild this shard received after start.
   */
  resyncMs: 5 * 60_000,
});

/** Where a digest's window starts when there was no digest before: `firstWindowHours` ago. */
export function firstWindowStart(now: Date): Date {
  return new Date(now.getTime() - SCHEDULER_DEFAULTS.firstWindowHours * 3_600_000);
}

/** What the scheduler needs. */
export interface DigestSchedulerOptions {
  subscriptions: SubscriptionStore;
  deliveries: DeliveryLog;
  sender: DigestSender;
  compose: DigestComposer;
  logger: Logger;
  /** A digest later than this (DIGEST_GRACE_HOURS) is skipped, not posted. */
  graceHours: number;
  staggerMs?: number;
}

/** How one scheduled delivery ended. */
export type DeliveryOutcome = "sent" | "quiet" | "duplicate" | "failed" | "skipped" | "not-due";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The digest scheduler of one process (or shard). */
export class DigestScheduler {
  readonly #o: Required<DigestSchedulerOptions>;
  readonly #jobs = new Map<number, { job: Cron; key: string }>();
  #queue: Promise<unknown> = Promise.resolve();
  readonly #pending = new Set<Promise<unknown>>();
  #started = false;
  #resync: NodeJS.Timeout | undefined;

  constructor(options: DigestSchedulerOptions) {
    this.#o = { staggerMs: SCHEDULER_DEFAULTS.staggerMs, ...options };
  }

  #owns(sub: Subscription): boolean {
    return this.#o.sender.ownsGuild ? this.#o.sender.ownsGuild(sub.guildId) : true;
  }

  /**
   * Starts: marks deliveries interrupted by a crash (not retried, see `deliveries.ts`), schedules every
   * subscription this process owns and posts the digests missed while it was down that are still
   * inside the grace window. Resolves when the catch-up deliveries are done.
   */
  async start(now = new Date()): Promise<DeliveryOutcome[]> {
    this.#started = true;
    for (const d of this.#o.deliveries.recoverInterrupted(now)) {
      this.#o.logger.warn(
        { channelId: d.channelId, localDay: d.localDay },
        "digest: a delivery was interrupted between claim and send; not resent (at most one digest a day)",
      );
    }
    this.sync();
    this.#resync = setInterval(() => this.sync(), SCHEDULER_DEFAULTS.resyncMs);
    this.#resync.unref();
    return this.catchUp(now);
  }

  /** Stops every job. Queued sends still finish. */
  stop(): void {
    this.#started = false;
    clearInterval(this.#resync);
    for (const { job } of this.#jobs.values()) job.stop();
    this.#jobs.clear();
  }

  /** Aligns the jobs with the stored subscriptions (call after subscribe or unsubscribe). */
  sync(): void {
    if (!this.#started) return;
    const subs = this.#o.subscriptions.list().filter((s) => this.#owns(s));
    const live = new Set(subs.map((s) => s.id));
    for (const [id, { job }] of this.#jobs) {
      if (!live.has(id)) {
        job.stop();
        this.#jobs.delete(id);
      }
    }
    for (const sub of subs) {
      const key = `${sub.time} ${sub.timezone}`;
      const have = this.#jobs.get(sub.id);
      if (have?.key === key) continue;
      have?.job.stop();
      const job = scheduleJob(sub, () => {
        // A database error (locked past busy_timeout, disk full) rejects before anything is sent; left
        // unhandled it would end the process, so it is logged and the day's slot stays unclaimed.
        this.fire(sub.id).catch((err: unknown) => {
          this.#o.logger.error(
            { channelId: sub.channelId, error: err instanceof Error ? err.message : String(err) },
            "digest: delivery could not be recorded",
          );
        });
      });
      this.#jobs.set(sub.id, { job, key });
    }
  }

  /** The next run of each scheduled subscription (for `/digest list`). */
  nextRun(subscriptionId: number): Date | null {
    return this.#jobs.get(subscriptionId)?.job.nextRun() ?? null;
  }

  /** A job fired: deliver the subscription's current slot. */
  async fire(subscriptionId: number, now = new Date()): Promise<DeliveryOutcome> {
    const sub = this.#o.subscriptions.byId(subscriptionId);
    if (!sub) return "not-due";
    return this.#deliverDue(sub, now);
  }

  /** Posts every owned subscription's latest slot not yet delivered, if still inside the grace window. */
  async catchUp(now = new Date()): Promise<DeliveryOutcome[]> {
    const subs = this.#o.subscriptions.list().filter((s) => this.#owns(s));
    return Promise.all(subs.map((s) => this.#deliverDue(s, now)));
  }

  /** Resolves when every queued delivery has finished (the pause after the last one not included). */
  async whenIdle(): Promise<void> {
    while (this.#pending.size) await Promise.allSettled([...this.#pending]);
  }

  async #deliverDue(sub: Subscription, now: Date): Promise<DeliveryOutcome> {
    const slot = latestSlot(sub, now);
    // A slot before the subscription existed is not owed: subscribing at 09:00 for 07:00 starts tomorrow.
    if (!slot || slot.getTime() < Date.parse(sub.createdAt)) return "not-due";
    const day = localDay(slot, sub.timezone);
    if (this.#o.deliveries.forDay(sub.channelId, day)) return "duplicate";
    const lateMs = now.getTime() - slot.getTime();
    if (lateMs > this.#o.graceHours * 3_600_000) {
      const reason = `missed by ${(lateMs / 3_600_000).toFixed(1)} h, more than DIGEST_GRACE_HOURS=${this.#o.graceHours}`;
      if (this.#o.deliveries.recordSkipped(sub, day, slot, reason, now)) {
        this.#o.logger.warn({ channelId: sub.channelId, localDay: day }, `digest: skipped, ${reason}`);
      }
      return "skipped";
    }
    return this.#enqueue(() => this.#deliver(sub, day, slot));
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#pending.add(run);
    const done = () => {
      this.#pending.delete(run);
      // The pause comes after each delivery, so the first digest of a burst goes out at once.
      return this.#o.staggerMs > 0 ? sleep(this.#o.staggerMs) : undefined;
    };
    this.#queue = run.then(done, done);
    return run;
  }

  async #deliver(sub: Subscription, day: string, slot: Date): Promise<DeliveryOutcome> {
    const now = new Date();
    const id = this.#o.deliveries.claim(sub, day, slot, now);
    if (id === null) return "duplicate";
    const since = this.#o.deliveries.lastSentAt(sub.channelId) ?? firstWindowStart(now);
    try {
      const digest = this.#o.compose(sub, since, now);
      if (digest.articles === 0 && sub.quietDays) {
        this.#o.deliveries.markQuiet(id, new Date());
        return "quiet";
      }
      await this.#o.sender.send(sub.channelId, digest.replies);
      this.#o.deliveries.markSent(id, digest.articles, new Date());
      if (sub.status === "failing") this.#o.subscriptions.markHealthy(sub.id);
      this.#o.logger.info(
        { channelId: sub.channelId, localDay: day, articles: digest.articles },
        "digest: sent",
      );
      return "sent";
    } catch (err) {
      const reason = describeFailure(err);
      this.#o.deliveries.markFailed(id, reason, new Date());
      if (err instanceof DigestSendError) this.#o.subscriptions.markFailing(sub.id, reason, new Date());
      this.#o.logger.error({ channelId: sub.channelId, localDay: day, reason }, "digest: delivery failed");
      return "failed";
    }
  }

  /**
   * `/digest now`: posts the channel's digest at once, outside the daily schedule (it does not take the
   * day's slot, but the next digest starts from it).
   */
  async sendNow(sub: Subscription, now = new Date()): Promise<ComposedDigest> {
    const since = this.#o.deliveries.lastSentAt(sub.channelId) ?? firstWindowStart(now);
    const digest = this.#o.compose(sub, since, now);
    try {
      await this.#o.sender.send(sub.channelId, digest.replies);
    } catch (err) {
      if (err instanceof DigestSendError)
        this.#o.subscriptions.markFailing(sub.id, describeFailure(err), now);
      throw err;
    }
    this.#o.deliveries.recordManual(sub, digest.articles, now);
    if (sub.status === "failing") this.#o.subscriptions.markHealthy(sub.id);
    return digest;
  }
}

/** The reason stored on a failing subscription. */
export function describeFailure(err: unknown): string {
  if (err instanceof DigestSendError) {
    return err.failure === "missing-channel" ? DIGEST_CHANNEL_MISSING : DIGEST_CHANNEL_FORBIDDEN;
  }
  return `send failed: ${(err as Error)?.message ?? String(err)}`;
}
