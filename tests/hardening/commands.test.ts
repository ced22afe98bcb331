/**
 * Every command and every option, fed hostile text (fast-check), through the path the bot uses (the
 * neutral command context, `invokeCommand`, the Discord renderer, the autocomplete clipping) and
 * through the console twin: no crash, no unhandled rejection, replies within Discord's limits, no
 * allowed mention, nothing able to ping, echoed text escaped.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../../src/bootstrap.ts";
import type { AutocompleteContext, CommandContext, OptionValue } from "../../src/command.ts";
import { ConsoleTwin } from "../../src/console/twin.ts";
import { DigestService } from "../../src/digest/service.ts";
import { clipChoices } from "../../src/discord/boundary.ts";
import { invokeCommand } from "../../src/discord/invoke.ts";
import { type CommandRegistry, type LoadedCommand, loadCommands } from "../../src/discord/loader.ts";
import { renderReplies } from "../../src/discord/render.ts";
import type { Reply } from "../../src/reply.ts";
import type { Services } from "../../src/services.ts";
import { hostileText, hostileValue, liveMarkdown, messageProblem, smallKnowledgeDir } from "./hostile.ts";

/**
 * Runs per command and per property, so the whole hardening suite stays under a minute: a file
 * generating many commands (`/who-<verb>`) shares its runs among them, at least {@link MIN_RUNS} each.
 */
const RUNS = 12;
const MIN_RUNS = 2;
const runsFor = (v: Variant) =>
  Math.max(MIN_RUNS, Math.floor(RUNS / variants.filter((x) => x.loaded.file === v.loaded.file).length));

interface WireOptionSpec {
  type: number;
  name: string;
  autocomplete?: boolean;
  options?: WireOptionSpec[];
}

/** One way to call a command: its subcommand (if any) and the leaf options it takes. */
interface Variant {
  loaded: LoadedCommand;
  name: string;
  subcommand: string | null;
  options: WireOptionSpec[];
  message: boolean;
}

function variantsOf(loaded: LoadedCommand): Variant[] {
  const payload = loaded.payload as { name: string; type?: number; options?: WireOptionSpec[] };
  const base = { loaded, name: payload.name };
  if (payload.type === 3 || payload.type === 2)
    return [{ ...base, subcommand: null, options: [], message: true }];
  const out: Variant[] = [];
  const walk = (options: WireOptionSpec[], sub: string | null) => {
    const nested = options.filter((o) => o.type === 1 || o.type === 2);
    if (nested.length === 0) out.push({ ...base, subcommand: sub, options, message: false });
    for (const o of nested) walk(o.options ?? [], o.type === 1 ? o.name : sub);
  };
  walk(payload.options ?? [], null);
  return out;
}

/** Option values for a variant: each option present or not, plus unknown options. */
function optionsFor(v: Variant): fc.Arbitrary<Record<string, OptionValue | undefined>> {
  const known = Object.fromEntries(
    v.options.map((o) => [o.name, fc.option(hostileValue(o.type), { nil: undefined })]),
  );
  return fc
    .record({
      known: fc.record(known),
      unknown: fc.dictionary(
        fc.constantFrom("zzz", "__proto__", "constructor", "question", "q"),
        hostileText(),
        {
          maxKeys: 2,
        },
      ),
    })
    .map(({ known, unknown }) => ({ ...unknown, ...known }));
}

/** The texts of a reply the renderer escaped (not the citation heads, which the bot formats itself). */
function echoedTexts(rendered: ReturnType<typeof renderReplies>, replies: Reply[]): string[] {
  const out: string[] = [];
  const embeds = rendered.flatMap((m) => m.embeds);
  embeds.forEach((e, i) => {
    const fieldsOwn = replies[i]?.fields?.length ?? 0;
    out.push(e.title ?? "", e.description ?? "", e.footer?.text ?? "");
    (e.fields ?? []).forEach((f, j) => {
      out.push(f.name);
      // A citation field is `[title](url)` or `**title**`, then `> “sentence”`: the sentence is echoed.
      out.push(j < fieldsOwn ? f.value : (f.value.split("\n> “")[1] ?? ""));
    });
  });
  return out;
}

let services: Services;
let registry: CommandRegistry;
let twin: ConsoleTwin;
let variants: Variant[] = [];
const tried = { discord: 0, twin: 0, autocomplete: 0 };
const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  const knowledgeDir = await smallKnowledgeDir(1);
  ({ services } = bootstrap({ env: { KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: "silent" }, dotenv: false }));
  services.digests = DigestService.open(mkdtempSync(join(tmpdir(), "newsdesk-hardening-data-")), {
    knowledge: services.knowledge,
    logger: services.logger,
    graceHours: 6,
  });
  registry = await loadCommands(services);
  twin = new ConsoleTwin(registry, services);
  variants = registry.all().flatMap(variantsOf);
}, 120_000);

afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  services?.digests?.close();
  // The figure docs/reliability.md quotes: how many hostile inputs were tried in this run.
  console.log(
    `hardening: hostile inputs tried: ${tried.discord} command invocations, ${tried.twin} console lines, ${tried.autocomplete} autocomplete requests over ${variants.length} command variants`,
  );
});

describe("hostile text in every command option", () => {
  it("finds every command of commands/ and each of its subcommands", () => {
    expect(registry.size).toBeGreaterThanOrEqual(10);
    expect(variants.map((v) => v.name)).toEqual(expect.arrayContaining(["ask", "quote", "digest", "help"]));
    expect(variants.filter((v) => v.name === "digest").map((v) => v.subcommand)).toEqual(
      expect.arrayContaining(["subscribe", "unsubscribe", "list", "preview", "now"]),
    );
  });

  it("on the Discord path, each command answers within Discord's limits with no mention and escaped text", async () => {
    for (const v of variants) {
      await fc.assert(
        fc.asyncProperty(optionsFor(v), hostileText(), fc.boolean(), async (options, target, canManage) => {
          tried.discord++;
          const ctx: CommandContext = {
            commandName: v.name,
            subcommand: v.subcommand,
            options,
            invoker: { id: "200000000000000001", name: "Reader @everyone", canManage },
            guildId: "300000000000000001",
            channelId: "300000000000000002",
            targetMessage: v.message ? { id: "1", content: target, authorName: "@here" } : null,
            services,
          };
          const replies = await invokeCommand(v.loaded, ctx);
          const rendered = renderReplies(replies);
          for (const m of rendered) {
            const problem = messageProblem(m);
            if (problem) throw new Error(`/${v.name} ${v.subcommand ?? ""}: ${problem}`);
          }
          for (const text of echoedTexts(rendered, replies)) {
            const live = liveMarkdown(text);
            if (live) throw new Error(`/${v.name}: live Markdown in the reply: ${JSON.stringify(live)}`);
          }
        }),
        { numRuns: runsFor(v) },
      );
    }
  }, 60_000);

  it("in the console twin, every line with hostile values gets a printed answer or a one-line error", async () => {
    for (const v of variants.filter((x) => !x.message)) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom(...v.options.map((o) => o.name), "zzz"), hostileText()), {
            maxLength: 3,
          }),
          async (pairs) => {
            tried.twin++;
            const line = `/${v.name}${v.subcommand ? ` ${v.subcommand}` : ""} ${pairs.map(([k, val]) => `${k}:${val}`).join(" ")}`;
            const result = await twin.runLine(line);
            expect(typeof result.text).toBe("string");
            expect(result.exit).toBe(false);
            if (!result.failed) expect(result.replies.length).toBeGreaterThan(0);
          },
        ),
        { numRuns: runsFor(v) },
      );
    }
  }, 60_000);

  it("autocomplete on every keystroke of hostile text gives at most 25 choices of at most 100 characters", async () => {
    for (const v of variants) {
      const auto = v.loaded.command.autocomplete;
      const focusable = v.options.filter((o) => o.autocomplete);
      if (!auto || focusable.length === 0) continue;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...focusable), hostileText(), async (option, typed) => {
          // Every prefix, as Discord sends one request per keystroke (bounded: 6,000-char inputs).
          const cuts = typed.length > 24 ? [0, 1, 7, typed.length] : [...typed].map((_, i) => i + 1);
          for (const cut of cuts) {
            tried.autocomplete++;
            const ctx: AutocompleteContext = {
              commandName: v.name,
              subcommand: v.subcommand,
              focused: { name: option.name, value: typed.slice(0, cut) },
              options: {},
              services,
            };
            const raw = await auto(ctx);
            expect(Array.isArray(raw)).toBe(true);
            const choices = clipChoices(raw);
            expect(choices.length).toBeLessThanOrEqual(25);
            for (const c of choices) {
              expect(c.name.length).toBeLessThanOrEqual(100);
              expect(c.value.length).toBeLessThanOrEqual(100);
            }
          }
        }),
        { numRuns: runsFor(v) },
      );
    }
  }, 60_000);

  it("never leaves an unhandled rejection behind", async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });
});
