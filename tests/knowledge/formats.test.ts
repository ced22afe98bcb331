import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findDateline, toIsoPublished } from "../../src/knowledge/formats/common.ts";
import { decodeXmlEntities } from "../../src/knowledge/formats/feed.ts";
import { inertDom } from "../../src/knowledge/formats/html.ts";
import { ArticleParseError, detectFormat, parseArticleFile } from "../../src/knowledge/formats/index.ts";

const FIXTURES = "tests/fixtures/articles";
const SEED = "../shared/seed/2023-12-08-armenia-azerbaijan-normalize-relations.txt";
const BBC = "../shared/corpus/bbc-cc0/articles";

const parse = (path: string) => parseArticleFile(readFileSync(path), path);
const fixture = (path: string) => parse(join(FIXTURES, path));
const failure = (path: string) => {
  try {
    fixture(path);
  } catch (err) {
    expect(err).toBeInstanceOf(ArticleParseError);
    return (err as Error).message;
  }
  throw new Error(`${path} parsed without an error`);
};

describe("the seed's plain-text layout", () => {
  const [seed] = parse(SEED);

  it("reads the headline once, the section, the outlet and the date", () => {
    expect(seed!.title).toBe("Armenia and Azerbaijan aim to normalize relations");
    expect(seed!.section).toBe("World");
    expect(seed!.source).toBe("ThanhNien Newspaper");
    expect(seed!.published).toBe("2023-12-08");
    expect(seed!.format).toBe("text");
  });

  it("records the dateline and keeps the body text intact", () => {
    expect(seed!.dateline).toEqual({ place: "Yerevan", text: "Yerevan [Armenia], December 8:" });
    expect(seed!.body[0]).toMatch(/^Yerevan \[Armenia\], December 8: On December 7, Armenia and Azerbaijan/);
    expect(seed!.body).toHaveLength(13);
    expect(seed!.body.at(-1)).toMatch(/according to AFP\.$/);
    expect(seed!.body.join("\n")).not.toContain("Source:");
    // The dirty text is left for the normaliser, which keeps the offsets.
    expect(seed!.body[3]).toContain("NikolPashinyan");
  });

  it("reads a wire story with a wire dateline and Windows line endings", () => {
    const [wire] = fixture("text/wire-story.txt");
    expect(wire!.dateline).toEqual({ place: "Washington", text: "WASHINGTON, Mar 5 (AP) —" });
    expect(wire!.source).toBe("Midwest Ledger");
    expect(wire!.section).toBe("Business");
    const [crlf] = fixture("text/crlf-story.txt");
    expect(crlf!.title).toBe("Ferry service resumes after storm");
    expect(crlf!.published).toBe("2024-01-15");
    expect(crlf!.dateline).toEqual({ place: "Helsinki", text: "HELSINKI (Reuters) -" });
    expect(crlf!.body).toHaveLength(1);
    expect(crlf!.body[0]).not.toContain("\r");
  });

  it("reads Windows-1252 and UTF-16 files as text", () => {
    const [latin1] = fixture("text/latin1-story.txt");
    expect(latin1!.title).toBe("Café chain opens 50 stores");
    expect(latin1!.source).toBe("Gazeta Econômica");
    expect(latin1!.body[0]).toContain("in São Paulo.");
    const [utf16] = fixture("text/utf16-story.txt");
    expect(utf16!.title).toBe("River levels fall after week of rain");
    expect(utf16!.published).toBe("2024-05-20");
    expect(utf16!.source).toBe("Danube Daily");
  });

  it("reads a labelled date line and leaves a byline out of the body", () => {
    const [tower] = fixture("text/labelled-date.txt");
    expect(tower!.title).toBe("Tallest tower in the region opens to visitors");
    expect(tower!.section).toBeNull();
    expect(tower!.published).toBe("2024-03-30");
    expect(tower!.source).toBe("Nordic Herald");
    expect(tower!.body).toEqual([
      "The 310-metre tower opened its observation deck on Saturday, the city's tourism office said.",
      "About 4,000 visitors queued on the first day.",
    ]);
  });
});

