/** `shardDisconnect`: a shard closed for good (no automatic reconnect follows); worth a warning. */
import { Events } from "discord.js";
import type { BotEvent } from "./types.ts";

export default {
  name: Events.ShardDisconnect,
  execute({ services }, event, shardId) {
    services.logger.warn({ shardId, code: event.code }, "discord: shard disconnected");
  },
} satisfies BotEvent<Events.ShardDisconnect>;
