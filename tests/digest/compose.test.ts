import { describe, expect, it } from "vitest";
import {
  articleLines,
  buildDigest,
  type Digest,
  isSectionName,
  keyFacts,
  quotationOfNote,
  renderDigest,
  windowOf,
  withoutDateline,
} from "../../src/digest/compose.ts";
import { DIGEST_LIMITS, packMessages, renderedLength, splitIntoReplies } from "../../src/digest/split.ts";
import { RENDER_MORE_HINT } from "../../src/discord/messages.ts";
import { DISCORD_LIMITS, messageSize, renderReplies } from "../../src/discord/render.ts";
import type { Entity, Event, Quotation } from "../../src/knowledge/schema.ts";
import { article, factBase } from "./helpers.ts";

const since = new Date("2026-06-01T05:00:00Z");
const until = new Date("2026-06-02T05:00:00Z");
const during = "2026-06-01T12:00:00.000Z";

const bridge = article({
  id: "bridge",
  title: "Harbour bridge reopens after two years of repairs",
  source: "Harbour Gazette",
  published: "2026-06-01",
  ingestedAt: during,
  sentences: [
    "Crowds gathered early on a grey morning.",
    "The harbour bridge reopened to traffic on Monday, two years after engineers closed it because of corroded cables.",
    "Mayor Elena Ruiz drove the first car across the bridge.",
    "The bridge repairs cost 48 million euros, eight million more than planned, according to the transport authority.",
    "Shopkeepers said trade fell by a third while the bridge was closed.",
  ],
});
const bus = article({
  id: "bus",
  title: "Council extends night buses",
  source: "Harbour Gazette",
  ingestedAt: during,
  section: "Transport",
});
const old = article({
  id: "old",
  title: "Old news about the harbour",
  ingestedAt: "2026-05-30T12:00:00.000Z",
});

const ruiz: Entity = {
  id: "person:elena-ruiz",
  type: "person",
  name: "Elena Ruiz",
  aliases: ["Ruiz", "Mayor Ruiz"],
  roles: ["Mayor"],
  standsFor: null,
  mentions: [{ articleId: "bridge", sentenceId: "bridge#s2", text: "Mayor Elena Ruiz" }],
};
const event = (over: Partial<Event>): Event => ({
  id: "e1",
  articleId: "bridge",
  sentenceId: "bridge#s1",
  actor: { text: "the harbour bridge", entityId: null },
  action: "reopen",
  verb: "reopened",
  object: null,
  date: { text: "on Monday", value: "2026-06-01", precision: "day" },
  place: null,
  quantities: [],
  tense: "past",
  negated: false,
  text: "The harbour bridge reopened to traffic on Monday",
  ...over,
});
const quote = (over: Partial<Quotation>): Quotation => ({
  id: "q1",
  articleId: "bridge",
  sentenceId: "bridge#s2",
  sentenceIds: ["bridge#s2"],
  text: "This bridge is the spine of our town, and today it stands straight again",
  speaker: { text: "Elena Ruiz", entityId: "person:elena-ruiz" },
  speakerRole: "Mayor",
  cue: "said",
  kind: "direct",
  date: null,
  ...over,
});

const facts = factBase([bridge, bus, old], {
  entities: [ruiz],
  events: [
    event({}),
    event({
      id: "e2",
      sentenceId: "bridge#s2",
      actor: { text: "Mayor Elena Ruiz", entityId: "person:elena-ruiz" },
      verb: "drove",
      action: "drive",
      object: { text: "the first car", entityId: null },
      date: null,
    }),
  ],
  quotations: [quote({}), quote({ id: "q2", text: "Yes", kind: "partial" })],
});

