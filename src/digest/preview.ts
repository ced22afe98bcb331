/**
 * `/digest preview`: the digest a channel would get now, anywhere (a server channel, a DM, the
 * console twin). It changes nothing, so it needs neither the database nor any permission: in a
 * server channel with a subscription it uses that subscription's topics and window, and options
 * given override them; elsewhere it composes from the fact base over the last 24 hours.
 */
import type { CommandContext } from "../command.ts";
import type { FactBase } from "../knowledge/schema.ts";
import { errorReply, type Reply } from "../reply.ts";
import { buildDigest, renderDigest } from "./compose.ts";
import { DIGEST_NOTHING_NEW } from "./errors.ts";
import { firstWindowStart, SCHEDULER_DEFAULTS } from "./scheduler.ts";
import { TopicsSchema } from "./subscriptions.ts";

/** A `since` value: `YYYY-MM-DD` (midnight UTC) or an ISO date-time; null when it is neither. */
export function sinceOf(value: string): Date | null {
  const v = value.trim();
  const t = /^\d{4}-\d{2}-\d{2}$/.test(v)
    ? Date.parse(`${v}T00:00:00Z`)
    : /^\d{4}-\d{2}-\d{2}T/.test(v)
      ? Date.parse(v)
      : Number.NaN;
  return Number.isNaN(t) ? null : new Date(t);
}

/**
 * What an empty window says: the window it used, the newest article there is, and how to widen it
 * (`option` names the way to give a start where this is read: `since:` in a command, `--since ` in the CLI).
 */
export function nothingIn(
  facts: FactBase,
  since: Date,
  until: Date,
  defaultWindow: boolean,
  option = "since:",
): string {
  const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const window = `${utc(since)} and ${utc(until)}${defaultWindow ? ` (the last ${SCHEDULER_DEFAULTS.firstWindowHours} hours)` : ""}`;
  const newest = [...facts.articles].sort((a, b) => b.ingestedAt.localeCompare(a.ingestedAt))[0];
  if (!newest) return `Nothing was ingested between ${window}: the fact base holds no article yet.`;
  const day = newest.ingestedAt.slice(0, 10);
  return `Nothing was ingested between ${window}. The newest article, "${newest.title}", was ingested on ${day}: widen the window with ${option}${day}.`;
}

/** The preview's replies (only the invoker sees them), or the error an option earns. */
export function previewReplies(
  ctx: Pick<CommandContext, "options" | "channelId" | "guildId" | "services">,
  now = new Date(),
): Reply[] {
  const sinceText = typeof ctx.options.since === "string" ? ctx.options.since.trim() : "";
  const given = sinceText ? sinceOf(sinceText) : null;
  if (sinceText && !given)
    return [errorReply("Not a date", `digest: since "${sinceText}" is not a date (use YYYY-MM-DD)`)];
  const topics = TopicsSchema.safeParse(typeof ctx.options.topics === "string" ? ctx.options.topics : "");
  if (!topics.success) return [errorReply("Bad topics", topics.error.issues[0]!.message)];
  const digests = ctx.guildId ? ctx.services.digests : undefined;
  const sub = digests && ctx.channelId ? digests.subscriptions.byChannel(ctx.channelId) : null;
  const lastSent = digests && ctx.channelId ? digests.deliveries.lastSentAt(ctx.channelId) : null;
  const since = given ?? lastSent ?? firstWindowStart(now);
  const facts = ctx.services.knowledge.facts;
  const digest = buildDigest(facts, {
    since,
    until: now,
    topics: topics.data.length ? topics.data : (sub?.topics ?? []),
  });
  // "Since the last digest" only when there was one and the window starts there.
  const nothingNew = !given && lastSent ? DIGEST_NOTHING_NEW : nothingIn(facts, since, now, !given);
  return renderDigest(digest, { nothingNew }).map((r) => ({ ...r, ephemeral: true }));
}
