/**
 * Renders the neutral {@link Reply} as Discord messages: embeds within every limit Discord enforces
 * (a reply over a limit is rejected whole, so text is cut at a sentence with a hint instead), user
 * text escaped so it cannot change the formatting, and nothing able to ping anyone.
 */
import { type APIEmbed, type APIEmbedField, escapeMarkdown, MessageFlags } from "discord.js";
import type { Citation, Reply, ReplyKind } from "../reply.ts";
import { RENDER_MORE_HINT } from "./messages.ts";

/** Discord's message and embed limits (characters unless said otherwise). */
export const DISCORD_LIMITS = Object.freeze({
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  /** Title, description, field names and values, footer and author of all embeds of a message. */
  embedTotal: 6000,
  embeds: 10,
  content: 2000,
});

/** Embed colours by reply kind, so an error or an abstention is told apart at a glance. */
export const KIND_COLOURS: Readonly<Record<ReplyKind, number>> = Object.freeze({
  answer: 0x5865f2,
  info: 0x99aab5,
  abstain: 0xf0b232,
  error: 0xed4245,
});

/** No mention is ever parsed: set client-wide and again on every message the bot sends. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], repliedUser: false });

/** One message to send: embeds, flags and the allowed mentions. */
export interface RenderedMessage {
  embeds: APIEmbed[];
  flags?: MessageFlags.Ephemeral;
  allowedMentions: { parse: never[]; repliedUser: boolean };
}

const ZWSP = "\u200b";

/**
 * Breaks every mention (`@everyone`, `@here`, `<@123>`, `<@&role>`) with a zero-width space after
 * the `@`, so echoed text cannot ping even in a client that ignores `allowed_mentions`. Channel
 * links (`<#123>`) and command links (`</ask:123>`) ping nobody but would still render as links the
 * asker chose, so they are broken the same way.
 */
export function neutraliseMentions(text: string): string {
  return text.replaceAll("@", `@${ZWSP}`).replaceAll("<#", `<#${ZWSP}`).replaceAll("</", `<${ZWSP}/`);
}

const sentences = new Intl.Segmenter("en", { granularity: "sentence" });
const words = new Intl.Segmenter("en", { granularity: "word" });

/**
 * discord.js's `escapeMarkdown` takes time quadratic in the length of its input (its look-behinds
 * scan back: 20 ms for 4,000 characters, 1.7 s for 22,000), so long text is escaped piece by piece:
 * sentences, words inside a long sentence, slices inside a very long word.
 */
const ESCAPE_PIECE = 200;

function pieces(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of sentences.segment(text)) {
    if (segment.length <= ESCAPE_PIECE) {
      out.push(segment);
      continue;
    }
    let chunk = "";
    for (const { segment: word } of words.segment(segment)) {
      if (chunk && chunk.length + word.length > ESCAPE_PIECE) {
        out.push(chunk);
        chunk = "";
      }
      if (word.length <= ESCAPE_PIECE) chunk += word;
      else {
        // A "word" this long is not prose (a URL, a hash): slice it by code points.
        const cps = Array.from(word);
        for (let i = 0; i < cps.length; i += ESCAPE_PIECE) out.push(cps.slice(i, i + ESCAPE_PIECE).join(""));
      }
    }
    if (chunk) out.push(chunk);
  }
  // Mentions are broken piece by piece: a `<` ending a piece goes to the next, so that a channel or
  // command link (`<#…>`, `</…>`) split between two pieces is still seen whole and broken.
  for (let i = 0; i + 1 < out.length; i++) {
    if (!out[i]!.endsWith("<")) continue;
    out[i] = out[i]!.slice(0, -1);
    out[i + 1] = `<${out[i + 1]}`;
  }
  return out.filter((piece) => piece.length > 0);
}

/**
 * Everything that could format or link: headings, lists and masked links too (embeds render them).
 * Not `*` and `_` for italic and bold: escaping both over `a***b***c***` writes `c\\*\**`, an
 * escaped backslash the reader would see; every bare `*` and `_` is escaped below instead.
 */
