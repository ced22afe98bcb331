/**
 * Test fact bases for the answering engine: the seed article (and a few BBC articles) built through
 * the real ingest, once per test file, into a temporary knowledge folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AnswerEngine } from "../../src/answer/engine.ts";
import { ingest } from "../../src/knowledge/ingest.ts";
import type { FactBase } from "../../src/knowledge/schema.ts";
import { KnowledgeStore } from "../../src/knowledge/store.ts";

export const SEED = "../shared/seed/2023-12-08-armenia-azerbaijan-normalize-relations.txt";
export const BBC = "../shared/corpus/bbc-cc0/articles";

/** A fact base built by the real ingest, in its own folder. */
export interface BuiltKnowledge {
  dir: string;
  facts: FactBase;
  store: KnowledgeStore;
  engine: AnswerEngine;
  remove(): void;
}

/** Ingests the given article files into a fresh temporary knowledge folder. */
export async function buildKnowledge(inputs: string[]): Promise<BuiltKnowledge> {
  const root = mkdtempSync(join(tmpdir(), "newsdesk-answer-"));
  const dir = join(root, "knowledge");
  const result = await ingest({
    inputs,
    knowledgeDir: dir,
    workers: 0,
    now: () => new Date("2024-01-01T00:00:00.000Z"),
  });
  if (result.failures.length) throw new Error(`test ingest failed: ${JSON.stringify(result.failures)}`);
  const store = KnowledgeStore.load(dir);
  return {
    dir,
    facts: store.facts,
    store,
    engine: new AnswerEngine(store),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

type EntitySeed = {
  id: string;
  type: "person" | "place" | "organisation";
  name: string;
  aliases?: string[];
  roles?: string[];
  standsFor?: string;
};

/**
 * The seed's fact base with entities and release events written out by hand, the way the
 * extraction gives them: to test how the engine uses structured facts whatever the extraction
 * currently yields.
 */
export function withStructuredFacts(facts: FactBase): FactBase {
  const article = facts.articles[0]!;
  const sentenceWith = (words: string) => article.sentences.find((s) => s.text.includes(words));
  const seeds: EntitySeed[] = [
    {
      id: "person:nikol-pashinyan",
      type: "person",
      name: "Nikol Pashinyan",
      aliases: ["Pashinyan", "Mr. Pashinyan"],
      roles: ["Armenian Prime Minister"],
    },
    {
      id: "person:ilham-aliyev",
      type: "person",
      name: "Ilham Aliyev",
      aliases: ["Aliyev", "Mr. Aliyev"],
      roles: ["Azerbaijani President"],
    },
    {
      id: "person:antony-blinken",
      type: "person",
      name: "Antony Blinken",
      aliases: ["Blinken"],
      roles: ["US Secretary of State"],
    },
    {
      id: "person:charles-michel",
      type: "person",
      name: "Charles Michel",
      aliases: ["Michel", "Mr. Michel"],
      roles: ["European Council President"],
    },
    { id: "place:azerbaijan", type: "place", name: "Azerbaijan" },
    { id: "place:armenia", type: "place", name: "Armenia" },
    { id: "place:baku", type: "place", name: "Baku", standsFor: "place:azerbaijan" },
    { id: "place:yerevan", type: "place", name: "Yerevan", standsFor: "place:armenia" },
    { id: "place:nagorno-karabakh", type: "place", name: "Nagorno-Karabakh" },
  ];
  const entities = seeds.map((e) => ({
    id: e.id,
    type: e.type,
    name: e.name,
    aliases: e.aliases ?? [],
    roles: e.roles ?? [],
    standsFor: e.standsFor ?? null,
    mentions: article.sentences
      .filter((s) => [e.name, ...(e.aliases ?? [])].some((n) => s.text.includes(n)))
      .map((s) => ({ articleId: article.id, sentenceId: s.id, text: e.name })),
  }));
  const release = sentenceWith("will release")!;
  const event = (id: string, actor: string, actorId: string, object: string, value: number) => ({
    id,
    articleId: article.id,
    sentenceId: release.id,
    actor: { text: actor, entityId: actorId },
    action: "release",
    verb: "will release",
    object: { text: object, entityId: null },
    date: null,
    place: null,
    quantities: [{ value, text: object, unit: object.replace(/^\S+\s/, "") }],
    tense: "future" as const,
    negated: false,
    text: `${actor} will release ${object}`,
  });
  return {
    ...facts,
    entities,
    events: [
      event("e1", "Baku", "place:baku", "32 Armenian prisoners of war", 32),
      event("e2", "Yerevan", "place:yerevan", "two Azerbaijani soldiers", 2),
    ],
  };
}
