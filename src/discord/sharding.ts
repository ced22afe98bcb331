/**
 * Sharded start for bots in many servers: discord.js's ShardingManager spawns one process per shard
 * running `shard.ts` (through tsx, as the sources are TypeScript). `SHARDS=auto` asks
 * `GET /gateway/bot` of `DISCORD_API_URL` for Discord's recommendation (discord.js's own "auto"
 * would always ask discord.com, ignoring the configured API).
 */
import { resolve } from "node:path";
import { REST, Routes, ShardingManager } from "discord.js";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { apiBase } from "./client.ts";

/** The file each shard process runs. */
export const SHARD_ENTRY = resolve(import.meta.dirname, "shard.ts");

/** The shard count to use: the configured number, or the API's recommendation for "auto". */
export async function shardCount(config: Config): Promise<number> {
  if (typeof config.SHARDS === "number") return config.SHARDS;
  const rest = new REST({ api: apiBase(config) }).setToken(config.DISCORD_TOKEN ?? "");
  const info = (await rest.get(Routes.gatewayBot())) as { shards?: number };
  return Math.max(1, info.shards ?? 1);
}

/** Starts the shards; resolves once all are spawned and ready. */
export async function startSharded(config: Config, logger: Logger): Promise<ShardingManager> {
  const totalShards = await shardCount(config);
  const manager = new ShardingManager(SHARD_ENTRY, {
    token: config.DISCORD_TOKEN,
    totalShards,
    mode: "process",
    respawn: true,
    execArgv: ["--import", "tsx"],
  });
  manager.on("shardCreate", (shard) => {
    logger.info({ shard: shard.id, of: totalShards }, "sharding: shard launched");
    shard.on("death", () => logger.warn({ shard: shard.id }, "sharding: shard process exited"));
  });
  await manager.spawn({ amount: totalShards, timeout: 60_000 });
  return manager;
}
