/**
 * Scores quotation attribution on PolNeAR (`../shared/eval/polnear`, the measure: see
 * `src/answer/eval/quotations.ts`) and against the hand-built gold set (`tests/fixtures/quotations/gold.jsonl`,
 * kept as a regression set).
 *
 *   npm run eval:quotes [-- --split test|train|all] [--gold FILE] [--shared DIR] [--verbose]
 *
 * PolNeAR: attribution precision and recall and who-said accuracy on the test half (`--split train` for
 * the half that is tuned on; `--verbose` lists the misses of the train half only, never of the test half).
 *
 * The gold set:
 * runs the real pipeline (read the file in its format, normalise, analyse, extract) on each gold article
 * and prints attribution precision and recall, cue accuracy and per-pattern results.
 *
 * A predicted quotation matches a gold one when its words contain the gold quote's first words
 * (case and punctuation ignored; equal quotes matched in order). It is correct when its speaker is the
 * gold speaker: by name or an alias the article uses (listed in the gold line).
 * Precision = correct / predicted quotations that name a speaker (a speaker given to a quote whose
 * true speaker is unknown counts against it); recall = correct / gold quotations with a known speaker.
 * Figures are given for the `dev` articles (looked at while writing the extractor), the held-out `test`
 * articles (annotated first, never tuned on) and all together.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AnswerEngine } from "../src/answer/engine.ts";
import { POLNEAR, polnearQuotes, scoreAttribution, scoreWhoSaid } from "../src/answer/eval/quotations.ts";
import { knowledgeOf } from "../src/answer/eval/sets.ts";
import { buildArticle } from "../src/knowledge/build.ts";
import { parseArticleFile } from "../src/knowledge/formats/index.ts";
import type { Quotation } from "../src/knowledge/schema.ts";

interface Gold {
  article: string;
  quote: string;
  speaker: string | null;
  aliases: string[];
  cue: string | null;
  pattern: string;
  /** `dev`: articles looked at while writing the extractor; `test`: annotated, then run once, never tuned on. */
  split?: string;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const goldFile = opt("--gold", join(root, "tests/fixtures/quotations/gold.jsonl"));
const shared = opt("--shared", join(root, "../shared"));
const verbose = args.includes("--verbose");
const split = opt("--split", "test");
if (!["train", "test", "all"].includes(split)) {
  console.error(`eval:quotes: --split must be train, test or all, not "${split}"`);
  process.exit(2);
}

/** Lower-case words only, so punctuation and quote styles do not matter. */
export const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/['’]/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Whether a predicted speaker names the gold speaker (name, alias, or a person's surname). */
export function sameSpeaker(predicted: string | null | undefined, gold: Gold): boolean {
  if (!predicted || !gold.speaker) return false;
  const p = norm(predicted).replace(/^the /u, "");
  const names = [gold.speaker, ...gold.aliases].map((n) => norm(n).replace(/^the /u, ""));
  if (names.includes(p)) return true;
  // A composite speaker (`joint statement of Armenia and Azerbaijan`) names the gold one in full.
  if (names.some((n) => n.split(" ").length >= 2 && ` ${p} `.includes(` ${n} `))) return true;
  return false;
}

const gold: Gold[] = readFileSync(goldFile, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Gold);

const byArticle = new Map<string, Gold[]>();
for (const g of gold) byArticle.set(g.article, [...(byArticle.get(g.article) ?? []), g]);

interface Tally {
  gold: number;
  goldWithSpeaker: number;
  matched: number;
  predictedWithSpeaker: number;
  correct: number;
  cueRight: number;
  extra: number;
}
const tally = (): Tally => ({
  gold: 0,
  goldWithSpeaker: 0,
  matched: 0,
  predictedWithSpeaker: 0,
  correct: 0,
  cueRight: 0,
  extra: 0,
});
const tallies = new Map<string, Tally>([["all", tally()]]);
const perPattern = new Map<string, { n: number; ok: number }>();
const problems: string[] = [];

