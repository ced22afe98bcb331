/**
 * The 10,000-tiny-files ingest, as a script (too slow for CI): writes N one-sentence articles (and
 * every tenth one broken) into a temp folder, ingests them through the real ingest, and prints what
 * was kept, what was reported, the time and the memory growth. Exits 1 when a good file was lost or a
 * bad one not reported.
 *
 *   node --import tsx tests/hardening/tiny-files.ts [N=10000]
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingest } from "../../src/knowledge/ingest.ts";

const n = Number(process.argv[2] ?? 10_000);
const src = mkdtempSync(join(tmpdir(), "newsdesk-tiny-"));
const knowledgeDir = mkdtempSync(join(tmpdir(), "newsdesk-tiny-kb-"));
let bad = 0;
for (let i = 0; i < n; i++) {
  if (i % 10 === 9) {
    bad++;
    writeFileSync(join(src, `t${i}.md`), `---\ntitle: "Broken ${i}"\n`);
    continue;
  }
  writeFileSync(
    join(src, `t${i}.md`),
    `---\ntitle: "Note ${i}"\nsource: "Wire"\npublished: 2024-02-0${(i % 9) + 1}\n---\nThe board met on day ${i} and approved plan ${i}.\n`,
  );
}
const rss = process.memoryUsage().rss;
const started = performance.now();
const result = await ingest({ inputs: [src], knowledgeDir });
const seconds = (performance.now() - started) / 1000;
const growth = (process.memoryUsage().rss - rss) / 1e6;
process.stdout.write(
  `tiny files: ${n} files, ${result.facts.articles.length} articles kept, ${result.failures.length} reported, ${seconds.toFixed(1)} s, RSS +${growth.toFixed(0)} MB\n`,
);
process.exitCode = result.facts.articles.length === n - bad && result.failures.length === bad ? 0 : 1;
