/**
 * `/who-released`, `/who-praised`…: one mechanism, generated from the action lemmas of the fact
 * base (the most frequent first, at most {@link MAX_GENERATED}, so the bot stays well inside
 * Discord's 100 commands), plus the generic `/who-did action:` with autocomplete over every action.
 */
import { SlashCommandBuilder } from "discord.js";
import { pastTense } from "../src/answer/engine.ts";
import { answerMissingOption, answerReply, answersOf, choices } from "../src/answer/replies.ts";
import type { Command, CommandFactory } from "../src/command.ts";
import { errorReply } from "../src/reply.ts";
import type { Services } from "../src/services.ts";

/** Most generated `/who-<verb>` commands. */
export const MAX_GENERATED = 40;
/** Discord's rule for a command name. */
const COMMAND_NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

const topicOption = (o: import("discord.js").SlashCommandStringOption) =>
  o
    .setName("topic")
    .setDescription("Whom or what it was done to (optional): prisoners, the joint statement")
    .setAutocomplete(true)
    .setMaxLength(200);

/** `/who-<past>` for one action lemma. */
export function whoActionCommand(lemma: string): Command | null {
  const past = pastTense(lemma);
  const name = `who-${past.replace(/\s+/g, "-")}`;
  if (!COMMAND_NAME.test(name)) return null;
  return {
    data: new SlashCommandBuilder()
      .setName(name)
      .setDescription(`Who ${past} something? Answered from my articles, with sources`.slice(0, 100))
      .addStringOption(topicOption),
    examples: [`/${name}`, `/${name} topic:…`],
    execute(ctx) {
      const topic = typeof ctx.options.topic === "string" ? ctx.options.topic.trim() : "";
      const result = answersOf(ctx.services).whoDid(lemma, topic);
      return answerReply(result, `Who ${past}${topic ? ` ${topic}` : ""}?`);
    },
    autocomplete(ctx) {
      return choices(answersOf(ctx.services).autocomplete(ctx.focused.value, ["entity", "title"]));
    },
  } satisfies Command;
}

/** `/who-did action: [topic:]`: any action of the fact base. */
export const whoDid = {
  data: new SlashCommandBuilder()
    .setName("who-did")
    .setDescription("Who did an action (release, praise, refuse…)? Answered from my articles, with sources")
    .addStringOption((o) =>
      o
        .setName("action")
        .setDescription("The action: release, praise, refuse…")
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(60),
    )
    .addStringOption(topicOption),
  examples: ["/who-did action:release topic:prisoners", "/who-did action:praise"],
  execute(ctx) {
    const action = typeof ctx.options.action === "string" ? ctx.options.action.trim() : "";
    if (!action) return errorReply("Which action?", answerMissingOption("action"));
    const topic = typeof ctx.options.topic === "string" ? ctx.options.topic.trim() : "";
    const result = answersOf(ctx.services).whoDid(action, topic);
    return answerReply(result, `Who ${pastTense(action)}${topic ? ` ${topic}` : ""}?`);
  },
  autocomplete(ctx) {
    const engine = answersOf(ctx.services);
    if (ctx.focused.name === "action") return choices(engine.autocomplete(ctx.focused.value, ["action"]));
    return choices(engine.autocomplete(ctx.focused.value, ["entity", "title"]));
  },
} satisfies Command;

const factory: CommandFactory = {
  generate(services: Services): Command[] {
    const out: Command[] = [whoDid];
    const names = new Set(["who-did"]);
    for (const { lemma } of answersOf(services).index.actions) {
      if (out.length > MAX_GENERATED) break;
      const command = whoActionCommand(lemma);
      if (!command || names.has(command.data.name)) continue;
      names.add(command.data.name);
      out.push(command);
    }
    return out;
  },
};

export default factory;
