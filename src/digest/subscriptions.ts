/**
 * Subscriptions: which channel gets a digest, at what local time, in which time zone, on which topics.
 * Input is validated with zod so `/digest subscribe` answers a wrong time or zone with a clear line.
 */
import { z } from "zod";
import type { DigestDb } from "./db.ts";
import { DIGEST_TIME_INVALID, DIGEST_TIMEZONE_INVALID, DIGEST_TOPICS_TOO_MANY } from "./errors.ts";

/** Most topics one subscription may filter on. */
export const MAX_TOPICS = 10;

/** True when `name` is an IANA time zone this runtime knows (aliases such as `US/Eastern` included). */
export function isValidTimeZone(name: string): boolean {
  if (!name.includes("/") && name !== "UTC") return false; // refuse bare abbreviations such as "EST"
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** `HH:MM`, 24-hour clock. */
export const TimeSchema = z
  .string()
  .trim()
  .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { error: (i) => DIGEST_TIME_INVALID(String(i.input)) });

/** An IANA time zone name. */
export const TimeZoneSchema = z
  .string()
  .trim()
  .refine(isValidTimeZone, { error: (i) => DIGEST_TIMEZONE_INVALID(String(i.input)) });

/** Topics as typed: comma-separated words or names. */
export const TopicsSchema = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .refine((t) => t.length <= MAX_TOPICS, { error: DIGEST_TOPICS_TOO_MANY(MAX_TOPICS) });

/** What `/digest subscribe` asks for. */
export const SubscribeInputSchema = z.object({
  guildId: z.string().min(1),
  channelId: z.string().min(1),
  time: TimeSchema,
  timezone: TimeZoneSchema,
  topics: TopicsSchema,
  /** On a day with nothing new: post nothing (true) or a one-line "nothing new" (false). */
  quietDays: z.boolean().default(false),
  createdBy: z.string().min(1),
});
export type SubscribeInput = z.input<typeof SubscribeInputSchema>;

/** Invalid subscription input; the message is the line to show the user. */
export class SubscriptionInputError extends Error {
  override name = "SubscriptionInputError";
}

/** Validates subscription input, throwing a {@link SubscriptionInputError} naming the first problem. */
export function parseSubscribeInput(input: SubscribeInput): z.output<typeof SubscribeInputSchema> {
  const r = SubscribeInputSchema.safeParse(input);
  if (!r.success) throw new SubscriptionInputError(r.error.issues[0]!.message);
  return r.data;
}

/** A stored subscription. */
export interface Subscription {
  id: number;
  guildId: string;
  channelId: string;
  /** Local time `HH:MM`. */
  time: string;
  /** IANA time zone. */
  timezone: string;
  topics: string[];
  quietDays: boolean;
  createdBy: string;
  createdAt: string;
  status: "active" | "failing";
  /** Why the last delivery failed (channel gone, permission missing), while failing. */
  failure: string | null;
  failingSince: string | null;
}

interface Row {
  id: number;
  guild_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  topics: string;
  quiet_days: number;
  created_by: string;
  created_at: string;
  status: "active" | "failing";
  failure: string | null;
  failing_since: string | null;
}

function fromRow(r: Row): Subscription {
  return {
    id: r.id,
    guildId: r.guild_id,
    channelId: r.channel_id,
    time: r.time,
    timezone: r.timezone,
    topics: JSON.parse(r.topics) as string[],
    quietDays: r.quiet_days === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    status: r.status,
    failure: r.failure,
    failingSince: r.failing_since,
  };
}

/** The subscriptions table. */
export class SubscriptionStore {
  constructor(private readonly db: DigestDb) {}

  /**
   * Creates or replaces the channel's subscription (one per channel). Throws a
   * {@link SubscriptionInputError} with the user-facing reason when the input is invalid.
   */
  subscribe(input: SubscribeInput, now = new Date()): Subscription {
    const v = parseSubscribeInput(input);
    this.db
      .prepare(
        `INSERT INTO subscriptions (guild_id, channel_id, time, timezone, topics, quiet_days, created_by, created_at)
         VALUES (@guildId, @channelId, @time, @timezone, @topics, @quietDays, @createdBy, @createdAt)
         ON CONFLICT (channel_id) DO UPDATE SET
           guild_id = excluded.guild_id, time = excluded.time, timezone = excluded.timezone,
           topics = excluded.topics, quiet_days = excluded.quiet_days, created_by = excluded.created_by,
           status = 'active', failure = NULL, failing_since = NULL`,
      )
      .run({
        ...v,
        topics: JSON.stringify(v.topics),
        quietDays: v.quietDays ? 1 : 0,
        createdAt: now.toISOString(),
      });
    return this.byChannel(v.channelId)!;
  }

  /** Removes the channel's subscription; false when there was none. The delivery log is kept. */
  unsubscribe(channelId: string): boolean {
    return this.db.prepare("DELETE FROM subscriptions WHERE channel_id = ?").run(channelId).changes > 0;
  }

  byChannel(channelId: string): Subscription | null {
    const r = this.db.prepare("SELECT * FROM subscriptions WHERE channel_id = ?").get(channelId) as
      | Row
      | undefined;
    return r ? fromRow(r) : null;
  }

  byId(id: number): Subscription | null {
    const r = this.db.prepare("SELECT * FROM subscriptions WHERE id = ?").get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** All subscriptions, or those of one guild, in channel order. */
  list(guildId?: string): Subscription[] {
    const rows = (
      guildId
        ? this.db.prepare("SELECT * FROM subscriptions WHERE guild_id = ? ORDER BY id").all(guildId)
        : this.db.prepare("SELECT * FROM subscriptions ORDER BY id").all()
    ) as Row[];
    return rows.map(fromRow);
  }

  /** Marks a subscription as failing, with the reason `/digest list` shows. */
  markFailing(id: number, reason: string, now = new Date()): void {
    this.db
      .prepare(
        `UPDATE subscriptions SET status = 'failing', failure = ?,
         failing_since = COALESCE(failing_since, ?) WHERE id = ?`,
      )
      .run(reason, now.toISOString(), id);
  }

  /** Clears a failure after a successful delivery. */
  markHealthy(id: number): void {
    this.db
      .prepare(
        "UPDATE subscriptions SET status = 'active', failure = NULL, failing_since = NULL WHERE id = ?",
      )
      .run(id);
  }
}
