import { describe, expect, it } from "vitest";
import { mergeEntities } from "../../src/knowledge/entities.ts";
import { analyseArticle } from "../../src/knowledge/extract.ts";
import type { Entity } from "../../src/knowledge/schema.ts";
import { inputFromFile, SEED } from "./extract-input.ts";

const entity = (articleId: string, over: Partial<Entity> & Pick<Entity, "id" | "type" | "name">): Entity => ({
  aliases: [],
  roles: [],
  standsFor: null,
  mentions: [{ articleId, sentenceId: `${articleId}#s0`, text: over.name }],
  ...over,
});

const analyseText = (articleId: string, text: string) =>
  analyseArticle({
    articleId,
    title: "t",
    published: "2023-12-10",
    text,
    paragraphs: [{ start: 0, end: text.length }],
    toSource: (n) => n,
  });

describe("merging entities across articles", () => {
  it("merges an article that says only Mr. Pashinyan and EU into the full names of another", () => {
    const seed = analyseArticle(inputFromFile(SEED, "seed"));
    const other = analyseText("other", "Mr. Pashinyan met EU officials in Brussels on Monday.");
    expect(other.entities.map((e) => e.id)).toEqual(
      expect.arrayContaining(["person:pashinyan", "organisation:eu", "place:brussels"]),
    );
    const { entities, remap } = mergeEntities([seed.entities, other.entities]);
    expect(remap.get("person:pashinyan")).toBe("person:nikol-pashinyan");
    expect(remap.get("organisation:eu")).toBe("organisation:european-union");
    const pashinyan = entities.find((e) => e.id === "person:nikol-pashinyan")!;
    expect(pashinyan.roles).toEqual(["Armenian Prime Minister"]);
    expect(pashinyan.mentions.map((m) => m.articleId)).toContain("other");
    expect(entities.filter((e) => e.type === "person" && /Pashinyan/.test(e.name))).toHaveLength(1);
    // Brussels stands for Belgium in the merged base as well.
    expect(entities.find((e) => e.id === "place:brussels")!.standsFor).toBe("place:belgium");
  });

  it("merges spellings of one name and keeps the fullest as canonical", () => {
    const { entities, remap } = mergeEntities([
      [entity("a", { id: "organisation:timewarner", type: "organisation", name: "TimeWarner" })],
      [
        entity("b", {
          id: "organisation:time-warner",
          type: "organisation",
          name: "Time Warner",
          aliases: ["TW"],
        }),
      ],
    ]);
    expect(entities).toHaveLength(1);
    expect(entities[0]!.name).toBe("Time Warner");
    expect([...entities[0]!.aliases].sort()).toEqual(["TW", "TimeWarner"]);
    expect(entities[0]!.mentions).toHaveLength(2);
    expect(remap.get("organisation:timewarner")).toBe("organisation:time-warner");
  });

  it("resolves a lone surname only when one person in full carries it", () => {
    const one = mergeEntities([
      [
        entity("a", {
          id: "person:ilham-aliyev",
          type: "person",
          name: "Ilham Aliyev",
          roles: ["President"],
        }),
      ],
      [
        entity("b", {
          id: "person:aliyev",
          type: "person",
          name: "Aliyev",
          roles: ["Azerbaijani President"],
        }),
      ],
    ]);
    expect(one.entities).toHaveLength(1);
    expect(one.entities[0]!.roles).toEqual(["President", "Azerbaijani President"]);
    const two = mergeEntities([
      [entity("a", { id: "person:john-smith", type: "person", name: "John Smith" })],
      [entity("b", { id: "person:anna-smith", type: "person", name: "Anna Smith" })],
      [entity("c", { id: "person:smith", type: "person", name: "Smith" })],
    ]);
    expect(two.entities.map((e) => e.id).sort()).toEqual([
      "person:anna-smith",
      "person:john-smith",
      "person:smith",
    ]);
  });

  it("merges nothing through an alias two different entities share", () => {
    const { entities } = mergeEntities([
      [
        entity("a", {
          id: "organisation:armenias-foreign-ministry",
          type: "organisation",
          name: "Armenia's Foreign Ministry",
          aliases: ["Foreign Ministry"],
        }),
      ],
      [
        entity("b", {
          id: "organisation:frances-foreign-ministry",
          type: "organisation",
          name: "France's Foreign Ministry",
          aliases: ["Foreign Ministry"],
        }),
      ],
      [entity("c", { id: "organisation:foreign-ministry", type: "organisation", name: "Foreign Ministry" })],
    ]);
    expect(entities).toHaveLength(3);
  });

  it("never merges a place with a person of the same name", () => {
    const { entities } = mergeEntities([
      [entity("a", { id: "place:washington", type: "place", name: "Washington" })],
      [entity("b", { id: "person:washington", type: "person", name: "Washington" })],
    ]);
    expect(entities.map((e) => e.id).sort()).toEqual(["person:washington", "place:washington"]);
  });
});
