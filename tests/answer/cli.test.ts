import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run as runEval } from "../../src/cli/eval.ts";
import { type BuiltKnowledge, buildKnowledge, SEED } from "./setup.ts";

let seed: BuiltKnowledge;
beforeAll(async () => {
  seed = await buildKnowledge([SEED]);
}, 60_000);
afterAll(() => seed?.remove());

const newsdesk = (args: string[], input?: string) =>
  spawnSync(process.execPath, ["bin/newsdesk.js", ...args], { encoding: "utf8", input, timeout: 60_000 });

describe("newsdesk ask", () => {
  it("answers one question as JSON with the citation's article, outlet, date and sentence", () => {
    const out = newsdesk(["ask", "who released prisoners?", "--knowledge", seed.dir, "--json"]);
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual([
      "question",
      "answer",
      "type",
      "confidence",
      "citations",
      "suggestions",
    ]);
    // Both releasing sides, joined: "Baku; Yerevan".
    expect(json.answer).toContain("Baku");
    expect(json.answer).toContain("Yerevan");
    expect(Object.keys(json.citations[0])).toEqual([
      "articleId",
      "title",
      "source",
      "published",
      "url",
      "attribution",
      "sentence",
    ]);
    expect(json.citations[0].source).toBe("ThanhNien Newspaper");
    expect(json.citations[0].published).toBe("2023-12-08");
    expect(json.citations[0].title).toBe("Armenia and Azerbaijan aim to normalize relations");
    expect(json.citations[0].sentence).toContain("32 Armenian prisoners of war");
    expect(json.citations[0].sentence).toContain("two Azerbaijani soldiers");
  }, 60_000);

  it("answers one question a line from standard input, null when it abstains", () => {
    const out = newsdesk(
      ["ask", "--knowledge", seed.dir, "--json"],
      "When was the joint statement issued?\n\nWho won the 2022 World Cup?\n",
    );
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.answer)).toEqual(["December 7, 2023", null]);
    expect(lines[1].suggestions.length).toBeLessThanOrEqual(3);
  }, 60_000);
});

describe("newsdesk eval", () => {
  it("prints the five figures for a questions file", async () => {
    const file = join(seed.dir, "questions.jsonl");
    writeFileSync(
      file,
      [
        { question: "Who praised the joint statement?", answers: ["Michel"], evidence: "praised" },
        { question: "Who won the 2022 World Cup?", answers: [], evidence: null },
      ]
        .map((q) => JSON.stringify(q))
        .join("\n"),
    );
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      expect(await runEval(["--questions", file, "--knowledge", seed.dir])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const out = printed.join("");
    expect(out).toMatch(/answered correctly: +1/);
    expect(out).toMatch(/correctly abstained: +1/);
    expect(out).toMatch(/wrongly answered: +0/);
    expect(out).toMatch(/wrongly abstained: +0/);
    expect(out).toMatch(/citation correctness: 1\/1/);
  });

  it("names a questions file it cannot read in one line", async () => {
    await expect(
      runEval(["--questions", join(seed.dir, "missing.jsonl"), "--knowledge", seed.dir]),
    ).rejects.toThrow(/^eval: cannot read .*missing\.jsonl \(ENOENT\)$/);
  });
});
