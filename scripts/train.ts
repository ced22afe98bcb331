/**
 * `npm run train`: fits the ranker (src/answer/rank/model.ts) on the train halves of the dev sets
 * and chooses the abstention threshold, then writes src/answer/rank/weights.json naming the data
 * and the commit it was trained from. The test halves are never read here.
 *
 * - Rows: every candidate of every answerable train question, labelled 1 when it holds one of the
 *   question's answers (the scorer's rule) and is at most a few words longer than that answer
 *   (the shortest span that answers is the one to learn), or is a statement that holds it.
 * - Abstention: the evidence threshold that maximises right answers minus twice the answers given
 *   to unanswerable questions (the sets' own, and each cnn-quiz question asked without its article,
 *   unless one of the other articles answers it too).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { AnswerEngine } from "../src/answer/engine.ts";
import {
  articleIdsByFile,
  DEV_SETS,
  type DevQuestion,
  knowledgeOf,
  questionsOf,
} from "../src/answer/eval/sets.ts";
import { MAX_ANSWER_WORDS, normaliseForScoring } from "../src/answer/evaluate.ts";
import type { Reading, ScoredCandidate } from "../src/answer/pipeline.ts";
import {
  ANSWERABILITY_FEATURES,
  answerabilityOf,
  CONFIDENCE_FEATURES,
  confidenceFeaturesOf,
  FEATURES,
} from "../src/answer/rank/features.ts";
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
/** The feature that says a statement is asked for (`what did X say`). */
const SPEECH_ASKED = FEATURES.indexOf("speechAsked");
/** The threshold's objective is averaged over this many grid steps (of 0.01) either side. */
const SMOOTHING = 5;
/** Folds of the cross-validation inside the train half. */
const FOLDS = 5;

/**
 * Whether a candidate is a right answer: it holds one of the answers and is at most a few words
 * longer, or, asked what someone said, no longer than the scorer reads (the statement is the answer).
 */
function holds({ candidate, features }: ScoredCandidate, answers: readonly string[]): boolean {
  const s = ` ${normaliseForScoring(candidate.shown)} `;
  const words = s.trim().split(" ").length;
  return answers.some((a) => {
    const n = normaliseForScoring(a);
    const most = features[SPEECH_ASKED] === 1 ? MAX_ANSWER_WORDS : n.split(" ").length + SPAN_SLACK;
    return n.length > 0 && s.includes(n) && words <= most;
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
const engines = new Map<string, { engine: AnswerEngine; questions: DevQuestion[] }>();
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
      // Without its article a question is unanswerable unless another article answers it (two weeks'
      // quizzes can ask about one story): then a candidate of the other articles holds the answer.
      const reading = engine.pipeline.read(question.question, { excludeArticle: own });
      const answeredElsewhere = reading.candidates.some((s) => holds(s, question.answers));
      cases.push({
        question: answeredElsewhere ? question : { ...question, answers: [] },
        reading,
        answerable: answeredElsewhere,
        set: set.name,
      });
    }
  }
  process.stderr.write(`train: read ${questions.length} questions of ${set.name}\n`);
  engines.set(set.name, { engine, questions });
}
// Questions asked of another set's articles (the seed's and the BBC's of the quiz's, the quiz's of
// the BBC's): unanswerable questions in every form a user asks, short ones too, not only the quiz's
// long ones without their article. One that the other articles do answer is labelled answerable.
const OTHER: Record<string, string> = {
  "seed-dev": "cnn-quiz",
  "bbc-dev": "cnn-quiz",
  "cnn-quiz": "bbc-dev",
};
for (const [name, { questions }] of engines) {
  const other = engines.get(OTHER[name]!)!.engine;
  for (const question of questions.filter((q) => q.answers.length > 0)) {
    const reading = other.pipeline.read(question.question);
    const answered = reading.candidates.some((s) => holds(s, question.answers));
    cases.push({
      question: answered ? question : { ...question, answers: [] },
      reading,
      answerable: answered,
      set: name,
    });
  }
}

