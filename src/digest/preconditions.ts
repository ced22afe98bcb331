/**
 * Preconditions of `/digest`, kept apart from the command body (as Sapphire does): each returns null
 * when the invoker may go on, or the reply telling them why not.
 */
import type { CommandContext } from "../command.ts";
import { errorReply, type Reply } from "../reply.ts";
import { DIGEST_NO_DATABASE, DIGEST_NOT_IN_GUILD, DIGEST_REFUSED_PERMISSION } from "./errors.ts";

/** Subcommands that change what gets posted, and so need Manage Server or Manage Channels. */
export const MANAGING_SUBCOMMANDS: ReadonlySet<string> = new Set(["subscribe", "unsubscribe", "now"]);

/**
 * Checked again at run time although the command is deployed with `ManageGuild` as its default member
 * permission: server admins can override that default per role or channel, and the console twin has no
 * Discord permissions at all.
 */
export function mayManageDigests(
  ctx: Pick<CommandContext, "invoker" | "guildId" | "subcommand">,
): Reply | null {
  if (!ctx.guildId) return errorReply("Not here", DIGEST_NOT_IN_GUILD);
  if (MANAGING_SUBCOMMANDS.has(ctx.subcommand ?? "") && !ctx.invoker.canManage) {
    return errorReply("Not allowed", DIGEST_REFUSED_PERMISSION);
  }
  return null;
}

/** Digests need the database: the bot must run with DATA_DIR. */
export function hasDigests(ctx: Pick<CommandContext, "services">): Reply | null {
  return ctx.services.digests ? null : errorReply("Digests unavailable", DIGEST_NO_DATABASE);
}
