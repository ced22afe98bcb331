/**
 * `newsdesk start` (`npm start`): on Discord when `DISCORD_TOKEN` and `DISCORD_APPLICATION_ID` are set
 * (sharded when `SHARDS` is), the console twin otherwise. The first line says which.
 */
import type { ShardingManager } from "discord.js";
import { bootstrap } from "../bootstrap.ts";
import { hasDiscordCredentials } from "../config.ts";
import { twinBanner } from "../console/messages.ts";
import { ConsoleTwin } from "../console/twin.ts";
import { feedPollerFor } from "../digest/feeds.ts";
import { attachDigests, type RunningBot, startBot } from "../discord/client.ts";
import { CommandLoadError, loadCommands } from "../discord/loader.ts";
import { startSharded } from "../discord/sharding.ts";
import { CliError, parseCli } from "./args.ts";

const USAGE = "newsdesk start [--knowledge DIR] [--commands DIR]";

/** Resolves on SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseCli(args, { knowledge: { type: "string" }, commands: { type: "string" } }, USAGE);
  const { config, logger, services } = bootstrap({ knowledgeDir: values.knowledge });
  try {
    attachDigests(services);
  } catch (err) {
    throw new CliError(
      `start: cannot open the digest database in ${config.DATA_DIR} (${(err as Error).message})`,
    );
  }
  let registry: Awaited<ReturnType<typeof loadCommands>>;
  try {
    registry = await loadCommands(services, values.commands);
  } catch (err) {
    if (err instanceof CommandLoadError) throw new CliError(err.message);
    throw err;
  }

  if (!hasDiscordCredentials(config)) {
    process.stdout.write(`${twinBanner(config.KNOWLEDGE_DIR, services.knowledge.facts.articles.length)}\n`);
    // The console twin polls the feeds too, so new articles arrive without Discord.
    const poller = feedPollerFor(services, (line) => process.stdout.write(`${line}\n`));
    poller?.start();
    try {
      await new ConsoleTwin(registry, services).session();
    } finally {
      poller?.stop();
    }
    return 0;
  }

  const shards = config.SHARDS ? ` in ${config.SHARDS === "auto" ? "auto" : config.SHARDS} shard(s)` : "";
  process.stdout.write(
    `newsdesk: connecting to Discord as application ${config.DISCORD_APPLICATION_ID}${shards} — ${registry.size} commands\n`,
  );
  let bot: RunningBot | undefined;
  let manager: ShardingManager | undefined;
  try {
    if (config.SHARDS) manager = await startSharded(config, logger);
    else bot = await startBot(services, registry);
  } catch (err) {
    throw new CliError((err as Error).message.split("\n")[0]!);
  }
  process.stdout.write(`newsdesk: ready${bot?.client.user ? ` as ${bot.client.user.tag}` : ""}\n`);
  const signal = await untilSignal();
  logger.info({ signal }, "start: shutting down");
  await bot?.stop();
  for (const shard of manager?.shards.values() ?? []) shard.kill();
  return 0;
}
