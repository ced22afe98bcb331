/**
 * Discord's rules for application command payloads, checked before anything is sent, so a bad
 * command is refused by the loader (naming its file) instead of failing a whole bulk deploy.
 * Rules from Discord's documentation, "Application Commands" (naming, limits, option ordering).
 */
import { z } from "zod";

/** Discord's name rule for chat input commands and options (lowercase where a case exists). */
const CHAT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Application command types. */
export const CommandType = { ChatInput: 1, User: 2, Message: 3 } as const;
/** Option types that nest other options. */
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

/** Discord's limits for commands. */
export const COMMAND_LIMITS = Object.freeze({
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Name, description and values of a command and its options together. */
  totalCharacters: 4000,
  /** Commands of each kind an application may register in one scope. */
  chatInputCommands: 100,
  contextMenuCommands: 15,
});

const chatName = z
  .string()
  .regex(CHAT_NAME, "must be 1-32 letters, digits, - or _")
  .refine((n) => n === n.toLowerCase(), "must be lowercase");
const description = z.string().min(1).max(COMMAND_LIMITS.description);

interface OptionPayload {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  options?: OptionPayload[];
}

const ChoiceSchema = z.object({
  name: z.string().min(1).max(COMMAND_LIMITS.choiceName),
  value: z.union([z.string().min(1).max(COMMAND_LIMITS.choiceValue), z.number()]),
});

const OptionSchema: z.ZodType<OptionPayload> = z.lazy(() =>
  z
    .object({
      type: z.number().int().min(1).max(11),
      name: chatName,
      description,
      required: z.boolean().optional(),
      autocomplete: z.boolean().optional(),
      choices: z.array(ChoiceSchema).max(COMMAND_LIMITS.choices).optional(),
      options: z.array(OptionSchema).max(COMMAND_LIMITS.options).optional(),
    })
    .superRefine((o, ctx) => {
      if (o.autocomplete && o.choices?.length) {
        ctx.addIssue({ code: "custom", message: `option "${o.name}" has both autocomplete and choices` });
      }
      if (o.options?.length && o.type !== SUB_COMMAND && o.type !== SUB_COMMAND_GROUP) {
        ctx.addIssue({ code: "custom", message: `option "${o.name}" is not a subcommand but has options` });
      }
      checkLevel(o.options ?? [], ctx);
    }),
);

/** Unique names at one level, and required options before optional ones. */
function checkLevel(options: OptionPayload[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  let optionalSeen = false;
  for (const o of options) {
    if (seen.has(o.name)) ctx.addIssue({ code: "custom", message: `option name "${o.name}" is used twice` });
    seen.add(o.name);
    if (o.type === SUB_COMMAND || o.type === SUB_COMMAND_GROUP) continue;
    if (o.required && optionalSeen) {
      ctx.addIssue({ code: "custom", message: `required option "${o.name}" comes after an optional one` });
    }
    if (!o.required) optionalSeen = true;
  }
}

function totalCharacters(node: { name: string; description?: string; options?: OptionPayload[] }): number {
  let n = node.name.length + (node.description?.length ?? 0);
  for (const o of node.options ?? []) {
    n += totalCharacters(o);
    for (const c of o.choices ?? []) n += c.name.length + String(c.value).length;
  }
  return n;
}

/** One application command payload as Discord accepts it. */
export const CommandPayloadSchema = z
  .object({
    type: z.number().int().min(1).max(4).optional(),
    name: z.string().min(1).max(COMMAND_LIMITS.name),
    description: z.string().max(COMMAND_LIMITS.description).optional(),
    options: z.array(OptionSchema).max(COMMAND_LIMITS.options).optional(),
  })
  .loose()
  .superRefine((c, ctx) => {
    const type = c.type ?? CommandType.ChatInput;
    if (type === CommandType.ChatInput) {
      const n = chatName.safeParse(c.name);
      if (!n.success)
        ctx.addIssue({ code: "custom", message: `name "${c.name}" ${n.error.issues[0]!.message}` });
      if (!c.description) ctx.addIssue({ code: "custom", message: "a slash command needs a description" });
      checkLevel(c.options ?? [], ctx);
    } else if (c.description || c.options?.length) {
      ctx.addIssue({ code: "custom", message: "a context-menu command takes no description and no options" });
    }
    const total = totalCharacters({ name: c.name, description: c.description, options: c.options });
    if (total > COMMAND_LIMITS.totalCharacters) {
      ctx.addIssue({
        code: "custom",
        message: `${total} characters in names, descriptions and choices; Discord allows ${COMMAND_LIMITS.totalCharacters}`,
      });
    }
  });

/** A command payload as validated. */
export type CommandPayload = z.infer<typeof CommandPayloadSchema>;

/** Checks one payload; returns the first broken rule, or null. */
export function payloadProblem(payload: unknown): string | null {
  const r = CommandPayloadSchema.safeParse(payload);
  if (r.success) return null;
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/** Checks a whole set (counts per kind, unique names per kind); returns the first problem, or null. */
export function payloadSetProblem(payloads: readonly CommandPayload[]): string | null {
  const names = new Set<string>();
  let chat = 0;
  let menus = 0;
  for (const p of payloads) {
    const type = p.type ?? CommandType.ChatInput;
    const key = `${type}:${p.name}`;
    if (names.has(key)) return `command "${p.name}" is defined twice`;
    names.add(key);
    if (type === CommandType.ChatInput) chat++;
    else menus++;
  }
  if (chat > COMMAND_LIMITS.chatInputCommands) {
    return `${chat} slash commands; Discord allows ${COMMAND_LIMITS.chatInputCommands}`;
  }
  if (menus > COMMAND_LIMITS.contextMenuCommands * 2) {
    return `${menus} context-menu commands; Discord allows ${COMMAND_LIMITS.contextMenuCommands} of each kind`;
  }
  return null;
}
