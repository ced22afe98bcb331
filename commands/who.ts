/** `/who topic:` — a "who" question about a topic, answered from the articles with citations. */
import { SlashCommandBuilder } from "discord.js";
import { answerMissingOption, answerReply, answersOf, choices } from "../src/answer/replies.ts";
import type { Command } from "../src/command.ts";
import { errorReply } from "../src/reply.ts";

const who = {
  data: new SlashCommandBuilder()
    .setName("who")
    .setDescription("Who did something, or who someone is: ask by topic")
    .addStringOption((o) =>
      o
        .setName("topic")
        .setDescription("What or whom to ask about (released prisoners, Secretary of State)")
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(200),
    ),
  examples: ["/who topic:released prisoners", "/who topic:US Secretary of State"],

  execute(ctx) {
    const topic = typeof ctx.options.topic === "string" ? ctx.options.topic.trim() : "";
    if (!topic) return errorReply("Nothing to ask about", answerMissingOption("topic"));
    const result = answersOf(ctx.services).ask("who", topic);
    return answerReply(result, `/who topic:${topic}`);
  },

  autocomplete(ctx) {
    return choices(answersOf(ctx.services).autocomplete(ctx.focused.value));
  },
} satisfies Command;

export default who;
