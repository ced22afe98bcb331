/**
 * A faster sweep of compromise's match nets, shared by the article parse (`nlp.ts`, which installs
 * it for every parse in its thread) and the question parse (`src/answer/question.ts`, which uses it
 * only while it parses a question), and the tags-only parse both use. This module has no side effect:
 * importing it changes nothing in compromise, and it does not load compromise-dates, whose tags would
 * change how questions are read.
 */
import nlp from "compromise";

const world = (
  nlp as unknown as {
    world(): {
      hooks: string[];
      methods: { one: { bulkMatch: BulkMatch; cacheDoc(document: unknown[][]): Set<string>[] } };
    };
  }
).world();

/** One match of a compromise match net (`buildNet`), the fields its sweep reads. */
export interface NetMatch {
  match: string;
  needs: string[];
  ifNo?: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  unTag?: unknown;
  /** The parsed match tokens (`parseMatch`). */
  regs?: object[];
}

export type BulkMatch = (
  document: unknown[][],
  net: { hooks: Record<string, NetMatch[]>; always: NetMatch[] },
  methods: { one: { match(docs: unknown[][], m: NetMatch): { ptrs: number[][] } } },
  opts?: { matchOne?: boolean },
) => object[];

// Each hook key's position in its net, in the order compromise walks the hooks.
const hookOrder = new WeakMap<Record<string, NetMatch[]>, Map<string, number>>();

function hasAll(haves: Set<string>, m: NetMatch): boolean {
  for (const need of m.needs) if (!haves.has(need)) return false;
  return true;
}

function hasExcluded(haves: Set<string>, m: NetMatch): boolean {
  if (m.ifNo) for (const no of m.ifNo) if (haves.has(no)) return true;
  return false;
}

function hasWants(haves: Set<string>, m: NetMatch): boolean {
  if (m.wants.length === 0) return true;
  let found = 0;
  for (const w of m.wants) if (haves.has(w)) found++;
  return found >= m.minWant;
}

const sweepScratch = { keys: [] as string[], maybe: [] as NetMatch[] };
// Each net's matches numbered by match text, and the stamp of the sentence that last saw each number.
const matchIds = new WeakMap<Record<string, NetMatch[]>, Map<NetMatch, number>>();
let seenStamps = new Uint32Array(0);
let seenStamp = 0;

/**
 * compromise's sweep (`methods.one.bulkMatch`, which runs its taggers' match nets) with the same
 * result, found faster: compromise tests every hook key of a net (thousands) against a sentence's
 * words and tags, and copies and filters the candidates thrice; here the sentence's words and tags
 * (tens) are looked up among the keys, then put back in the net's key order, so the candidates,
 * their order and so the tags are the same. The profiles showed compromise's key scan as about a
 * sixth of an article's parse and a third of a question's.
 */
export const fastBulkMatch: BulkMatch = (document, net, methods, opts = {}) =>
  sweep(document, net, methods, opts, false);

/**
 * {@link fastBulkMatch}, whose matcher tries a candidate only from the words that can start it
 * (see {@link matchFromStarts}): the same results with about a quarter of the tries. Used by the
 * question parse (`src/answer/question.ts`); the article parse keeps {@link fastBulkMatch}.
 */
export const leanBulkMatch: BulkMatch = (document, net, methods, opts = {}) =>
  sweep(document, net, methods, opts, true);

