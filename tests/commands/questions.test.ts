import { afterAll, beforeAll, describe, expect, it } from "vitest";
import articles from "../../commands/articles.ts";
import ask from "../../commands/ask.ts";
import facts from "../../commands/facts.ts";
import howMany from "../../commands/how-many.ts";
import timeline from "../../commands/timeline.ts";
import what from "../../commands/what.ts";
import when from "../../commands/when.ts";
import where from "../../commands/where.ts";
import who from "../../commands/who.ts";
import whoAction, { MAX_GENERATED, whoDid } from "../../commands/who-action.ts";
import {
  type AutocompleteContext,
  type Command,
  type CommandContext,
  CommandFactorySchema,
  CommandSchema,
  type OptionValue,
} from "../../src/command.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import type { Reply } from "../../src/reply.ts";
import type { Services } from "../../src/services.ts";
import { type BuiltKnowledge, buildKnowledge, SEED } from "../answer/setup.ts";

let seed: BuiltKnowledge;
let services: Services;
beforeAll(async () => {
  seed = await buildKnowledge([SEED]);
  const config = loadConfig({ KNOWLEDGE_DIR: seed.dir }, { dotenv: false });
  services = { config, logger: createLogger("silent", []), knowledge: seed.store, answers: seed.engine };
}, 60_000);
afterAll(() => seed?.remove());

async function run(command: Command, options: Record<string, OptionValue>): Promise<Reply> {
  const ctx: CommandContext = {
    commandName: command.data.name,
    subcommand: null,
    options,
    invoker: { id: "1", name: "tester", canManage: false },
    guildId: null,
    channelId: null,
    targetMessage: null,
    services,
  };
  const reply = await command.execute(ctx);
  return Array.isArray(reply) ? reply[0]! : reply;
}

async function complete(command: Command, name: string, value: string) {
  const ctx: AutocompleteContext = {
    commandName: command.data.name,
    subcommand: null,
    focused: { name, value },
    options: { [name]: value },
    services,
  };
  return (await command.autocomplete!(ctx)) ?? [];
}

const SEED_TITLE = "Armenia and Azerbaijan aim to normalize relations";

describe("every question command module", () => {
  it("has the shape the loader checks, with examples for /help and autocomplete", () => {
    for (const c of [ask, who, when, where, what, howMany, facts, timeline, articles, whoDid]) {
      expect(CommandSchema.safeParse(c).success, c.data.name).toBe(true);
      expect(c.examples?.length, c.data.name).toBeGreaterThan(0);
      expect(typeof c.autocomplete, c.data.name).toBe("function");
    }
    expect(CommandFactorySchema.safeParse(whoAction).success).toBe(true);
  });
});