describe("the digest's heading and sections", () => {
  const digestOf = (published: (string | null)[]): Digest => ({
    since: "2026-06-01T05:00:00.000Z",
    until: "2026-06-02T05:00:00.000Z",
    topics: [],
    groups: [
      {
        topic: "Town",
        articles: published.map((p, i) => ({
          id: `a${i}`,
          title: `Article ${i}`,
          source: "Harbour Gazette",
          published: p,
          ingestedAt: during,
          url: null,
          summary: [],
          keyFacts: [],
          quotation: null,
        })),
      },
    ],
    articleCount: published.length,
    shownCount: published.length,
  });

  it("names the days its articles were published, as a reader says them", () => {
    expect(windowOf(digestOf(["2022-12-28"]))).toBe("28 December 2022");
    expect(windowOf(digestOf(["2022-12-28T09:00:00Z", "2022-12-27"]))).toBe("27–28 December 2022");
    expect(windowOf(digestOf(["2022-11-30", "2022-12-02"]))).toBe("30 November – 2 December 2022");
    expect(windowOf(digestOf(["2022-12-30", "2023-01-02"]))).toBe("30 December 2022 – 2 January 2023");
    // Undated articles only: the window the digest covers.
    expect(windowOf(digestOf([null]))).toBe("1–2 June 2026");
    expect(renderDigest(digestOf(["2022-12-27", "2022-12-28"]))[0]!.title).toBe(
      "News digest — 27–28 December 2022: Town",
    );
  });

  it("groups by a section only when it reads as a section's name, not a headline's fragment", () => {
    for (const name of ["Politics", "US & World", "Science/Tech", "Local news"])
      expect(isSectionName(name), name).toBe(true);
    for (const name of ["CNN 'Chilling", "Storm batters the coast as thousands lose power", "News from the"])
      expect(isSectionName(name), name).toBe(false);
    const fragment = article({
      id: "frag",
      title: "Ferry strike ends",
      ingestedAt: during,
      section: "Gazette 'Chilling",
    });
    const d = buildDigest(factBase([fragment]), { since, until });
    expect(d.groups.map((g) => g.topic)).toEqual(["Other news"]);
  });
});

describe("the digest", () => {
  it("when more articles arrived than a digest holds, it composes the newest and counts the rest", () => {
    const d = buildDigest(facts, { since, until, maxArticles: 1 });
    expect(d.articleCount).toBe(2);
    expect(d.shownCount).toBe(1);
    const shown = d.groups.flatMap((g) => g.articles);
    expect(shown).toHaveLength(1);
    const newest = [...facts.articles]
      .filter((a) => ["bridge", "bus"].includes(a.id))
      .sort((x, y) => Date.parse(y.published ?? y.ingestedAt) - Date.parse(x.published ?? x.ingestedAt))[0]!;
    expect(shown[0]!.id).toBe(newest.id);
    const replies = renderDigest(d);
    expect(replies.at(-1)!.footer).toMatch(/^2 articles since .* UTC, the newest 1 shown$/);
  });

  it("holds what arrived in the window, with headline, outlet, date, link, a two-sentence summary, key facts and a quotation", () => {
    const d = buildDigest(facts, { since, until });
    expect(d.articleCount).toBe(2);
    const all = d.groups.flatMap((g) => g.articles);
    expect(all.map((a) => a.id).sort()).toEqual(["bridge", "bus"]);
    const b = all.find((a) => a.id === "bridge")!;
    expect(b).toMatchObject({
      title: bridge.title,
      source: "Harbour Gazette",
      published: "2026-06-01",
      url: "https://news.example/bridge",
    });
    expect(b.summary).toHaveLength(2);
    // Chosen by content: the scene-setting lead is passed over for the sentences about the bridge.
    expect(b.summary).not.toContain("Crowds gathered early on a grey morning.");
    expect(b.summary[0]).toMatch(/^The harbour bridge reopened/);
    // Bullets are whole facts, told as their clause: `reopen` takes an object in WordNet ("Somebody
    // ----s something"), and "to traffic on Monday" completes it; the date is said once.
    expect(b.keyFacts).toEqual([
      "The harbour bridge reopened to traffic on Monday",
      "Mayor Elena Ruiz drove the first car",
    ]);
    expect(b.quotation).toEqual({ text: quote({}).text, speaker: "Elena Ruiz", role: "Mayor" });
    const text = renderDigest(d)
      .map((r) => r.text)
      .join("\n");
    expect(text).toContain(
      "▸ Harbour bridge reopens after two years of repairs\nHarbour Gazette, 2026-06-01 · https://news.example/bridge",
    );
    expect(text).toContain("• Mayor Elena Ruiz drove the first car");
    expect(text).toContain(`“${quote({}).text}” — Elena Ruiz, Mayor`);
    expect(text).not.toContain("Old news");
  });

  it("matches a topic as whole words, never inside another word of a name, a section or the text", () => {
    const ministry: Entity = {
      id: "organisation:transport-ministry",
      type: "organisation",
      name: "Transport Ministry",
      aliases: [],
      roles: [],
      standsFor: null,
      mentions: [{ articleId: "bridge", sentenceId: "bridge#s0", text: "Transport Ministry" }],
    };
    const withMinistry = factBase([bridge, bus, old], { entities: [ruiz, ministry] });
    expect(buildDigest(withMinistry, { since, until, topics: ["sport"] }).articleCount).toBe(0);
    const byEntity = buildDigest(withMinistry, { since, until, topics: ["transport ministry"] });
    expect(byEntity.groups.flatMap((g) => g.articles.map((a) => a.id))).toContain("bridge");
  });

  it("says an article is undated rather than showing the day it was ingested", () => {
    const undated = article({
      id: "undated",
      title: "Ferry timetable changes",
      published: null,
      ingestedAt: "2026-06-01T09:00:00.000Z",
    });
    const lines = articleLines(buildDigest(factBase([undated]), { since, until }).groups[0]!.articles[0]!);
    expect(lines[1]).toBe("Test Times, undated · https://news.example/undated");
  });

  it("groups by section, and filters by topic against entities, title and text (forgiving a typo in a name)", () => {
    const d = buildDigest(facts, { since, until });
    expect(d.groups.map((g) => g.topic)).toContain("Transport");
    const byName = buildDigest(facts, { since, until, topics: ["Elena Ruis"] });
    expect(byName.groups).toEqual([
      { topic: "Elena Ruis", articles: [expect.objectContaining({ id: "bridge" })] },
    ]);
    const byWord = buildDigest(facts, { since, until, topics: ["night buses"] });
    expect(byWord.groups.flatMap((g) => g.articles.map((a) => a.id))).toEqual(["bus"]);
    expect(buildDigest(facts, { since, until, topics: ["volcano"] }).articleCount).toBe(0);
  });

  it("says nothing new in one line, or nothing at all", () => {
    const empty = buildDigest(facts, { since: until, until: new Date(until.getTime() + 3_600_000) });
    expect(renderDigest(empty)).toEqual([
      { kind: "info", title: "News digest", text: "Nothing new since the last digest.", citations: [] },
    ]);
    expect(renderDigest(empty, { nothingNew: null })).toEqual([]);
  });

  it("drops the dateline an article opens with from its summary", () => {
    const dateline = { place: "Yerevan", text: "Yerevan [Armenia], December 8:" };
    expect(
      withoutDateline("Yerevan [Armenia], December 8: on December 7, the two sides met.", dateline),
    ).toBe("On December 7, the two sides met.");
    expect(withoutDateline("The two sides met.", dateline)).toBe("The two sides met.");
  });

  it("prefers a direct, attributed quotation of readable length", () => {
    expect(
      quotationOfNote([quote({ id: "a", kind: "partial", speaker: null }), quote({ id: "b" })])?.speaker,
    ).toBe("Elena Ruiz");
    expect(quotationOfNote([quote({ text: "x".repeat(400) })])).toBeNull();
    expect(keyFacts([event({ actor: null })])).toEqual([]);
  });
});

