/**
 * The Discord client: discord.js 14 pointed at `DISCORD_API_URL` (REST, and through `GET /gateway/bot`
 * the gateway), no mention ever parsed, only the intents slash commands need, every event handler
 * wrapped so a failing handler is logged by name and the process stays up.
 */
import { Client, GatewayIntentBits, RESTEvents } from "discord.js";
import type { Config } from "../config.ts";
import { scrub } from "../log.ts";
import type { Services } from "../services.ts";
import { errorForLog } from "./boundary.ts";
import { EVENTS } from "./events/index.ts";
import type { BotContext } from "./events/types.ts";
import type { CommandRegistry } from "./loader.ts";
import { NO_MENTIONS } from "./render.ts";

/**
 * Slash commands and context menus arrive as interactions whatever the intents; `Guilds` keeps the
 * guild and channel cache the commands and digests need. No privileged intent is used.
 */
export const INTENTS = [GatewayIntentBits.Guilds] as const;

/** A discord.js client configured from `config` (not logged in). */
export function createClient(config: Config): Client {
  return new Client({
    intents: [...INTENTS],
    allowedMentions: { ...NO_MENTIONS, parse: [] },
    rest: { api: config.DISCORD_API_URL },
  });
}

/** Registers every event handler on `client`, each inside a boundary naming the handler. */
export function attachEvents(bot: BotContext): void {
  for (const event of EVENTS) {
    const run = async (...args: unknown[]) => {
      try {
        await (event.execute as (b: BotContext, ...a: unknown[]) => unknown)(bot, ...args);
      } catch (err) {
        bot.services.logger.error(
          { event: event.name, error: errorForLog(err) },
          "discord: event handler failed",
        );
      }
    };
    if (event.once) bot.client.once(event.name, run);
    else bot.client.on(event.name, run);
  }
  bot.client.rest.on(RESTEvents.RateLimited, (info) => {
    bot.services.logger.info(
      { route: info.route, method: info.method, retryAfter: info.retryAfter, global: info.global },
      "discord: rate limited",
    );
  });
}

/** Creates the client, attaches the events and logs in; resolves once the client is ready. */
export async function startBot(services: Services, registry: CommandRegistry): Promise<Client> {
  const { config } = services;
  const client = createClient(config);
  attachEvents({ client, registry, services });
  const ready = new Promise<void>((resolve) => client.once("clientReady", () => resolve()));
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (err) {
    await client.destroy().catch(() => undefined);
    throw new Error(`discord: login failed (${scrub((err as Error).message, [config.DISCORD_TOKEN])})`);
  }
  await ready;
  return client;
}
