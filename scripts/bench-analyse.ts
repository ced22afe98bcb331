/**
 * Time per article of `analyseArticle` over a folder of articles (default: the 100 BBC articles).
 * Parsing and normalisation are done first and not timed; compromise is warmed up on the first
 * article so the figure is the steady state an ingest sees. Both wall time and the thread's CPU time
 * are shown: on a shared, loaded machine the CPU time is the figure that does not depend on the load.
 *
 *   node --import tsx scripts/bench-analyse.ts [DIR]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AnalyseInput, analyseArticle } from "../src/knowledge/extract.ts";
import { parseArticleFile } from "../src/knowledge/formats/index.ts";
import { parseText } from "../src/knowledge/nlp.ts";
import { normaliseBody } from "../src/knowledge/normalise.ts";

const dir =
  process.argv[2] ?? join(import.meta.dirname, "..", "..", "shared", "corpus", "bbc-cc0", "articles");
const inputs: AnalyseInput[] = [];
for (const f of readdirSync(dir).sort()) {
  const file = join(dir, f);
  for (const [n, a] of parseArticleFile(readFileSync(file), file).entries()) {
    const norm = normaliseBody(a.body, a.title);
    inputs.push({
      articleId: `${f}#${n}`,
      title: a.title,
      published: a.published,
      text: norm.text,
      paragraphs: norm.paragraphs,
      toSource: norm.toSource,
    });
  }
}
for (const input of inputs.slice(0, 5)) analyseArticle(input);
const wall: number[] = [];
const cpu: number[] = [];
let events = 0;
let entities = 0;
for (const input of inputs) {
  const t = performance.now();
  const c = process.cpuUsage();
  const a = analyseArticle(input);
  const used = process.cpuUsage(c);
  wall.push(performance.now() - t);
  cpu.push((used.user + used.system) / 1000);
  events += a.events.length;
  entities += a.entities.length;
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mean = s.reduce((sum, x) => sum + x, 0) / s.length;
  const p95 = s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
  return `mean ${mean.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms`;
};
// The floor: compromise's own parse of the same texts, which `analyseArticle` runs once.
const parseCpu: number[] = [];
for (const input of inputs) {
  const c = process.cpuUsage();
  parseText(input.text);
  const used = process.cpuUsage(c);
  parseCpu.push((used.user + used.system) / 1000);
}
console.log(`${inputs.length} articles, ${events} events, ${entities} entities (article-local)`);
console.log(`wall time per article: ${stats(wall)}`);
console.log(`CPU time per article:  ${stats(cpu)}`);
console.log(`of which compromise's parse alone: ${stats(parseCpu)} (CPU)`);