for (const [article, golds] of byArticle) {
  const file = join(shared, article);
  const parsed = parseArticleFile(readFileSync(file), file)[0]!;
  const facts = buildArticle(parsed, { id: "eval", file: article, ingestedAt: new Date(0).toISOString() });
  const predictions: Quotation[] = facts.quotations;
  const split = golds[0]!.split ?? "dev";
  if (!tallies.has(split)) tallies.set(split, tally());
  const add = (f: (t: Tally) => void) => {
    f(tallies.get("all")!);
    f(tallies.get(split)!);
  };
  const used = new Set<number>();
  const matchOf = new Map<Gold, Quotation>();
  for (const g of golds) {
    const key = norm(g.quote);
    const i = predictions.findIndex((q, k) => !used.has(k) && norm(q.text).includes(key));
    if (i >= 0) {
      used.add(i);
      matchOf.set(g, predictions[i]!);
    }
  }
  for (const g of golds) {
    const q = matchOf.get(g);
    add((t) => {
      t.gold++;
      if (g.speaker) t.goldWithSpeaker++;
    });
    // A quote whose true speaker is unknown is right when left without one.
    const ok = g.speaker ? (q ? sameSpeaker(q.speaker?.text, g) : false) : !q?.speaker;
    if (g.speaker) {
      const stat = perPattern.get(g.pattern) ?? { n: 0, ok: 0 };
      stat.n++;
      if (ok) stat.ok++;
      perPattern.set(g.pattern, stat);
    }
    if (q)
      add((t) => {
        t.matched++;
        if ((q.cue ?? null) === g.cue) t.cueRight++;
      });
    if (ok && g.speaker) add((t) => t.correct++);
    if (!ok)
      problems.push(
        `[${split}] ${article}: "${g.quote}" gold ${g.speaker ?? "no speaker"} / ${q ? `got ${q.speaker?.text ?? "no speaker"}` : "not found"}`,
      );
  }
  predictions.forEach((q, k) => {
    if (q.speaker) add((t) => t.predictedWithSpeaker++);
    if (!used.has(k)) {
      if (q.speaker) add((t) => t.extra++);
      problems.push(
        `[${split}] ${article}: extra quotation "${q.text.slice(0, 50)}" → ${q.speaker?.text ?? "no speaker"}`,
      );
    }
  });
}

const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);

// PolNeAR first: it is the measure.
{
  const half = split as "train" | "test" | "all";
  const store = await knowledgeOf(POLNEAR, root, (line) => console.error(line));
  const quotes = polnearQuotes(root, half);
  const attribution = scoreAttribution(store.facts, quotes);
  const whoSaid = scoreWhoSaid(new AnswerEngine(store), quotes);
  const articles = new Set(quotes.map((q) => q.article)).size;
  console.log(`PolNeAR ${half} half: ${quotes.length} annotated quotations in ${articles} articles`);
  console.log(
    `  found (text matched):   ${attribution.found}/${quotes.length} (${pct(attribution.found, quotes.length)})`,
  );
  console.log(
    `  attribution precision: ${attribution.correct}/${attribution.attributed} = ${pct(attribution.correct, attribution.attributed)}`,
  );
  console.log(
    `  attribution recall:    ${attribution.correct}/${quotes.length} = ${pct(attribution.correct, quotes.length)}`,
  );
  console.log(
    `  who said (ask):        ${whoSaid.right}/${whoSaid.questions} = ${pct(whoSaid.right, whoSaid.questions)} (wrong ${whoSaid.wrong}, abstained ${whoSaid.abstained})`,
  );
  if (verbose && half === "train") {
    console.log("  attribution misses:");
    for (const o of attribution.outcomes.filter((x) => !x.correct))
      console.log(
        `    ${o.quote.article}: "${o.quote.quote.slice(0, 60)}" gold ${o.quote.speaker} / ${o.found ? `got ${o.predicted[0] ?? "no speaker"}` : "not found"}`,
      );
    console.log("  who-said misses:");
    for (const o of whoSaid.outcomes.filter((x) => !x.right))
      console.log(`    ${o.question} gold ${o.quote.speaker} / ${o.answer ?? "abstained"}`);
  } else if (verbose)
    console.log("  (misses are listed for --split train only: the test half is never tuned on)");
  console.log("gold set (tests/fixtures/quotations, regression):");
}

for (const [name, t] of tallies) {
  console.log(`${name}: ${t.gold} gold quotations (${t.goldWithSpeaker} with a known speaker)`);
  console.log(`  found (text matched):   ${t.matched}/${t.gold} (${pct(t.matched, t.gold)})`);
  console.log(
    `  attribution precision: ${t.correct}/${t.predictedWithSpeaker} = ${pct(t.correct, t.predictedWithSpeaker)}`,
  );
  console.log(
    `  attribution recall:    ${t.correct}/${t.goldWithSpeaker} = ${pct(t.correct, t.goldWithSpeaker)}`,
  );
  console.log(`  cue accuracy (found):  ${t.cueRight}/${t.matched} = ${pct(t.cueRight, t.matched)}`);
  console.log(`  extra quotations given a speaker: ${t.extra}`);
}
console.log("per pattern:");
for (const [pattern, s] of [...perPattern].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(`  ${pattern.padEnd(30)} ${s.ok}/${s.n}`);
}
if (verbose) {
  console.log("misses:");
  for (const p of problems) console.log(`  ${p}`);
}
