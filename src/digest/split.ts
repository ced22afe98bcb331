/**
 * Fits a digest into Discord's limits without cutting a sentence: text is split between articles first,
 * then between an article's lines, then between sentences; only a single sentence longer than a whole
 * embed (which news does not write) would be split between words.
 *
 * Sizes are measured as the renderer will send them: escaping Markdown and neutralising mentions add
 * characters, so {@link renderedLength} counts every character that may gain an escape.
 */
import type { Reply } from "../reply.ts";

/** Discord's limits that matter here (characters as JavaScript counts them). */
export const DIGEST_LIMITS = Object.freeze({
  title: 256,
  description: 4096,
  footer: 2048,
  /** All embeds of one message together. */
  message: 6000,
  embedsPerMessage: 10,
});

const ESCAPABLE = /[\\`*_~|#[\]()>@<:-]/g;

/** Upper bound of a text's length once escaped for Discord. */
export function renderedLength(text: string): number {
  return text.length + (text.match(ESCAPABLE)?.length ?? 0) + (text.match(/^\s*\d+\./gm)?.length ?? 0);
}

/** A titled section of blocks; each block is a list of lines kept together when possible. */
export interface DigestSection {
  heading: string;
  blocks: string[][];
}

const sentenceSegmenter = new Intl.Segmenter("en", { granularity: "sentence" });
const wordSegmenter = new Intl.Segmenter("en", { granularity: "word" });

/** Packs segments into pieces of at most `budget` rendered characters, joined by `sep`. */
function pack(segments: readonly string[], budget: number, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const s of segments) {
    const next = cur ? `${cur}${sep}${s}` : s;
    if (renderedLength(next) <= budget) cur = next;
    else {
      if (cur) out.push(cur);
      cur = s;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Splits one over-long line at sentence boundaries (words only for a sentence longer than `budget`). */
export function splitLine(line: string, budget: number): string[] {
  if (renderedLength(line) <= budget) return [line];
  const sentences = [...sentenceSegmenter.segment(line)].map((s) => s.segment.trim()).filter(Boolean);
  const pieces: string[] = [];
  for (const s of sentences) {
    if (renderedLength(s) <= budget) pieces.push(s);
    else {
      const words = [...wordSegmenter.segment(s)].map((w) => w.segment);
      pieces.push(...pack(words, budget, "").map((p) => p.trim()));
    }
  }
  return pack(pieces, budget, " ");
}

/** Splits one block into pieces that each fit `budget`, between lines, then between sentences. */
export function splitBlock(lines: readonly string[], budget: number): string[] {
  const whole = lines.join("\n");
  if (renderedLength(whole) <= budget) return [whole];
  return pack(
    lines.flatMap((l) => splitLine(l, budget)),
    budget,
    "\n",
  );
}

function fitTitle(title: string): string {
  if (title.length <= DIGEST_LIMITS.title) return title;
  const cut = title.slice(0, DIGEST_LIMITS.title - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1))}…`;
}

/** Size of a reply once rendered (title, text, fields, footer). */
export function replySize(r: Reply): number {
  let n = renderedLength(r.title) + renderedLength(r.text) + renderedLength(r.footer ?? "");
  for (const f of r.fields ?? []) n += renderedLength(f.name) + renderedLength(f.value);
  return n;
}

/** Turns sections into replies, one embed each, every description within the limit. */
export function splitIntoReplies(
  sections: readonly DigestSection[],
  options: { title: string; footer?: string; descriptionBudget?: number },
): Reply[] {
  const budget = options.descriptionBudget ?? DIGEST_LIMITS.description;
  const replies: Reply[] = [];
  for (const section of sections) {
    let cur: Reply | null = null;
    let part = 0;
    for (const block of section.blocks) {
      for (const piece of splitBlock(block, budget)) {
        const joined: string | null = cur ? `${cur.text}\n\n${piece}` : null;
        if (cur && joined !== null && renderedLength(joined) <= budget) {
          cur.text = joined;
          continue;
        }
        part++;
        const heading = part === 1 ? section.heading : `${section.heading} (continued)`;
        cur = { kind: "info", title: fitTitle(`${options.title}: ${heading}`), text: piece, citations: [] };
        replies.push(cur);
      }
    }
  }
  const last = replies.at(-1);
  if (last && options.footer) last.footer = options.footer.slice(0, 512);
  return replies;
}

/**
 * Groups replies into messages: at most 10 embeds and 6000 characters each, so the renderer never
 * has to shorten an embed to squeeze it into a message.
 */
export function packMessages(replies: readonly Reply[]): Reply[][] {
  const messages: Reply[][] = [];
  let cur: Reply[] = [];
  let size = 0;
  for (const r of replies) {
    const s = replySize(r);
    if (cur.length && (cur.length >= DIGEST_LIMITS.embedsPerMessage || size + s > DIGEST_LIMITS.message)) {
      messages.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(r);
    size += s;
  }
  if (cur.length) messages.push(cur);
  return messages;
}
