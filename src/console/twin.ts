/**
 * The console twin: a terminal session over the same commands and the same replies as the bot.
 * Lines are `/command name:value …`, `help`, or `exit`; with stdin not a terminal it reads lines
 * until end of input and returns, so `echo "/articles" | npm start` works in a pipe.
 */
import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { CommandContext } from "../command.ts";
import { errorForLog } from "../discord/boundary.ts";
import { invokeCommand } from "../discord/invoke.ts";
import type { CommandRegistry } from "../discord/loader.ts";
import type { Reply } from "../reply.ts";
import type { Services } from "../services.ts";
import { completeLine } from "./complete.ts";
import { TWIN_GOODBYE, TWIN_HINT, twinCommandFailed } from "./messages.ts";
import { type ParsablePayload, parseSlashLine, SlashLineError } from "./parse.ts";
import { renderRepliesText } from "./render.ts";

/** The outcome of one line. */
export interface LineResult {
  /** Text to print. */
  text: string;
  /** The replies the command gave (empty for a parse error or `help` without a /help command). */
  replies: Reply[];
  /** True when the line asked to leave. */
  exit: boolean;
  /** True when the line failed (parse error, unknown command, command error). */
  failed: boolean;
}

function invokerName(): string {
  try {
    return userInfo().username || "console";
  } catch {
    return "console";
  }
}

/** One console session over the loaded commands. */
export class ConsoleTwin {
  readonly #invoker = { id: "console", name: invokerName(), canManage: true };

  constructor(
    readonly registry: CommandRegistry,
    readonly services: Services,
  ) {}

  /** Runs one line and returns what to print. */
  async runLine(line: string): Promise<LineResult> {
    const text = line.trim();
    if (!text) return { text: "", replies: [], exit: false, failed: false };
    if (text === "exit" || text === "quit" || text === "/exit") {
      return { text: TWIN_GOODBYE, replies: [], exit: true, failed: false };
    }
    let slash = text;
    if (/^help(\s|$)/.test(text)) slash = `/${text}`;
    let parsed: ReturnType<typeof parseSlashLine>;
    const payloads = this.registry.payloads() as ParsablePayload[];
    try {
      parsed = parseSlashLine(slash, payloads);
    } catch (err) {
      if (!(err instanceof SlashLineError)) throw err;
      // A line that is neither a command nor a message command is a question, what a new user
      // types first: it goes to /ask when that command is loaded.
      if (slash.startsWith("/") || !this.registry.get("ask")) {
        return { text: err.message, replies: [], exit: false, failed: true };
      }
      parsed = { commandName: "ask", subcommand: null, options: { question: text }, targetText: null };
    }
    const loaded = this.registry.get(parsed.commandName)!;
    const ctx: CommandContext = {
      commandName: parsed.commandName,
      subcommand: parsed.subcommand,
      options: parsed.options,
      invoker: this.#invoker,
      guildId: null,
      channelId: null,
      targetMessage:
        parsed.targetText === null
          ? null
          : { id: "console", content: parsed.targetText, authorName: this.#invoker.name },
      services: this.services,
    };
    try {
      const replies = await invokeCommand(loaded, ctx);
      return {
        text: renderRepliesText(replies),
        replies,
        exit: false,
        failed: replies.some((r) => r.kind === "error"),
      };
    } catch (err) {
      this.services.logger.error(
        { command: parsed.commandName, error: errorForLog(err) },
        "console: command failed",
      );
      return { text: twinCommandFailed(parsed.commandName), replies: [], exit: false, failed: true };
    }
  }

  /**
   * Reads lines from `input` and prints replies to `output` until `exit` or end of input.
   * Returns the number of lines that failed (0 when all went well).
   */
  async session(
    input: NodeJS.ReadableStream = process.stdin,
    output: NodeJS.WritableStream = process.stdout,
    interactive: boolean = Boolean((input as { isTTY?: boolean }).isTTY),
  ): Promise<number> {
    if (interactive) output.write(`${TWIN_HINT}\n`);
    const rl = createInterface({
      input,
      output: interactive ? output : undefined,
      terminal: interactive,
      // Tab completes commands, options and their values, as Discord's autocomplete does.
      completer: (line: string, done: (err: Error | null, result: [string[], string]) => void) => {
        completeLine(line, this.registry, this.services).then(
          (result) => done(null, result),
          () => done(null, [[], line]),
        );
      },
    });
    if (interactive) {
      rl.setPrompt("newsdesk> ");
      rl.prompt();
    }
    let failures = 0;
    for await (const line of rl) {
      const result = await this.runLine(line);
      if (result.failed) failures++;
      if (result.text) output.write(`${result.text}\n`);
      if (result.exit) break;
      if (interactive) rl.prompt();
    }
    rl.close();
    return failures;
  }
}
