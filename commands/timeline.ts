/** `/timeline topic:` — the dated events about a topic, oldest first, each cited. */
import { SlashCommandBuilder } from "discord.js";
import { answerMissingOption, answersOf, choices, timelineReply } from "../src/answer/replies.ts";
import type { Command } from "../src/command.ts";
import { errorReply } from "../src/reply.ts";

const timeline = {
  data: new SlashCommandBuilder()
    .setName("timeline")
    .setDescription("The dated events about a topic, in date order")
    .addStringOption((o) =>
      o
        .setName("topic")
        .setDescription("A person, place, organisation or subject")
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(200),
    ),
  examples: ["/timeline topic:Nagorno-Karabakh", "/timeline topic:Armenia Azerbaijan negotiations"],

  execute(ctx) {
    const topic = typeof ctx.options.topic === "string" ? ctx.options.topic.trim() : "";
    if (!topic) return errorReply("Which topic?", answerMissingOption("topic"));
    return timelineReply(topic, answersOf(ctx.services).timeline(topic));
  },

  autocomplete(ctx) {
    return choices(answersOf(ctx.services).autocomplete(ctx.focused.value));
  },
} satisfies Command;

export default timeline;
