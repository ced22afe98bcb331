/**
 * `/quote`: who said what. Thin: reads `speaker`, `about` and `text`, calls `findQuotations`, and
 * shows the exact words, speaker and role, cue, date and citation of up to five matches, or says
 * nothing matched and offers the closest.
 */
import { SlashCommandBuilder } from "discord.js";
import { findQuotations, type QuoteMatch, type QuoteQuery, quotationSpeakers } from "../src/answer/quotes.ts";
import type { Command } from "../src/command.ts";
import type { Reply } from "../src/reply.ts";

/** Most matches shown. */
const MAX_SHOWN = 5;
/** Discord's limit on autocomplete choices and on a choice's name and value. */
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

/** `/quote` needs at least one of its options. */
export const QUOTE_NO_OPTION = "quote: give a speaker, topic words (about) or a fragment of the words (text)";

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** `Charles Michel (European Council President) wrote, December 8, 2023` */
function describe(m: QuoteMatch): string {
  const q = m.quotation;
  const who = m.speaker ? `${m.speaker}${q.speakerRole ? ` (${q.speakerRole})` : ""}` : "Unattributed";
  const cue = q.cue ? ` ${q.cue}` : "";
  const date = q.date?.value ?? m.article.published?.slice(0, 10) ?? "date unknown";
  const kind = q.kind === "partial" ? " (words quoted within the article's report)" : "";
  return `${who}${cue}, ${date}${kind} · ${m.article.source}, "${m.article.title}"`;
}

function describeQuery(q: QuoteQuery): string {
  return [
    q.speaker ? `speaker "${q.speaker}"` : "",
    q.about ? `about "${q.about}"` : "",
    q.text ? `words like "${q.text}"` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

const quote = {
  data: new SlashCommandBuilder()
    .setName("quote")
    .setDescription("Find who said what: quotations by speaker, topic or remembered words")
    .addStringOption((o) =>
      o.setName("speaker").setDescription("Who said it").setAutocomplete(true).setMaxLength(100),
    )
    .addStringOption((o) => o.setName("about").setDescription("Topic words").setMaxLength(200))
    .addStringOption((o) =>
      o
        .setName("text")
        .setDescription("Words you remember from the quote (typos are fine)")
        .setMaxLength(300),
    ),
  examples: ["/quote speaker:michel", "/quote text:major breakthrough", "/quote about:peace treaty"],

  execute(ctx): Reply {
    const query: QuoteQuery = {
      speaker: str(ctx.options.speaker),
      about: str(ctx.options.about),
      text: str(ctx.options.text),
    };
    if (!query.speaker && !query.about && !query.text) {
      return { kind: "error", title: "What quote?", text: QUOTE_NO_OPTION, citations: [], ephemeral: true };
    }
    const facts = ctx.services.knowledge.facts;
    const found = findQuotations(facts, query, MAX_SHOWN);
    if (found.length === 0) {
      const closest = findQuotations(facts, query, 3, { closest: true }).filter((m) => m.score > 0);
      return {
        kind: "abstain",
        title: "No quotation found",
        text:
          `No quotation in my articles matches ${describeQuery(query)}.` +
          (closest.length ? " The closest:" : ""),
        fields: closest.map((m) => ({
          name: clip(describe(m), 256),
          value: clip(`“${m.quotation.text}”`, 1024),
        })),
        citations: closest.map((m) => m.citation),
      };
    }
    const [best, ...rest] = found as [QuoteMatch, ...QuoteMatch[]];
    return {
      kind: "answer",
      title: best.speaker ? `${best.speaker}: “${clip(best.quotation.text, 80)}”` : "Quotation",
      text: `“${best.quotation.text}”\n— ${describe(best)}`,
      fields: rest.map((m) => ({ name: clip(describe(m), 256), value: clip(`“${m.quotation.text}”`, 1024) })),
      citations: found.map((m) => m.citation),
      footer: `${found.length} match${found.length === 1 ? "" : "es"}, best first`,
    };
  },

  autocomplete(ctx) {
    if (ctx.focused.name !== "speaker") return [];
    return quotationSpeakers(ctx.services.knowledge.facts, ctx.focused.value, MAX_CHOICES).map((s) => ({
      name: clip(`${s.name} (${s.count} quotation${s.count === 1 ? "" : "s"})`, MAX_CHOICE_LENGTH),
      value: clip(s.name, MAX_CHOICE_LENGTH),
    }));
  },
} satisfies Command;

export default quote;
