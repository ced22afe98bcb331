/** `/where topic:` — a "where" question about a topic, answered from the articles with citations. */
import { SlashCommandBuilder } from "discord.js";
import { answerMissingOption, answerReply, answersOf, choices } from "../src/answer/replies.ts";
import type { Command } from "../src/command.ts";
import { errorReply } from "../src/reply.ts";

const where = {
  data: new SlashCommandBuilder()
    .setName("where")
    .setDescription("Where something happened or is")
    .addStringOption((o) =>
      o
        .setName("topic")
        .setDescription("What to place (talks, negotiations)")
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(200),
    ),
  examples: [
    "/where topic:the talks Aliyev refused to attend",
    "/where topic:the meeting of foreign ministers",
  ],

  execute(ctx) {
    const topic = typeof ctx.options.topic === "string" ? ctx.options.topic.trim() : "";
    if (!topic) return errorReply("Nothing to ask about", answerMissingOption("topic"));
    const result = answersOf(ctx.services).ask("where", topic);
    return answerReply(result, `/where topic:${topic}`);
  },

  autocomplete(ctx) {
    return choices(answersOf(ctx.services).autocomplete(ctx.focused.value));
  },
} satisfies Command;

export default where;
