/**
 * Renders the neutral {@link Reply} as console text: the same content as the Discord embed (title,
 * text, fields, one block per citation with outlet, date, link and the exact sentence), no Markdown.
 */
import type { Reply } from "../reply.ts";

const KIND_MARK: Readonly<Record<Reply["kind"], string>> = Object.freeze({
  answer: "",
  info: "",
  abstain: "(no answer) ",
  error: "(error) ",
});

/** One reply as plain text lines. */
export function renderReplyText(reply: Reply): string {
  const lines: string[] = [`${KIND_MARK[reply.kind]}${reply.title}`.trim()];
  lines.push("=".repeat(Math.min(Math.max(lines[0]!.length, 3), 72)));
  if (reply.text) lines.push(reply.text);
  for (const f of reply.fields ?? [])
    lines.push("", `${f.name}:`, ...f.value.split("\n").map((l) => `  ${l}`));
  if (reply.citations.length) {
    lines.push("", "Sources:");
    reply.citations.forEach((c, i) => {
      const date = c.published ? c.published.slice(0, 10) : "undated";
      const via = c.attribution ? ` (via ${c.attribution})` : "";
      lines.push(`  [${i + 1}] ${c.title} — ${c.source}, ${date}${via}`);
      if (c.url) lines.push(`      ${c.url}`);
      lines.push(`      “${c.sentence}”`);
    });
  }
  if (reply.footer) lines.push("", reply.footer);
  return lines.join("\n");
}

/** Several replies, separated by a blank line. */
export function renderRepliesText(replies: Reply | readonly Reply[]): string {
  const list = Array.isArray(replies) ? (replies as readonly Reply[]) : [replies as Reply];
  return list.map(renderReplyText).join("\n\n");
}
