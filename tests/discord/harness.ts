/**
 * Starts the real bot (real discord.js client, real commands) in this process against the local
 * Discord API stand-in, with the log captured so tests can read it.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Client } from "discord.js";
import { bootstrap } from "../../src/bootstrap.ts";
import { startBot } from "../../src/discord/client.ts";
import { type CommandRegistry, loadCommands } from "../../src/discord/loader.ts";
import { emptyFactBase } from "../../src/knowledge/schema.ts";
import type { Services } from "../../src/services.ts";
import { DiscordApiStandIn } from "../discord-api/server.ts";

/** A token long enough for the scrubber, and recognisable if it ever leaks. */
export const TEST_TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.stand-in.TOKEN-must-never-be-logged-9f3a";
export const TEST_APPLICATION_ID = "1100000000000000001";

/** A knowledge folder holding an empty, valid fact base. */
export function emptyKnowledgeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-knowledge-"));
  writeFileSync(join(dir, "facts.json"), JSON.stringify(emptyFactBase()));
  return dir;
}

/** A running bot and its stand-in. */
export interface Harness {
  api: DiscordApiStandIn;
  client: Client;
  services: Services;
  registry: CommandRegistry;
  /** Every log line so far. */
  logs(): string;
  close(): Promise<void>;
}

/** The environment the bot would read, pointing at `api`. */
export function botEnv(api: DiscordApiStandIn, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: TEST_APPLICATION_ID,
    DISCORD_API_URL: api.apiUrl,
    LOG_LEVEL: "trace",
    ...extra,
  };
}

/** Starts a stand-in and the bot over `commandsDir` (the real `commands/` by default). */
export async function startHarness(
  options: { commandsDir?: string; knowledgeDir?: string; heartbeatInterval?: number } = {},
): Promise<Harness> {
  const api = await DiscordApiStandIn.start({
    token: TEST_TOKEN,
    applicationId: TEST_APPLICATION_ID,
    heartbeatInterval: options.heartbeatInterval,
  });
  let log = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      log += String(chunk);
      done();
    },
  });
  const { services } = bootstrap({
    env: botEnv(api, { KNOWLEDGE_DIR: options.knowledgeDir ?? emptyKnowledgeDir() }),
    dotenv: false,
    logDestination: sink,
  });
  const registry = await loadCommands(services, options.commandsDir);
  const bot = await startBot(services, registry);
  const client = bot.client;
  return {
    api,
    client,
    services,
    registry,
    logs: () => log,
    async close() {
      await bot.stop();
      await api.close();
    },
  };
}
