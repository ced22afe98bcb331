import { describe, expect, it } from "vitest";
import { createFusePlain, FUSE_PLAIN_OPTIONS } from "../../bench/peers/fuse-plain.ts";
import { createMiniSearch } from "../../bench/peers/minisearch.ts";
import type { BenchSentence } from "../../bench/peers/types.ts";

const sentences: BenchSentence[] = [
  "State-owned Rosneft bought the Yugansk unit for $9.3bn in a sale forced by Russia.",
  "British Airways has blamed high fuel prices for a 40% drop in profits.",
  "Chinese authorities closed 12,575 net cafes in the closing months of 2004.",
  "Pole vaulter Yelena Isinbayeva broke her own indoor world record in Lievin.",
].map((text, i) => ({ id: `a${i}#s0`, articleId: `a${i}`, text }));

describe.each([
  ["plain fuse.js", createFusePlain],
  ["MiniSearch", createMiniSearch],
])("the %s peer", (_name, create) => {
  const peer = create(sentences);

  it("finds the supporting sentence of a question", () => {
    expect(peer.top("who bought the Yugansk unit")?.id).toBe("a0#s0");
    expect(peer.top("chinese authorities closed net cafes")?.id).toBe("a2#s0");
  });

  it("finds it through a misspelt name", () => {
    expect(peer.top("Isinbayva world record")?.id).toBe("a3#s0");
  });

  it("suggests completions for a prefix, at most the limit", () => {
    const choices = peer.suggest("Yugan", 25);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.join(" ").toLowerCase()).toContain("yugansk");
  });
});

describe("the plain fuse.js peer's options", () => {
  it("are the first-version options of the issue, frozen", () => {
    expect(FUSE_PLAIN_OPTIONS).toEqual({
      keys: ["text"],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.4,
    });
    expect(Object.isFrozen(FUSE_PLAIN_OPTIONS)).toBe(true);
  });
});
