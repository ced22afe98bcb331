/** `shardResume` / reconnects: logged, so a flaky gateway shows in the logs. */
import { Events } from "discord.js";
import type { BotEvent } from "./types.ts";

export default {
  name: Events.ShardResume,
  execute({ services }, shardId, replayed) {
    services.logger.info({ shardId, replayed }, "discord: shard resumed");
  },
} satisfies BotEvent<Events.ShardResume>;
