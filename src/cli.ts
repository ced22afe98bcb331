/**
 * The `newsdesk` command line: one dispatcher, one module per subcommand under `src/cli/`.
 * Every failure ends in one clear line on stderr and a non-zero exit code, never a stack trace.
 */
import { ConfigError } from "./config.ts";
import { FactBaseError } from "./knowledge/store.ts";

/** A subcommand: takes its arguments, returns the exit code. */
export type SubcommandRun = (args: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<{ run: SubcommandRun }> }> = {
  start: {
    summary: "run the bot (console twin when no DISCORD_TOKEN is set)",
    load: () => import("./cli/start.ts"),
  },
  ingest: {
    summary: "ingest articles: newsdesk ingest PATH... [--knowledge DIR]",
    load: () => import("./cli/ingest.ts"),
  },
  feeds: {
    summary: "the feeds to poll: newsdesk feeds add URL [--every 30m] | list [--json] | remove URL",
    load: () => import("./cli/feeds.ts"),
  },
  facts: {
    summary: "print the fact base summary: newsdesk facts [--knowledge DIR] [--json]",
    load: () => import("./cli/facts.ts"),
  },
  ask: {
    summary:
      'answer questions: newsdesk ask ["QUESTION"] [--knowledge DIR] [--json] (no QUESTION: one per line of stdin)',
    load: () => import("./cli/ask.ts"),
  },
  eval: {
    summary: "score the answers: newsdesk eval [--questions FILE] [--knowledge DIR] [--json] [--verbose]",
    load: () => import("./cli/eval.ts"),
  },
  "deploy-commands": {
    summary: "register the slash commands with Discord (guild when DISCORD_GUILD_ID is set, else global)",
    load: () => import("./cli/deploy-commands.ts"),
  },
  run: {
    summary:
      'run one command through the console twin: newsdesk run "/when event:…" [--knowledge DIR] [--json]',
    load: () => import("./cli/run.ts"),
  },
  digest: {
    summary:
      "print the news digest: newsdesk digest [--since DATE] [--topics A,B] [--knowledge DIR] [--json]",
    load: () => import("./cli/digest.ts"),
  },
};

/** Registers a subcommand (used by rooms that add their own). */
export function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(16)} ${s.summary}`);
  return `usage: newsdesk <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

// A reader that stops early (`newsdesk facts | head`) closes the pipe: that ends the output, not in error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) {
    process.stderr.write(`newsdesk: unknown command "${name}"; run "newsdesk help" for the list\n`);
    return 2;
  }
  const mod = await sub.load();
  return mod.run(args);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (
    err instanceof ConfigError ||
    err instanceof FactBaseError ||
    (err as { cliError?: boolean }).cliError
  ) {
    process.stderr.write(`newsdesk: ${(err as Error).message}\n`);
  } else {
    process.stderr.write(`newsdesk: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exitCode = 1;
}
