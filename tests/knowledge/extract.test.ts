import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type ArticleAnalysis, analyseArticle } from "../../src/knowledge/extract.ts";
import { parseArticleFile } from "../../src/knowledge/formats/index.ts";
import { normaliseBody } from "../../src/knowledge/normalise.ts";
import type { Entity, Event } from "../../src/knowledge/schema.ts";
import { EntitySchema, EventSchema, SentenceSchema } from "../../src/knowledge/schema.ts";
import { inputFromFile, SEED } from "./extract-input.ts";

const ID = "seed";
let analysis: ArticleAnalysis;
let byId: Map<string, Entity>;

const person = (name: string) => analysis.entities.find((e) => e.type === "person" && e.name === name);
const eventsOf = (action: string) => analysis.events.filter((e) => e.action === action);
const sentenceOf = (e: Event) => analysis.sentences.find((s) => s.id === e.sentenceId)!;

beforeAll(() => {
  analysis = analyseArticle(inputFromFile(SEED, ID));
  byId = new Map(analysis.entities.map((e) => [e.id, e]));
});

describe("analysing the seed article", () => {
  it("splits the body into its twenty sentences, none running over two paragraphs", () => {
    expect(analysis.sentences).toHaveLength(20);
    expect(analysis.sentences.map((s) => s.id)).toEqual(analysis.sentences.map((_, i) => `${ID}#s${i}`));
    for (const s of analysis.sentences) expect(() => SentenceSchema.parse(s)).not.toThrow();
    const paragraphs = analysis.sentences.map((s) => s.paragraph);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expect(analysis.sentences[2]!.text).toMatch(/^"The two countries reaffirmed .* according to AFP\.$/);
    // A sentence opening with a quotation keeps its opening quote mark.
    expect(analysis.sentences[9]!.text.startsWith('"Welcome a major breakthrough')).toBe(true);
    expect(analysis.sentences[13]!.text).toContain("Mr. Aliyev refused to attend");
  });

  it("maps each sentence back to the dirty original words", () => {
    const file = parseArticleFile(readFileSync(SEED), SEED)[0]!;
    const n = normaliseBody(file.body, file.title);
    const s5 = analysis.sentences[5]!;
    expect(s5.text).toContain("Nikol Pashinyan");
    expect(n.source.slice(s5.source.start, s5.source.end)).toContain("NikolPashinyan");
  });

  it("finds exactly the six people, with their roles from the titles before their names", () => {
    const people = analysis.entities.filter((e) => e.type === "person");
    expect(people.map((p) => p.name).sort()).toEqual([
      "Antony Blinken",
      "Charles Michel",
      "Emmanuel Macron",
      "Ilham Aliyev",
      "Nikol Pashinyan",
      "Olaf Scholz",
    ]);
    expect(person("Nikol Pashinyan")!.roles).toEqual(["Armenian Prime Minister"]);
    expect(person("Ilham Aliyev")!.roles).toEqual(["Azerbaijani President"]);
    expect(person("Charles Michel")!.roles).toEqual(["European Council President"]);
    expect(person("Antony Blinken")!.roles).toEqual(["US Secretary of State"]);
    expect(person("Emmanuel Macron")!.roles).toEqual(["French President"]);
    expect(person("Olaf Scholz")!.roles).toEqual(["German Prime Minister"]);
  });

  it("resolves surnames and Mr. + surname to the person named in full", () => {
    const pashinyan = person("Nikol Pashinyan")!;
    expect(pashinyan.id).toBe("person:nikol-pashinyan");
    expect(pashinyan.aliases).toEqual(expect.arrayContaining(["Pashinyan", "Mr. Pashinyan"]));
    expect(pashinyan.mentions.map((m) => m.text)).toEqual(["Nikol Pashinyan", "Pashinyan", "Mr. Pashinyan"]);
    expect(person("Ilham Aliyev")!.aliases).toEqual(expect.arrayContaining(["Aliyev", "Mr. Aliyev"]));
    expect(person("Charles Michel")!.aliases).toContain("Mr. Michel");
    for (const e of analysis.entities)
      for (const m of e.mentions) expect(analysis.sentences.some((s) => s.id === m.sentenceId)).toBe(true);
  });

  it("knows the capitals stand for their countries' governments", () => {
    expect(byId.get("place:baku")!.standsFor).toBe("place:azerbaijan");
    expect(byId.get("place:yerevan")!.standsFor).toBe("place:armenia");
    expect(byId.get("place:washington")!.standsFor).toBe("place:united-states");
    expect(byId.get("place:armenia")!.aliases).toContain("Armenian");
    expect(byId.get("place:united-states")!.aliases).toContain("US");
  });

  it("reads organisations with their short forms and owners", () => {
    expect(byId.get("organisation:european-union")!.aliases).toContain("EU");
    expect(byId.get("organisation:armenias-foreign-ministry")!.name).toBe("Armenia's Foreign Ministry");
    expect(byId.get("organisation:european-council")).toBeDefined();
    for (const e of analysis.entities) expect(() => EntitySchema.parse(e)).not.toThrow();
  });

  it("reads the two releases as two future events with their quantities", () => {
    const releases = eventsOf("release");
    expect(releases).toHaveLength(2);
    const [baku, yerevan] = releases;
    expect(baku!.actor).toEqual({ text: "Baku", entityId: "place:baku" });
    expect(baku!.verb).toBe("will release");
    expect(baku!.tense).toBe("future");
    expect(baku!.object?.text).toBe("32 Armenian prisoners of war");
    expect(baku!.quantities).toEqual([
      { value: 32, text: "32 Armenian prisoners of war", unit: "Armenian prisoners of war" },
    ]);
    expect(yerevan!.actor).toEqual({ text: "Yerevan", entityId: "place:yerevan" });
    expect(yerevan!.tense).toBe("future");
    expect(yerevan!.quantities).toEqual([
      { value: 2, text: "two Azerbaijani soldiers", unit: "Azerbaijani soldiers" },
    ]);
    expect(sentenceOf(baku!)).toBe(sentenceOf(yerevan!));
    for (const e of analysis.events) expect(() => EventSchema.parse(e)).not.toThrow();
  });

  it("dates the joint statement to December 7 with both countries as its actors", () => {
    const issued = eventsOf("issue")[0]!;
    expect(issued.actor).toEqual({
      text: "Armenia and Azerbaijan",
      entityId: "place:armenia",
      entityIds: ["place:armenia", "place:azerbaijan"],
    });
    expect(issued.object?.text).toBe("a joint statement");
    expect(issued.date).toEqual({ text: "On December 7", value: "2023-12-07", precision: "day" });
    expect(issued.tense).toBe("past");
  });

  it("dates the laying down of weapons a day after September 19", () => {
    const laid = eventsOf("lay down")[0]!;
    expect(laid.actor?.text).toBe("Armenian separatist forces");
    expect(laid.object?.text).toBe("their weapons");
    expect(laid.date?.value).toBe("2023-09-20");
    const sent = eventsOf("send")[0]!;
    expect(sent.actor?.entityId).toBe("person:ilham-aliyev");
    expect(sent.date?.value).toBe("2023-09-19");
    expect(sent.place?.entityId).toBe("place:nagorno-karabakh");
    // The coordinated verb shares the subject.
    const agreed = eventsOf("agree").find((e) => e.sentenceId === laid.sentenceId)!;
    expect(agreed.actor?.text).toBe("Armenian separatist forces");
  });

  it("reads both refusals with their dates and places", () => {
    const [us, spain] = eventsOf("refuse");
    expect(us!.actor?.entityId).toBe("place:azerbaijan");
    expect(us!.date?.value).toBe("2023-11-20");
    expect(us!.place?.entityId).toBe("place:united-states");
    expect(spain!.actor).toEqual({ text: "Mr. Aliyev", entityId: "person:ilham-aliyev" });
    expect(spain!.date).toEqual({ text: "in October", value: "2023-10", precision: "month" });
    expect(spain!.place?.text).toBe("Spain");
    expect(spain!.object?.text).toContain("to attend the round of negotiations with Mr. Pashinyan");
  });

  it("names the praiser by the person, not by his council", () => {
    const praised = eventsOf("praise")[0]!;
    expect(praised.actor?.entityId).toBe("person:charles-michel");
    expect(praised.object?.text).toBe("the December 7 joint statement");
  });

  it("reads the event packed into EU-brokered", () => {
    const brokered = eventsOf("broker")[0]!;
    expect(brokered.actor).toEqual({ text: "EU", entityId: "organisation:european-union" });
    expect(brokered.object?.text).toBe("normalization negotiations");
    expect(brokered.sentenceId).toBe(`${ID}#s10`);
  });

  it("keeps the comparator of more than 100,000 people", () => {
    const left = eventsOf("leave")[0]!;
    expect(left.quantities).toContainEqual({
      value: 100_000,
      text: "more than 100,000 people",
      unit: "people",
    });
    expect(left.object?.entityId).toBe("place:nagorno-karabakh");
  });

  it("reads no event from words inside quotation marks or from verbs of saying", () => {
    expect(analysis.events.some((e) => e.sentenceId === `${ID}#s9`)).toBe(false);
    expect(analysis.events.some((e) => ["say", "write", "read", "add"].includes(e.action))).toBe(false);
  });

  it("credits AFP in the three sentences that name it", () => {
    expect(analysis.attributions).toEqual([
      { name: "AFP", sentenceId: `${ID}#s2` },
      { name: "AFP", sentenceId: `${ID}#s11` },
      { name: "AFP", sentenceId: `${ID}#s19` },
    ]);
  });

  it("without a publication date keeps absolute dates and leaves relative ones unresolved", () => {
    const undated = analyseArticle({ ...inputFromFile(SEED, ID), published: null });
    expect(undated.events.find((e) => e.action === "issue")!.date).toBeNull();
    expect(undated.events.find((e) => e.action === "fight")!.date).toEqual({
      text: "in 2020",
      value: "2020",
      precision: "year",
    });
  });
});
