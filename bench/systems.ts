/**
 * newsdesk as the benchmark sees it: through its public functions only (the fact-base store, the
 * answer engine and its autocomplete). While a piece has not landed yet, the newsdesk column says
 * "not available" and why, rather than measuring a stand-in.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openAnswering } from "../src/answer/open.ts";

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

/** Opens `knowledgeDir` for answering as the bot does at start (`openAnswering`), timing it. */
export async function loadNewsdesk(knowledgeDir: string): Promise<NewsdeskLoad> {
  if (!existsSync(join(knowledgeDir, "facts.json"))) {
    return { available: false, reason: "no fact base (the ingest is not available)" };
  }
  const t0 = performance.now();
  // What the bot does at start (src/bootstrap.ts): read the fact base (facts.cache when it matches
  // facts.json), build the answer index and warm it up, with the large files read ahead.
  const { answers: engine } = openAnswering(knowledgeDir);
  const t1 = performance.now();
  return {
    available: true,
    system: {
      name: "newsdesk",
      loadParts: { openMs: t1 - t0 },
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
