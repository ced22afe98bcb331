/**
 * Start-up, done once and first: configuration, the logger, the fact base and the services every
 * command receives. A fatal start-up error is reported by the caller as one line and a non-zero exit.
 */
import { openAnswering } from "./answer/open.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { startHalfCredentials } from "./discord/messages.ts";
import { VerifyMessages } from "./knowledge/store.ts";
import { createLogger, type Logger } from "./log.ts";
import type { Services } from "./services.ts";

/** What start-up produces. */
export interface Runtime {
  config: Config;
  logger: Logger;
  services: Services;
}

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** Environment to read (defaults to the process environment, plus `.env`). */
  env?: NodeJS.ProcessEnv;
  /** Read `.env` too (off in tests). */
  dotenv?: boolean;
  /** Overrides `KNOWLEDGE_DIR` (the `--knowledge DIR` option). */
  knowledgeDir?: string;
  /**
   * True inside a shard spawned by discord.js's ShardingManager: it sets `SHARDS` to the shard's
   * own ids in the child's environment, which must not be read as "start sharded" again.
   */
  shardChild?: boolean;
  /** Where log lines go (defaults to stderr). */
  logDestination?: NodeJS.WritableStream;
}

/** Reads the configuration, creates the logger, loads the fact base and builds the services. */
export function bootstrap(options: BootstrapOptions = {}): Runtime {
  const source = options.env ?? process.env;
  const env = options.shardChild ? { ...source, SHARDS: "" } : source;
  const config = loadConfig(env, { dotenv: options.dotenv ?? true });
  if (Boolean(config.DISCORD_TOKEN) !== Boolean(config.DISCORD_APPLICATION_ID)) {
    throw config.DISCORD_TOKEN
      ? new ConfigError(startHalfCredentials("DISCORD_APPLICATION_ID", "DISCORD_TOKEN"))
      : new ConfigError(startHalfCredentials("DISCORD_TOKEN", "DISCORD_APPLICATION_ID"));
  }
  if (options.knowledgeDir) config.KNOWLEDGE_DIR = options.knowledgeDir;
  const logger = createLogger(config.LOG_LEVEL, [config.DISCORD_TOKEN], options.logDestination);
  const { knowledge, answers } = openAnswering(config.KNOWLEDGE_DIR);
  // A fact base read through facts.cache is checked against facts.json after the start, off the
  // main thread; the start does not wait for it. verify() never rejects; the catch is for safety.
  knowledge.verify().then(
    (result) => {
      if (result.outcome === "reloaded") logger.warn({ file: knowledge.dir }, result.message);
      else if (result.outcome === "failed") logger.error({ err: result.error }, result.message);
      else logger.debug(result.message);
    },
    (err: unknown) => logger.error({ err }, VerifyMessages.failed(knowledge.dir, String(err))),
  );
  return { config, logger, services: { config, logger, knowledge, answers } };
}
