/**
 * The renderer's escaping against Markdown that discord.js's `escapeMarkdown` alone lets through, and
 * a property over all hostile text: escaped text shows nothing live, pings no one, and loses nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderReplies, safeText } from "../../src/discord/render.ts";
import { hostileText, liveMarkdown, pingIn } from "./hostile.ts";

describe("echoed text cannot change the reply's formatting", () => {
  it("when a run of four backticks is echoed, no backtick stays bare (escapeMarkdown escapes three)", () => {
    expect(liveMarkdown(safeText("```` code ````"))).toBeNull();
  });

  it("when bold-italic runs repeat (`a***b***c***`), no backslash is added that the reader would see", () => {
    // discord.js's italic and bold escapes together write `c\\*\**` for the third run.
    const text = "@everyone***@everyone***@everyone***";
    const out = safeText(text);
    expect(liveMarkdown(out)).toBeNull();
    expect(out.replace(/\\([\s\S])/g, "$1").replaceAll("@\u200b", "@")).toBe(text);
    expect(safeText("a***b***c***")).toBe("a\\*\\*\\*b\\*\\*\\*c\\*\\*\\*");
  });

  it("when a long text's pieces split a channel link between `<` and `#`, the link is still broken", () => {
    const text = "\u0000<#123456789012345678>".repeat(12);
    const out = safeText(text);
    expect(out).not.toMatch(/<#\d/);
    expect(out.replaceAll("<#\u200b", "<#")).toBe(text);
  });

  it("when a fake link follows another bracket, the link is escaped too (escapeMarkdown escapes the first [ only)", () => {
    const out = safeText("\u001b[31m[fake](https://discord.gg/x)");
    expect(out).toContain("[fake\\](");
    expect(liveMarkdown(out)).toBeNull();
  });

  it("when a spoiler or a strikethrough pair straddles two escaped pieces of a long text, it stays escaped", () => {
    const spoiler = `${"word ".repeat(39)}abcd||spoiler|| and ||more||`;
    const strike = `${"x".repeat(195)}. ~~strike. more~~`;
    const link = `${"A sentence. ".repeat(20)}[fake. text](http://x)`;
    for (const text of [spoiler, strike, link]) expect(liveMarkdown(safeText(text))).toBeNull();
  });

  it("a citation's linked title keeps its link working while brackets in the title are escaped", () => {
    const [m] = renderReplies({
      kind: "answer",
      title: "t",
      text: "x",
      citations: [
        {
          articleId: "a",
          title: "Talks [update] ||live||",
          source: "Desk",
          published: null,
          url: "https://news.example/a",
          attribution: null,
          sentence: "It happened.",
        },
      ],
    });
    const value = m!.embeds[0]!.fields![0]!.value;
    expect(value.split("\n")[0]).toBe("[Talks \\[update\\] \\|\\|live\\|\\|](https://news.example/a)");
  });

  it("for any hostile text up to 6,000 characters, the escaped form has no live Markdown, no ping, and unescapes to the text", () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        const out = safeText(text);
        expect(liveMarkdown(out)).toBeNull();
        expect(pingIn(out)).toBeNull();
        expect(out).not.toMatch(/<#\d|<\/[\w-]+:\d/);
        expect(
          out
            .replace(/\\([\s\S])/g, "$1")
            .replaceAll("@\u200b", "@")
            .replaceAll("<#\u200b", "<#")
            .replaceAll("<\u200b/", "</"),
        ).toBe(text);
      }),
      { numRuns: 400 },
    );
  });
});