const groupsOf = (of: readonly Case[]) =>
  of
    .filter((c) => c.answerable)
    .map((c) =>
      c.reading.candidates.map((s) => ({
        x: s.features,
        y: (holds(s, c.question.answers) ? 1 : 0) as 0 | 1,
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
const modelOf = (f: { weights: number[]; bias: number }) =>
  new LinearModel({ features: Object.fromEntries(FEATURES.map((n, i) => [n, f.weights[i]!])), bias: f.bias });
/** A case's candidates ranked by a model, each with its share of the model's probability. */
const rankedBy = (c: Case, m: LinearModel) => {
  const shares = m.rank(c.reading.candidates.map((s) => s.features));
  return c.reading.candidates.map((s, i) => ({ s, p: shares[i]! })).sort((a, b) => b.p - a.p);
};
// Folds by a hash of the question's id, so that a question and its asking without its article fall together.
const foldOf = (c: Case) => createHash("sha256").update(`fold:${c.question.id}`).digest()[0]! % FOLDS;
/** Each case's candidates ranked by a ranker fitted on the other folds (what an unseen question gets). */
const outOfFold = (penalty: number) => {
  const ranked = new Map<Case, ReturnType<typeof rankedBy>>();
  for (let k = 0; k < FOLDS; k++) {
    const m = modelOf(
      fitRanker(
        cases.filter((c) => foldOf(c) !== k),
        penalty,
      ),
    );
    for (const c of cases.filter((c) => foldOf(c) === k)) ranked.set(c, rankedBy(c, m));
  }
  return ranked;
};
/** Mean log-probability given to the right candidates of the answerable cases that have one: smoother than a count of right top answers. */
const logLikelihood = (ranked: Map<Case, ReturnType<typeof rankedBy>>) => {
  let sum = 0;
  let n = 0;
  for (const [c, r] of ranked) {
    if (!c.answerable) continue;
    const right = r.filter((x) => holds(x.s, c.question.answers)).reduce((a, x) => a + x.p, 0);
    if (right === 0) continue;
    sum += Math.log(right);
    n++;
  }
  return n ? sum / n : Number.NEGATIVE_INFINITY;
};
// The L2 penalty, chosen by the held-out log-likelihood of a five-fold cross-validation inside the train half.
let l2 = L2_CHOICES[0]!;
let bestHeldOut = Number.NEGATIVE_INFINITY;
let heldOutRanking = new Map<Case, ReturnType<typeof rankedBy>>();
for (const choice of L2_CHOICES) {
  const ranked = outOfFold(choice);
  const ll = logLikelihood(ranked);
  const top = [...ranked].filter(
    ([c, r]) => c.answerable && r[0] && holds(r[0].s, c.question.answers),
  ).length;
  process.stderr.write(
    `train: l2 ${choice}: held-out log-likelihood ${ll.toFixed(3)}, ${top} right top answers\n`,
  );
  if (ll > bestHeldOut) {
    bestHeldOut = ll;
    l2 = choice;
    heldOutRanking = ranked;
  }
}
const rows = rowsOf(cases);
const fit = fitRanker(cases, l2);
const features = Object.fromEntries(FEATURES.map((f, i) => [f, Math.round(fit.weights[i]! * 1e4) / 1e4]));

// The answer each case would get from a ranker that had not seen it, and whether it is right: the
// answerability model and the threshold learn from these, not from the ranker's fit to its own data.
const outcomes = cases.map((c) => {
  const ranked = heldOutRanking.get(c)!;
  const best = ranked[0];
  const right = Boolean(best) && c.answerable && holds(best!.s, c.question.answers);
  const x = answerabilityOf(
    c.reading.passages,
    ranked.map((r) => r.p),
  );
  return { x, answerable: c.answerable, right, hasAnswer: Boolean(best) };
});
const answerableRow = (o: (typeof outcomes)[number]) => ({ x: o.x, y: (o.answerable ? 1 : 0) as 0 | 1 });
const answerableFit = fitLogistic(outcomes.map(answerableRow));
const answerable = {
  features: Object.fromEntries(
    ANSWERABILITY_FEATURES.map((f, i) => [f, Math.round(answerableFit.weights[i]! * 1e4) / 1e4]),
  ),
  bias: Math.round(answerableFit.bias * 1e4) / 1e4,
};
// The threshold is chosen on held-out answerability too: each fold's probabilities from a model of the others.
const heldOutAnswerability = new Map<(typeof outcomes)[number], number>();
for (let k = 0; k < FOLDS; k++) {
  const f = fitLogistic(outcomes.filter((_, i) => foldOf(cases[i]!) !== k).map(answerableRow));
  const m = new LinearModel(
    { features: Object.fromEntries(ANSWERABILITY_FEATURES.map((n, i) => [n, f.weights[i]!])), bias: f.bias },
    ANSWERABILITY_FEATURES,
  );
  outcomes.forEach((o, i) => {
    if (foldOf(cases[i]!) === k) heldOutAnswerability.set(o, m.probability(o.x));
  });
}
// The objective at each threshold, then averaged over its neighbours: with a hundred questions one
// answer more or less moves the raw maximum between far-apart thresholds.
const objectiveAt = (t: number) => {
  const given = outcomes.filter((o) => o.hasAnswer && heldOutAnswerability.get(o)! >= t);
  return given.filter((o) => o.right).length - 2 * given.filter((o) => !o.answerable).length;
};
const grid = Array.from({ length: 101 }, (_, i) => i / 100);
const raw = grid.map(objectiveAt);
let best = { threshold: 0, objective: Number.NEGATIVE_INFINITY, raw: 0 };
grid.forEach((t, i) => {
  const near = raw.slice(Math.max(0, i - SMOOTHING), i + SMOOTHING + 1);
  const objective = near.reduce((a, b) => a + b, 0) / near.length;
  if (objective > best.objective) best = { threshold: t, objective, raw: raw[i]! };
});

// The confidence a reply shows: P(the best candidate is right), fitted on the held-out answers.
const confidenceRows = outcomes
  .map((o, i) => ({ o, c: cases[i]! }))
  .filter(({ o }) => o.hasAnswer)
  .map(({ o, c }) => {
    const ranked = heldOutRanking.get(c)!;
    return {
      x: confidenceFeaturesOf(ranked[0]!.p, ranked[1]?.p ?? 0, heldOutAnswerability.get(o)!),
      y: (o.right ? 1 : 0) as 0 | 1,
    };
  });
const confidenceFit = fitLogistic(confidenceRows);
const confidence = {
  features: Object.fromEntries(
    CONFIDENCE_FEATURES.map((f, i) => [f, Math.round(confidenceFit.weights[i]! * 1e4) / 1e4]),
  ),
  bias: Math.round(confidenceFit.bias * 1e4) / 1e4,
};

const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const weights: Weights = {
  trainedOn: [...trainedOn, `L2 penalty ${l2}, by five-fold cross-validation on the train half`],
  commit,
  features,
  bias: Math.round(fit.bias * 1e4) / 1e4,
  answerable,
  abstainUnder: best.threshold,
  confidence,
};
writeFileSync(WEIGHTS_FILE, `${JSON.stringify(weights, null, 2)}\n`);
const positives = rows.filter((r) => r.y === 1).length;
const reachable = cases.filter(
  (c) => c.answerable && c.reading.candidates.some((s) => holds(s, c.question.answers)),
).length;
process.stderr.write(
  `train: ${rows.length} candidates (${positives} right) from ${cases.filter((c) => c.answerable).length} answerable questions ` +
    `(${reachable} with a right candidate); top-1 right ${outcomes.filter((o) => o.right).length}; ` +
    `abstain under ${best.threshold} (objective ${best.raw}, ${best.objective.toFixed(1)} around it); wrote ${WEIGHTS_FILE.pathname}\n`,
);
