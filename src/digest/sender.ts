/**
 * The narrow door between the scheduler and Discord: send replies to a channel. The discord.js side
 * lives in `src/discord/digest-sender.ts`; tests and the console can plug in their own.
 */
import type { Reply } from "../reply.ts";

/** Why a channel cannot receive a digest. */
export type DigestSendFailure = "missing-channel" | "forbidden";

/** A send that failed because of the channel itself (gone, or the bot may not post there). */
export class DigestSendError extends Error {
  override name = "DigestSendError";
  constructor(
    readonly failure: DigestSendFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Posts replies in a channel, in order. Throws {@link DigestSendError} for a gone or forbidden channel. */
export interface DigestSender {
  send(channelId: string, replies: readonly Reply[]): Promise<void>;
  /** Whether this process (shard) should deliver for the guild; default: yes. */
  ownsGuild?(guildId: string): boolean;
}

export type { Reply };
