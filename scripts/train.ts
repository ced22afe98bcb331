/**
 * `npm run train`: fits the ranker (src/answer/rank/model.ts) on the train halves of the dev sets
 * and chooses the abstention threshold, then writes src/answer/rank/weights.json naming the data
 * and the commit it was trained from. The test halves are never read here.
 *
 * - Rows: every candidate of every answerable train question, labelled 1 when it holds one of the
 *   question's answers (the scorer's rule) and is at most a few words longer than that answer
 *   (the shortest span that answers is the one to learn).
 * - Abstention: the evidence threshold that maximises right answers minus twice the answers given
 *   to unanswerable questions (the sets' own, and each cnn-quiz question asked without its article).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { AnswerEngine } from "../src/answer/engine.ts";
import {
  articleIdsByFile,
  DEV_SETS,
  type DevQuestion,
  halfOf,
  knowledgeOf,
  questionsOf,
} from "../src/answer/eval/sets.ts";
import { normaliseForScoring } from "../src/answer/evaluate.ts";
import type { Reading } from "../src/answer/pipeline.ts";
import { ANSWERABILITY_FEATURES, answerabilityOf, FEATURES } from "../src/answer/rank/features.ts";
import {
  fitLogistic,
  fitSoftmax,
  LinearModel,
  WEIGHTS_FILE,
  type Weights,
} from "../src/answer/rank/model.ts";

/** A right span may run this many words past the answer it holds. */
const SPAN_SLACK = 3;
/** Sets whose questions the ranker learns from (the datelines are answered from metadata, not ranked). */
const RANKED_SETS = new Set(["seed-dev", "cnn-quiz", "bbc-dev"]);
/** The ranker's training objective (RANKER=logistic to compare). */
const RANKER = process.env.RANKER === "logistic" ? "logistic" : "softmax";
/** L2 penalties tried: from almost none to strong (30 features, a few thousand rows). */
const L2_CHOICES = [1e-3, 1e-2, 1e-1, 0.3, 1];

function holds(span: string, answers: readonly string[]): boolean {
  const s = ` ${normaliseForScoring(span)} `;
  return answers.some((a) => {
    const n = normaliseForScoring(a);
    return n.length > 0 && s.includes(n) && s.trim().split(" ").length <= n.split(" ").length + SPAN_SLACK;
  });
}

interface Case {
  question: DevQuestion;
  reading: Reading;
  answerable: boolean;
  /** The dev set it comes from. */
  set: string;
}

const root = process.cwd();
const cases: Case[] = [];
const trainedOn: string[] = [];
for (const set of DEV_SETS.filter((s) => RANKED_SETS.has(s.name))) {
  const store = await knowledgeOf(set, root, (line) => process.stderr.write(`${line}\n`));
  const engine = new AnswerEngine(store);
  const questions = questionsOf(set, root, "train");
  trainedOn.push(`${set.name} train half (${questions.length} questions)`);
  const ids = articleIdsByFile(store.facts.articles);
  for (const question of questions) {
    cases.push({
      question,
      reading: engine.pipeline.read(question.question),
      answerable: question.answers.length > 0,
      set: set.name,
    });
    const own = question.article ? ids.get(question.article) : undefined;
    if (set.withoutOwnArticle && own) {
      cases.push({
        question: { ...question, answers: [] },
        reading: engine.pipeline.read(question.question, { excludeArticle: own }),
        answerable: false,
        set: set.name,
      });
    }
  }
  process.stderr.write(`train: read ${questions.length} questions of ${set.name}\n`);
}

const groupsOf = (of: readonly Case[]) =>
  of
    .filter((c) => c.answerable)
    .map((c) =>
      c.reading.candidates.map((s) => ({
        x: s.features,
        y: (holds(s.candidate.shown, c.question.answers) ? 1 : 0) as 0 | 1,
      })),
    );
const rowsOf = (of: readonly Case[]) => groupsOf(of).flat();
// Each dev set weighs as much as another in the ranker's fit: the seed's seven questions are about
// the article every new user sees first, and would otherwise be outweighed by fifty quiz questions.
const setWeights = (of: readonly Case[]) => {
  const answerable = of.filter((c) => c.answerable);
  const sizes = new Map<string, number>();
  for (const c of answerable) sizes.set(c.set, (sizes.get(c.set) ?? 0) + 1);
  const mean = answerable.length / (sizes.size || 1);
  return answerable.map((c) => mean / sizes.get(c.set)!);
};
const fitRanker = (of: readonly Case[], l2: number) =>
  RANKER === "softmax"
    ? fitSoftmax(groupsOf(of), { l2, groupWeights: setWeights(of) })
    : fitLogistic(rowsOf(of), { l2 });
