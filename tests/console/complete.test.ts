import { resolve } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../../src/bootstrap.ts";
import { completeLine } from "../../src/console/complete.ts";
import { ConsoleTwin } from "../../src/console/twin.ts";
import { type CommandRegistry, loadCommands } from "../../src/discord/loader.ts";
import type { Services } from "../../src/services.ts";

const root = resolve(import.meta.dirname, "../..");
let services: Services;
let registry: CommandRegistry;

beforeAll(async () => {
  ({ services } = bootstrap({
    env: { KNOWLEDGE_DIR: resolve(root, "knowledge"), LOG_LEVEL: "silent" },
    dotenv: false,
  }));
  registry = await loadCommands(services);
});

const complete = async (line: string) => (await completeLine(line, registry, services))[0];

describe("Tab completion in the console twin", () => {
  it("completes command names after a slash", async () => {
    expect(await complete("/wh")).toEqual(expect.arrayContaining(["/when ", "/where ", "/who ", "/what "]));
    expect(await complete("/ar")).toEqual(["/articles "]);
    expect(await complete("/nothing-like-this")).toEqual([]);
  });

  it("completes subcommand and option names of the command typed", async () => {
    expect(await complete("/digest pre")).toEqual(["/digest preview "]);
    expect(await complete("/when eve")).toEqual(["/when event:"]);
    expect(await complete("/digest preview si")).toEqual(["/digest preview since:"]);
  });

  it("completes an option value with the command's own suggestions", async () => {
    expect(await complete("/when event:joint sta")).toContain("/when event:joint statement");
    expect(await complete("/timeline topic:Armen")).toContain("/timeline topic:Armenia");
  });

  it("is what readline calls on Tab: `/ar` then Tab then Enter runs /articles", async () => {
    const twin = new ConsoleTwin(registry, services);
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d) => {
      printed += String(d);
    });
    const session = twin.session(input, output, true);
    input.write("/ar\t");
    await new Promise((r) => setTimeout(r, 200));
    input.write("\r");
    await new Promise((r) => setTimeout(r, 500));
    input.end("exit\r");
    await session;
    expect(printed).toContain("/articles ");
    expect(printed).toContain("Armenia and Azerbaijan aim to normalize relations");
  });
});
