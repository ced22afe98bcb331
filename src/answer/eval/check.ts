/**
 * "Check in the news" measured on claims written from the BBC articles (`tests/fixtures/check/claims.jsonl`):
 * each claim is checked against the whole BBC knowledge base and its label compared with the one it
 * was written with. `matches` counts as supported, `contradicts` as contradicted, and `partly
 * matches` or `no match` as not in the articles.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { FactBase } from "../../knowledge/schema.ts";
import { type CheckLabel, type ClaimCheck, checkClaim } from "../check.ts";
import { DEV_SETS, type DevSet } from "./sets.ts";

/** A claim's label as written. */
export type ClaimLabel = "supported" | "contradicted" | "not in articles";
export const CLAIM_LABELS: readonly ClaimLabel[] = ["supported", "contradicted", "not in articles"];

/** One written claim. */
export interface WrittenClaim {
  id: string;
  claim: string;
  label: ClaimLabel;
  /** What a contradiction changes (`verb`, `number`, `actor`, `date`, `negation`). */
  change: string | null;
  article: string | null;
}

export const CLAIMS_FILE = "tests/fixtures/check/claims.jsonl";

/** The knowledge base the claims are checked against: the BBC articles they were written from. */
export const CLAIMS_SET: DevSet = DEV_SETS.find((s) => s.name === "bbc-dev")!;

/** Why a claim line could not be read. */
export const claimUnreadable = (file: string, line: number, why: string) =>
  `eval:check: ${file} line ${line}: ${why}; each line is {"id","claim","label","change","article"}`;

export function readClaims(root: string, file = CLAIMS_FILE): WrittenClaim[] {
  const path = resolve(root, file);
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => l.trim())
    .map(([l, n]) => {
      let c: WrittenClaim;
      try {
        c = JSON.parse(l) as WrittenClaim;
      } catch (e) {
        throw new Error(claimUnreadable(path, n, `not JSON (${(e as Error).message})`));
      }
      if (typeof c.claim !== "string" || !CLAIM_LABELS.includes(c.label))
        throw new Error(claimUnreadable(path, n, `label must be one of ${CLAIM_LABELS.join(", ")}`));
      return c;
    });
}

/** The written label a check's label stands for. */
export function claimLabelOf(label: CheckLabel): ClaimLabel {
  if (label === "matches") return "supported";
  if (label === "contradicts") return "contradicted";
  return "not in articles";
}

/** The figures of a claims run. */
export interface ClaimFigures {
  claims: number;
  right: number;
  /** confusion[written][given] = count. */
  confusion: Record<ClaimLabel, Record<ClaimLabel, number>>;
  outcomes: { claim: WrittenClaim; check: ClaimCheck; given: ClaimLabel }[];
}

export function scoreClaims(facts: FactBase, claims: readonly WrittenClaim[]): ClaimFigures {
  const row = () => ({ supported: 0, contradicted: 0, "not in articles": 0 });
  const confusion = { supported: row(), contradicted: row(), "not in articles": row() };
  const outcomes = claims.map((claim) => {
    const check = checkClaim(facts, claim.claim);
    const given = claimLabelOf(check.label);
    confusion[claim.label][given]++;
    return { claim, check, given };
  });
  return {
    claims: claims.length,
    right: outcomes.filter((o) => o.given === o.claim.label).length,
    confusion,
    outcomes,
  };
}
