/**
 * newsdesk as the benchmark sees it: through its public functions only (the fact-base store, the
 * answer engine and its autocomplete). While a piece has not landed yet, the newsdesk column says
 * "not available" and why, rather than measuring a stand-in.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { AnswerEngine } from "../src/answer/engine.ts";
import { KnowledgeStore, readFactBase } from "../src/knowledge/store.ts";

/** A loaded system, ready to be asked. */
export interface System {
  name: string;
  /** Load time broken down (read, validate, index…), in ms. */
  loadParts: Record<string, number>;
  /** The supporting sentence of the top answer, or null when the system abstains. */
  ask(question: string): { sentence: string } | null;
  /** Autocomplete for a typed prefix; returns the number of choices. */
  autocomplete(prefix: string): number;
}

/** newsdesk loaded, or why it cannot be. */
export type NewsdeskLoad = { available: true; system: System } | { available: false; reason: string };

/** Loads the fact base of `knowledgeDir` and builds the answer index, timing each step. */
export async function loadNewsdesk(knowledgeDir: string): Promise<NewsdeskLoad> {
  if (!existsSync(join(knowledgeDir, "facts.json"))) {
    return { available: false, reason: "no fact base (the ingest is not available)" };
  }
  const t0 = performance.now();
  // read + JSON parse + zod validation: what the bot does at start.
  const facts = readFactBase(knowledgeDir);
  const t1 = performance.now();
  const store = new KnowledgeStore(knowledgeDir, facts);
  const engine = new AnswerEngine(store);
  // The bot builds the index at start-up too (services.answers.warm()), not on the first question.
  engine.warm();
  const t2 = performance.now();
  return {
    available: true,
    system: {
      name: "newsdesk",
      loadParts: { readValidateMs: t1 - t0, indexMs: t2 - t1 },
      ask(question) {
        const result = engine.answerQuestion(question);
        const sentence = result.answer === null ? undefined : result.citations[0]?.sentence;
        return sentence === undefined ? null : { sentence };
      },
      autocomplete(prefix) {
        return engine.autocomplete(prefix).length;
      },
    },
  };
}
