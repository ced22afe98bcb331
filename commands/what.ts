/** `/what topic:` — a "what" question about a topic, answered from the articles with citations. */
import { SlashCommandBuilder } from "discord.js";
import { answerMissingOption, answerReply, answersOf, choices } from "../src/answer/replies.ts";
import type { Command } from "../src/command.ts";
import { errorReply } from "../src/reply.ts";

const what = {
  data: new SlashCommandBuilder()
    .setName("what")
    .setDescription("What happened, or what someone said")
    .addStringOption((o) =>
      o
        .setName("topic")
        .setDescription("What to ask about (Armenia's Foreign Ministry say)")
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(200),
    ),
  examples: ["/what topic:did Armenia's Foreign Ministry say", "/what topic:did Azerbaijan reclaim"],

  execute(ctx) {
    const topic = typeof ctx.options.topic === "string" ? ctx.options.topic.trim() : "";
    if (!topic) return errorReply("Nothing to ask about", answerMissingOption("topic"));
    const result = answersOf(ctx.services).ask("what", topic);
    return answerReply(result, `/what topic:${topic}`);
  },

  autocomplete(ctx) {
    return choices(answersOf(ctx.services).autocomplete(ctx.focused.value));
  },
} satisfies Command;

export default what;