/** The sweep of {@link fastBulkMatch} and {@link leanBulkMatch} (`fromStarts`: through {@link matchFromStarts}). */
function sweep(
  document: unknown[][],
  net: { hooks: Record<string, NetMatch[]>; always: NetMatch[] },
  methods: { one: { match(docs: unknown[][], m: NetMatch): { ptrs: number[][] } } },
  opts: { matchOne?: boolean },
  fromStarts: boolean,
): object[] {
  const docCache = world.methods.one.cacheDoc(document);
  let order = hookOrder.get(net.hooks);
  let ids = matchIds.get(net.hooks);
  if (!order || !ids) {
    order = new Map(Object.keys(net.hooks).map((key, i) => [key, i]));
    hookOrder.set(net.hooks, order);
    // Matches are told apart by their match text, as compromise's de-duplication does.
    const byText = new Map<string, number>();
    ids = new Map();
    for (const list of Object.values(net.hooks))
      for (const m of list) {
        if (!byText.has(m.match)) byText.set(m.match, byText.size);
        ids.set(m, byText.get(m.match)!);
      }
    matchIds.set(net.hooks, ids);
    if (seenStamps.length < byText.size) seenStamps = new Uint32Array(byText.size);
  }
  const results: object[] = [];
  // Working lists reused from one sentence and one question to the next (less garbage per question).
  const { keys, maybe } = sweepScratch;
  for (let n = 0; n < document.length; n++) {
    const haves = docCache[n]!;
    keys.length = 0;
    maybe.length = 0;
    // A match is seen in this sentence when its stamp is this sentence's.
    if (++seenStamp === 0xffffffff) {
      seenStamps.fill(0);
      seenStamp = 1;
    }
    for (const item of haves) if (order.has(item)) keys.push(item);
    keys.sort((a, b) => order.get(a)! - order.get(b)!);
    for (const key of keys) {
      for (const m of net.hooks[key]!) {
        const id = ids.get(m)!;
        if (seenStamps[id] === seenStamp) continue;
        seenStamps[id] = seenStamp;
        // The needs, the exclusions and enough of the wants, as compromise's trim-down checks them
        // (in loops: a closure and a filtered list per candidate were most of this sweep's garbage).
        if (hasAll(haves, m) && !hasExcluded(haves, m) && hasWants(haves, m)) maybe.push(m);
      }
    }
    for (const m of net.always) maybe.push(m);
    const termCount = document[n]!.length;
    for (const m of maybe) {
      if (termCount < m.minWords) continue;
      const res = fromStarts
        ? matchFromStarts(document[n] as NlpTerm[], m, methods)
        : methods.one.match([document[n]!], m);
      for (const ptr of res.ptrs) {
        ptr[0] = n;
        const todo: Record<string, unknown> = { ...m, pointer: ptr };
        if (m.unTag !== undefined) todo.unTag = m.unTag;
        results.push(todo);
      }
      if (res.ptrs.length && opts.matchOne === true) return [results[0]!];
    }
  }
  return results;
}

/** The fields of a compromise term that its matcher reads for a first word (`doesMatch`). */
interface NlpTerm {
  text: string;
  normal: string;
  machine?: string | null;
  alias?: string[];
  root?: string;
  implicit?: string;
  switch?: string;
  tags: Set<string>;
}

/** The first token of a match, as compromise parses it (`parseMatch`), the fields read here. */
interface MatchToken {
  word?: string;
  tag?: string;
  switch?: string;
  fastOr?: Set<string>;
  start?: boolean;
}

/**
 * The fields a first match token may have for {@link mayStartAt} to decide: a word, a tag, a
 * `%switch%` or a fast `(a|b)` list, maybe anchored at the start (`^`), greedy (`+`) or opening a
 * capture group. Any other field (optional, negative, slow or, `$`, fuzzy, method, regex, …) takes
 * another path through compromise's matcher: such a match is always tried.
 */
const DECIDABLE = new Set([
  "word",
  "tag",
  "switch",
  "fastOr",
  "operator",
  "start",
  "greedy",
  "min",
  "max",
  "group",
  "groupStart",
  "groupEnd",
]);
const decidable = new WeakMap<object, boolean>();

function isDecidable(token: Record<string, unknown>): boolean {
  let known = decidable.get(token);
  if (known === undefined) {
    known = Object.keys(token).every((key) => token[key] === undefined || DECIDABLE.has(key));
    // `(a|b)` is tried word by word only when compromise packed it into a set (`fastOr`).
    if (token.operator !== undefined && token.fastOr === undefined) known = false;
    decidable.set(token, known);
  }
  return known;
}

/**
 * Whether `term`, the `index`th word of the sentence, can be the first word of a match whose first
 * token is `token`, as compromise's `doesMatch` tests a word, in its order (word, tag, switch, fast
 * or). compromise's matcher (`runMatch` → `tryHere`) gives up on a start whose first word fails a
 * required, plain first token, so a match no word can start finds nothing.
 */
