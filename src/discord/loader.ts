/**
 * The one command loader: the `commands/` folder is the registry. Every module is checked against
 * the zod schemas of `src/command.ts` and its payload against Discord's rules; a malformed module is
 * refused with a message naming its file (start-up fails on it, rather than serving a partial bot).
 * Used by the Discord client, the console twin, `run` and `deploy-commands` alike.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Command, CommandFactorySchema, CommandSchema } from "../command.ts";
import type { Services } from "../services.ts";
import {
  loaderDuplicateName,
  loaderFactoryFailed,
  loaderImportFailed,
  loaderInvalidModule,
  loaderInvalidPayload,
  loaderNoFolder,
} from "./messages.ts";
import { type CommandPayload, payloadProblem, payloadSetProblem } from "./payload.ts";

/** The default commands folder: `commands/` at the project root. */
export const COMMANDS_DIR = resolve(import.meta.dirname, "../../commands");

/** A malformed command module; the message names the file. */
export class CommandLoadError extends Error {
  override name = "CommandLoadError";
}

/** A loaded command with where it came from and its validated Discord payload. */
export interface LoadedCommand {
  command: Command;
  file: string;
  payload: CommandPayload;
}

/** The commands being served, by name. */
export class CommandRegistry {
  readonly #byName = new Map<string, LoadedCommand>();

  constructor(loaded: readonly LoadedCommand[]) {
    for (const l of loaded) this.#byName.set(l.payload.name, l);
  }

  get(name: string): LoadedCommand | undefined {
    return this.#byName.get(name);
  }

  /** All commands, in load order (file name order). */
  all(): LoadedCommand[] {
    return [...this.#byName.values()];
  }

  /** The payloads for a bulk deploy. */
  payloads(): CommandPayload[] {
    return this.all().map((l) => l.payload);
  }

  get size(): number {
    return this.#byName.size;
  }
}

/** A module file the loader reads: `.ts`/`.js`/`.mjs`, not declarations, not `_helpers`. */
export function isCommandFile(name: string): boolean {
  return (
    /\.(ts|js|mjs)$/.test(name) && !name.endsWith(".d.ts") && !name.startsWith("_") && !name.startsWith(".")
  );
}

function describe(err: unknown): string {
  return (err as Error)?.message?.split("\n")[0] ?? String(err);
}

function check(value: unknown, file: string): { command: Command; payload: CommandPayload } {
  const parsed = CommandSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    throw new CommandLoadError(loaderInvalidModule(file, `${where}${issue.message}`));
  }
  const command = value as Command;
  let payload: unknown;
  try {
    payload = command.data.toJSON();
  } catch (err) {
    throw new CommandLoadError(loaderInvalidPayload(file, describe(err)));
  }
  const problem = payloadProblem(payload);
  if (problem) throw new CommandLoadError(loaderInvalidPayload(file, problem));
  return { command, payload: payload as CommandPayload };
}

/**
 * Loads every command module of `dir`, validates it, expands command factories, and sets
 * `services.commands` so `/help` can list what is served.
 */
export async function loadCommands(services: Services, dir: string = COMMANDS_DIR): Promise<CommandRegistry> {
  if (!existsSync(dir)) throw new CommandLoadError(loaderNoFolder(dir));
  const files = (await readdir(dir)).filter(isCommandFile).sort();
  const loaded: LoadedCommand[] = [];
  const origin = new Map<string, string>();
  for (const name of files) {
    const path = join(dir, name);
    const file = relative(process.cwd(), path) || name;
    let mod: { default?: unknown };
    try {
      mod = await import(pathToFileURL(path).href);
    } catch (err) {
      throw new CommandLoadError(loaderImportFailed(file, describe(err)));
    }
    const exported = mod.default;
    let found: { command: Command; payload: CommandPayload }[];
    if (CommandFactorySchema.safeParse(exported).success && !(exported as { data?: unknown }).data) {
      let generated: unknown;
      try {
        generated = (exported as { generate: (s: Services) => unknown }).generate(services);
      } catch (err) {
        throw new CommandLoadError(loaderFactoryFailed(file, describe(err)));
      }
      if (!Array.isArray(generated)) {
        throw new CommandLoadError(loaderFactoryFailed(file, "generate() must return an array of commands"));
      }
      found = generated.map((c, i) => check(c, `${file} (generated command ${i + 1})`));
    } else {
      found = [check(exported, file)];
    }
    for (const f of found) {
      const key = f.payload.name;
      const first = origin.get(key);
      if (first) throw new CommandLoadError(loaderDuplicateName(f.payload.name, first, file));
      origin.set(key, file);
      loaded.push({ ...f, file });
    }
  }
  const setProblem = payloadSetProblem(loaded.map((l) => l.payload));
  if (setProblem) throw new CommandLoadError(`loader: ${dir}: ${setProblem}`);
  const registry = new CommandRegistry(loaded);
  const commands = registry.all().map((l) => l.command);
  services.commands = () => commands;
  return registry;
}
