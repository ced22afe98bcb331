/**
 * What commands may use, built once at start-up and handed to every command context.
 * Each room of `src/` contributes its member; commands reach `src/` only through here.
 */
import type { AnswerEngine } from "./answer/engine.ts";
import type { Command } from "./command.ts";
import type { Config } from "./config.ts";
import type { DigestService } from "./digest/service.ts";
import type { KnowledgeStore } from "./knowledge/store.ts";
import type { Logger } from "./log.ts";

/** The services a command can call. */
export interface Services {
  config: Config;
  logger: Logger;
  knowledge: KnowledgeStore;
  /** The commands being served (set by the loader once loaded; `/help` lists them). */
  commands?: () => readonly Command[];
  /** The answering engine over `knowledge` (its index follows the fact base's generation). */
  answers?: AnswerEngine;
  /** Digest subscriptions and delivery; present when the bot runs with its database (DATA_DIR). */
  digests?: DigestService;
}