describe("Markdown with front matter", () => {
  it("reads a BBC article: title and source from the front matter, no published date", () => {
    const [a] = parse(join(BBC, "business-001.md"));
    expect(a!.title).toBe("Ad sales boost Time Warner profit");
    expect(a!.source).toBe("BBC News");
    expect(a!.published).toBeNull();
    expect(a!.format).toBe("markdown");
    expect(a!.body[0]).toMatch(/^Quarterly profits at US media giant TimeWarner jumped 76%/);
    expect(a!.body).toHaveLength(5);
  });

  it("reads quoted and unquoted scalars and strips the Markdown markup", () => {
    const [a] = fixture("markdown/orchestra.md");
    expect(a!.title).toBe('Orchestra\'s "farewell" tour sells out in hours');
    expect(a!.published).toBe("2024-02-10");
    expect(a!.source).toBe("Northern Echo Review");
    expect(a!.url).toBe("https://northernecho.example/culture/orchestra-farewell-tour");
    expect(a!.section).toBe("Culture");
    expect(a!.body[0]).toBe(
      "The city's symphony orchestra sold all 18,000 tickets for its farewell tour within four hours on Saturday, the box office said.",
    );
    expect(a!.body).toContain(
      'Conductor Lena Markovic said the orchestra was "overwhelmed" by the response. Extra dates in March are being considered.',
    );
    expect(a!.body).toContain("The tour opens in Leeds on 4 April.");
    expect(a!.body.join(" ")).not.toMatch(/[*_#[\]]/);
  });
});

describe("JSON articles", () => {
  it("reads one object, with its dateline", () => {
    const [a, more] = fixture("json/wildfire.json");
    expect(more).toBeUndefined();
    expect(a!.title).toBe("Wildfire forces evacuation of mountain villages");
    expect(a!.source).toBe("Alpine Courier");
    expect(a!.published).toBe("2024-08-21");
    expect(a!.url).toBe("https://alpinecourier.example/2024/08/21/wildfire-evacuation");
    expect(a!.dateline).toEqual({ place: "Geneva", text: "GENEVA, Aug 21 (AP) —" });
    expect(a!.body).toHaveLength(2);
  });

  it("reads an array, each item an article, with a null published date allowed", () => {
    const items = fixture("json/briefs.json");
    expect(items.map((a) => a.title)).toEqual([
      "Rail operator orders 50 new trains",
      "Museum returns bronze statues",
    ]);
    expect(items[0]!.published).toBe("2024-09-02T07:15:00Z");
    expect(items[0]!.body).toEqual([
      "The national rail operator has ordered 50 new electric trains worth 1.2 billion euros, it said on Monday.",
      "The first trains are due to enter service in 2027.",
    ]);
    expect(items[1]!.published).toBeNull();
    expect(items[1]!.url).toBeNull();
  });
});

describe("HTML news pages", () => {
  const [page] = fixture("html/harbour-strike.html");

  it("extracts the article with Readability and the metadata from the head", () => {
    expect(page!.title).toBe("Dock workers end strike after pay deal");
    expect(page!.source).toBe("Harbour Times");
    expect(page!.published).toBe("2024-03-14T09:30:00+01:00");
    expect(page!.url).toBe("https://www.harbourtimes.example/business/2024/03/dock-workers-end-strike");
    expect(page!.section).toBe("Business");
    expect(page!.dateline).toEqual({ place: "Rotterdam", text: "ROTTERDAM (Reuters) -" });
    expect(page!.format).toBe("html");
  });

  it("keeps the article's paragraphs and leaves out navigation, asides and footer", () => {
    expect(page!.body).toHaveLength(5);
    expect(page!.body[2]).toMatch(
      /^"This agreement recognises the work our members do every day," union negotiator/,
    );
    const all = page!.body.join(" ");
    expect(all).not.toContain("Most read");
    expect(all).not.toContain("All rights reserved");
    expect(all).not.toContain("SCRIPT RAN");
  });

  it("parses pages inertly: their scripts do not run", () => {
    const dom = inertDom(readFileSync(join(FIXTURES, "html/harbour-strike.html"), "utf8"));
    expect((dom.window as unknown as { __ran?: boolean }).__ran).toBeUndefined();
    expect(dom.window.document.title).toBe("Dock workers end strike after pay deal | Harbour Times");
  });
});

describe("RSS and Atom feeds", () => {
  it("makes every RSS item an article, with channel title as outlet and HTML stripped", () => {
    const items = fixture("feeds/city-desk.rss");
    expect(items).toHaveLength(2);
    const [tram, library] = items;
    expect(tram!.title).toBe("Council approves new tram line & cycle lanes");
    expect(tram!.source).toBe("City Desk News");
    expect(tram!.url).toBe("https://citydesk.example/news/2024/05/tram-line-approved");
    expect(tram!.published).toBe("2024-05-07T16:45:00Z");
    expect(tram!.section).toBe("Transport");
    // content:encoded (fuller) wins over the description; HTML entities are decoded.
    expect(tram!.body[0]).toBe(
      "The city council approved a new tram line on Tuesday, voting 31 to 12 in favour of the £240 million project.",
    );
    expect(tram!.body[1]).toContain("Construction is due to start next spring.");
    expect(library!.body).toEqual([
      "The central library reopened on Monday, eight months after a burst water main flooded its ground floor.",
      "About 12,000 books were lost, the council said.",
    ]);
    expect(library!.format).toBe("feed");
  });

  it("makes every Atom entry an article: alternate link, published or updated, html and xhtml content", () => {
    const [telescope, bees] = fixture("feeds/science-wire.atom");
    expect(telescope!.title).toBe("Telescope spots water vapour on distant planet");
    expect(telescope!.source).toBe("Science Wire");
    expect(telescope!.url).toBe("https://sciencewire.example/2024/06/water-vapour");
    expect(telescope!.published).toBe("2024-06-01T10:00:00Z");
    expect(telescope!.body[1]).toBe(
      '"It is the first time we have seen this so clearly," said lead author Dr Ana Ruiz.',
    );
    expect(bees!.published).toBe("2024-05-30T15:20:00Z");
    expect(bees!.body).toEqual([
      "Honey bees can be trained to count up to four, researchers in Melbourne reported on Thursday.",
      "The team tested 14 bees over three months.",
    ]);
  });

  it("reads an RSS 1.0 (RDF) feed, whose items sit beside the channel", () => {
    const [bridge] = fixture("feeds/rdf-bulletin.rdf.xml");
    expect(bridge!.title).toBe("Old bridge reopens to traffic");
    expect(bridge!.source).toBe("Valley Bulletin");
    expect(bridge!.published).toBe("2024-04-02T07:00:00+02:00");
    expect(bridge!.url).toBe("https://bulletin.example/bridge-reopens");
    expect(bridge!.body).toEqual([
      "The old stone bridge reopened on Tuesday after two years of repairs costing 4 million euros.",
    ]);
  });

  it("decodes only the XML entities and character references", () => {
    expect(decodeXmlEntities("a &amp; b &lt;p&gt; &#8217; &#x2014; &nbsp;")).toBe("a & b <p> ’ — &nbsp;");
  });
});

describe("format detection and shared readers", () => {
  it("detects by content before extension", () => {
    expect(detectFormat('{"title": "x"}', "story.txt")).toBe("json");
    expect(detectFormat("---\ntitle: x\n---\nbody", "story.txt")).toBe("markdown");
    expect(detectFormat('<?xml version="1.0"?>\n<rss version="2.0"></rss>', "feed.txt")).toBe("feed");
    expect(detectFormat("<!doctype html><html></html>", "page.xml")).toBe("html");
    expect(detectFormat("World\nHeadline\nDec 08, 2023\nBody.\nSource: X", "a.md")).toBe("text");
    expect(detectFormat("just some words\nand more", "notes.txt")).toBeNull();
  });

  it("reads publication dates, keeping the written day and offset", () => {
    expect(toIsoPublished("Dec 08, 2023")).toBe("2023-12-08");
    expect(toIsoPublished("Fri, 08 Dec 2023 23:30:00 -0500")).toBe("2023-12-08T23:30:00-05:00");
    expect(toIsoPublished("2023-12-08T00:30:00+07:00")).toBe("2023-12-08T00:30:00+07:00");
    expect(toIsoPublished("soon")).toBeNull();
  });

  it("finds wire and bracketed datelines, and not ordinary opening words", () => {
    expect(findDateline("LONDON (Reuters) - Shares rose")).toEqual({
      place: "London",
      text: "LONDON (Reuters) -",
    });
    expect(findDateline("PARIS, France (AFP) - The")?.place).toBe("Paris");
    expect(findDateline("Yerevan [Armenia], December 8: On")?.place).toBe("Yerevan");
    expect(findDateline("New York (CNN Business) President Dana Placeholder said")).toEqual({
      place: "New York",
      text: "New York (CNN Business)",
    });
    expect(findDateline("Washington CNN —")?.place).toBe("Washington");
    expect(findDateline("(CNN) The mayor said")).toBeNull();
    expect(findDateline("CNN —")).toBeNull();
    expect(findDateline("Apple (AAPL) shares rose")).toBeNull();
    expect(findDateline("Mr Blair: we will go on")).toBeNull();
    expect(findDateline("The Kyrgyz Republic - a small state")).toBeNull();
  });
});

describe("bad input", () => {
  it("when a file is empty, it says so", () => {
    expect(failure("bad/empty.txt")).toBe(
      `ingest: ${FIXTURES}/bad/empty.txt: empty file (nothing to ingest)`,
    );
  });

  it("when a file is binary, it says so", () => {
    expect(failure("bad/binary.txt")).toMatch(/^ingest: .*binary\.txt: binary file, not an article/);
  });

  it("when the layout is unknown, it says which layouts it reads", () => {
    expect(failure("bad/unknown-layout.txt")).toMatch(
      /unknown-layout\.txt: unknown layout \(not a plain-text article/,
    );
  });

  it("when the front matter is unclosed or not YAML, it says the front matter is broken", () => {
    expect(failure("bad/unclosed-front-matter.md")).toMatch(
      /broken front matter: the opening `---` is never closed$/,
    );
    expect(failure("bad/broken-yaml.md")).toMatch(/broken-yaml\.md: broken front matter: /);
  });

  it("when a Markdown file has no front matter, it says what to add", () => {
    expect(failure("bad/no-front-matter.md")).toMatch(/no-front-matter\.md: Markdown without front matter/);
  });

  it("when an article has no body, it says so", () => {
    expect(failure("bad/no-body.md")).toMatch(/no-body\.md: no body text/);
  });

  it("when JSON is malformed or misses a field, it names the item and the field", () => {
    expect(failure("bad/broken.json")).toMatch(/broken\.json: broken JSON: /);
    expect(failure("bad/missing-field.json")).toBe(
      `ingest: ${FIXTURES}/bad/missing-field.json: JSON item 1 field \`source\`: is missing`,
    );
  });

  it("when a feed is not well-formed, it gives the parser's reason and line", () => {
    expect(failure("bad/broken-feed.xml")).toMatch(
      /broken-feed\.xml: broken feed: .*closing tag.*\(line \d+\)$/,
    );
  });

  it("when a feed declares entities (billion laughs), it refuses it without expanding anything", () => {
    expect(failure("bad/entity-bomb.xml")).toMatch(
      /entity-bomb\.xml: refused feed: it declares XML entities/,
    );
  });
});
