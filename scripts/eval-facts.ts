/**
 * `npm run eval:facts`: how many of the extracted events read as whole facts (`isWholeEvent`,
 * src/knowledge/whole-fact.ts) on the cnn-quiz articles (../shared/eval) and the bbc-cc0
 * articles, by the reason the others fail. An event that fails is shown by /timeline, /facts
 * and the digest as its sentence instead; this measures the extractor, not what is shown.
 * Writes 50 events drawn at random (seeded) from each corpus to bench/results/facts-sample-SET.txt,
 * each with its clause and whether it counts as whole, for reading one by one.
 *
 * Usage: npm run eval:facts
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEV_SETS, knowledgeOf } from "../src/answer/eval/sets.ts";
import type { Event } from "../src/knowledge/schema.ts";
import type { KnowledgeStore } from "../src/knowledge/store.ts";
import { eventFact, whyNotWhole } from "../src/knowledge/whole-fact.ts";

const root = process.cwd();
const BBC = resolve(root, "../shared/corpus/bbc-cc0/articles");

const order = (ev: Event) => createHash("sha256").update(`newsdesk-facts-sample-1:${ev.id}`).digest("hex");

async function report(name: string, store: KnowledgeStore): Promise<void> {
  const events = store.facts.events;
  const sentences = new Map(
    store.facts.articles.flatMap((a) => a.sentences.map((s) => [s.id, s.text] as const)),
  );
  const reasons = new Map<string, number>();
  for (const ev of events) {
    const r = whyNotWhole(ev);
    if (r) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  const failing = [...reasons.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(
    `${name}: ${events.length} events in ${store.facts.articles.length} articles; ${events.length - failing} whole, ` +
      `${failing} not (${((100 * failing) / (events.length || 1)).toFixed(1)}%), shown as their sentence:\n`,
  );
  for (const [r, n] of [...reasons].sort((a, b) => b[1] - a[1]))
    process.stdout.write(`  ${String(n).padStart(6)}  ${r}\n`);
  const sample = [...events].sort((a, b) => order(a).localeCompare(order(b))).slice(0, 50);
  const file = join(root, "bench", "results", `facts-sample-${name}.txt`);
  writeFileSync(
    file,
    `${sample
      .map(
        (ev, i) =>
          `${String(i + 1).padStart(2)}. [${whyNotWhole(ev) ?? "whole"}] ${eventFact(ev)}\n    sentence: ${sentences.get(ev.sentenceId) ?? ev.text}`,
      )
      .join("\n")}\n`,
  );
  process.stdout.write(`  50 events drawn at random: ${file}\n`);
}

const cnn = DEV_SETS.find((s) => s.name === "cnn-quiz")!;
await report("cnn-quiz", await knowledgeOf(cnn, root, (l) => process.stderr.write(`${l}\n`)));
await report(
  "bbc-cc0",
  await knowledgeOf({ ...cnn, name: "bbc-cc0", articles: BBC, withoutOwnArticle: false }, root, (l) =>
    process.stderr.write(`${l}\n`),
  ),
);
