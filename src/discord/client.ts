/**
 * The Discord client: discord.js 14 pointed at `DISCORD_API_URL` (REST, and through `GET /gateway/bot`
 * the gateway), no mention ever parsed, only the intents slash commands need, every event handler
 * wrapped so a failing handler is logged by name and the process stays up.
 */
import { Client, GatewayIntentBits, RESTEvents } from "discord.js";
import type { Config } from "../config.ts";
import { DigestService } from "../digest/service.ts";
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

/**
 * The REST base from `DISCORD_API_URL`: @discordjs/rest appends `/v10/route` to it, so a trailing
 * slash would make `//v10`.
 */
export function apiBase(config: Config): string {
  return config.DISCORD_API_URL.replace(/\/+$/, "");
}

/** A discord.js client configured from `config` (not logged in). */
export function createClient(config: Config): Client {
  return new Client({
    intents: [...INTENTS],
    allowedMentions: { ...NO_MENTIONS, parse: [] },
    rest: { api: apiBase(config) },
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

/** A logged-in bot. */
export interface RunningBot {
  client: Client;
  /** Stops what was started on ready, then destroys the client. */
  stop(): Promise<void>;
}

/**
 * Opens the digest database of `DATA_DIR` into `services.digests`, for the processes that serve
 * Discord or the console (not for one-shot commands like `run` or `deploy-commands`).
 */
export function attachDigests(services: Services): void {
  const { config, knowledge, logger } = services;
  services.digests ??= DigestService.open(config.DATA_DIR, {
    knowledge,
    logger,
    graceHours: config.DIGEST_GRACE_HOURS,
  });
}

/** Creates the client, attaches the events and logs in; resolves once the client is ready. */
export async function startBot(services: Services, registry: CommandRegistry): Promise<RunningBot> {
  const { config } = services;
  const client = createClient(config);
  const stoppers: (() => void)[] = [];
  attachEvents({ client, registry, services, stoppers });
  const ready = new Promise<void>((resolve) => client.once("clientReady", () => resolve()));
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (err) {
    await client.destroy().catch(() => undefined);
    throw new Error(`discord: login failed (${scrub((err as Error).message, [config.DISCORD_TOKEN])})`);
  }
  await ready;
  return {
    client,
    async stop() {
      for (const stop of stoppers.splice(0)) stop();
      await client.destroy();
    },
  };
}
