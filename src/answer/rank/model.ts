/**
 * The ranker: a conditional logit (a softmax over a question's candidates) on the features of
 * `features.ts`, its weights read from `weights.json`, which `npm run train` (scripts/train.ts)
 * writes from the train halves of the dev sets. A logistic answerability model decides whether to
 * answer at all, and a logistic confidence model, over the best candidate's share, its lead and the
 * answerability, says how likely the answer is right.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ANSWERABILITY_FEATURES, CONFIDENCE_FEATURES, FEATURES } from "./features.ts";

/** The weights file: what it was trained on, the weights by feature name, and the abstention threshold. */
const LinearSchema = z.object({ features: z.record(z.string(), z.number()), bias: z.number() });
export const WeightsSchema = z.object({
  trainedOn: z.array(z.string()),
  commit: z.string(),
  /** The ranker: P(candidate is the answer). */
  features: z.record(z.string(), z.number()),
  bias: z.number(),
  /** P(the articles answer the question at all), from how well the passages address it. */
  answerable: LinearSchema,
  /** The answerability under which the engine abstains. */
  abstainUnder: z.number(),
  /** P(the best candidate is right), calibrated on held-out answers: the confidence a reply shows. */
  confidence: LinearSchema,
});
export type Weights = z.infer<typeof WeightsSchema>;

export const WEIGHTS_FILE = new URL("./weights.json", import.meta.url);

/** Why a weights file was refused. */
export const modelBadWeights = (why: string) =>
  `rank: rank/weights.json is not a weights file (${why}); run npm run train to write it again`;

/** Reads and checks the weights file. */
export function loadWeights(file: URL | string = WEIGHTS_FILE): Weights {
  const parsed = WeightsSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(modelBadWeights(parsed.error.issues[0]?.message ?? "invalid"));
  return parsed.data;
}

/** The answerability model of a weights file. */
export function answerabilityModel(weights: Weights): LinearModel {
  return new LinearModel(weights.answerable, ANSWERABILITY_FEATURES);
}

/** The confidence model of a weights file. */
export function confidenceModel(weights: Weights): LinearModel {
  return new LinearModel(weights.confidence, CONFIDENCE_FEATURES);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** A linear model over feature vectors in the order of `names` (the ranker's {@link FEATURES} by default). */
export class LinearModel {
  readonly #w: number[];
  readonly #bias: number;

  constructor(weights: Pick<Weights, "features" | "bias">, names: readonly string[] = FEATURES) {
    this.#w = names.map((f) => weights.features[f] ?? 0);
    this.#bias = weights.bias;
  }

  /** The linear score of a feature vector. */
  score(x: readonly number[]): number {
    let s = this.#bias;
    for (let i = 0; i < this.#w.length; i++) s += this.#w[i]! * x[i]!;
    return s;
  }

  /** The score as a probability (for the answerability model, a logistic regression). */
  probability(x: readonly number[]): number {
    return sigmoid(this.score(x));
  }

  /**
   * The ranker's probabilities over one question's candidates: a softmax of their scores, so that
   * each says how likely that candidate, rather than another of them, is the answer.
   */
  rank(candidates: readonly (readonly number[])[]): number[] {
    const scores = candidates.map((x) => this.score(x));
    const top = Math.max(...scores);
    const exp = scores.map((s) => Math.exp(s - top));
    const all = exp.reduce((a, b) => a + b, 0);
    return exp.map((e) => e / all);
  }
}

/**
 * Fits a logistic regression by batch gradient descent with L2 regularisation: small data (a few
 * thousand candidates), so the plain method is exact enough and has nothing to tune but the
 * penalty. Rows are not re-weighted: the model's probability is read as the answer's
 * confidence, and weighting the few right candidates up would inflate it.
 */
export function fitLogistic(
  rows: readonly { x: readonly number[]; y: 0 | 1 }[],
  { epochs = 3000, rate = 0.5, l2 = 1e-3 } = {},
): { weights: number[]; bias: number } {
  const n = rows[0]?.x.length ?? 0;
  const w = new Array<number>(n).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Array<number>(n).fill(0);
    let gb = 0;
    let total = 0;
    for (const r of rows) {
      let s = bias;
      for (let i = 0; i < n; i++) s += w[i]! * r.x[i]!;
      const err = sigmoid(s) - r.y;
      for (let i = 0; i < n; i++) grad[i]! += err * r.x[i]!;
      gb += err;
      total += 1;
    }
    for (let i = 0; i < n; i++) w[i]! -= rate * (grad[i]! / total + l2 * w[i]!);
    bias -= rate * (gb / total);
  }
  return { weights: w, bias };
}

/**
 * Fits a conditional logit (a softmax over each question's candidates) by batch gradient descent
 * with L2: it learns to put a right candidate first among its own question's, which is the ranker's
 * job, rather than to tell right candidates from all others at once. A question's rows are one
 * group; a group with no right candidate teaches nothing and is left out. `groupWeights` (one per
 * group, 1 by default) let a small set of questions count as much as a large one.
 */
export function fitSoftmax(
  groups: readonly { x: readonly number[]; y: 0 | 1 }[][],
  { epochs = 3000, rate = 0.5, l2 = 1e-3, groupWeights = [] as readonly number[] } = {},
): { weights: number[]; bias: number } {
  const weighted = groups.map((g, i) => ({ g, weight: groupWeights[i] ?? 1 }));
  const usefulWeighted = weighted.filter(({ g }) => g.some((r) => r.y === 1));
  const useful = usefulWeighted.map(({ g }) => g);
  const totalWeight = usefulWeighted.reduce((sum, { weight }) => sum + weight, 0) || 1;
  const n = useful[0]?.[0]?.x.length ?? 0;
  const w = new Array<number>(n).fill(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Array<number>(n).fill(0);
    for (const { g, weight } of usefulWeighted) {
      const scores = g.map((r) => r.x.reduce((s, v, i) => s + v * w[i]!, 0));
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const all = exp.reduce((a, b) => a + b, 0);
      const right = exp.reduce((a, e, i) => a + (g[i]!.y ? e : 0), 0);
      // d(-log P(right))/dw = E_all[x] - E_right[x]
      g.forEach((r, i) => {
        const coef = weight * (exp[i]! / all - (r.y ? exp[i]! / right : 0));
        for (let k = 0; k < n; k++) grad[k]! += coef * r.x[k]!;
      });
    }
    for (let k = 0; k < n; k++) w[k]! -= rate * (grad[k]! / totalWeight + l2 * w[k]!);
  }
  return { weights: w, bias: 0 };
}
