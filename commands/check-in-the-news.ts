/**
 * "Check in the news" (message context menu): checks what a message says against the articles.
 * Thin: reads the target message, calls `checkMessage`, and answers privately with, per claim, the
 * best supporting sentence (and quotation), a match score, an honest label, what a contradicting claim
 * changes (a verb reversed, a negation, a number, a date, a place, the actor) and any number that differs.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder } from "discord.js";
import { type ClaimCheck, type Contradiction, checkMessage } from "../src/answer/check.ts";
import type { Command } from "../src/command.ts";
import { errorReply, type Reply } from "../src/reply.ts";

/** The command acts on a message; invoked any other way it has nothing to check. */
export const CHECK_NO_MESSAGE =
  "check-in-the-news: right-click a message and choose Apps → Check in the news";
/** A message with no claim to check (only a link, an emoji, one word). */
export const CHECK_NOTHING_TO_CHECK =
  "check-in-the-news: this message says nothing that can be checked against the news";

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** What a contradiction changes, in words. */
const CHANGED: Record<Contradiction["kind"], string> = {
  verb: "the article says the opposite",
  negation: "the article says it the other way (negated or not)",
  number: "the numbers differ",
  date: "the dates differ",
  place: "the places differ",
  actor: "someone else did it in the article",
};

function fieldOf(c: ClaimCheck, i: number): { name: string; value: string } {
  const name = clip(`Claim ${i + 1}: ${c.label}${c.best ? ` (${Math.round(c.score * 100)}%)` : ""}`, 256);
  const lines = [`“${clip(c.claim, 300)}”`];
  if (c.best) {
    const who =
      c.best.quotation && c.best.speaker ? ` (${c.best.speaker} ${c.best.quotation.cue ?? "said"})` : "";
    lines.push(`Article${who}: ${clip(c.best.sentence, 500)}`);
    const { citation } = c.best;
    lines.push(
      `— ${citation.source}, “${clip(citation.title, 120)}”, ${citation.published?.slice(0, 10) ?? "undated"}`,
    );
    if (c.contradiction)
      lines.push(
        `Contradicts the cited sentence: ${CHANGED[c.contradiction.kind]} (the message says ${c.contradiction.claim}, the article ${c.contradiction.article}).`,
      );
    else
      for (const d of c.numbers)
        lines.push(`Numbers differ: the message says ${d.claim}, the article ${d.article}.`);
  } else {
    lines.push("Nothing in the articles matches this.");
  }
  return { name, value: clip(lines.join("\n"), 1024) };
}

const checkInTheNews = {
  data: new ContextMenuCommandBuilder().setName("Check in the news").setType(ApplicationCommandType.Message),
  examples: ["Right-click a message → Apps → Check in the news"],

  execute(ctx): Reply {
    const message = ctx.targetMessage;
    if (!message) return errorReply("No message", CHECK_NO_MESSAGE);
    const checks = checkMessage(ctx.services.knowledge.facts, message.content);
    if (checks.length === 0) return errorReply("Nothing to check", CHECK_NOTHING_TO_CHECK);
    const found = checks.filter((c) => c.best);
    const differs = checks.some((c) => c.numbers.length > 0);
    const contradicted = checks.filter((c) => c.contradiction).length;
    const summary =
      found.length === 0
        ? "Nothing in the articles matches what this message says."
        : `${found.length} of ${checks.length} claim${checks.length === 1 ? "" : "s"} found in the articles` +
          (contradicted
            ? `; ${contradicted} contradict${contradicted === 1 ? "s" : ""} what the articles say.`
            : differs
              ? "; some numbers differ from the articles."
              : ".");
    return {
      kind: found.length ? "answer" : "abstain",
      title: "Checked in the news",
      text: summary,
      fields: checks.map(fieldOf),
      citations: found.map((c) => c.best!.citation),
      ephemeral: true,
    };
  },
} satisfies Command;

export default checkInTheNews;
