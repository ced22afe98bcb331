/**
 * Scores "Check in the news" on the written claims (`tests/fixtures/check/claims.jsonl`): labels right
 * and the confusion table (rows: the label written, columns: the label given).
 *
 *   npm run eval:check [-- --verbose]
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CLAIM_LABELS, CLAIMS_SET, readClaims, scoreClaims } from "../src/answer/eval/check.ts";
import { knowledgeOf } from "../src/answer/eval/sets.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const verbose = process.argv.includes("--verbose");
const store = await knowledgeOf(CLAIMS_SET, root, (line) => console.error(line));
const figures = scoreClaims(store.facts, readClaims(root));
const pct = (a: number, b: number) => (b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`);
console.log(
  `claims: ${figures.claims}; labels right: ${figures.right}/${figures.claims} = ${pct(figures.right, figures.claims)}`,
);
const width = 17;
console.log(`${"written \\ given".padEnd(width)}${CLAIM_LABELS.map((l) => l.padStart(width)).join("")}`);
for (const written of CLAIM_LABELS)
  console.log(
    `${written.padEnd(width)}${CLAIM_LABELS.map((g) => String(figures.confusion[written][g]).padStart(width)).join("")}`,
  );
if (verbose)
  for (const o of figures.outcomes.filter((x) => x.given !== x.claim.label))
    console.log(
      `  ${o.claim.id} ${o.claim.label} → ${o.check.label} (${o.check.score.toFixed(2)}${o.check.contradiction ? `, ${o.check.contradiction.kind}: ${o.check.contradiction.claim} / ${o.check.contradiction.article}` : ""}): ${o.claim.claim}\n     ${o.check.best?.sentence ?? "—"}`,
    );
