/**
 * Who is speaking: noun phrases before or after a speech verb, split into name and role
 * (`European Council President Charles Michel`), resolved to the article's people and organisations,
 * and pronouns (`he wrote`, `what it considers`) resolved to the most salient fitting referent.
 */
import type { Entity, Sentence } from "../schema.ts";
import { nounKinds } from "../wordnet.ts";
import {
  ADVERBIAL_OPENERS,
  AUXILIARIES,
  CLAUSE_OPENERS,
  DOCUMENT_NOUNS,
  HONORIFICS,
  PERSON_NOUNS,
  TITLE_WORDS,
} from "./cues.ts";
import { phraseHas, tagged, verbsBetween } from "./tagged.ts";

/** A word of the text with its offsets. */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/** A resolved speaker. */
export interface Speaker {
  /** Canonical name (`Charles Michel`), or the words of a group (`Armenia's Foreign Ministry`). */
  name: string;
  kind: "person" | "group";
  role: string | null;
  entityId: string | null;
  gender: "male" | "female" | null;
  /** True when the speaker is a pair or group of actors (`Armenia and Azerbaijan`). */
  plural: boolean;
  /** True when the speaker is a document (`joint statement of Armenia and Azerbaijan`). */
  document?: boolean;
}

const PRONOUNS: ReadonlyMap<string, { kind: "person" | "group" | "any"; gender: "male" | "female" | null }> =
  new Map([
    ["he", { kind: "person", gender: "male" }],
    ["she", { kind: "person", gender: "female" }],
    ["it", { kind: "group", gender: null }],
    ["they", { kind: "any", gender: null }],
  ]);
const CONNECTORS = new Set([
  "of",
  "the",
  "for",
  "and",
  "de",
  "van",
  "von",
  "der",
  "al",
  "bin",
  "&",
  "du",
  "la",
  "le",
]);
const NOT_A_SPEAKER = new Set(
  "but and or so if as when while then this that these those there here we i you us me our my your some".split(
    " ",
  ),
);
const LEADING_CONJUNCTIONS = new Set(["but", "and", "so", "yet", "however", "also", "meanwhile", "still"]);
const DETERMINERS = new Set(["the", "a", "an", "both", "its", "their", "his", "her"]);
/** Most lowercase role words before a name after an inverted cue (`said race director Matthew Turnbull`). */
const MAX_ROLE_WORDS_BEFORE_NAME = 3;
/** Words that open a speaker's description after an inverted cue (`said one longtime adviser`). */
const PHRASE_OPENERS = new Set(["one", "another", "several", "my", "two", "three"]);

/** Adverbs that stand between a subject and its speech verb (`often`, `later`, `repeatedly`). */
const SUBJECT_ADVERBS = /^(?:often|also|later|once|then|still|again|never|always|since|\p{Ll}+ly)$/u;
/** An adverb before a speech verb: a `-ly` word only when it is no noun (`family`, `ally`). */
const isSubjectAdverb = (word: string) =>
  SUBJECT_ADVERBS.test(word) && (!/ly$/u.test(word) || nounKinds(word, 1).length === 0);

/** How many paragraphs back a `he`/`she` may reach for a person of that gender named before. */
const FAR_PRONOUN_PARAGRAPHS = 8;