const ESCAPE_ALL = Object.freeze({
  heading: true,
  bulletedList: true,
  numberedList: true,
  maskedLink: true,
  italic: false,
  bold: false,
});

/**
 * Markdown `escapeMarkdown` can leave bare where it still formats: a lone `|` or `~` that meets its
 * pair across a piece boundary (`||`, `~~`), the fourth backtick of a run (it escapes ```` ``` ````
 * and leaves the rest), inner `__` and `**` of long runs (`______`), and a masked link opened by a
 * `[` after another `[` (it escapes only the first). So every bare `|`, `~`, backtick, `_` and `*`
 * outside a URL is escaped, and every `]` that a `(` follows (or may follow, at a piece's end).
 */
const BARE_MARKDOWN = [/(https?:\/\/[^\s()<>[\]|~`]+)|(\\*)([|~`_*])/g, /()(\\*)(\])(?=\(|$)/g] as const;

/** Escapes each match of `re` (groups: a URL left as is, backslashes, character) not already escaped. */
function escapeBare(text: string, re: RegExp): string {
  return text.replace(re, (m, url: string | undefined, slashes: string, ch: string) =>
    url || slashes.length % 2 === 1 ? m : `${slashes}\\${ch}`,
  );
}

function escapePiece(piece: string): string {
  return neutraliseMentions(BARE_MARKDOWN.reduce(escapeBare, escapeMarkdown(piece, ESCAPE_ALL)));
}

/** Escapes Markdown and neutralises mentions: the form every echoed text takes. */
export function safeText(text: string): string {
  if (text.length <= ESCAPE_PIECE) return escapePiece(text);
  return pieces(text).map(escapePiece).join("");
}

/**
 * `safeText(text)` within `limit` characters: whole sentences while they fit, then the hint; when
 * not even the first sentence fits, whole words. Cutting the plain text (not the escaped one)
 * means an escape is never split.
 */
export function fitText(text: string, limit: number, hint: string = RENDER_MORE_HINT): string {
  const short = text.length <= ESCAPE_PIECE;
  const parts = short ? [text] : pieces(text);
  const escaped = parts.map(escapePiece);
  const whole = escaped.join("");
  if (whole.length <= limit) return whole;
  const budget = limit - hint.length;
  if (budget <= 0) return hint.trim().slice(0, limit);
  const take = (list: string[]): string => {
    let out = "";
    for (const piece of list) {
      const next = out + piece;
      if (next.trimEnd().length > budget) break;
      out = next;
    }
    return out.trimEnd();
  };
  const sentenceList = short ? [...sentences.segment(text)].map((s) => escapePiece(s.segment)) : escaped;
  let cut = take(sentenceList);
  if (!cut) {
    const firstSentence = [...sentences.segment(text)][0]?.segment ?? text;
    cut = take(
      [...words.segment(firstSentence)].flatMap((w) =>
        w.segment.length <= ESCAPE_PIECE ? [escapePiece(w.segment)] : pieces(w.segment).map(escapePiece),
      ),
    );
  }
  if (!cut) cut = whole.slice(0, budget).replace(/\\+$/, "");
  return `${cut}${hint}`;
}

/** A URL an embed accepts (http/https only); anything else is dropped rather than rejected. */
function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** `Title` linked to the article when it has a URL; brackets escaped so the link holds. */
function linkedTitle(c: Citation, limit: number): string {
  const url = safeUrl(c.url);
  const urlPart = url ? url.replaceAll("(", "%28").replaceAll(")", "%29") : undefined;
  const room = urlPart ? limit - urlPart.length - 4 : limit;
  // Brackets not escaped yet are escaped now (an escaped one is left as is), so the link holds.
  const title = escapeBare(fitText(c.title, Math.max(room, 20), "…"), /()(\\*)([[\]])/g);
  return urlPart ? `[${title}](${urlPart})` : `**${title}**`;
}

