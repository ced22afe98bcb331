import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newsdeskCli } from "../cli/newsdesk.ts";
import { article, factBase, tempDir } from "./helpers.ts";

let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  const facts = factBase([
    article({
      id: "bridge",
      title: "Harbour bridge reopens",
      ingestedAt: "2026-06-01T12:00:00.000Z",
      section: "Transport",
    }),
    article({
      id: "fish",
      title: "Record mackerel catch",
      ingestedAt: "2026-06-03T12:00:00.000Z",
      section: "Sea",
    }),
  ]);
  writeFileSync(join(dir, "facts.json"), JSON.stringify(facts));
});
afterAll(() => cleanup());

const newsdesk = newsdeskCli({ ...process.env, LOG_LEVEL: "silent" });

describe("newsdesk digest", () => {
  it("prints the digest of what was ingested since a date, as text and as JSON", async () => {
    const text = await newsdesk("digest", "--since", "2026-06-02", "--knowledge", dir);
    expect(text.code).toBe(0);
    // The heading names the days the articles were published, then the section.
    expect(text.stdout).toMatch(/News digest — \d{1,2} \w+(?: \d{4})? – \d{1,2} \w+ \d{4}: Sea/);
    expect(text.stdout).toContain("▸ Record mackerel catch");
    expect(text.stdout).not.toContain("Harbour bridge");
    const json = await newsdesk(
      "digest",
      "--since",
      "2026-05-31",
      "--topics",
      "mackerel",
      "--knowledge",
      dir,
      "--json",
    );
    const digest = JSON.parse(json.stdout);
    expect(digest).toMatchObject({
      since: "2026-05-31T00:00:00.000Z",
      topics: ["mackerel"],
      articleCount: 1,
    });
    expect(digest.groups[0].articles[0]).toMatchObject({ id: "fish", title: "Record mackerel catch" });
  });

  it("with nothing in the window, says which window it used, the newest article, and how to widen it", async () => {
    const r = await newsdesk("digest", "--since", "2026-06-04", "--knowledge", dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Nothing was ingested between 2026-06-04 00:00 UTC and ");
    expect(r.stdout).toContain(
      'The newest article, "Record mackerel catch", was ingested on 2026-06-03: widen the window with --since 2026-06-03.',
    );
    expect(r.stdout).not.toContain("since the last digest");
  });

  it("refuses a --since that is not a date in one line", async () => {
    const r = await newsdesk("digest", "--since", "yesterday", "--knowledge", dir);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(
      'newsdesk: digest: --since "yesterday" is not a date (use YYYY-MM-DD or an ISO date-time)',
    );
  });
});
