/**
 * Tab completion in the console twin (readline's completer): command names after `/`, subcommand
 * and option names of the command typed, and option values through the command's own
 * autocomplete, the suggestions Discord would show.
 */
import type { Choice } from "../command.ts";
import type { CommandRegistry } from "../discord/loader.ts";
import type { Services } from "../services.ts";
import type { ParsablePayload } from "./parse.ts";

const SUBCOMMAND = 1;
const GROUP = 2;

/** The completions of a line, each the whole line as it would read, and the part they replace (the whole line). */
export async function completeLine(
  line: string,
  registry: CommandRegistry,
  services: Services,
): Promise<[string[], string]> {
  const command = /^\/(\S*)$/.exec(line);
  if (command) {
    const typed = command[1]!.toLowerCase();
    const names = registry
      .payloads()
      .filter((p) => (p.type ?? 1) === 1 && p.name.startsWith(typed))
      .map((p) => `/${p.name} `);
    return [names.sort(), line];
  }
  const head = /^\/(\S+)\s+/.exec(line);
  const loaded = head ? registry.get(head[1]!.toLowerCase()) : undefined;
  if (!head || !loaded) return [[], line];
  // Walk into subcommands as typed (`/digest preview …`).
  let options = (loaded.payload as ParsablePayload).options ?? [];
  let rest = line.slice(head[0].length);
  let subcommand: string | null = null;
  while (options.some((o) => o.type === SUBCOMMAND || o.type === GROUP)) {
    const word = /^(\S*)(\s+|$)/.exec(rest)!;
    const next = options.find((o) => o.name === word[1]!.toLowerCase());
    if (!next || !word[2]) {
      const subs = options.filter((o) => o.name.startsWith(word[1]!.toLowerCase()));
      return [subs.map((o) => `${line.slice(0, line.length - rest.length)}${o.name} `), line];
    }
    subcommand = next.name;
    options = next.options ?? [];
    rest = rest.slice(word[0].length);
  }
  // The value being typed: after the last option name of this command in the line.
  let at = -1;
  let focused = "";
  for (const o of options) {
    const i = rest.lastIndexOf(`${o.name}:`);
    if (i > at && (i === 0 || /\s/.test(rest[i - 1]!))) {
      at = i;
      focused = o.name;
    }
  }
  const before = line.slice(0, line.length - rest.length);
  if (at < 0) {
    // An option name being typed (`eve` → `event:`).
    const partial = /(\S*)$/.exec(rest)![1]!;
    if (partial.includes(":")) return [[], line];
    const stem = line.slice(0, line.length - partial.length);
    return [
      options.filter((o) => o.name.startsWith(partial.toLowerCase())).map((o) => `${stem}${o.name}:`),
      line,
    ];
  }
  const value = rest.slice(at + focused.length + 1);
  if (!loaded.command.autocomplete) return [[], line];
  const choices: Choice[] = await loaded.command.autocomplete({
    commandName: loaded.payload.name,
    subcommand,
    focused: { name: focused, value },
    options: {},
    services,
  });
  const prefix = `${before}${rest.slice(0, at)}${focused}:`;
  return [choices.map((c) => `${prefix}${c.value}`), line];
}
