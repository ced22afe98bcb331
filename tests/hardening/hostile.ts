/**
 * What a hostile user types, as fast-check arbitraries, and the checks every rendered reply must pass
 * (Discord's limits, no allowed mention, nothing able to ping, echoed text unable to format).
 */
import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import type { RenderedMessage } from "../../src/discord/render.ts";
import { DISCORD_LIMITS } from "../../src/discord/render.ts";
import { ingest } from "../../src/knowledge/ingest.ts";

/** Pieces of hostile text; generated strings are made of these and of arbitrary graphemes. */
export const HOSTILE_PIECES: readonly string[] = Object.freeze([
  // mentions, plain and disguised with zero-width characters
  "@everyone",
  "@here",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&123456789012345678>",
  "<#123456789012345678>",
  "@\u200beveryone",
  "@\u200dhere",
  "<\u200b@123>",
  "@\u2060everyone",
  "＠everyone",
  // markdown that breaks formatting
  "```",
  "```js\n",
  "`",
  "||spoiler||",
  "||",
  "~~",
  "**",
  "__",
  "*",
  "_",
  "[fake](http://x)",
  "[fake](https://discord.gg/x)",
  "](",
  "[",
  "> ",
  "\n> quote",
  "\n# heading",
  "\n- item",
  "\n1. item",
  "\\",
  // regex metacharacters and fuse.js extended-search syntax
  ".*",
  "(?:",
  "[a-",
  "\\d+$",
  "^",
  "$",
  "|",
  "'exact",
  "!not",
  "^prefix",
  "suffix$",
  "=exact",
  "a | b",
  "'",
  "!",
  // control, zero-width, direction marks, emoji, combining marks
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\r\n",
  "\t",
  "\u200b",
  "\u200d",
  "\ufeff",
  "\u202e",
  "\u200f",
  "\u2066",
  "😀",
  "👩‍👩‍👧‍👦",
  "🇫🇷",
  "e\u0301",
  "Z\u0351\u0352\u0353\u0354\u0355",
  "\ud800",
  // numbers and dates out of range
  "99999999999999999999",
  "-1",
  "NaN",
  "1e309",
  "0000-00-00",
  "9999-99-99",
  "31/02/2023",
  "25:99",
  "Mars/Olympus",
  // plain words, so some inputs reach real answers
  "who",
  "said",
  "Azerbaijan",
  "Armenia",
  "prisoners",
  "when",
  "the",
  " ",
  "?",
]);

/** A string made of hostile pieces and arbitrary graphemes, sometimes blown up to 6,000 characters. */
export function hostileText(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
  );
  const short = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));
  return fc.oneof(
    { weight: 6, arbitrary: short },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "\t \n", "\u200b\u200b", "x".repeat(6000)) },
    {
      weight: 1,
      arbitrary: short.map((s) =>
        s ? s.repeat(Math.ceil(6000 / s.length)).slice(0, 6000) : "y".repeat(6000),
      ),
    },
  );
}

/** A value for an option of the given Discord option type, hostile for its kind. */
export function hostileValue(type: number): fc.Arbitrary<string | number | boolean> {
  switch (type) {
    case 4: // integer
      return fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER));
    case 10: // number
      return fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308));
    case 5: // boolean
      return fc.boolean();
    case 7: // channel: Discord sends a snowflake; a hostile client anything
      return fc.oneof(fc.constantFrom("123456789012345678", "0"), hostileText());
    default:
      return hostileText();
  }
}

/** A problem found in a rendered message, or null. */
export function messageProblem(m: RenderedMessage): string | null {
  if (m.allowedMentions.parse.length !== 0) return "allowed_mentions.parse is not empty";
  if (m.embeds.length > DISCORD_LIMITS.embeds) return `${m.embeds.length} embeds`;
  let total = 0;
  for (const e of m.embeds) {
    const title = e.title ?? "";
    const description = e.description ?? "";
    const footer = e.footer?.text ?? "";
    if (title.length > DISCORD_LIMITS.title) return `title of ${title.length}`;
    if (description.length > DISCORD_LIMITS.description) return `description of ${description.length}`;
    if (footer.length > DISCORD_LIMITS.footer) return `footer of ${footer.length}`;
    const fields = e.fields ?? [];
    if (fields.length > DISCORD_LIMITS.fields) return `${fields.length} fields`;
    total += title.length + description.length + footer.length;
    for (const f of fields) {
      if (!f.name || !f.value) return "an empty field name or value (Discord rejects it)";
      if (f.name.length > DISCORD_LIMITS.fieldName) return `field name of ${f.name.length}`;
      if (f.value.length > DISCORD_LIMITS.fieldValue) return `field value of ${f.value.length}`;
      total += f.name.length + f.value.length;
    }
    for (const text of [title, description, footer, ...fields.flatMap((f) => [f.name, f.value])]) {
      const ping = pingIn(text);
      if (ping) return `a live mention ${JSON.stringify(ping)} in ${JSON.stringify(text.slice(0, 120))}`;
    }
  }
  if (total > DISCORD_LIMITS.embedTotal) return `${total} characters in all embeds`;
  return null;
}

/** A mention Discord would turn into a ping (were allowed_mentions ignored), or null. */
export function pingIn(text: string): string | null {
  return /@everyone|@here|<@[!&]?\d+>/.exec(text)?.[0] ?? null;
}

/**
 * The Markdown that `escaped` (text meant to be shown literally) would still render: `||`, `~~`,
 * `**`, `__`, a backtick, or a masked link, unescaped. Escaped characters (`\x`) are masked first.
 */
export function liveMarkdown(escaped: string): string | null {
  const masked = escaped.replace(/\\[\s\S]/g, "\u0001\u0001");
  const m = /\|\||~~|\*\*|__|`|\[[^\n\]]*\]\([^\n)]+\)/.exec(masked);
  return m ? escaped.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20) : null;
}

/** The shared folder beside the project (seed article, BBC corpus). */
export const SHARED = resolve(import.meta.dirname, "../../../shared");

/**
 * Builds a small real fact base (the seed and a few BBC articles) through the real ingest, once per
 * test file, in a temporary knowledge folder.
 */
export async function smallKnowledgeDir(bbcArticles = 2): Promise<string> {
  const src = mkdtempSync(join(tmpdir(), "newsdesk-hardening-src-"));
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-hardening-kb-"));
  const bbc = join(SHARED, "corpus/bbc-cc0/articles");
  for (const f of readdirSync(bbc).sort().slice(0, bbcArticles)) copyFileSync(join(bbc, f), join(src, f));
  const seed = join(SHARED, "seed");
  for (const f of readdirSync(seed).filter((f) => f.endsWith(".txt")))
    copyFileSync(join(seed, f), join(src, f));
  const result = await ingest({ inputs: [src], knowledgeDir: dir, workers: 0 });
  if (result.facts.articles.length === 0) throw new Error("hardening: the small fact base came out empty");
  return dir;
}