/** A citation as an embed field: outlet and date in the name, linked title and quoted sentence below. */
export function citationField(c: Citation, index: number): APIEmbedField {
  const date = c.published ? c.published.slice(0, 10) : "undated";
  const via = c.attribution ? ` (via ${c.attribution})` : "";
  const name = fitText(`[${index}] ${c.source}, ${date}${via}`, DISCORD_LIMITS.fieldName, "…");
  const head = linkedTitle(c, 400);
  const room = DISCORD_LIMITS.fieldValue - head.length - 5;
  const quote = `> “${fitText(c.sentence, room - 1, "…")}”`;
  return { name, value: `${head}\n${quote}` };
}

function embedSize(e: APIEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** One reply as one embed, within the per-embed limits and within `budget` characters in all. */
export function renderEmbed(reply: Reply, budget: number = DISCORD_LIMITS.embedTotal): APIEmbed {
  const title = fitText(reply.title || "newsdesk", DISCORD_LIMITS.title, "…");
  const footer = reply.footer ? fitText(reply.footer, Math.min(DISCORD_LIMITS.footer, 512), "…") : undefined;
  const fields: APIEmbedField[] = [
    ...(reply.fields ?? []).map((f) => ({
      name: fitText(f.name || "\u200b", DISCORD_LIMITS.fieldName, "…"),
      value: fitText(f.value || "\u200b", DISCORD_LIMITS.fieldValue),
      inline: f.inline ?? false,
    })),
    ...reply.citations.map((c, i) => citationField(c, i + 1)),
  ];
  let kept = fields.slice(0, DISCORD_LIMITS.fields);
  let dropped = fields.length - kept.length;
  const fixed = title.length + (footer?.length ?? 0);
  // The text matters most: fields give way first, but the first citation is kept whenever possible.
  const minimumText = Math.min(reply.text.length + 50, 1000);
  const fieldsSize = () => kept.reduce((n, f) => n + f.name.length + f.value.length, 0);
  while (kept.length > 1 && fixed + fieldsSize() + minimumText > budget) {
    kept = kept.slice(0, -1);
    dropped++;
  }
  const note = dropped > 0 ? `\n\n(${dropped} more field${dropped === 1 ? "" : "s"} not shown)` : "";
  const room = Math.max(0, Math.min(DISCORD_LIMITS.description, budget - fixed - fieldsSize()) - note.length);
  const description = reply.text ? fitText(reply.text, room) + note : note.trim() || undefined;
  const embed: APIEmbed = { title, color: KIND_COLOURS[reply.kind] };
  if (description) embed.description = description;
  if (kept.length) embed.fields = kept;
  if (footer) embed.footer = { text: footer };
  return embed;
}

/**
 * Renders one or several replies as messages: up to 10 embeds and 6000 characters per message;
 * the message is ephemeral when any reply in it asks to be.
 */
export function renderReplies(replies: Reply | readonly Reply[]): RenderedMessage[] {
  const list = Array.isArray(replies) ? (replies as readonly Reply[]) : [replies as Reply];
  const messages: RenderedMessage[] = [];
  let current: { embeds: APIEmbed[]; size: number; ephemeral: boolean } | null = null;
  const flush = () => {
    if (!current) return;
    messages.push({
      embeds: current.embeds,
      allowedMentions: { ...NO_MENTIONS, parse: [] },
      ...(current.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
    });
    current = null;
  };
  for (const reply of list) {
    let embed = renderEmbed(reply);
    const ephemeral = Boolean(reply.ephemeral);
    if (current && (current.embeds.length >= DISCORD_LIMITS.embeds || current.ephemeral !== ephemeral))
      flush();
    if (current && current.size + embedSize(embed) > DISCORD_LIMITS.embedTotal) {
      const rest = DISCORD_LIMITS.embedTotal - current.size;
      if (rest >= 1500) embed = renderEmbed(reply, rest);
      else flush();
    }
    current ??= { embeds: [], size: 0, ephemeral };
    current.embeds.push(embed);
    current.size += embedSize(embed);
  }
  flush();
  if (messages.length === 0) messages.push({ embeds: [], allowedMentions: { ...NO_MENTIONS, parse: [] } });
  return messages;
}

/** Size of a rendered message as Discord counts it (for tests and checks). */
export function messageSize(m: RenderedMessage): number {
  return m.embeds.reduce((n, e) => n + embedSize(e), 0);
}
