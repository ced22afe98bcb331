/** `/when event:` — a "when" question about a event, answered from the articles with citations. */
import { SlashCommandBuilder } from "discord.js";
import { answerMissingOption, answerReply, answersOf, choices } from "../src/answer/replies.ts";
import type { Command } from "../src/command.ts";
import { errorReply } from "../src/reply.ts";

const when = {
  data: new SlashCommandBuilder()
    .setName("when")
    .setDescription("When something happened")
    .addStringOption((o) =>
      o
        .setName("event")
        .setDescription("The event (joint statement, talks in Spain)")
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(200),
    ),
  examples: ["/when event:joint statement", "/when event:azerbaijan refused the us talks"],

  execute(ctx) {
    const event = typeof ctx.options.event === "string" ? ctx.options.event.trim() : "";
    if (!event) return errorReply("Nothing to ask about", answerMissingOption("event"));
    const result = answersOf(ctx.services).ask("when", event);
    return answerReply(result, `/when event:${event}`);
  },

  autocomplete(ctx) {
    return choices(answersOf(ctx.services).autocomplete(ctx.focused.value));
  },
} satisfies Command;

export default when;
