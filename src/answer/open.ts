/**
 * Opening a knowledge folder for answering, as the bot does at start: the fact base, the answer
 * engine, and its warm-up, with the two large files the start reads (`facts.cache` and
 * `facts.postings`) read ahead on a worker thread while the date reader's patterns compile (see
 * `src/read-ahead.ts`).
 */
import { join } from "node:path";
import { FACTS_CACHE_FILE } from "../knowledge/facts-cache.ts";
import { KnowledgeStore } from "../knowledge/store.ts";
import { readAhead } from "../read-ahead.ts";
import { AnswerEngine } from "./engine.ts";
import { warmReaders } from "./extract.ts";
import { POSTINGS_FILE } from "./postings-file.ts";

/** A knowledge folder opened for answering. */
export interface Answering {
  knowledge: KnowledgeStore;
  answers: AnswerEngine;
}

/**
 * Loads the fact base of `dir` and makes its answer engine ready (index built, first-use costs paid).
 * Throws a `FactBaseError` when the fact base is missing or invalid.
 */
export function openAnswering(dir: string): Answering {
  const ahead = readAhead([join(dir, FACTS_CACHE_FILE), join(dir, POSTINGS_FILE)]);
  try {
    // Compiles chrono-node's patterns (100–150 ms) while the worker reads the files.
    warmReaders();
    const knowledge = KnowledgeStore.load(dir);
    const answers = new AnswerEngine(knowledge);
    answers.warm();
    return { knowledge, answers };
  } finally {
    ahead.close();
  }
}
