/** `/how-many topic:` — a "how-many" question about a topic, answered from the articles with citations. */
import { SlashCommandBuilder } from "discord.js";
import { answerMissingOption, answerReply, answersOf, choices } from "../src/answer/replies.ts";
import type { Command } from "../src/command.ts";
import { errorReply } from "../src/reply.ts";

const howMany = {
  data: new SlashCommandBuilder()
    .setName("how-many")
    .setDescription("How many or how much, with what was counted")
    .addStringOption((o) =>
      o
        .setName("topic")
        .setDescription("What was counted (prisoners of war Azerbaijan will release)")
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(200),
    ),
  examples: [
    "/how-many topic:prisoners of war will Azerbaijan release",
    "/how-many topic:people left Nagorno-Karabakh",
  ],

  execute(ctx) {
    const topic = typeof ctx.options.topic === "string" ? ctx.options.topic.trim() : "";
    if (!topic) return errorReply("Nothing to ask about", answerMissingOption("topic"));
    const result = answersOf(ctx.services).ask("how-many", topic);
    return answerReply(result, `/how-many topic:${topic}`);
  },

  autocomplete(ctx) {
    return choices(answersOf(ctx.services).autocomplete(ctx.focused.value));
  },
} satisfies Command;

export default howMany;
