import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../../src/bootstrap.ts";
import { ConfigError } from "../../src/config.ts";
import { startBot } from "../../src/discord/client.ts";
import { deployCommands } from "../../src/discord/deploy.ts";
import { loadCommands } from "../../src/discord/loader.ts";
import { payloadProblem, payloadSetProblem } from "../../src/discord/payload.ts";
import { DiscordApiStandIn } from "../discord-api/server.ts";
import { botEnv, emptyKnowledgeDir, TEST_APPLICATION_ID, TEST_TOKEN } from "./harness.ts";

const root = resolve(import.meta.dirname, "../..");
const GUILD = "1200000000000000002";

describe("deploy-commands against the local Discord API", { timeout: 90_000 }, () => {
  let api: DiscordApiStandIn;
  beforeAll(async () => {
    api = await DiscordApiStandIn.start({
      token: TEST_TOKEN,
      applicationId: TEST_APPLICATION_ID,
      guildId: GUILD,
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it("with DISCORD_GUILD_ID, the CLI PUTs every real command to the guild, each payload valid by Discord's rules", async () => {
    const env = {
      ...process.env,
      ...botEnv(api, { DISCORD_GUILD_ID: GUILD, KNOWLEDGE_DIR: emptyKnowledgeDir() }),
    };
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((done) => {
      const child = spawn(process.execPath, ["bin/newsdesk.js", "deploy-commands"], { cwd: root, env });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("close", (c) => done({ code: c, stdout: out, stderr: err }));
    });
    expect(stderr).not.toContain(TEST_TOKEN);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(`^deploy-commands: registered \\d+ commands to guild ${GUILD}: .*\\bhelp\\b`),
    );
    const puts = api.requestsTo(
      "PUT",
      new RegExp(`/applications/${TEST_APPLICATION_ID}/guilds/${GUILD}/commands$`),
    );
    expect(puts).toHaveLength(1);
    expect(puts[0]!.headers.authorization).toBe(`Bot ${TEST_TOKEN}`);
    const body = puts[0]!.body as { name: string }[];
    expect(body.map((c) => c.name)).toContain("help");
    for (const payload of body) expect(payloadProblem(payload), payload.name).toBeNull();
    expect(payloadSetProblem(body as never)).toBeNull();
  });

  it("without DISCORD_GUILD_ID, it PUTs the same commands globally", async () => {
    const { config, services } = bootstrap({
      // A trailing slash on the API base must not break the routes.
      env: botEnv(api, {
        KNOWLEDGE_DIR: emptyKnowledgeDir(),
        LOG_LEVEL: "silent",
        DISCORD_API_URL: `${api.apiUrl}/`,
      }),
      dotenv: false,
    });
    const registry = await loadCommands(services, resolve(root, "tests/fixtures/commands-throwing"));
    const result = await deployCommands(config, registry);
    expect(result.scope).toBe("global");
    expect(result.count).toBe(registry.size);
    const put = api.requestsTo("PUT", new RegExp(`/applications/${TEST_APPLICATION_ID}/commands$`));
    expect((put[0]!.body as { name: string }[]).map((c) => c.name).sort()).toEqual([
      "blocking",
      "boom",
      "echo",
      "help",
      "late-boom",
      "many",
      "private",
      "slow",
    ]);
  });

  it("when the token is refused, login fails with one line that does not hold the token", async () => {
    const wrong = `${TEST_TOKEN}-wrong`;
    const { services } = bootstrap({
      env: botEnv(api, { DISCORD_TOKEN: wrong, KNOWLEDGE_DIR: emptyKnowledgeDir(), LOG_LEVEL: "silent" }),
      dotenv: false,
    });
    const registry = await loadCommands(services, resolve(root, "tests/fixtures/commands-throwing"));
    const login = startBot(services, registry);
    await expect(login).rejects.toThrow(/^discord: login failed \(An invalid token was provided\.\)$/);
    await login.catch((err: Error) => {
      expect(err.message).not.toContain(wrong);
      expect(err.stack ?? "").not.toContain(wrong);
    });
  });

  it("when only one of token and application id is set, start-up fails with one line naming the missing one", () => {
    expect(() => bootstrap({ env: { DISCORD_TOKEN: TEST_TOKEN }, dotenv: false })).toThrow(ConfigError);
    expect(() => bootstrap({ env: { DISCORD_TOKEN: TEST_TOKEN }, dotenv: false })).toThrow(
      /^config: DISCORD_APPLICATION_ID is not set but DISCORD_TOKEN is; set both to run on Discord, or neither for the console twin$/,
    );
    expect(() => bootstrap({ env: { DISCORD_APPLICATION_ID: TEST_APPLICATION_ID }, dotenv: false })).toThrow(
      /^config: DISCORD_TOKEN is not set but DISCORD_APPLICATION_ID is/,
    );
  });
});
