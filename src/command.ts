/**
 * The command contract, in one place: the `Command` type, the zod schema the loader checks every
 * module of `commands/` against, and the neutral contexts handed to `execute` and `autocomplete`.
 * Commands are thin: they read options, call `src/`, and return a neutral {@link Reply}.
 */
import { z } from "zod";
import type { Reply } from "./reply.ts";
import type { Services } from "./services.ts";

/** Option values as read from Discord or from a console command line. */
export type OptionValue = string | number | boolean;

/** Who invoked the command, and what they may do where they did. */
export interface Invoker {
  id: string;
  name: string;
  /** May manage the server (Manage Server) or the channel (Manage Channels). */
  canManage: boolean;
}

/** What a command's `execute` receives: options and services, never a Discord object. */
export interface CommandContext {
  commandName: string;
  /** Subcommand name, for commands with subcommands (`/digest subscribe`). */
  subcommand: string | null;
  options: Readonly<Record<string, OptionValue | undefined>>;
  invoker: Invoker;
  guildId: string | null;
  channelId: string | null;
  /** For message context-menu commands: the message acted on. */
  targetMessage: { id: string; content: string; authorName: string } | null;
  services: Services;
}

/** What a command's `autocomplete` receives. */
export interface AutocompleteContext {
  commandName: string;
  subcommand: string | null;
  focused: { name: string; value: string };
  options: Readonly<Record<string, OptionValue | undefined>>;
  services: Services;
}

/** One autocomplete choice (Discord: at most 25, name and value at most 100 characters). */
export interface Choice {
  name: string;
  value: string;
}

/** Anything with `toJSON()` giving a Discord application command payload (discord.js builders do). */
export interface CommandData {
  name: string;
  toJSON(): unknown;
}

/** A command module's default export. */
export interface Command {
  data: CommandData;
  /** Defer the reply first (work that may take longer than a moment). */
  defer?: boolean;
  /** Example invocations shown by `/help` (`/when event:joint statement`). */
  examples?: string[];
  execute(ctx: CommandContext): Promise<Reply | Reply[]> | Reply | Reply[];
  autocomplete?(ctx: AutocompleteContext): Promise<Choice[]> | Choice[];
}

/**
 * A module that generates several commands from the fact base (`/who-released`, `/who-praised`…),
 * one mechanism instead of a file per verb.
 */
export interface CommandFactory {
  generate(services: Services): Command[];
}

const CommandDataSchema = z.custom<CommandData>(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    typeof (v as CommandData).name === "string" &&
    typeof (v as CommandData).toJSON === "function",
  { message: "data must be a discord.js command builder (with a name and toJSON())" },
);

/** Shape every command module's default export must have. */
export const CommandSchema = z.object({
  data: CommandDataSchema,
  defer: z.boolean().optional(),
  examples: z.array(z.string()).optional(),
  execute: z.custom<Command["execute"]>((v) => typeof v === "function", {
    message: "execute must be a function",
  }),
  autocomplete: z
    .custom<NonNullable<Command["autocomplete"]>>((v) => typeof v === "function", {
      message: "autocomplete must be a function",
    })
    .optional(),
});

/** Shape of a command factory module's default export. */
export const CommandFactorySchema = z.object({
  generate: z.custom<CommandFactory["generate"]>((v) => typeof v === "function", {
    message: "generate must be a function",
  }),
});
