/**
 * The one neutral reply type. Commands return it; `src/discord` renders it as an embed and
 * `src/console` as text. It carries no Discord types.
 */

/** Where an answer comes from: the article, its outlet and date, and the exact sentence. */
export interface Citation {
  articleId: string;
  title: string;
  /** The outlet. */
  source: string;
  published: string | null;
  url: string | null;
  /** Wire or outlet credited in the text (`AFP`), if any. */
  attribution: string | null;
  /** The exact supporting sentence. */
  sentence: string;
}

/** A named block of the reply (an embed field on Discord). */
export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean;
}

/** What a reply is, so renderers can colour it. */
export type ReplyKind = "answer" | "abstain" | "info" | "error";

/** A platform-neutral reply. All text is plain (not Markdown); renderers escape it. */
export interface Reply {
  kind: ReplyKind;
  title: string;
  text: string;
  fields?: ReplyField[];
  citations: Citation[];
  /** Only the asking user sees it (Discord ephemeral). */
  ephemeral?: boolean;
  footer?: string;
}

/** Builds an error reply, shown privately. */
export function errorReply(title: string, text: string): Reply {
  return { kind: "error", title, text, citations: [], ephemeral: true };
}
