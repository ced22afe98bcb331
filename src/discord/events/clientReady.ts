/** `clientReady`: logged once, with what is served. */
import { Events } from "discord.js";
import type { BotEvent } from "./types.ts";

export default {
  name: Events.ClientReady,
  once: true,
  execute({ registry, services }, client) {
    services.logger.info(
      {
        user: client.user.tag,
        guilds: client.guilds.cache.size,
        commands: registry.size,
        shards: client.shard?.ids ?? null,
      },
      "discord: ready",
    );
  },
} satisfies BotEvent<Events.ClientReady>;
