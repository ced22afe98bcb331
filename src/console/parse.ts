/**
 * Parses a slash line as typed in the console twin (`/when event:joint statement`) into the command,
 * subcommand and typed options Discord would have delivered. Option values run to the next known
 * `name:` of the command, so values may hold spaces and colons (`/ask question:who said: "no"?`).
 */
import type { OptionValue } from "../command.ts";
import { CommandType } from "../discord/payload.ts";
import {
  parseBadBoolean,
  parseBadChoice,
  parseBadInteger,
  parseBadNumber,
  parseContextMenu,
  parseMissingOption,
  parseNotACommand,
  parseUnexpectedText,
  parseUnknownCommand,
  parseUnknownSubcommand,
} from "./messages.ts";

/** A line that cannot be parsed; the message says why, in one line. */
export class SlashLineError extends Error {
  override name = "SlashLineError";
}

/** The part of a command payload the parser needs. */
export interface ParsablePayload {
  type?: number;
  name: string;
  options?: ParsableOption[];
}

interface ParsableOption {
  type: number;
  name: string;
  required?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: ParsableOption[];
}

/** A parsed line. */
export interface ParsedLine {
  commandName: string;
  subcommand: string | null;
  options: Record<string, OptionValue>;
  /** For a message command typed as `Name: TEXT`: the text standing for the message. */
  targetText: string | null;
}

const OptionType = { Subcommand: 1, Group: 2, String: 3, Integer: 4, Boolean: 5, Number: 10 } as const;

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && ((t[0] === '"' && t.endsWith('"')) || (t[0] === "'" && t.endsWith("'")))) {
    return t.slice(1, -1);
  }
  return t;
}

function coerce(option: ParsableOption, raw: string): OptionValue {
  const value = unquote(raw);
  let out: OptionValue = value;
  if (option.type === OptionType.Integer || option.type === OptionType.Number) {
    const n = Number(value);
    if (value === "" || !Number.isFinite(n)) throw new SlashLineError(parseBadNumber(option.name, value));
    if (option.type === OptionType.Integer && !Number.isInteger(n)) {
      throw new SlashLineError(parseBadInteger(option.name, value));
    }
    out = n;
  } else if (option.type === OptionType.Boolean) {
    const v = value.toLowerCase();
    if (["true", "yes", "on", "1"].includes(v)) out = true;
    else if (["false", "no", "off", "0"].includes(v)) out = false;
    else throw new SlashLineError(parseBadBoolean(option.name, value));
  }
  if (option.choices?.length) {
    const hit = option.choices.find(
      (c) => String(c.value) === String(out) || c.name.toLowerCase() === value.toLowerCase(),
    );
    if (!hit)
      throw new SlashLineError(
        parseBadChoice(
          option.name,
          value,
          option.choices.map((c) => c.name),
        ),
      );
    out = hit.value;
  }
  return out;
}

/** Splits `rest` at each `name:` of a known option; text before the first one is returned apart. */
function splitOptions(rest: string, names: string[]): { lead: string; pairs: [string, string][] } {
  if (names.length === 0) return { lead: rest.trim(), pairs: [] };
  const escaped = names
    .map((n) => n.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&"))
    .sort((a, b) => b.length - a.length);
  const re = new RegExp(`(^|\\s)(${escaped.join("|")}):`, "gu");
  const marks: { name: string; at: number; valueAt: number }[] = [];
  for (const m of rest.matchAll(re)) {
    const at = m.index + m[1]!.length;
    marks.push({ name: m[2]!, at, valueAt: at + m[2]!.length + 1 });
  }
  const lead = rest.slice(0, marks[0]?.at ?? rest.length).trim();
  const pairs = marks.map((mk, i): [string, string] => [
    mk.name,
    rest.slice(mk.valueAt, marks[i + 1]?.at ?? rest.length).trim(),
  ]);
  return { lead, pairs };
}

/**
 * Parses `line` against the payloads of the served commands. With no `name:` given, leading text
 * fills the command's first string option (`/ask who met on Friday?`).
 */
export function parseSlashLine(line: string, payloads: readonly ParsablePayload[]): ParsedLine {
  const text = line.trim();
  // A message command has a name with spaces: `Check in the news: TEXT`.
  for (const p of payloads) {
    if ((p.type ?? CommandType.ChatInput) === CommandType.ChatInput) continue;
    const bare = text.replace(/^\//, "");
    if (bare.toLowerCase() === p.name.toLowerCase()) throw new SlashLineError(parseContextMenu(p.name));
    if (bare.toLowerCase().startsWith(`${p.name.toLowerCase()}:`)) {
      return {
        commandName: p.name,
        subcommand: null,
        options: {},
        targetText: bare.slice(p.name.length + 1).trim(),
      };
    }
  }
  if (!text.startsWith("/")) throw new SlashLineError(parseNotACommand(text));
  const [, name = "", after = ""] = /^\/(\S*)\s*([\s\S]*)$/u.exec(text) ?? [];
  const payload = payloads.find(
    (p) => (p.type ?? CommandType.ChatInput) === CommandType.ChatInput && p.name === name.toLowerCase(),
  );
  if (!payload) throw new SlashLineError(parseUnknownCommand(name));

  let options = payload.options ?? [];
  let rest = after;
  let subcommand: string | null = null;
  // Walk down groups and subcommands by their bare names.
  while (options.some((o) => o.type === OptionType.Subcommand || o.type === OptionType.Group)) {
    const [, word = "", remaining = ""] = /^(\S*)\s*([\s\S]*)$/u.exec(rest) ?? [];
    const next = options.find((o) => o.name === word.toLowerCase());
    if (!next) {
      throw new SlashLineError(
        parseUnknownSubcommand(
          payload.name,
          word || undefined,
          options.map((o) => o.name),
        ),
      );
    }
    if (next.type === OptionType.Subcommand) subcommand = next.name;
    options = next.options ?? [];
    rest = remaining;
  }

  const { lead, pairs } = splitOptions(
    rest,
    options.map((o) => o.name),
  );
  const values: Record<string, OptionValue> = {};
  for (const [optName, raw] of pairs) values[optName] = coerce(options.find((o) => o.name === optName)!, raw);
  if (lead) {
    const firstString = options.find((o) => o.type === OptionType.String && values[o.name] === undefined);
    if (pairs.length > 0 || !firstString) throw new SlashLineError(parseUnexpectedText(payload.name, lead));
    values[firstString.name] = coerce(firstString, lead);
  }
  for (const o of options) {
    if (o.required && values[o.name] === undefined)
      throw new SlashLineError(parseMissingOption(payload.name, o.name));
  }
  return { commandName: payload.name, subcommand, options: values, targetText: null };
}
