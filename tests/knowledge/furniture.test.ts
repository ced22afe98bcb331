import { describe, expect, it } from "vitest";
import { parseArticleFile } from "../../src/knowledge/formats/index.ts";
import { furnitureOf } from "../../src/knowledge/furniture.ts";
import { normaliseBody } from "../../src/knowledge/normalise.ts";

describe("page furniture", () => {
  it("takes a paragraph that ends in a photo credit for a caption", () => {
    expect(furnitureOf("Crowds wait outside the town hall on Monday. Jane Placeholder/Getty Images")).toBe(
      "caption",
    );
    expect(furnitureOf("A ferry leaves the harbour at dawn. Sam Example/AP")).toBe("caption");
    expect(furnitureOf("Smoke over the valley on March 3. snapper42/Wire Photos /IPX/AP")).toBe("caption");
  });

  it("keeps a story sentence that names a poll or a slash in prose", () => {
    expect(furnitureOf("Most voters back the plan, according to an AP/NORC poll.")).toBeNull();
    expect(furnitureOf("The council said the road would reopen and/or be widened by June.")).toBeNull();
    expect(furnitureOf("Turnout was high in the north and the east of the country.")).toBeNull();
  });

  it("knows galleries, video players, link lines and bylines", () => {
    expect(furnitureOf("Photos: A year in pictures The harbour at dawn. Hide Caption 1 of 12")).toBe(
      "gallery",
    );
    expect(furnitureOf("Video Ad Feedback Mayor speaks after the flood 02:15 - Source: Example News")).toBe(
      "video",
    );
    expect(furnitureOf("In pictures: The harbour festival Prev Next")).toBe("gallery");
    expect(
      furnitureOf(
        "JUST WATCHED How the bridge was built Replay More Videos ... MUST WATCH How the bridge was built 02:19",
      ),
    ).toBe("video");
    expect(furnitureOf("Replay More Videos ... MUST WATCH How the bridge was built")).toBe("video");
    expect(furnitureOf("Washington CNN —")).toBe("wire");
    expect(furnitureOf("CNN —")).toBe("wire");
    expect(furnitureOf("Read More")).toBe("link");
    expect(furnitureOf("Related: How the bridge was built")).toBe("link");
    expect(furnitureOf("Prev Next")).toBe("link");
    expect(furnitureOf("By Jane Placeholder and John Example, Example News")).toBe("byline");
  });

  it("does not take a story paragraph that starts like one of them", () => {
    expect(furnitureOf("By Sunday evening, the protests had spread to three more cities.")).toBeNull();
    expect(furnitureOf("Next week the council will vote on the budget.")).toBeNull();
    expect(furnitureOf("Just watched the final, one fan said, and it was worth the wait.")).toBeNull();
    expect(furnitureOf("Related cases are pending in two other states, the court said.")).toBeNull();
  });
});

describe("normalising a body with furniture", () => {
  const paragraphs = [
    "The bridge reopened on Tuesday after two years of repairs.",
    "Cars cross the bridge on Tuesday. Jane Placeholder/Getty Images",
    "Read More",
    "The mayor said the work cost $40 million.",
  ];
  const body = normaliseBody(paragraphs);

  it("leaves the furniture out of the text and says so", () => {
    expect(body.text).toBe(
      "The bridge reopened on Tuesday after two years of repairs.\n\nThe mayor said the work cost $40 million.",
    );
    expect(body.repairs.filter((r) => r.kind === "furniture").map((r) => r.from)).toEqual([
      paragraphs[1],
      "Read More",
    ]);
  });

  it("still maps the text after it back to its place in the source", () => {
    const start = body.text.indexOf("The mayor");
    expect(body.source.slice(body.toSource(start), body.toSource(body.text.length))).toBe(paragraphs[3]);
  });
});

describe("furniture in each article format", () => {
  const textOf = (raw: string, file: string) =>
    parseArticleFile(new TextEncoder().encode(raw), file).map((p) => normaliseBody(p.body, p.title).text);

  it("HTML: a figure's caption and credit, and a caption paragraph, are not the story", () => {
    const html = `<!doctype html><html><head><title>Bridge reopens | Example News</title>
      <meta property="og:site_name" content="Example News"></head><body><article>
      <h1>Bridge reopens</h1>
      <p>The harbour bridge reopened on Tuesday after two years of repairs, the city said.</p>
      <figure><img src="b.jpg"><figcaption>Cars cross the bridge on Tuesday. Jane Placeholder/Getty Images</figcaption></figure>
      <p>Cyclists queue at the bridge at dawn. Sam Example/AP</p>
      <p>The repairs cost 40 million euros, more than planned, according to the transport authority.</p>
      <p>Read More</p></article></body></html>`;
    const [text] = textOf(html, "bridge.html");
    expect(text).toContain("reopened on Tuesday");
    expect(text).toContain("40 million euros");
    expect(text).not.toMatch(/Getty|Sam Example|Cars cross|Read More/);
  });

  it("Markdown: a caption line with its credit and a Related: line are left out", () => {
    const md = `---\ntitle: Bridge reopens\npublished: 2026-06-02\nsource: Example News\n---\n\nThe harbour bridge reopened on Tuesday after two years of repairs.\n\nCars cross the bridge on Tuesday. Jane Placeholder/Getty Images\n\nRelated: How the bridge was built\n\nThe repairs cost 40 million euros, the city said.\n`;
    const [text] = textOf(md, "bridge.md");
    expect(text).toBe(
      "The harbour bridge reopened on Tuesday after two years of repairs.\n\nThe repairs cost 40 million euros, the city said.",
    );
  });

  it("feeds: an item's caption paragraph and video player text are left out", () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><link>https://news.example/</link>
      <item><title>Bridge reopens</title><link>https://news.example/bridge</link><pubDate>Tue, 02 Jun 2026 08:00:00 GMT</pubDate>
      <description><![CDATA[<p>The harbour bridge reopened on Tuesday after two years of repairs.</p><p>Cars cross the bridge on Tuesday. Jane Placeholder/Getty Images</p><p>Video Ad Feedback The mayor opens the bridge 01:12 - Source: Example News</p><p>The repairs cost 40 million euros, the city said.</p>]]></description></item>
      </channel></rss>`;
    const [text] = textOf(rss, "feed.xml");
    expect(text).toBe(
      "The harbour bridge reopened on Tuesday after two years of repairs.\n\nThe repairs cost 40 million euros, the city said.",
    );
  });
});