const topRight = (of: readonly Case[], m: LinearModel) =>
  of.filter((c) => {
    if (!c.answerable) return false;
    const best = [...c.reading.candidates].sort((a, b) => m.score(b.features) - m.score(a.features))[0];
    return Boolean(best) && holds(best!.candidate.shown, c.question.answers);
  }).length;
// The L2 penalty, chosen by two-fold cross-validation inside the train half (folds by a hash of the id).
const fold = (c: Case) => halfOf(`fold:${c.question.id}`) === "train";
let l2 = L2_CHOICES[0]!;
let bestHeldOut = -1;
for (const choice of L2_CHOICES) {
  let heldOut = 0;
  for (const side of [true, false]) {
    const f = fitRanker(
      cases.filter((c) => fold(c) === side),
      choice,
    );
    heldOut += topRight(
      cases.filter((c) => fold(c) !== side),
      new LinearModel({
        features: Object.fromEntries(FEATURES.map((n, i) => [n, f.weights[i]!])),
        bias: f.bias,
      }),
    );
  }
  process.stderr.write(`train: l2 ${choice}: ${heldOut} right top answers on the held-out folds\n`);
  if (heldOut > bestHeldOut) {
    bestHeldOut = heldOut;
    l2 = choice;
  }
}
const rows = rowsOf(cases);
const fit = fitRanker(cases, l2);
const features = Object.fromEntries(FEATURES.map((f, i) => [f, Math.round(fit.weights[i]! * 1e4) / 1e4]));
const model = new LinearModel({ features, bias: fit.bias });

// The answer each case would give under the new ranker, and whether it is right.
const outcomes = cases.map((c) => {
  const shares = model.rank(c.reading.candidates.map((s) => s.features));
  const ranked = c.reading.candidates.map((s, i) => ({ s, p: shares[i]! })).sort((a, b) => b.p - a.p);
  const best = ranked[0];
  const right = Boolean(best) && c.answerable && holds(best!.s.candidate.shown, c.question.answers);
  const x = answerabilityOf(
    c.reading.passages,
    ranked.map((r) => r.p),
  );
  return { x, answerable: c.answerable, right, hasAnswer: Boolean(best) };
});
const answerableFit = fitLogistic(outcomes.map((o) => ({ x: o.x, y: (o.answerable ? 1 : 0) as 0 | 1 })));
const answerable = {
  features: Object.fromEntries(
    ANSWERABILITY_FEATURES.map((f, i) => [f, Math.round(answerableFit.weights[i]! * 1e4) / 1e4]),
  ),
  bias: Math.round(answerableFit.bias * 1e4) / 1e4,
};
const answerability = new LinearModel(answerable, ANSWERABILITY_FEATURES);
let best = { threshold: 0, objective: Number.NEGATIVE_INFINITY };
for (let t = 0; t <= 1.0001; t += 0.01) {
  const given = outcomes.filter((o) => o.hasAnswer && answerability.probability(o.x) >= t);
  const objective = given.filter((o) => o.right).length - 2 * given.filter((o) => !o.answerable).length;
  if (objective > best.objective) best = { threshold: Math.round(t * 100) / 100, objective };
}

const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const weights: Weights = {
  trainedOn: [...trainedOn, `L2 penalty ${l2}, by two-fold cross-validation on the train half`],
  commit,
  features,
  bias: Math.round(fit.bias * 1e4) / 1e4,
  answerable,
  abstainUnder: best.threshold,
};
writeFileSync(WEIGHTS_FILE, `${JSON.stringify(weights, null, 2)}\n`);
const positives = rows.filter((r) => r.y === 1).length;
const reachable = cases.filter(
  (c) => c.answerable && c.reading.candidates.some((s) => holds(s.candidate.shown, c.question.answers)),
).length;
process.stderr.write(
  `train: ${rows.length} candidates (${positives} right) from ${cases.filter((c) => c.answerable).length} answerable questions ` +
    `(${reachable} with a right candidate); top-1 right ${outcomes.filter((o) => o.right).length}; ` +
    `abstain under ${best.threshold} (objective ${best.objective}); wrote ${WEIGHTS_FILE.pathname}\n`,
);
