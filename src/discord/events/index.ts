/** Every event handler, one file per discord.js event. */
import clientReady from "./clientReady.ts";
import debug from "./debug.ts";
import error from "./error.ts";
import interactionCreate from "./interactionCreate.ts";
import shardDisconnect from "./shardDisconnect.ts";
import shardReconnecting from "./shardReconnecting.ts";
import shardResume from "./shardResume.ts";
import type { BotEvent } from "./types.ts";

export const EVENTS: readonly BotEvent[] = [
  clientReady,
  interactionCreate,
  shardResume,
  shardReconnecting,
  shardDisconnect,
  error,
  debug,
] as unknown as BotEvent[];
