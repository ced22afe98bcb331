/** `/articles [search:]` — the articles I hold: title, outlet, date. */
import { SlashCommandBuilder } from "discord.js";
import { answersOf, articlesReply, choices } from "../src/answer/replies.ts";
import type { Command } from "../src/command.ts";

const articles = {
  data: new SlashCommandBuilder()
    .setName("articles")
    .setDescription("The articles I hold: title, outlet, date")
    .addStringOption((o) =>
      o
        .setName("search")
        .setDescription("Only titles with these words (optional)")
        .setAutocomplete(true)
        .setMaxLength(100),
    ),
  examples: ["/articles", "/articles search:Armenia"],

  execute(ctx) {
    const engine = answersOf(ctx.services);
    const search = typeof ctx.options.search === "string" ? ctx.options.search.trim() : "";
    const all = engine.articles();
    if (!search) return articlesReply(all, all.length);
    const titles = new Set(engine.autocomplete(search, ["title"], 25).map((s) => s.value));
    const found = all.filter(
      (a) => titles.has(a.title.slice(0, 100)) || titles.has(`${a.title.slice(0, 99)}…`),
    );
    return articlesReply(found, found.length);
  },

  autocomplete(ctx) {
    return choices(answersOf(ctx.services).autocomplete(ctx.focused.value, ["title"]));
  },
} satisfies Command;

export default articles;
