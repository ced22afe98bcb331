/** `shardReconnecting`: the gateway connection dropped and discord.js is reconnecting (resume or identify). */
import { Events } from "discord.js";
import type { BotEvent } from "./types.ts";

export default {
  name: Events.ShardReconnecting,
  execute({ services }, shardId) {
    services.logger.info({ shardId }, "discord: shard reconnecting");
  },
} satisfies BotEvent<Events.ShardReconnecting>;
