/**
 * `/help`: what the bot can do, built from the commands actually loaded (their descriptions and
 * `examples`), so it never lists a command that is not served or misses one that is.
 */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/command.ts";
import type { Reply } from "../src/reply.ts";

interface Described {
  name: string;
  type?: number;
  description?: string;
  options?: { name: string; description: string; type: number; required?: boolean; options?: unknown[] }[];
}

const MESSAGE_COMMAND = 3;
/** Commands sharing a name prefix (`who-`) from this many on are listed as one family. */
const FAMILY_MIN = 3;
const SUBCOMMAND = 1;

function describeCommand(c: Command): Described {
  return c.data.toJSON() as Described;
}

function usageLine(d: Described): string {
  if (d.type && d.type !== 1) return `${d.name} (right-click a message → Apps → ${d.name})`;
  const opts = (d.options ?? []).filter((o) => o.type !== SUBCOMMAND && o.type !== 2);
  const subs = (d.options ?? []).filter((o) => o.type === SUBCOMMAND || o.type === 2).map((o) => o.name);
  const parts = [`/${d.name}`];
  if (subs.length) parts.push(`{${subs.join("|")}}`);
  for (const o of opts) parts.push(o.required ? `${o.name}:…` : `[${o.name}:…]`);
  return parts.join(" ");
}

const help = {
  data: new SlashCommandBuilder()
    .setName("help")
    .setDescription("What newsdesk can answer, with examples")
    .addStringOption((o) =>
      o
        .setName("command")
        .setDescription("Show one command in detail")
        .setAutocomplete(true)
        .setMaxLength(100),
    ),
  examples: ["/help", "/help command:help"],

  execute(ctx): Reply {
    const commands = [...(ctx.services.commands?.() ?? [])];
    const wanted =
      typeof ctx.options.command === "string" ? ctx.options.command.replace(/^\//, "").trim() : "";
    if (wanted) {
      const found = commands.find((c) => c.data.name.toLowerCase() === wanted.toLowerCase());
      if (!found) {
        return {
          kind: "error",
          title: "No such command",
          text: `There is no command "${wanted}". Try /help for the list.`,
          citations: [],
          ephemeral: true,
        };
      }
      const d = describeCommand(found);
      const fields = [{ name: "Usage", value: usageLine(d) }];
      for (const o of d.options ?? []) {
        fields.push({ name: `${o.name}${o.required ? "" : " (optional)"}`, value: o.description });
      }
      if (found.examples?.length) fields.push({ name: "Examples", value: found.examples.join("\n") });
      return {
        kind: "info",
        title: d.type === MESSAGE_COMMAND ? d.name : `/${d.name}`,
        text: d.description || "A message command.",
        fields,
        citations: [],
      };
    }
    // A family of generated commands (`/who-released`, `/who-praised`…) is one field, so the list
    // stays within Discord's 25 fields however many verbs the fact base holds.
    const families = new Map<string, Command[]>();
    for (const c of commands) {
      const prefix = /^([a-z0-9]+)-/.exec(c.data.name)?.[1];
      if (prefix) families.set(prefix, [...(families.get(prefix) ?? []), c]);
    }
    const fields: { name: string; value: string }[] = [];
    const shown = new Set<string>();
    for (const c of commands) {
      if (shown.has(c.data.name)) continue;
      const prefix = /^([a-z0-9]+)-/.exec(c.data.name)?.[1];
      const family = prefix ? families.get(prefix)! : [];
      if (family.length >= FAMILY_MIN) {
        for (const member of family) shown.add(member.data.name);
        const example = family.find((m) => m.examples?.length)?.examples?.[0];
        fields.push({
          name: `/${prefix}-… (${family.length} commands)`,
          value: [family.map((m) => `/${m.data.name}`).join(", "), example ? `e.g. ${example}` : ""]
            .filter(Boolean)
            .join("\n"),
        });
        continue;
      }
      shown.add(c.data.name);
      const d = describeCommand(c);
      const example = c.examples?.[0];
      fields.push({
        name: d.type && d.type !== 1 ? d.name : `/${d.name}`,
        value: [d.description || usageLine(d), example ? `e.g. ${example}` : ""].filter(Boolean).join("\n"),
      });
    }
    return {
      kind: "info",
      title: "newsdesk: questions about the news, with sources",
      text: `${commands.length} command${commands.length === 1 ? "" : "s"}. Every answer cites the article, outlet, date and sentence it comes from. /help command:NAME shows one in detail.`,
      fields,
      citations: [],
    };
  },

  autocomplete(ctx) {
    const typed = ctx.focused.value.replace(/^\//, "").toLowerCase();
    return (ctx.services.commands?.() ?? [])
      .map((c) => c.data.name)
      .filter((n) => n.toLowerCase().includes(typed))
      .slice(0, 25)
      .map((n) => ({ name: n, value: n }));
  },
} satisfies Command;

export default help;
