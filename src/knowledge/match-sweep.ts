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
export const fastBulkMatch: BulkMatch = (document, net, methods, opts = {}) => {
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
      const res = methods.one.match([document[n]!], m);
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
};

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
