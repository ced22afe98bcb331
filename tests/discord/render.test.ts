import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DISCORD_LIMITS,
  fitText,
  KIND_COLOURS,
  messageSize,
  neutraliseMentions,
  renderReplies,
} from "../../src/discord/render.ts";
import type { Citation, Reply } from "../../src/reply.ts";

const citation = (over: Partial<Citation> = {}): Citation => ({
  articleId: "a1",
  title: "Armenia and Azerbaijan agree to normalise relations",
  source: "ThanhNien Newspaper",
  published: "2023-12-08T10:00:00Z",
  url: "https://example.com/news/1",
  attribution: "AFP",
  sentence: "The two countries issued a joint statement on December 7.",
  ...over,
});

const answer = (over: Partial<Reply> = {}): Reply => ({
  kind: "answer",
  title: "When was the joint statement?",
  text: "On December 7, 2023.",
  citations: [citation()],
  ...over,
});

function withinLimits(replies: Reply | Reply[]): void {
  const messages = renderReplies(replies);
  for (const m of messages) {
    expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
    expect(messageSize(m)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(m.allowedMentions.parse).toEqual([]);
    for (const e of m.embeds) {
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(e.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeGreaterThan(0);
        expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
        expect(f.value.length).toBeGreaterThan(0);
        expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
    }
  }
}

describe("rendering a reply as Discord embeds", () => {
  it("renders a citation as a field: outlet, date and wire in the name; linked title and quoted sentence", () => {
    const [m] = renderReplies(answer());
    const field = m!.embeds[0]!.fields![0]!;
    expect(field.name).toBe("[1] ThanhNien Newspaper, 2023-12-08 (via AFP)");
    expect(field.value).toBe(
      "[Armenia and Azerbaijan agree to normalise relations](https://example.com/news/1)\n> “The two countries issued a joint statement on December 7.”",
    );
    expect(m!.embeds[0]!.color).toBe(KIND_COLOURS.answer);
  });

  it("colours errors and abstentions differently from answers, and keeps errors private", () => {
    const colours = (["answer", "abstain", "error", "info"] as const).map(
      (kind) => renderReplies(answer({ kind }))[0]!.embeds[0]!.color,
    );
    expect(new Set(colours).size).toBe(4);
    expect(renderReplies(answer({ kind: "error", ephemeral: true }))[0]!.flags).toBe(64);
  });

  it("escapes user text so it cannot change the formatting, and breaks every mention", () => {
    const [m] = renderReplies(
      answer({ title: "**bold** @everyone", text: "see <@123456789012345678> and `code`" }),
    );
    const e = m!.embeds[0]!;
    expect(e.title).toBe("\\*\\*bold\\*\\* @\u200beveryone");
    expect(e.description).toBe("see <@\u200b123456789012345678> and \\`code\\`");
    expect(neutraliseMentions("@here <@&42>")).toBe("@\u200bhere <@\u200b&42>");
    expect(neutraliseMentions("in <#123> run </ask:456>")).toBe("in <#\u200b123> run <\u200b/ask:456>");
    const [linked] = renderReplies(answer({ text: "[click me](https://evil.example)\n# Heading\n- item" }));
    expect(linked!.embeds[0]!.description).toBe(
      "\\[click me\\](https://evil.example)\n\\# Heading\n\\- item",
    );
  });

  it("a title holding brackets and a URL holding parentheses keep the link intact", () => {
    const [m] = renderReplies(
      answer({ citations: [citation({ title: "A [draft] deal", url: "https://x.org/a_(b)" })] }),
    );
    expect(m!.embeds[0]!.fields![0]!.value).toMatch(
      /^\[A \\\[draft\\\] deal\]\(https:\/\/x\.org\/a_%28b%29\)\n/,
    );
  });

  it("drops a URL that is not http(s) rather than have the embed refused", () => {
    const [m] = renderReplies(answer({ citations: [citation({ url: "javascript:alert(1)" })] }));
    expect(m!.embeds[0]!.fields![0]!.value).toMatch(/^\*\*Armenia/);
  });

  it("cuts a long text after a whole sentence, with the hint", () => {
    const text = Array.from({ length: 300 }, (_, i) => `This is sentence number ${i}.`).join(" ");
    const out = fitText(text, 500);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out).toMatch(/number \d+\. … \(more: cut to fit Discord\)$/);
  });

  it("cuts a single sentence longer than the limit at a word", () => {
    const out = fitText(`${"word ".repeat(200)}end`, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toMatch(/^word( word)* … \(more: cut to fit Discord\)$/);
  });

  it("keeps 40 citations, 30 fields and 20,000 characters of text within every limit", () => {
    withinLimits(
      answer({
        text: "A long answer. ".repeat(1400),
        fields: Array.from({ length: 30 }, (_, i) => ({ name: `Field ${i}`, value: "v".repeat(1500) })),
        citations: Array.from({ length: 40 }, () =>
          citation({ sentence: "s".repeat(2000), title: "t".repeat(600) }),
        ),
        footer: "f".repeat(3000),
      }),
    );
  });

  it("packs several replies into messages of at most 10 embeds and 6000 characters", () => {
    const replies = Array.from({ length: 23 }, (_, i) =>
      answer({ title: `Reply ${i}`, text: "x. ".repeat(400) }),
    );
    const messages = renderReplies(replies);
    expect(messages.reduce((n, m) => n + m.embeds.length, 0)).toBe(23);
    withinLimits(replies);
  });

  it("for any text, title and sentences, the rendered messages are within Discord's limits", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 6000 }),
        fc.string({ maxLength: 400 }),
        fc.array(fc.string({ maxLength: 1500 }), { maxLength: 30 }),
        (text, title, sentences) => {
          withinLimits(
            answer({ text, title, citations: sentences.map((sentence) => citation({ sentence, title })) }),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
