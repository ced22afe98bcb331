import { describe, expect, it } from "vitest";
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
    expect(furnitureOf("Read More")).toBe("link");
    expect(furnitureOf("Related: How the bridge was built")).toBe("link");
    expect(furnitureOf("Prev Next")).toBe("link");
    expect(furnitureOf("By Jane Placeholder and John Example, Example News")).toBe("byline");
  });

  it("does not take a story paragraph that starts like one of them", () => {
    expect(furnitureOf("By Sunday evening, the protests had spread to three more cities.")).toBeNull();
    expect(furnitureOf("Next week the council will vote on the budget.")).toBeNull();
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