/** Splits text into word and punctuation tokens with offsets (`Mr.` keeps its full stop). */
export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’&.-]*|[,;:—–―]/gu)) {
    let word = m[0];
    const lower0 = word.toLowerCase();
    if (word.endsWith(".") && !HONORIFICS.has(lower0) && !/^(\p{L}\.)+$/u.test(word)) {
      word = word.replace(/\.+$/u, "");
    }
    word = word.replace(/['’]$/u, "");
    if (!word) continue;
    const start = base + (m.index ?? 0);
    out.push({ text: word, lower: word.toLowerCase(), start, end: start + word.length });
  }
  return out;
}

const isCapitalised = (t: Token): boolean => /^\p{Lu}/u.test(t.text) || /^\p{N}/u.test(t.text);
const stripPossessive = (s: string): string => s.replace(/['’]s$/u, "");

/** An article's people and organisations, for canonical names and pronoun resolution. */
export class Referents {
  readonly #people: { name: string; entityId: string | null; gender: "male" | "female" | null }[] = [];
  readonly #entities: Entity[];
  /** Salient referents in text order: sentence subjects and resolved speakers. */
  readonly #salient: { pos: number; speaker: Speaker; subject: boolean; paragraph: number }[] = [];

  constructor(
    readonly text: string,
    entities: Entity[],
  ) {
    this.#entities = entities;
    for (const e of entities) {
      if (e.type === "person") this.#people.push({ name: e.name, entityId: e.id, gender: null });
    }
    // compromise finds people the entity list (not yet written, or incomplete) may miss.
    for (const p of tagged(text).people) {
      const words = p
        .replace(/[.,;:]+$/u, "")
        .split(/\s+/u)
        .filter((w) => w && !TITLE_WORDS.has(w.toLowerCase()) && !HONORIFICS.has(w.toLowerCase()));
      const name = words.map(stripPossessive).join(" ");
      if (words.length >= 2 && !this.#people.some((q) => q.name === name)) {
        this.#people.push({ name, entityId: null, gender: null });
      }
    }
  }

  readonly #roles = new Map<string, string>();

  /** Remembers a person's role, and gives back the one known when this mention has none. */
  role(name: string, role: string | null): string | null {
    if (role) {
      if (!this.#roles.has(name)) this.#roles.set(name, role);
      return role;
    }
    return this.#roles.get(name) ?? null;
  }

  /** Registers a person named in full, so later `Mr Surname` resolves to it. */
  addPerson(name: string): void {
    if (name.split(" ").length >= 2 && !this.#people.some((p) => p.name === name)) {
      this.#people.push({ name, entityId: null, gender: null });
    }
  }

  /** The entity whose name or alias is these words, if any. */
  entityFor(words: string): Entity | null {
    const w = words.toLowerCase();
    return (
      this.#entities.find(
        (e) => e.name.toLowerCase() === w || e.aliases.some((a) => a.toLowerCase() === w),
      ) ?? null
    );
  }

  /** The entity with this id, if any. */
  entityById(id: string): Entity | null {
    return this.#entities.find((e) => e.id === id) ?? null;
  }

  /** Known person names (entities and full names found in the text). */
  get people(): readonly string[] {
    return this.#people.map((p) => p.name);
  }

  /** Canonical name of a person named as written (`Mr Hopkins` → `Curt Hopkins`). */
  canonicalPerson(written: string): { name: string; entityId: string | null } {
    // `Sir Digby`: a knight (or dame, lord, lady) is named by first name.
    const parts = written.split(/\s+/u);
    if (parts.length === 2 && /^(sir|dame|lord|lady)$/iu.test(parts[0]!)) {
      const firstName = parts[1]!.toLowerCase();
      const full = this.#people.find(
        (p) =>
          p.name.toLowerCase().split(" ").length >= 2 && p.name.toLowerCase().split(" ")[0] === firstName,
      );
      if (full) {
        const e = full.entityId ? this.entityById(full.entityId) : null;
        return { name: e?.name ?? full.name, entityId: full.entityId };
      }
    }
    const entity = this.entityFor(written);
    if (entity) return { name: entity.name, entityId: entity.id };
    const words = written.split(/\s+/u).filter((w) => !HONORIFICS.has(w.toLowerCase()));
    const bare = words.join(" ");
    const bareEntity = this.entityFor(bare);
    if (bareEntity) return { name: bareEntity.name, entityId: bareEntity.id };
    const last = words[words.length - 1]?.toLowerCase();
    const first = words.length > 1 ? words[0]!.toLowerCase() : null;
    // `Sir Digby`: a knight (or dame, lord, lady) is named by first name.
    const titled = /^(sir|dame|lord|lady)$/iu.test(written.split(/\s+/u)[0] ?? "");
    if (titled && words.length === 1) {
      const byFirst = this.#people.find((p) => p.name.toLowerCase().split(" ")[0] === last);
      if (byFirst) return { name: byFirst.name, entityId: byFirst.entityId };
    }
    const match = this.#people.find((p) => {
      const pw = p.name.toLowerCase().split(" ");
      return pw[pw.length - 1] === last && (first === null || pw[0] === first) && pw.length >= words.length;
    });
    if (match) {
      const e = match.entityId ? this.#entities.find((x) => x.id === match.entityId) : null;
      return { name: e?.name ?? match.name, entityId: match.entityId };
    }
    return { name: bare || written, entityId: null };
  }

  /** Whether these words name a person (an honorific, a known person, or compromise says so). */
  isPerson(words: string): boolean {
    const toks = words.split(/\s+/u);
    if (toks.some((w) => HONORIFICS.has(w.toLowerCase()))) return true;
    const e = this.entityFor(words);
    if (e) return e.type === "person";
    const last = toks[toks.length - 1]?.toLowerCase();
    if (this.#people.some((p) => p.name.toLowerCase() === words.toLowerCase())) return true;
    if (toks.length === 1 && this.#people.some((p) => p.name.toLowerCase().split(" ").at(-1) === last))
      return true;
    return toks.length >= 2 && phraseHas(words, "Person") && !phraseHas(words, "Organization");
  }

  /** The gender a name shows (honorific or first name), or null. */
  genderOf(written: string, canonical: string): "male" | "female" | null {
    for (const w of written.split(/\s+/u)) {
      const g = HONORIFICS.get(w.toLowerCase());
      if (g) return g;
    }
    const first = canonical.split(" ")[0] ?? "";
    if (phraseHas(first, "FemaleName")) return "female";
    if (phraseHas(first, "MaleName")) return "male";
    // An honorific used elsewhere in the article for the same surname.
    const last = canonical.split(" ").at(-1);
    if (last) {
      const m = this.text.match(
        new RegExp(`\\b(Mr|Ms|Mrs|Miss|Sir|Lord|Lady|Dame)\\.? ${escapeRe(last)}\\b`, "u"),
      );
      if (m) return HONORIFICS.get(m[1]!.toLowerCase()) ?? null;
    }
    return null;
  }

  /** Records a salient referent (a sentence subject or a quotation's speaker) at a position. */
  note(pos: number, speaker: Speaker, subject: boolean, paragraph: number): void {
    this.#salient.push({ pos, speaker, subject, paragraph });
    this.#salient.sort((a, b) => a.pos - b.pos);
  }

  /**
   * Resolves a pronoun at `pos`: the most recent salient referent before it that fits (a person of
   * the right gender for `he`/`she`, a group for `it`, a pair or group for `they`), sentence subjects
   * first, within a few paragraphs.
   */
  resolvePronoun(pronoun: string, pos: number, paragraph: number): Speaker | null {
    const want = PRONOUNS.get(pronoun.toLowerCase());
    if (!want) return null;
    const fits = (s: Speaker) =>
      (want.kind === "any" ? s.plural || s.kind === "group" : s.kind === want.kind && !s.plural) &&
      (want.gender === null || s.gender === null || s.gender === want.gender);
    const before = this.#salient.filter((r) => r.pos < pos && paragraph - r.paragraph <= 2).reverse();
    const near =
      before.find((r) => r.subject && fits(r.speaker))?.speaker ??
      before.find((r) => fits(r.speaker))?.speaker;
    if (near) return near;
    // `he said` paragraphs after the person was last named: news keeps its pronouns for the person
    // the story is about, so the last named person of that gender is meant.
    if (want.gender === null) return null;
    const far = this.#salient
      .filter((r) => r.pos < pos && paragraph - r.paragraph <= FAR_PRONOUN_PARAGRAPHS)
      .reverse()
      .find((r) => r.speaker.kind === "person" && r.speaker.gender === want.gender && r.speaker.entityId);
    return far?.speaker ?? null;
  }

  /** The most recent salient named person before `pos` (subjects first) that passes `test`. */
  salientPerson(
    pos: number,
    paragraph: number,
    test: (s: Speaker) => boolean,
    window = Number.POSITIVE_INFINITY,
  ): Speaker | null {
    const before = this.#salient.filter((r) => r.pos < pos && paragraph - r.paragraph <= window).reverse();
    const ok = (r: { speaker: Speaker }) =>
      r.speaker.kind === "person" && /^\p{Lu}/u.test(r.speaker.name) && test(r.speaker);
    return before.find((r) => r.subject && ok(r))?.speaker ?? before.find(ok)?.speaker ?? null;
  }

  /** The most recent plural referent (`Armenia and Azerbaijan`) before `pos`, for `the two sides`. */
  resolvePlural(pos: number): Speaker | null {
    const before = [...this.#salient].reverse().filter((r) => r.pos < pos && r.speaker.plural);
    // The actors themselves (`Armenia and Azerbaijan`) before a document they issued.
    return (before.find((r) => !r.speaker.document) ?? before[0])?.speaker ?? null;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** A noun phrase found in the text, before resolution. */
export interface Phrase {
  text: string;
  start: number;
  end: number;
}

function phraseOf(tokens: Token[], text: string): Phrase | null {
  if (tokens.length === 0) return null;
  const start = tokens[0]!.start;
  const end = tokens[tokens.length - 1]!.end;
  return { text: text.slice(start, end).replace(/[,;:\s]+$/u, ""), start, end };
}

/** Splits tokens into comma-separated parts. */
function parts(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    // A horizontal bar (`―`, as some outlets set a dash) parts a phrase as a dash does.
    if (t.text === "," || t.text === "—" || t.text === "–" || t.text === "―") out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((p) => p.length > 0);
}

const isAdverbialPart = (p: Token[]): boolean => {
  const first = p[0]!;
  return (
    ADVERBIAL_OPENERS.has(first.lower) ||
    /ing$/u.test(first.lower) ||
    (/^\p{Ll}/u.test(first.text) && !DETERMINERS.has(first.lower) && !PRONOUNS.has(first.lower))
  );
};

/**
 * The subject noun phrase that ends at `end` (just before its verb), looked for in `[from, end)`:
 * after the last clause opener, without leading adverbials (`On December 7,`), and when it has an
 * appositive (`Jack Law, chief executive of Alcohol Focus Scotland,`) both name and appositive.
 */
export function subjectBefore(text: string, from: number, end: number): Phrase[] | null {
  let tokens = tokenize(text.slice(from, end), from);
  // `my father often said`, `Smith also told`: adverbs between subject and verb are no part of the subject.
  while (
    tokens.length > 1 &&
    (AUXILIARIES.has(tokens[tokens.length - 1]!.lower) || isSubjectAdverb(tokens[tokens.length - 1]!.text))
  )
    tokens.pop();
  // `Michael Sherwin, the former US attorney who helped oversee the investigation, said`: a relative
  // clause inside an appositive belongs to the appositive.
  if (tokens.length > 2 && tokens[tokens.length - 1]!.text === ",") {
    const prevComma = tokens.slice(0, -1).findLastIndex((t) => t.text === ",");
    const rel = tokens.findIndex(
      (t, i) => i > prevComma + 1 && i < tokens.length - 1 && /^(who|whose|which)$/u.test(t.lower),
    );
    if (prevComma > 0 && rel > 0) tokens = [...tokens.slice(0, rel), tokens[tokens.length - 1]!];
  }
  // `X, whose films include …, said`: a complete relative clause between commas is parenthetical;
  // the subject is X. (`Mr Campbell, who he described as` is not: there `he` is the subject.)
  let parenthetical = false;
  for (let k = tokens.length - 2; k >= 1; k--) {
    if (tokens[k]!.text !== "," || !/^(who|whose|which)$/u.test(tokens[k + 1]!.lower)) continue;
    const rel = tokens.slice(k + 2);
    const relHasVerb =
      rel.length > 1 && verbsBetween(text, rel[0]!.start, rel[rel.length - 1]!.end).length > 0;
    if (tokens[k + 1]!.lower === "whose" || relHasVerb) {
      tokens = tokens.slice(0, k);
      parenthetical = true;
    }
    break;
  }
  // The clause starts after the last opener (`that`, `which`, `who`…); `and` only splits
  // clauses, not names (`Armenia and Azerbaijan`, `Trade and Industry Secretary`).
  for (let i = tokens.length - 1; i >= 0 && !parenthetical; i--) {
    const t = tokens[i]!;
    if (t.text === ";" || t.text === ":") {
      tokens = tokens.slice(i + 1);
      break;
    }
    if (CLAUSE_OPENERS.has(t.text) && t.text !== "and" && t.text !== "as") {
      tokens = tokens.slice(i + 1);
      break;
    }
    if (t.text === "and" && tokens[i + 1] && PRONOUNS.has(tokens[i + 1]!.lower)) {
      tokens = tokens.slice(i + 1);
      break;
    }
  }
  while (tokens.length > 1 && LEADING_CONJUNCTIONS.has(tokens[0]!.lower)) tokens = tokens.slice(1);
  let ps = parts(tokens);
  while (ps.length > 1 && isAdverbialPart(ps[0]!)) ps = ps.slice(1);
  if (ps.length === 0) return null;
  // Only an adverbial (`As a result,`): there is no subject here.
  if (ps.length === 1 && ADVERBIAL_OPENERS.has(ps[0]![0]!.lower) && ps[0]!.length > 1) return null;
  // A clause with a verb in it is not a subject: keep what follows its last verb.
  ps = ps.map((p, k) => {
    if (p.length <= 2) return p;
    // `Obama's former campaign strategist`: a description compromise misreads (`campaign` as a verb).
    if (describedPerson(text.slice(p[0]!.start, p[p.length - 1]!.end))) return p;
    // A verb inside a hyphenated word (`Ballymena-born`) is an adjective here: only word starts count.
    const starts = new Set(p.map((t) => t.start));
    const verbs = verbsBetween(text, p[0]!.start, p[p.length - 1]!.end).filter((v) => starts.has(v));
    const lastVerb = verbs[verbs.length - 1];
    if (lastVerb === undefined) return p;
    // `Scott Pruitt, the attorney general, one of the states suing the EPA, said`: a clause after
    // the subject's name is parenthetical.
    if (k > 0 && ps.slice(0, k).some((q) => q.some((t) => /^\p{Lu}/u.test(t.text)))) return [];
    return p.filter((t) => t.start > lastVerb && !DETERMINERS.has(t.lower));
  });
  ps = ps.filter((p) => p.length > 0 && p.length <= 12);
  if (ps.length === 0) return null;
  // `NAME, ROLE,` or `ROLE, NAME,`: the last two parts; otherwise the last part alone.
  const last = ps.slice(-2);
  if (last.length === 2 && !isAdverbialPart(last[0]!) && last.every((p) => p.length <= 10))
    return last.map((p) => phraseOf(p, text)!);
  return [phraseOf(ps[ps.length - 1]!, text)!];
}

/** The noun phrase right after `start` (`said Mr Hopkins, director of the Committee`). */
export function phraseAfter(text: string, start: number, end: number): Phrase[] | null {
  const tokens = tokenize(text.slice(start, end), start);
  const ps = parts(tokens).slice(0, 2);
  const first = ps[0];
  if (!first) return null;
  const determined = DETERMINERS.has(first[0]!.lower) || PHRASE_OPENERS.has(first[0]!.lower);
  // `said judge Claire Armistead`, `said race director Matthew Turnbull`: a role before a name.
  // `said judge Claire Armistead`, `said former CDC Director Dr. Tom Frieden`, `said Clinton campaign
  // chairman John Podesta`: modifiers, then a role (its person noun may be lower-case, or tie
  // capitalised words with `of`) and the name; the name is split from the role when resolved.
  const nameAt = first.findIndex((t) => isCapitalised(t));
  if (
    nameAt >= 0 &&
    nameAt <= MAX_ROLE_WORDS_BEFORE_NAME &&
    first.slice(0, nameAt).every((t) => /^\p{Ll}/u.test(t.text) && !CONNECTORS.has(t.lower))
  ) {
    let end = nameAt;
    let lowerRole = false;
    for (let k = nameAt; k < first.length; k++) {
      const t = first[k]!;
      if (isCapitalised(t) || HONORIFICS.has(t.lower)) {
        end = k + 1;
        continue;
      }
      if (t.lower === "of" && first[k + 1] && isCapitalised(first[k + 1]!)) continue;
      // Lower-case words up to a person noun right before a capitalised word (`campaign chairman John`).
      let j = k;
      while (j < k + MAX_ROLE_WORDS_BEFORE_NAME && first[j] && /^\p{Ll}/u.test(first[j]!.text)) {
        if (isPersonNoun(first[j]!.text) && first[j + 1] && isCapitalised(first[j + 1]!)) break;
        j++;
      }
      const noun = first[j];
      if (
        !noun ||
        CONNECTORS.has(t.lower) ||
        !isPersonNoun(noun.text) ||
        !first[j + 1] ||
        !isCapitalised(first[j + 1]!)
      )
        break;
      if (first.slice(k, j).some((w) => CONNECTORS.has(w.lower))) break;
      lowerRole = true;
      k = j;
    }
    const phrase = first.slice(0, end);
    const roleNoun = phrase.slice(0, -1).some((t) => isPersonNoun(t.text));
    if (roleNoun && (nameAt > 0 || lowerRole)) return [phraseOf(phrase, text)!];
  }
  if (!isCapitalised(first[0]!) && !determined) return null;
  // Stop at the first lowercase word that is not a connector or title (`said Mr Hopkins on Monday`).
  const trim = (p: Token[]) => {
    const out: Token[] = [];
    for (const t of p) {
      // `said the artists`, `said the prime minister's spokesman`: a determiner opens a common noun phrase.
      // `said a person close to the Clintons`, `said one adviser to Bill Clinton`: `to` ties the description.
      const tie = t.lower === "to" && out.length > 1 && out.slice(1).some((w) => isPersonNoun(w.text));
      if (
        determined &&
        out.length < 5 &&
        /^\p{Ll}/u.test(t.text) &&
        (tie || (!ADVERBIAL_OPENERS.has(t.lower) && !CLAUSE_OPENERS.has(t.lower)))
      ) {
        out.push(t);
        continue;
      }
      if (
        out.length &&
        !isCapitalised(t) &&
        !CONNECTORS.has(t.lower) &&
        !TITLE_WORDS.has(t.lower) &&
        !DETERMINERS.has(t.lower)
      )
        break;
      out.push(t);
    }
    return out;
  };
  const named = trim(first);
  // `Cara Diemont of IT firm Dimension Data`: the name, then what it is of.
  const of = named.findIndex((t, i) => i >= 2 && t.lower === "of" && named.slice(0, i).every(isCapitalised));
  if (of > 0) {
    const rest = first.slice(of + 1);
    return [phraseOf(named.slice(0, of), text)!, ...(rest.length ? [phraseOf(rest, text)!] : [])];
  }
  const result = [phraseOf(named, text)!];
  const second = ps[1];
  // `said X, who …`: a relative clause is no appositive.
  if (
    second &&
    second.length <= 10 &&
    /^\p{Ll}/u.test(second[0]!.text) &&
    !ADVERBIAL_OPENERS.has(second[0]!.lower) &&
    !CLAUSE_OPENERS.has(second[0]!.lower)
  )
    result.push(phraseOf(second, text)!);
  // `said one of their lawyers, Michalis Dimitrakopoulos`: a description, then the name.
  else if (
    second &&
    determined &&
    second.length <= 4 &&
    second.every((t) => isCapitalised(t) || CONNECTORS.has(t.lower))
  )
    result.push(phraseOf(second, text)!);
  return result;
}

/**
 * Resolves subject phrases to a speaker: pronouns through {@link Referents.resolvePronoun},
 * `the two sides` to the last pair, documents (`the statement`) to the document and who issued it,
 * and names to their canonical form with the title words before them as the role.
 */
export function resolveSpeaker(
  phrases: Phrase[],
  refs: Referents,
  sentences: Sentence[],
  paragraph: number,
): Speaker | null {
  if (phrases.length === 0) return null;
  // Appositive: pick the part that names someone; the other is the role.
  let main = phrases[0]!;
  let appositive: Phrase | null = null;
  if (phrases.length === 2) {
    const [a, b] = phrases as [Phrase, Phrase];
    const aName = splitName(a.text, refs);
    const bName = splitName(b.text, refs);
    if (bName.person && !aName.person) {
      main = b;
      appositive = a;
    } else if (aName.person) {
      main = a;
      appositive = b;
    } else {
      main = b;
    }
  }
  // `Both Armenia and Azerbaijan` names them; `both sides`, `the two countries` refer back.
  // A party and state after a name (`Sen. Claire McCaskill (D-Mo.)`) is no part of it.
  const words = main.text
    .replace(/\s*\([^)]*\)?\s*$/u, "")
    .trim()
    .replace(/^both\s+(?=\p{Lu})/iu, "");
  const lower = words.toLowerCase();
  if (PRONOUNS.has(lower)) {
    const r = refs.resolvePronoun(lower, main.start, paragraph);
    return r;
  }
  if (/^(?:[Tt]he two|[Bb]oth)\s+\p{Ll}/u.test(words)) {
    return refs.resolvePlural(main.start);
  }
  // A capitalised document noun is a name (`The New York Post reports`), no document.
  const docNoun = words.split(/\s+/u).find((w) => DOCUMENT_NOUNS.has(w));
  if (docNoun && /^(the|this|that|its|their)\b/u.test(lower)) {
    return resolveDocument(docNoun, main.start, refs, sentences, words);
  }
  const split = splitName(words, refs);
  if (split.person) {
    const canon = refs.canonicalPerson(split.name);
    const role = refs.role(
      canon.name,
      split.role ?? (appositive ? cleanRole(appositive.text) : null) ?? entityRole(refs, canon.entityId),
    );
    if (split.name.split(/\s+/u).filter((w) => !HONORIFICS.has(w.toLowerCase())).length >= 2)
      refs.addPerson(canon.name);
    return {
      name: canon.name,
      kind: "person",
      role,
      entityId: canon.entityId,
      gender: refs.genderOf(split.name, canon.name),
      plural: false,
    };
  }
  const head = words.split(/\s+/u).at(-1) ?? "";
  if (/^the\s+\p{Ll}[\p{L}-]*$/u.test(words)) {
    const named = namedBefore(head, main.start, refs);
    if (named) return named;
  }
  if (/^the\s/iu.test(words) && /^\p{Ll}/u.test(head) && PERSON_NOUNS.has(head)) {
    const described = resolveDescription(words, main.start, refs, paragraph);
    if (described) return described;
  }
  // `a longtime adviser to both Clintons`, `one Clinton aide`, `federal prosecutors`: a description
  // of someone the article does not name is the speaker as the article gives it.
  const description = describedPerson(words);
  if (description) return description;
  // `But`, `If a user`, `We`: a function word or first/second person is no one we can name.
  if (NOT_A_SPEAKER.has(lower.split(/\s+/u)[0]!)) return null;
  const group = words.replace(/^(the|a|an)\s+/iu, "");
  if (
    !/^\p{Lu}/u.test(group) &&
    !/^(spokes|official|minister|ministry|government|police|company|firm)/u.test(group)
  )
    return null;
  const entity = refs.entityFor(group) ?? refs.entityFor(stripPossessive(group));
  const plural = /\band\b/u.test(group) && group.split(/\s+and\s+/u).every((p) => /^\p{Lu}/u.test(p));
  return {
    name: entity?.name ?? group,
    kind: lower.split(/\s+/u).some((w) => /^(spokes|official)/u.test(w)) ? "person" : "group",
    role: appositive ? cleanRole(appositive.text) : null,
    entityId: entity?.id ?? null,
    gender: null,
    plural,
  };
}

/** Words that open a description of someone (`a`, `one`, `several`, `my`, `Obama's`). */
const DESCRIPTION_OPENERS = new Set([
  "a",
  "an",
  "one",
  "the",
  "another",
  "several",
  "two",
  "three",
  "some",
  "many",
  "my",
  "his",
  "her",
  "their",
  "its",
]);
/** What ends a description's head (`adviser | to both Clintons`, `person | close to the Clintons`). */
const DESCRIPTION_BREAKS = new Set(
  "to of for with in at from on close who that between and or about by after over against among".split(" "),
);
/** Quantifiers that make a bare plural no one in particular (`more customers`). */
const NOT_DESCRIBING = new Set(["more", "most", "fewer", "other", "such", "these", "those", "all"]);
/** Heads of `the …` that speak as an organisation (`the campaign said`), beside WordNet's groups. */
const GROUP_HEADS = new Set(["campaign", "administration", "department", "agency", "ministry", "embassy"]);
/** Most words of a description before its head. */
const MAX_DESCRIPTION_HEAD_WORDS = 6;

/** Whether a noun names a person in its first WordNet sense (`aide`, `prosecutors`, `Democrat`). */
export function isPersonNoun(word: string): boolean {
  const w = word.toLowerCase();
  if (w === "person" || w === "people") return true;
  return nounKinds(w, 1).includes("noun.person");
}

/**
 * A description of an unnamed person or group of people (`a longtime adviser to both Clintons`,
 * `one Clinton aide`, `Obama's former campaign strategist`, `federal prosecutors`): the phrase as
 * written, when its head (the last word before a preposition) is a person noun.
 */
export function describedPerson(words: string): Speaker | null {
  const toks = words.split(/\s+/u).filter(Boolean);
  if (toks.length === 0) return null;
  const first = toks[0]!.toLowerCase();
  const possessive = /^\p{Lu}[\p{L}.-]*['’]s$/u.test(toks[0]!);
  const opened = DESCRIPTION_OPENERS.has(first) || possessive;
  const end = toks.findIndex((t, i) => i > 0 && DESCRIPTION_BREAKS.has(t.toLowerCase()));
  const headWords = toks.slice(opened ? 1 : 0, end < 0 ? toks.length : end);
  if (headWords.length === 0 || headWords.length > MAX_DESCRIPTION_HEAD_WORDS) return null;
  const head = headWords[headWords.length - 1]!;
  // Without an opener only a plural common noun phrase describes (`federal prosecutors`, `officials`).
  if (NOT_DESCRIBING.has(first)) return null;
  if (!opened && !(/^\p{Ll}/u.test(toks[0]!) && /s$/u.test(head) && /^\p{Ll}/u.test(head))) return null;
  if (headWords.some((w) => /^\p{Ll}/u.test(w) && PRONOUNS.has(w))) return null;
  // A capitalised head after `the` names an organisation (`the European Union`), read as a name elsewhere.
  if (/^\p{Lu}/u.test(head) && first === "the") return null;
  const group =
    first === "the" &&
    /^\p{Ll}/u.test(head) &&
    (GROUP_HEADS.has(head) || nounKinds(head, 1).includes("noun.group"));
  if (!isPersonNoun(head) && !group) return null;
  if (group) return { name: words, kind: "group", role: null, entityId: null, gender: null, plural: false };
  const name = words.replace(/[,;:]+$/u, "");
  const plural = /[^s]s$/u.test(head) && isPersonNoun(head.slice(0, -1));
  return { name, kind: "person", role: null, entityId: null, gender: null, plural };
}

/**
 * A definite description (`the spokesman`) resolved to its fuller earlier mention
 * (`the prime minister's spokesman`), or to the person it last described (`the first minister`).
 */
function resolveDescription(words: string, pos: number, refs: Referents, paragraph: number): Speaker | null {
  const head = words.split(/\s+/u).at(-1)!;
  const described = words.replace(/^the\s+/iu, "");
  // A person whose role says it (`Tory leader Michael Howard` … `The Tory leader`).
  const byRole = refs.salientPerson(pos, paragraph, (s) => {
    // The role's own head (`friend of the Tory leader` is a friend, not a leader).
    const role = (s.role?.toLowerCase() ?? "").split(/\s+of\s+/u)[0]!;
    return (
      role.split(/\s+/u).at(-1) === head && (described === head || role.endsWith(described.toLowerCase()))
    );
  });
  if (byRole) return byRole;
  // A fuller earlier mention of someone never named (`the prime minister's spokesman`).
  const before = refs.text.slice(0, pos);
  const re = new RegExp(`\\bthe\\s+((?:[\\p{L}'’-]+\\s+){1,3}${escapeRe(head)})\\b`, "giu");
  let fuller: string | null = null;
  for (const m of before.matchAll(re)) fuller = m[1]!;
  if (fuller && described === head && fuller.toLowerCase() !== described.toLowerCase())
    return { name: fuller, kind: "person", role: null, entityId: null, gender: null, plural: false };
  // `Republican nominee Donald Trump` … `the Republican nominee`: the person the description last stood before.
  const titled = titledBefore(described, pos, refs);
  if (titled) return titled;
  // `The Oscar-nominated actor`: news refers back to the person in focus, like a pronoun.
  const inFocus = refs.salientPerson(pos, paragraph, () => true, 1);
  if (inFocus && TITLE_WORDS.has(head)) return inFocus;
  return { name: described, kind: "person", role: null, entityId: null, gender: null, plural: false };
}

/** The known person named right after these words (as a title) the last time before `pos`, if any. */
function titledBefore(description: string, pos: number, refs: Referents): Speaker | null {
  const words = description.split(/\s+/u).map((w) => {
    const first = escapeRe(w[0]!);
    return `[${first.toUpperCase()}${first.toLowerCase()}]${escapeRe(w.slice(1))}`;
  });
  const re = new RegExp(
    `\\b${words.join("\\s+")}\\s+(\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}'’-]*){0,3})`,
    "gu",
  );
  let name: string | null = null;
  for (const m of refs.text.slice(0, pos).matchAll(re)) {
    const run = m[1]!.replace(/['’]s$/u, "");
    if (refs.isPerson(run)) name = run;
  }
  if (!name) return null;
  const canon = refs.canonicalPerson(name);
  return {
    name: canon.name,
    kind: "person",
    role: refs.role(canon.name, description),
    entityId: canon.entityId,
    gender: refs.genderOf(name, canon.name),
    plural: false,
  };
}

/**
 * `the artists` resolved to an earlier `artists Langlands & Bell`: the capitalised name that
 * followed the same noun, the last time it did.
 */
function namedBefore(noun: string, pos: number, refs: Referents): Speaker | null {
  const re = new RegExp(
    `\\b${escapeRe(noun)}\\s+(\\p{Lu}[\\p{L}'’-]*(?:\\s+(?:&|and|\\p{Lu}[\\p{L}'’-]*))*)`,
    "gu",
  );
  let name: string | null = null;
  for (const m of refs.text.slice(0, pos).matchAll(re)) name = m[1]!.replace(/\s+(?:&|and)$/u, "");
  if (!name) return null;
  const person = refs.isPerson(name);
  const canon = person ? refs.canonicalPerson(name) : { name, entityId: refs.entityFor(name)?.id ?? null };
  return {
    name: canon.name,
    kind: "person",
    role: refs.role(canon.name, null),
    entityId: canon.entityId,
    gender: null,
    plural: /\s(?:&|and)\s/u.test(name) || /s$/u.test(noun),
  };
}

function entityRole(refs: Referents, entityId: string | null): string | null {
  return entityId ? (refs.entityById(entityId)?.roles[0] ?? null) : null;
}

function cleanRole(role: string): string | null {
  const r = role
    .replace(/^(the|a|an)(\s+|$)/iu, "")
    .replace(/['’]s$/u, "")
    .trim();
  return r.length > 1 ? r : null;
}

/**
 * Splits a noun phrase into a person's name and the role before it: the name is the capitalised
 * words after the last title word (`European Council President | Charles Michel`).
 */
export function splitName(
  words: string,
  refs: Referents,
): { person: boolean; name: string; role: string | null } {
  const toks = words.split(/\s+/u).filter(Boolean);
  // A known person's name or alias inside the phrase, longest first.
  for (const p of [...refs.people].sort((a, b) => b.length - a.length)) {
    const i = words.indexOf(p);
    if (i >= 0 && i + p.length === words.length) {
      return { person: true, name: p, role: cleanRole(words.slice(0, i).trim()) };
    }
  }
  let i = toks.length;
  while (i > 0) {
    const t = toks[i - 1]!;
    const l = t.toLowerCase();
    if (!/^\p{Lu}/u.test(t) || TITLE_WORDS.has(l.replace(/\.$/u, ""))) break;
    i--;
  }
  // Keep an honorific with the name (`Mr Hopkins`); a nationality is a role (`Russian Dmitriy Bogdanov`).
  if (i > 0 && HONORIFICS.has(toks[i - 1]!.toLowerCase())) i--;
  // `Speaker of the House Lord Fakafanua`, `Ambassador to OSCE Michael Carpenter`: a name starts at its
  // honorific, and an acronym before it is what the role is of.
  for (let k = toks.length - 2; k > i; k--) {
    if (HONORIFICS.has(toks[k]!.toLowerCase())) {
      i = k;
      break;
    }
  }
  while (i < toks.length - 2 && /^\p{Lu}{2,}$/u.test(toks[i]!)) i++;
  while (i < toks.length - 1 && phraseHas(toks[i]!, "Demonym")) i++;
  const nameToks = toks.slice(i);
  const name = nameToks.join(" ");
  if (nameToks.length === 0 || nameToks.length > 4) return { person: false, name: words, role: null };
  const person = refs.isPerson(name);
  const role = i > 0 ? cleanRole(toks.slice(0, i).join(" ")) : null;
  return { person, name, role };
}

/**
 * Resolves `the statement` to the document and who issued it, by its first earlier mention:
 * `Armenia and Azerbaijan issued a joint statement` → `joint statement of Armenia and Azerbaijan`.
 */
function resolveDocument(
  noun: string,
  pos: number,
  refs: Referents,
  sentences: Sentence[],
  phrase: string,
): Speaker | null {
  // `the IMF report stated`: a phrase that names its issuer is the document as the article gives it.
  const own = phrase.match(
    new RegExp(`^(?:the|its|their)\\s+(\\p{Lu}[\\p{L}\\s'’.&-]*?)\\s+${escapeRe(noun)}$`, "u"),
  );
  if (own)
    return {
      name: phrase,
      document: true,
      kind: "group",
      role: null,
      entityId: null,
      gender: null,
      plural: false,
    };
  const re = new RegExp(`\\b(?:(?:a|an|the|their|its)\\s+)?((?:[\\p{L}-]+\\s+)?)${escapeRe(noun)}\\b`, "iu");
  for (const s of sentences) {
    if (s.start >= pos) break;
    // Only a mention before the cue: `the report said` is no mention of which report.
    const m = s.text.slice(0, pos - s.start).match(re);
    if (!m || m.index === undefined) continue;
    const modifier = (m[1] ?? "").trim();
    const at = s.start + m.index;
    const subject = subjectBefore(refs.text, s.start, at);
    // The issuer is the subject of the verb before the document (`X issued a joint statement`).
    const verb = verbsBetween(refs.text, s.start, at).at(-1);
    const issuerPhrase = verb !== undefined ? subjectBefore(refs.text, s.start, verb) : subject;
    const issuer = issuerPhrase ? resolveSpeaker(issuerPhrase, refs, sentences, 0) : null;
    const keepModifier = modifier && !/^(above|same|this|that|said)$/iu.test(modifier) ? `${modifier} ` : "";
    const doc = `${keepModifier}${noun}`;
    return {
      name: issuer ? `${doc} of ${issuer.name}` : `the ${doc}`,
      document: true,
      kind: "group",
      role: null,
      entityId: null,
      gender: null,
      plural: issuer?.plural ?? false,
    };
  }
  return { name: `the ${noun}`, kind: "group", role: null, entityId: null, gender: null, plural: false };
}