describe("the digest within Discord's limits", () => {
  const many = Array.from({ length: 70 }, (_, i) =>
    article({
      id: `n${i}`,
      title: `Story number ${i} about the *harbour* and the_council`,
      ingestedAt: during,
      section: i % 3 === 0 ? "Transport" : "Town",
      sentences: Array.from(
        { length: 6 },
        (_, j) =>
          `Sentence ${j} of story ${i} describes the harbour council's long debate about ferries, bridges, parking fees and the budget in considerable detail, with figures such as ${j * 1000 + i} euros.`,
      ),
    }),
  );
  const d = buildDigest(factBase(many), { since, until });
  const replies = renderDigest(d);

  it("is split into embeds and messages that Discord accepts, without the renderer cutting anything", () => {
    expect(replies.length).toBeGreaterThan(3);
    for (const r of replies) expect(renderedLength(r.text)).toBeLessThanOrEqual(DIGEST_LIMITS.description);
    const messages = packMessages(replies).flatMap((group) => renderReplies(group));
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
      expect(messageSize(m)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
      for (const e of m.embeds) {
        expect(e.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
        expect(e.description).not.toContain(RENDER_MORE_HINT.trim());
      }
      expect(m.allowedMentions.parse).toEqual([]);
    }
    expect(messages.reduce((n, m) => n + m.embeds.length, 0)).toBe(replies.length);
  });

  it("keeps every article and every summary sentence whole", () => {
    const text = replies.map((r) => r.text).join("\n\n");
    for (const g of d.groups) {
      for (const a of g.articles) {
        expect(text).toContain(a.title);
        for (const s of a.summary) expect(text).toContain(s);
      }
    }
    expect(replies.filter((r) => r.title.endsWith("(continued)")).length).toBeGreaterThan(0);
  });

  it("splits a single over-long article between sentences, never inside one", () => {
    const sentence = "The committee heard evidence from forty witnesses over six weeks of hearings.";
    const block = ["▸ Long story", Array.from({ length: 120 }, () => sentence).join(" ")];
    const parts = splitIntoReplies([{ heading: "Town", blocks: [block] }], { title: "News digest" });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(renderedLength(p.text)).toBeLessThanOrEqual(DIGEST_LIMITS.description);
      for (const piece of p.text.split("\n").slice(p === parts[0] ? 1 : 0)) {
        expect(piece.split(sentence).join("").trim()).toBe("");
      }
    }
  });
});
