/**
 * The discord.js side of digest delivery: fetch the channel, render the neutral replies with the
 * embed renderer, send with no mention parsed. Discord's answers for a channel that is gone or that the
 * bot may not use become {@link DigestSendError}s, which mark the subscription failing; anything else
 * (network, 5xx after discord.js's own retries) is rethrown as is. Rate limits are discord.js's REST
 * queue's job.
 */
import { type Client, DiscordAPIError, PermissionFlagsBits, RESTJSONErrorCodes } from "discord.js";
import { feedPollerFor } from "../digest/feeds.ts";
import { DigestSendError, type DigestSender } from "../digest/sender.ts";
import { packMessages } from "../digest/split.ts";
import type { Reply } from "../reply.ts";
import type { Services } from "../services.ts";
import { NO_MENTIONS, renderReplies } from "./render.ts";

const MISSING = new Set<number>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.UnknownGuild]);
const FORBIDDEN = new Set<number>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
]);

/** Maps Discord's refusal of a channel to a typed error; other errors pass through. */
export function toSendError(err: unknown, channelId: string): unknown {
  if (err instanceof DiscordAPIError) {
    const code = Number(err.code);
    if (MISSING.has(code) || err.status === 404) {
      return new DigestSendError("missing-channel", `channel ${channelId}: ${err.message}`);
    }
    if (FORBIDDEN.has(code) || err.status === 403) {
      return new DigestSendError("forbidden", `channel ${channelId}: ${err.message}`);
    }
  }
  return err;
}

/** Posts digests through a logged-in discord.js client. */
export class DiscordDigestSender implements DigestSender {
  constructor(private readonly client: Client) {}

  /** With several shards, each posts only for the guilds it holds. */
  ownsGuild(guildId: string): boolean {
    return this.client.guilds.cache.has(guildId);
  }

  async send(channelId: string, replies: readonly Reply[]): Promise<void> {
    let channel: Awaited<ReturnType<Client["channels"]["fetch"]>>;
    try {
      channel = await this.client.channels.fetch(channelId);
    } catch (err) {
      throw toSendError(err, channelId);
    }
    if (!channel) throw new DigestSendError("missing-channel", `channel ${channelId}: not found`);
    if (!channel.isSendable())
      throw new DigestSendError("forbidden", `channel ${channelId}: not a text channel`);
    // When the cache knows the bot's permissions, refuse early instead of failing on the first message.
    if ("permissionsFor" in channel && this.client.user) {
      const perms = channel.permissionsFor(this.client.user);
      if (
        perms &&
        !perms.has([
          PermissionFlagsBits.ViewChannel,
          PermissionFlagsBits.SendMessages,
          PermissionFlagsBits.EmbedLinks,
        ])
      ) {
        throw new DigestSendError(
          "forbidden",
          `channel ${channelId}: missing View Channel, Send Messages or Embed Links`,
        );
      }
    }
    // packMessages keeps each message within 10 embeds and 6000 characters, so the renderer never shortens one.
    for (const group of packMessages(replies)) {
      for (const message of renderReplies(group)) {
        try {
          await channel.send({ embeds: message.embeds, allowedMentions: { ...NO_MENTIONS, parse: [] } });
        } catch (err) {
          throw toSendError(err, channelId);
        }
      }
    }
  }
}

/**
 * Starts the digest machinery of a connected client (called from `clientReady`): the scheduler posting
 * through this client (for the guilds this shard holds), the hot reload of the knowledge folder, and, on
 * one process only (shard 0, or the only client), the feed poller, so two shards never ingest at once.
 * Returns a function that stops it all.
 */
export async function startDigests(services: Services, client: Client): Promise<() => void> {
  const digests = services.digests;
  if (!digests) return () => undefined;
  const { logger, knowledge } = services;
  const stopWatch = knowledge.watch({
    onReload: (facts) => logger.info({ articles: facts.articles.length }, "digest: knowledge reloaded"),
    onError: (err) =>
      logger.warn({ err: err.message }, "digest: knowledge folder changed but could not be reloaded"),
  });
  // One process polls (shard 0, or the only client), so two shards never ingest at once.
  const poller = (client.shard ? client.shard.ids.includes(0) : true) ? feedPollerFor(services) : null;
  poller?.start();
  // Not awaited: the catch-up pass sends staggered digests, and the stopper must exist meanwhile.
  digests
    .start(new DiscordDigestSender(client))
    .catch((err) => logger.error({ err: (err as Error).message }, "digest: the scheduler did not start"));
  client.once("invalidated", () => digests.scheduler?.stop());
  return () => {
    stopWatch();
    poller?.stop();
    digests.scheduler?.stop();
  };
}
