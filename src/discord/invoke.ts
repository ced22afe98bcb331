/**
 * Runs a command's `execute` and normalises what it returns, the same way for Discord and the console.
 */
import type { CommandContext } from "../command.ts";
import type { Reply } from "../reply.ts";
import type { LoadedCommand } from "./loader.ts";

/** Calls `execute` and always yields a non-empty list of replies (a command returning none is a bug). */
export async function invokeCommand(loaded: LoadedCommand, ctx: CommandContext): Promise<Reply[]> {
  const result = await loaded.command.execute(ctx);
  const replies = Array.isArray(result) ? result : [result];
  if (
    replies.length === 0 ||
    replies.some((r) => !r || typeof r !== "object" || typeof r.title !== "string")
  ) {
    throw new Error(`invoke: ${loaded.file}: execute() returned no valid Reply`);
  }
  return replies.map((r) => ({ ...r, citations: r.citations ?? [] }));
}
