/**
 * Structured logging (pino): JSON lines on stderr, quiet by default (`LOG_LEVEL=warn`).
 * The Discord token is scrubbed from every line, whatever field or message carries it.
 */
import { type Logger, pino } from "pino";

export type { Logger };

/** Replaces every occurrence of each secret in `text` with `[redacted]`. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join("[redacted]");
  return out;
}

/** Creates the process logger. `secrets` never reach the output. */
export function createLogger(
  level: string,
  secrets: readonly (string | undefined)[] = [],
  destination: NodeJS.WritableStream = process.stderr,
): Logger {
  const stream = {
    write(line: string) {
      destination.write(scrub(line, secrets));
    },
  };
  return pino(
    {
      level,
      base: { app: "newsdesk" },
      redact: {
        paths: ["token", "*.token", "headers.authorization", "*.headers.authorization"],
        censor: "[redacted]",
      },
    },
    stream,
  );
}
