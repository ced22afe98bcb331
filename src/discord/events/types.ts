/** The shape of an event handler file: named after the discord.js event it handles. */
import type { Client, ClientEvents } from "discord.js";
import type { Services } from "../../services.ts";
import type { CommandRegistry } from "../loader.ts";

/** What every handler receives besides the event's own arguments. */
export interface BotContext {
  client: Client;
  registry: CommandRegistry;
  services: Services;
  /** Stops work started on ready (digest scheduler, feed poller); run on shutdown. */
  stoppers: (() => void)[];
}

/** An event handler module's default export. */
export interface BotEvent<K extends keyof ClientEvents = keyof ClientEvents> {
  name: K;
  once?: boolean;
  execute(bot: BotContext, ...args: ClientEvents[K]): Promise<void> | void;
}
