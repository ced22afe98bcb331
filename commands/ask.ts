/** `/ask question:` — any question about the news, answered from the articles with citations. */
import { SlashCommandBuilder } from "discord.js";
import { answerMissingOption, answerReply, answersOf, questionChoices } from "../src/answer/replies.ts";
import type { Command } from "../src/command.ts";
import { errorReply } from "../src/reply.ts";

const ask = {
  data: new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask any question about the news; answered from my articles, with sources")
    .addStringOption((o) =>
      o
        .setName("question")
        .setDescription("Your question, in plain words (typos are fine)")
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(300),
    ),
  examples: ["/ask question:Who released prisoners?", "/ask question:wen did azerbaijan refuse the us talks"],

  execute(ctx) {
    const question = typeof ctx.options.question === "string" ? ctx.options.question.trim() : "";
    if (!question) return errorReply("No question", answerMissingOption("question"));
    return answerReply(answersOf(ctx.services).answerQuestion(question));
  },

  autocomplete(ctx) {
    return questionChoices(answersOf(ctx.services), ctx.focused.value);
  },
} satisfies Command;

export default ask;
