/**
 * Configuration, read and validated once (dotenv + zod). Nothing else in the project reads
 * `process.env` directly: every module receives a {@link Config}.
 */
import { config as loadDotenv } from "dotenv";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const positiveNumber = (fallback: number) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .transform((v, ctx) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) {
        ctx.addIssue({ code: "custom", message: `must be a positive number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const snowflake = z
  .string()
  .trim()
  .regex(/^\d{17,20}$/, "must be a Discord snowflake (17 to 20 digits)");

/** The environment variables newsdesk reads; `.env.example` documents each. */
export const EnvSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.pipe(snowflake.optional()),
  DISCORD_GUILD_ID: optionalString.pipe(snowflake.optional()),
  DISCORD_API_URL: z
    .string()
    .trim()
    .default("https://discord.com/api")
    .pipe(z.url({ protocol: /^https?$/ })),
  KNOWLEDGE_DIR: z.string().trim().min(1).default("knowledge"),
  DATA_DIR: z.string().trim().min(1).default("data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  SHARDS: z
    .string()
    .trim()
    .default("")
    .transform((v, ctx) => {
      if (v === "") return undefined;
      if (v === "auto") return "auto" as const;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) {
        ctx.addIssue({ code: "custom", message: `must be "auto" or a whole number of shards, got "${v}"` });
        return z.NEVER;
      }
      return n;
    }),
  FEEDS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  FEED_POLL_MINUTES: positiveNumber(30),
  DIGEST_GRACE_HOURS: positiveNumber(6),
});

/** The validated configuration. */
export type Config = z.infer<typeof EnvSchema>;

/** A configuration error: one line naming the variable and what is wrong with it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads `.env` (when present; real environment variables win) and validates the result.
 * Throws a {@link ConfigError} whose message names the first bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, { dotenv = true } = {}): Config {
  if (dotenv) loadDotenv({ quiet: true, processEnv: env as Record<string, string> });
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`config: ${name} ${issue.message.replace(/^Invalid input: /, "")}`);
  }
  return result.data;
}

/** True when both Discord credentials are present, so the bot can log in. */
export function hasDiscordCredentials(config: Config): boolean {
  return Boolean(config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID);
}
