/** `clientReady`: logged once, with what is served; starts the digests when the bot has them. */
import { Events } from "discord.js";
import { startDigests } from "../digest-sender.ts";
import type { BotEvent } from "./types.ts";

export default {
  name: Events.ClientReady,
  once: true,
  async execute(bot, client) {
    const { registry, services } = bot;
    services.logger.info(
      {
        user: client.user.tag,
        guilds: client.guilds.cache.size,
        commands: registry.size,
        shards: client.shard?.ids ?? null,
      },
      "discord: ready",
    );
    if (services.digests) bot.stoppers.push(await startDigests(services, client));
  },
} satisfies BotEvent<Events.ClientReady>;
