/**
 * The digest room as commands see it (`services.digests`): subscriptions, the delivery log, digests
 * composed from the current fact base, and, once a sender is attached (the bot is connected), the scheduler.
 */

import type { KnowledgeStore } from "../knowledge/store.ts";
import type { Logger } from "../log.ts";
import { buildDigest, type Digest, renderDigest } from "./compose.ts";
import { type DigestDb, openDigestDb } from "./db.ts";
import { DeliveryLog } from "./deliveries.ts";
import { DIGEST_NOTHING_NEW } from "./errors.ts";
import { type ComposedDigest, DigestScheduler } from "./scheduler.ts";
import type { DigestSender } from "./sender.ts";
import { type SubscribeInput, type Subscription, SubscriptionStore } from "./subscriptions.ts";

/** What the digest service needs. */
export interface DigestServiceOptions {
  db: DigestDb;
  knowledge: KnowledgeStore;
  logger: Logger;
  graceHours: number;
  staggerMs?: number;
}

/** Subscriptions, the delivery log, composition and scheduling. */
export class DigestService {
  readonly subscriptions: SubscriptionStore;
  readonly deliveries: DeliveryLog;
  #scheduler: DigestScheduler | null = null;

  constructor(private readonly options: DigestServiceOptions) {
    this.subscriptions = new SubscriptionStore(options.db);
    this.deliveries = new DeliveryLog(options.db);
  }

  /** Opens (creating and migrating) the database in `dataDir`. */
  static open(dataDir: string, rest: Omit<DigestServiceOptions, "db">): DigestService {
    return new DigestService({ ...rest, db: openDigestDb(dataDir) });
  }

  /** The database (the feed poller shares it). */
  get db(): DigestDb {
    return this.options.db;
  }

  /** The scheduler, once a sender is attached. */
  get scheduler(): DigestScheduler | null {
    return this.#scheduler;
  }

  /** The digest of the articles that arrived in `[since, now]`, for the given topics. */
  digest(since: Date, now: Date, topics: readonly string[] = []): Digest {
    return buildDigest(this.options.knowledge.facts, { since, until: now, topics });
  }

  /** A subscription's digest rendered as replies. */
  compose(sub: Subscription, since: Date, now: Date): ComposedDigest {
    const digest = this.digest(since, now, sub.topics);
    return {
      articles: digest.articleCount,
      replies: renderDigest(digest, { nothingNew: sub.quietDays ? null : DIGEST_NOTHING_NEW }),
    };
  }

  subscribe(input: SubscribeInput, now = new Date()): Subscription {
    const sub = this.subscriptions.subscribe(input, now);
    this.#scheduler?.sync();
    return sub;
  }

  unsubscribe(channelId: string): boolean {
    const removed = this.subscriptions.unsubscribe(channelId);
    this.#scheduler?.sync();
    return removed;
  }

  /** Connects a sender and starts scheduling (with the catch-up pass). */
  async start(sender: DigestSender, now = new Date()): Promise<DigestScheduler> {
    this.#scheduler?.stop();
    this.#scheduler = new DigestScheduler({
      subscriptions: this.subscriptions,
      deliveries: this.deliveries,
      sender,
      compose: (sub, since, at) => this.compose(sub, since, at),
      logger: this.options.logger,
      graceHours: this.options.graceHours,
      ...(this.options.staggerMs === undefined ? {} : { staggerMs: this.options.staggerMs }),
    });
    await this.#scheduler.start(now);
    return this.#scheduler;
  }

  /** Stops the scheduler and closes the database. */
  close(): void {
    this.#scheduler?.stop();
    this.#scheduler = null;
    if (this.options.db.open) this.options.db.close();
  }
}