describe("/ask", () => {
  it("answers with the supporting sentence, outlet and date", async () => {
    const reply = await run(ask, { question: "Who released prisoners?" });
    expect(reply.kind).toBe("answer");
    // Both releasing sides, joined: "Baku; Yerevan".
    expect(reply.text).toContain("Baku");
    expect(reply.text).toContain("Yerevan");
    expect(reply.citations[0]).toMatchObject({
      title: SEED_TITLE,
      source: "ThanhNien Newspaper",
      published: "2023-12-08",
    });
    // What each side releases is in the cited sentence, not in the answer.
    expect(reply.citations[0]!.sentence).toContain("will release");
    expect(reply.citations[0]!.sentence).toContain("32 Armenian prisoners of war");
    expect(reply.citations[0]!.sentence).toContain("two Azerbaijani soldiers");
  });

  it("says it could not find an answer the articles do not hold, with closest facts", async () => {
    const reply = await run(ask, { question: "Who won the 2022 World Cup?" });
    expect(reply.kind).toBe("abstain");
    expect(reply.text).toBe("I could not find this in my articles.");
    expect(reply.citations).toEqual([]);
    expect((reply.fields ?? []).length).toBeLessThanOrEqual(3);
  });

  it("refuses an empty question privately", async () => {
    const reply = await run(ask, { question: "  " });
    expect(reply.kind).toBe("error");
    expect(reply.ephemeral).toBe(true);
  });

  it("autocompletes the last word of a question with known names", async () => {
    const choices = await complete(ask, "question", "what did pashin");
    expect(choices[0]).toEqual({ name: "what did pashin", value: "what did pashin" });
    expect(choices.map((c) => c.value)).toContain("what did Nikol Pashinyan");
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});

describe("the typed question commands", () => {
  it("/when event:joint statement answers December 7, 2023", async () => {
    const reply = await run(when, { event: "joint statement" });
    expect(reply.kind).toBe("answer");
    expect(reply.text).toBe("December 7, 2023");
    expect(reply.citations[0]!.sentence).toContain("joint statement");
  });

  it("/who topic:US Secretary of State names Antony Blinken", async () => {
    const reply = await run(who, { topic: "US Secretary of State" });
    expect(reply.text).toContain("Antony Blinken");
  });

  it("/where topic:Aliyev refused to attend the talks answers Spain", async () => {
    const reply = await run(where, { topic: "did Aliyev refuse to attend the talks" });
    expect(reply.text).toBe("Spain");
    expect(reply.citations[0]!.sentence).toContain("in Spain");
  });

  it("/what topic:did Armenia and Azerbaijan agree to seize gives the words", async () => {
    const reply = await run(what, { topic: "did Armenia and Azerbaijan agree to seize" });
    expect(reply.kind).toBe("answer");
    expect(reply.text).toContain("a historic opportunity to achieve long-awaited peace");
    expect(reply.citations[0]!.sentence).toContain("agreed in a joint statement to seize");
  });

  it("/how-many counts for the entity asked about", async () => {
    const reply = await run(howMany, { topic: "prisoners of war will Azerbaijan release" });
    // Azerbaijan's count only, not Yerevan's "two" from the same sentence.
    expect(reply.text).toBe("32");
    expect(reply.citations[0]!.sentence).toContain("32 Armenian prisoners of war");
  });

  it("completes topics with entity names", async () => {
    const choices = await complete(who, "topic", "aliev");
    expect(choices[0]!.value).toBe("Ilham Aliyev");
  });
});

describe("the /who-<verb> commands", () => {
  it("are generated from the fact base's actions, /who-did first, within the limit", () => {
    const generated = whoAction.generate(services);
    const names = generated.map((c) => c.data.name);
    expect(names[0]).toBe("who-did");
    expect(names).toContain("who-released");
    expect(names).toContain("who-praised");
    expect(generated.length).toBeLessThanOrEqual(MAX_GENERATED + 1);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
  });

  it("/who-released names both releases", async () => {
    const released = whoAction.generate(services).find((c) => c.data.name === "who-released")!;
    const reply = await run(released, {});
    expect(reply.text).toContain("Baku");
    expect(reply.text).toContain("Yerevan");
  });

  it("/who-did action:praise topic:joint statement names Charles Michel", async () => {
    const reply = await run(whoDid, { action: "praise", topic: "the joint statement" });
    expect(reply.text).toContain("Charles Michel");
  });

  it("/who-did autocompletes actions", async () => {
    const choices = await complete(whoDid, "action", "rel");
    expect(choices.map((c) => c.value)).toContain("release");
  });
});

describe("/facts, /timeline and /articles", () => {
  it("/facts about:pashinian tells what the articles say about Nikol Pashinyan, cited", async () => {
    const reply = await run(facts, { about: "pashinian" });
    expect(reply.kind).toBe("info");
    expect(reply.title).toBe("Facts about Nikol Pashinyan");
    expect(reply.text).toContain("Armenian Prime Minister");
    expect(reply.citations.length).toBeGreaterThan(0);
    for (const c of reply.citations) expect(c.sentence).toMatch(/Pashinyan/);
  });

  it("/facts about an unknown name says so", async () => {
    const reply = await run(facts, { about: "Zorblax Quux" });
    expect(reply.kind).toBe("abstain");
  });

  it("/timeline topic:Nagorno-Karabakh lists dated events oldest first", async () => {
    const reply = await run(timeline, { topic: "Nagorno-Karabakh" });
    expect(reply.kind).toBe("info");
    const names = (reply.fields ?? []).map((f) => f.name);
    expect(names.length).toBeGreaterThan(1);
    expect(names[0]).toMatch(/September/);
  });

  it("/articles lists title, outlet and date", async () => {
    const reply = await run(articles, {});
    expect(reply.fields).toEqual([{ name: SEED_TITLE, value: "ThanhNien Newspaper · December 8, 2023" }]);
    const choices = await complete(articles, "search", "armenia");
    expect(choices[0]!.value).toBe(SEED_TITLE);
  });
});
