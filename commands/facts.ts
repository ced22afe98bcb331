/** `/facts about:` — what my articles say about a person, place or organisation, each fact cited. */
import { SlashCommandBuilder } from "discord.js";
import { answerMissingOption, answersOf, choices, factsReply } from "../src/answer/replies.ts";
import type { Command } from "../src/command.ts";
import { errorReply } from "../src/reply.ts";

const facts = {
  data: new SlashCommandBuilder()
    .setName("facts")
    .setDescription("What my articles say about a person, place or organisation")
    .addStringOption((o) =>
      o
        .setName("about")
        .setDescription("A person, place or organisation (typos are fine)")
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(100),
    ),
  examples: ["/facts about:Pashinyan", "/facts about:aliev"],

  execute(ctx) {
    const about = typeof ctx.options.about === "string" ? ctx.options.about.trim() : "";
    if (!about) return errorReply("About whom?", answerMissingOption("about"));
    return factsReply(answersOf(ctx.services).factsAbout(about));
  },

  autocomplete(ctx) {
    return choices(answersOf(ctx.services).autocomplete(ctx.focused.value, ["entity"]));
  },
} satisfies Command;

export default facts;
