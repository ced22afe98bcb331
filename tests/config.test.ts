import { describe, expect, it } from "vitest";
import { ConfigError, hasDiscordCredentials, loadConfig } from "../src/config.ts";

const load = (env: Record<string, string>) => loadConfig(env, { dotenv: false });

describe("configuration", () => {
  it("when nothing is set, it falls back to the documented defaults", () => {
    const config = load({});
    expect(config.DISCORD_API_URL).toBe("https://discord.com/api");
    expect(config.KNOWLEDGE_DIR).toBe("knowledge");
    expect(config.LOG_LEVEL).toBe("warn");
    expect(config.FEEDS).toEqual([]);
    expect(config.DIGEST_GRACE_HOURS).toBe(6);
    expect(hasDiscordCredentials(config)).toBe(false);
  });

  it("when a value is malformed, it throws one line naming the variable", () => {
    expect(() => load({ DISCORD_APPLICATION_ID: "abc" })).toThrow(ConfigError);
    expect(() => load({ DISCORD_APPLICATION_ID: "abc" })).toThrow(
      /^config: DISCORD_APPLICATION_ID must be a Discord snowflake/,
    );
    expect(() => load({ FEED_POLL_MINUTES: "-3" })).toThrow(
      /^config: FEED_POLL_MINUTES must be a positive number/,
    );
    expect(() => load({ LOG_LEVEL: "loud" })).toThrow(/^config: LOG_LEVEL /);
    expect(() => load({ DISCORD_API_URL: "not a url" })).toThrow(/^config: DISCORD_API_URL /);
    expect(() => load({ SHARDS: "two" })).toThrow(/^config: SHARDS must be "auto"/);
  });

  it("when credentials and lists are given, it parses them", () => {
    const config = load({
      DISCORD_TOKEN: "tok",
      DISCORD_APPLICATION_ID: "123456789012345678",
      FEEDS: "http://127.0.0.1:1/a.xml, http://127.0.0.1:1/b.xml",
      SHARDS: "auto",
    });
    expect(hasDiscordCredentials(config)).toBe(true);
    expect(config.FEEDS).toEqual(["http://127.0.0.1:1/a.xml", "http://127.0.0.1:1/b.xml"]);
    expect(config.SHARDS).toBe("auto");
  });
});