function mayStartAt(term: NlpTerm, token: MatchToken, index: number): boolean {
  if (token.start === true && index !== 0) return false;
  if (token.word !== undefined) {
    const word = token.word;
    if (term.machine !== null && term.machine === word) return true;
    if (term.alias?.some((alias) => alias === word)) return true;
    return word === term.text || word === term.normal;
  }
  if (token.tag !== undefined) return term.tags.has(token.tag);
  if (token.switch !== undefined) return term.switch === token.switch;
  if (token.fastOr !== undefined) {
    const form = term.root || term.implicit || term.machine || term.normal;
    return token.fastOr.has(form) || token.fastOr.has(term.text);
  }
  return true;
}

/** A match token with its alternatives (`(a|b c)`: blocks of tokens), as compromise parses them. */
interface AnchorToken {
  start?: boolean;
  choices?: AnchorToken[][];
}

/** Whether a match token, or one of its alternatives, is anchored at the start (`^`). */
function anchored(token: AnchorToken): boolean {
  return token.start === true || (token.choices?.some((block) => block.some(anchored)) ?? false);
}

/** Per net match: the same match tried from the first word only (its first token anchored), or null. */
const probes = new WeakMap<NetMatch, NetMatch | null>();

/**
 * compromise's matcher tries a match from every word of a sentence (`runMatch`), copying the rest
 * of the sentence and keeping a state for each try: most of a question's parse garbage, and most
 * tries fail at their first word. The probe of a match is the match tried once, from the first
 * word of what it is given: its first token anchored (`^`), so compromise tries it there only.
 * Tried on the sentence from word `i` on, it finds what compromise's try from word `i` finds: the
 * matcher compares word positions only with the sentence's end (`$`, which stays where it was)
 * and with its start (`^`), so a match whose other tokens have no `^` has no probe (null), nor
 * one whose first token is not decidable by {@link mayStartAt}.
 */
function probeOf(m: NetMatch): NetMatch | null {
  let probe = probes.get(m);
  if (probe === undefined) {
    const regs = (m.regs ?? []) as (MatchToken & Record<string, unknown>)[];
    const first = regs[0];
    probe =
      first && first.start !== true && isDecidable(first) && !regs.slice(1).some(anchored)
        ? ({ regs: [{ ...first, start: true }, ...regs.slice(1)] } as unknown as NetMatch)
        : null;
    probes.set(m, probe);
  }
  return probe;
}

const NO_MATCH = { ptrs: [] as number[][] };

/**
 * What compromise's matcher finds for `m` in one sentence (`methods.one.match([terms], m)`), the
 * same, with less garbage: the probe of `m` is tried only from the words that can start it, and
 * only when one of these finds something does compromise's matcher run, over the whole sentence,
 * for the exact result (its groups, `notIf` and skipping over what it found). A match found from
 * no word is found nowhere.
 */
function matchFromStarts(
  terms: NlpTerm[],
  m: NetMatch,
  methods: { one: { match(docs: unknown[][], m: NetMatch): { ptrs: number[][] } } },
): { ptrs: number[][] } {
  const probe = probeOf(m);
  if (probe === null) return methods.one.match([terms], m);
  const first = m.regs![0] as MatchToken;
  for (let i = 0; i < terms.length; i++) {
    if (!mayStartAt(terms[i]!, first, i)) continue;
    if (methods.one.match([terms.slice(i)], probe).ptrs.length > 0) return methods.one.match([terms], m);
  }
  return NO_MATCH;
}

/** compromise's own sweep, taken before anything replaces it: tests check that {@link fastBulkMatch} finds the same. */
export const compromiseBulkMatch: BulkMatch = world.methods.one.bulkMatch;

/**
 * compromise's parse of `text` read for its tags only: every parse step but the last, the chunker,
 * which groups words into phrase chunks for compromise's own verb and noun APIs and sets no tag, so
 * the tags are the same without it. `bulkMatch` is the sweep of the match nets to parse with (by
 * default the one installed). compromise's steps and sweep are put back afterwards: `nlp()` itself
 * keeps every step. The steps are read at each call, since a plugin loaded later adds its own
 * (compromise-dates adds `dates`).
 */
export function parseTags(text: string, bulkMatch?: BulkMatch): ReturnType<typeof nlp> {
  const hooks = world.hooks;
  const sweep = world.methods.one.bulkMatch;
  world.hooks = hooks.filter((hook) => hook !== "chunks");
  if (bulkMatch) world.methods.one.bulkMatch = bulkMatch;
  try {
    return nlp(text);
  } finally {
    world.hooks = hooks;
    world.methods.one.bulkMatch = sweep;
  }
}
