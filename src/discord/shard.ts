/**
 * The entry of one shard process spawned by the ShardingManager (`src/discord/sharding.ts`).
 * discord.js reads the shard ids from the environment the manager sets.
 */
import { bootstrap } from "../bootstrap.ts";
import { attachDigests, startBot } from "./client.ts";
import { loadCommands } from "./loader.ts";

try {
  const { services } = bootstrap({ shardChild: true });
  attachDigests(services);
  const registry = await loadCommands(services);
  await startBot(services, registry);
} catch (err) {
  process.stderr.write(`newsdesk shard: ${(err as Error).message.split("\n")[0]}\n`);
  process.exit(1);
}
