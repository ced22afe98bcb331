/**
 * People, places and organisations of one article, read from compromise's tags with principled
 * repairs: a capitalised run is cut into a role and a name (`European Council President` +
 * `Charles Michel`), typed from compromise's tags, the curated lexicon and the words around it
 * (`media giant TimeWarner` is an organisation), and grouped so that every shorter mention
 * (`Pashinyan`, `Mr. Pashinyan`, `EU`, `Time Warner`) resolves to the fullest name in the article.
 */
import {
  CAPITALS,
  DEMONYMS,
  HONORIFICS,
  lexKey,
  ORG_DESCRIPTORS,
  ORG_HEADS,
  PLACE_ACRONYMS,
  ROLE_HEADS,
  ROLE_MODIFIERS,
  STATE_BODIES,
  WIRES,
} from "./lexicon.ts";
import type { Token } from "./nlp.ts";
import type { Entity, EntityType } from "./schema.ts";
import type { SentenceTokens } from "./sentences.ts";

/** Where an entity is named in the text (offsets into the normalised text). */
export interface EntitySpan {
  start: number;
  end: number;
  entityId: string;
  sentence: number;
}

/** The article's entities and where each is named. */
export interface ArticleNames {
  entities: Entity[];
  /** Sorted by start. */
  spans: EntitySpan[];
}

/** Slug for entity ids: lower case ASCII words joined by `-`. */
export function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]s\b/g, "s")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Key under which spellings of one name meet: letters and digits only (`TimeWarner` = `Time Warner`). */
export function squashKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/[^a-z0-9]/g, "");
}

type Kind = EntityType | "unknown";

interface Candidate {
  kind: Kind;
  /** The name as it will be canonicalised (`Armenia's Foreign Ministry`, `United States`). */
  name: string;
  /** The words used, honorific included (`Mr. Aliyev`). */
  written: string;
  start: number;
  end: number;
  sentence: number;
  tokens: number;
  /** The last word is tagged as a place (`New York`), not only the first (`Milan Kundera`). */
  lastIsPlace: boolean;
  role: string | null;
  honorific: boolean;
  /** Acronym given in parentheses right after the name (`(SEC)`). */
  acronym: string | null;
}

const FUNCTION_TAGS = ["Determiner", "Pronoun", "Preposition", "Conjunction", "Adverb", "QuestionWord"];
const PROPER_TAGS = ["ProperNoun", "Person", "Place", "Organization", "Acronym", "Honorific"];
// Closed-class words compromise sometimes tags as names at a sentence start (`The company…`).
const FUNCTION_WORDS = new Set([
  "the",
  "a",
  "an",
  "this",
  "that",
  "these",
  "those",
  "it",
  "its",
  "he",
  "she",
  "they",
  "we",
  "you",
  "his",
  "her",
  "their",
  "our",
  "but",
  "and",
  "or",
  "so",
  "then",
  "however",
  "also",
  "yet",
  "if",
  "when",
  "while",
  "as",
  "after",
  "before",
  "in",
  "on",
  "at",
  "for",
  "from",
  "by",
  "with",
  "how",
  "what",
  "why",
  "who",
  "where",
  "which",
]);
// Names of things rather than of people, places or organisations (`Hans Christian Andersen Award`).
const THING_HEADS = new Set([
  "award",
  "awards",
  "prize",
  "games",
  "cup",
  "championship",
  "championships",
  "festival",
  "olympics",
  "act",
  "bill",
  "treaty",
  "day",
  "war",
  "show",
  "trophy",
  "medal",
  "open",
  "series",
  "tour",
  "album",
  "film",
  "book",
  "plan",
  "strategy",
  "report",
  "index",
  "summit",
  "conference",
]);
const CONNECTORS = new Set(["of", "for", "de", "del", "da", "von", "van", "der", "al", "bin", "&"]);
const POSSESSIVE = /['’]s$|s['’]$/;

const isCapitalised = (t: Token) => /^[\p{Lu}]/u.test(t.text);
const hasAny = (t: Token, tags: string[]) => tags.some((x) => t.tags.has(x));
const breaksAfter = (t: Token) =>
  (/[,.;:!?()"“”[\]]/.test(t.post) && !(t.post.trim() === "." && isAbbreviation(t))) ||
  POSSESSIVE.test(t.text);
// `Mr.`, `Dr.`, `J.`: a full stop that ends an abbreviation, not the name.
const isAbbreviation = (t: Token) =>
  HONORIFICS.has(lexKey(t.text)) ||
  /^[A-Z]$/.test(t.text) ||
  (t.tags.has("Abbreviation") && !t.tags.has("Organization"));
/** The country a demonym names (`Armenians` → Armenia), or undefined. */
const demonymCountry = (word: string) =>
  DEMONYMS.get(word.replace(/['’]s$/, "")) ?? DEMONYMS.get(word.replace(/s$/, ""));
const COUNTRIES: ReadonlySet<string> = new Set([
  ...DEMONYMS.values(),
  ...CAPITALS.values(),
  ...PLACE_ACRONYMS.values(),
]);
const isAcronym = (word: string) => /^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,4})$/.test(word);

/** Reads the entities of one article from its analysed sentences. */
export function recogniseNames(articleId: string, text: string, sentences: SentenceTokens[]): ArticleNames {
  const candidates: Candidate[] = [];
  // Words written with a capital inside a sentence somewhere in the article: a sentence-initial
  // capital that is one of them is a name (`Time Warner said`), else it may be any word.
  const midCapitals = new Set<string>();
  for (const s of sentences)
    s.tokens.forEach((t, i) => {
      if (i > 0 && isCapitalised(t) && !startsQuote(t)) midCapitals.add(t.normal);
    });
  const isNameToken = (toks: Token[], i: number) => nameToken(toks, i, midCapitals);
  for (const [si, s] of sentences.entries()) {
    const toks = s.tokens;
    let i = 0;
    while (i < toks.length) {
      if (!isNameToken(toks, i)) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < toks.length && !breaksAfter(toks[j]!)) {
        const next = toks[j + 1]!;
        // Two countries hyphenated (`Armenia-Azerbaijan relations`) are two names.
        const twoCountries =
          toks[j]!.post === "-" && toks[j]!.tags.has("Country") && next.tags.has("Country");
        if (isNameToken(toks, j + 1) && !startsQuote(next) && !twoCountries) {
          j++;
          continue;
        }
        // `Secretary of State`, `Bank of England`: a connector between two name words.
        const after = toks[j + 2];
        if (
          CONNECTORS.has(next.normal) &&
          after &&
          !breaksAfter(next) &&
          isCapitalised(after) &&
          (ROLE_HEADS.has(lexKey(toks[j]!.text)) ||
            ORG_HEADS.has(lexKey(toks[j]!.text)) ||
            (next.normal !== "of" && next.normal !== "for"))
        ) {
          j += 2;
          continue;
        }
        break;
      }
      readRun(toks, i, j + 1, si, candidates, text);
      i = j + 1;
    }
  }
  return group(articleId, candidates, sentences);
}

function startsQuote(t: Token): boolean {
  return /["“([]/.test(t.pre);
}

function nameToken(toks: Token[], i: number, midCapitals: ReadonlySet<string>): boolean {
  const t = toks[i]!;
  if (!isCapitalised(t) && !isAcronym(t.text)) return false;
  if (t.tags.has("Value") && !/[A-Za-z]/.test(t.text)) return false;
  if (t.tags.has("Date") && !isAcronym(t.text) && !t.tags.has("ProperNoun")) return false;
  if (t.tags.has("Date") && (t.tags.has("Month") || t.tags.has("WeekDay"))) return false;
  if (t.normal === "i" || FUNCTION_WORDS.has(t.normal)) return false;
  const initial = i === 0 || startsQuote(t) || /[:]/.test(toks[i - 1]!.post);
  if (!initial) return !hasAny(t, ["Pronoun"]);
  if (hasAny(t, FUNCTION_TAGS)) return false;
  if (hasAny(t, PROPER_TAGS) && !t.tags.has("Verb")) return true;
  if (!midCapitals.has(t.normal)) return false;
  // Sentence-initial capitals are ambiguous (`Time Warner said` tags `Time` as a verb): a word the
  // article also capitalises mid-sentence is a name, unless it reads as a verb or adjective here
  // and no name follows it.
  if (!t.tags.has("Verb") && !t.tags.has("Adjective")) return true;
  const next = toks[i + 1];
  return (
    !!next && !breaksAfter(t) && isCapitalised(next) && hasAny(next, PROPER_TAGS) && !next.tags.has("Date")
  );
}

function readRun(
  toks: Token[],
  from: number,
  to: number,
  sentence: number,
  out: Candidate[],
  text: string,
): void {
  let run = toks.slice(from, to);
  // Drop a leading demonym when a role or name follows it is handled below; a lone demonym is
  // an adjective (`Armenian prisoners`), not an entity.
  if (run.length === 1 && demonymCountry(run[0]!.text) && !POSSESSIVE.test(run[0]!.text)) return;
  let honorific = false;
  let role: string | null = null;
  let k = -1;
  for (let x = 0; x < run.length - 1; x++) if (ROLE_HEADS.has(lexKey(run[x]!.text))) k = x;
  if (k >= 0 && run[k + 1]?.normal === "of" && k + 3 < run.length) k += 2;
  if (k >= 0) {
    const nameToks = run.slice(k + 1);
    const last = nameToks[nameToks.length - 1]!;
    // What follows a title is a name only if it reads as one (`General Election`, `Bishop of
    // Durham`, `General Secretary` are titles or things, not people).
    const personLike =
      !ORG_HEADS.has(lexKey(last.text)) &&
      !THING_HEADS.has(lexKey(last.text)) &&
      /^[\p{Lu}]/u.test(nameToks[0]!.text) &&
      !nameToks.some((t) => ROLE_HEADS.has(lexKey(t.text)) && !t.tags.has("Person")) &&
      nameToks.some((t) => hasAny(t, ["ProperNoun", "Person", "FirstName", "LastName"])) &&
      !nameToks.some((t) => t.tags.has("Organization") && !t.tags.has("Person")) &&
      !nameToks.every((t) => isAcronym(t.text));
    if (personLike) {
      const roleToks = run.slice(0, k + 1);
      role = text.slice(roleToks[0]!.start, roleToks[roleToks.length - 1]!.end);
      // The qualifier of a role names places and organisations too (`European Council President`).
      const qualifier = roleToks.filter(
        (t) => !ROLE_HEADS.has(lexKey(t.text)) && !ROLE_MODIFIERS.has(lexKey(t.text)),
      );
      if (qualifier.length > 0 && qualifier.length < roleToks.length) {
        const q: Token[] = [];
        for (const t of roleToks) {
          if (qualifier.includes(t) && (q.length === 0 || q[q.length - 1]!.i === t.i - 1)) q.push(t);
          else if (q.length > 0) break;
        }
        if (q.length > 0) readRun(q, 0, q.length, sentence, out, text);
      }
      run = nameToks;
    }
  }
  if (run.length > 1 && HONORIFICS.has(lexKey(run[0]!.text))) {
    honorific = true;
  }
  let nameToks = honorific ? run.slice(1) : run;
  if (nameToks.length === 0) return;
  // `Bishop of Durham`, `Mayor of London`: a title, whose place is named after `of`.
  if (
    !role &&
    nameToks.length > 2 &&
    ROLE_HEADS.has(lexKey(nameToks[0]!.text)) &&
    nameToks[1]!.normal === "of"
  ) {
    readRun(nameToks, 2, nameToks.length, sentence, out, text);
    return;
  }
  // A title alone (`the Bishop of Durham`, `NUJ General Secretary`) names no one here.
  if (!/^[\p{Lu}\d]/u.test(nameToks[0]!.text)) return;
  if (
    !honorific &&
    !role &&
    nameToks.length > 1 &&
    ROLE_HEADS.has(lexKey(nameToks[nameToks.length - 1]!.text))
  )
    return;
  if (!role) role = lowerCaseRole(toks, from) ?? appositiveRole(toks, to, text);
  const first = nameToks[0]!;
  const last = nameToks[nameToks.length - 1]!;
  let end = last.end;
  if (POSSESSIVE.test(last.text)) end -= last.text.endsWith("s'") || last.text.endsWith("s’") ? 1 : 2;
  let name = text.slice(first.start, end).replace(/\s+/g, " ");
  const written = text.slice((honorific ? run[0]! : first).start, end).replace(/\s+/g, " ");
  if (!/[\p{L}]/u.test(name)) return;
  const lastKey = lexKey(last.text);
  if (THING_HEADS.has(lastKey)) return;
  const before = toks[from - 1];
  let kind: Kind = "unknown";
  if (role || honorific) kind = "person";
  else if (PLACE_ACRONYMS.has(name)) {
    kind = "place";
    name = PLACE_ACRONYMS.get(name)!;
  } else if (WIRES.has(name.toLowerCase())) kind = "organisation";
  else if (nameToks.length > 1 && STATE_BODIES.has(lastKey) && demonymCountry(first.text)) {
    // `Armenian Foreign Ministry` is `Armenia's Foreign Ministry`.
    kind = "organisation";
    name = `${demonymCountry(first.text)}'s ${text.slice(nameToks[1]!.start, end)}`;
  } else if (ORG_HEADS.has(lastKey) && !last.tags.has("Person")) kind = "organisation";
  // `Bank of America`, `University of Glasgow`: an organisation's head first, then `of`.
  else if (nameToks.length > 2 && ORG_HEADS.has(lexKey(first.text)) && nameToks[1]!.normal === "of")
    kind = "organisation";
  else if (CAPITALS.has(name) || COUNTRIES.has(name)) kind = "place";
  else if (nameToks.length === 1 && isAcronym(first.text)) kind = "organisation";
  else if (before && ORG_DESCRIPTORS.has(before.normal)) kind = "organisation";
  else kind = kindFromTags(nameToks);
  if (nameToks.length === 1 && demonymCountry(first.text)) return;
  // `Armenia's Foreign Ministry`: a state body after a possessive place belongs to it.
  if (kind === "organisation" && STATE_BODIES.has(lastKey) && before && POSSESSIVE.test(before.text)) {
    const owner = out[out.length - 1];
    if (owner && COUNTRIES.has(owner.name) && owner.end <= before.end && before.end - owner.end <= 2) {
      name = `${owner.name}'s ${name}`;
    }
  }
  // `American Alan Webb`, `Russian Irina Shevchenko`: the nationality is not part of a person's name.
  if (
    kind === "person" &&
    nameToks.length > 2 &&
    demonymCountry(first.text) &&
    !POSSESSIVE.test(first.text)
  ) {
    nameToks = nameToks.slice(1);
    name = text.slice(nameToks[0]!.start, end).replace(/\s+/g, " ");
  }
  const next = toks[to];
  const acronym =
    next && /\(/.test(next.pre) && isAcronym(next.text) && /\)/.test(next.post) && kind !== "person"
      ? next.text
      : null;
  out.push({
    kind,
    name,
    written,
    start: run[0]!.start,
    end,
    sentence,
    tokens: nameToks.length,
    lastIsPlace: hasAny(last, ["Place", "Country", "City", "Region"]),
    role,
    honorific,
    acronym,
  });
}

/** A lower-case role before a name: `chairman and chief executive Richard Parsons`. */
function lowerCaseRole(toks: Token[], from: number): string | null {
  let x = from - 1;
  let head = false;
  while (x >= 0) {
    const t = toks[x]!;
    if (/[,.;:"“”()]/.test(t.post) || POSSESSIVE.test(t.text)) break;
    if (isCapitalised(t) && !demonymCountry(t.text)) break;
    const key = lexKey(t.text);
    if (ROLE_HEADS.has(key)) head = true;
    else if (!(ROLE_MODIFIERS.has(key) || key === "and" || (demonymCountry(t.text) && x < from - 1))) break;
    x--;
  }
  if (!head) return null;
  const roleToks = toks.slice(x + 1, from);
  while (
    roleToks.length > 0 &&
    !ROLE_HEADS.has(lexKey(roleToks[0]!.text)) &&
    !ROLE_MODIFIERS.has(lexKey(roleToks[0]!.text)) &&
    !demonymCountry(roleToks[0]!.text)
  )
    roleToks.shift();
  if (roleToks.length === 0) return null;
  while (roleToks.length > 0 && roleToks[roleToks.length - 1]!.normal === "and") roleToks.pop();
  if (!roleToks.some((t) => ROLE_HEADS.has(lexKey(t.text)))) return null;
  return roleToks.map((t) => t.text).join(" ");
}

/**
 * A role in apposition after a name: `Carolina Kluft, the Olympic heptathlon champion,` or
 * `Richard Parsons, chief executive of Time Warner,` — a short comma-bounded phrase without a
 * verb whose words include a role head.
 */
function appositiveRole(toks: Token[], to: number, text: string): string | null {
  const last = toks[to - 1];
  if (!last || !/,/.test(last.post)) return null;
  let k = to;
  if (toks[k] && (toks[k]!.normal === "the" || toks[k]!.normal === "a" || toks[k]!.normal === "an")) k++;
  const from = k;
  let head = false;
  while (k < toks.length && k - from < 8) {
    const t = toks[k]!;
    if (t.tags.has("Verb") && !t.tags.has("Noun")) return null;
    // `…, Jacqueline Wilson and Dick King-Smith,` is a list of people, not a role.
    if (hasAny(t, ["Person", "FirstName", "LastName"])) return null;
    if (ROLE_HEADS.has(lexKey(t.text))) head = true;
    k++;
    if (/[,;:.!?)"”]/.test(t.post)) break;
  }
  const end = toks[k - 1];
  if (!head || !end || k === from || !/[,.]/.test(end.post)) return null;
  return text.slice(toks[from]!.start, end.end);
}

function kindFromTags(toks: Token[]): Kind {
  let org = 0;
  let place = 0;
  let person = 0;
  for (const t of toks) {
    if (t.tags.has("Organization")) org++;
    if (t.tags.has("Place") || t.tags.has("Country") || t.tags.has("City")) place++;
    if (t.tags.has("Person") || t.tags.has("FirstName") || t.tags.has("LastName")) person++;
  }
  const first = toks[0]!;
  const last = toks[toks.length - 1]!;
  if (toks.length > 1 && first.tags.has("FirstName") && !last.tags.has("Place") && org === 0) return "person";
  if (toks.length > 1 && last.tags.has("LastName") && org === 0) return "person";
  if (org > 0 && org >= place && org >= person) return "organisation";
  if (place > 0 && place >= person) return "place";
  // A single name word tagged as a person is kept only as a surname: a lone first name
  // (`Alexander`) is as often a title or a brand.
  if (person > 0 && (toks.length > 1 || (last.tags.has("LastName") && !last.tags.has("FirstName"))))
    return "person";
  return "unknown";
}

interface Group {
  type: EntityType;
  name: string;
  aliases: Set<string>;
  roles: string[];
  standsFor: string | null;
  members: Candidate[];
  surname: string | null;
}

function group(articleId: string, candidates: Candidate[], sentences: SentenceTokens[]): ArticleNames {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  const bySurname = new Map<string, Group[]>();
  const addTo = (g: Group, c: Candidate) => {
    g.members.push(c);
    if (c.written !== g.name) g.aliases.add(c.written);
    if (c.name !== g.name) g.aliases.add(c.name);
    if (c.role && !g.roles.some((r) => r.toLowerCase() === c.role!.toLowerCase())) g.roles.push(c.role);
    if (c.acronym) {
      g.aliases.add(c.acronym);
      byKey.set(`${g.type}|${squashKey(c.acronym)}`, g);
    }
  };
  const create = (type: EntityType, c: Candidate): Group => {
    const g: Group = {
      type,
      name: c.name,
      aliases: new Set(),
      roles: [],
      standsFor: null,
      members: [],
      surname: null,
    };
    groups.push(g);
    byKey.set(`${type}|${squashKey(c.name)}`, g);
    return g;
  };
  // `AOL Europe`: a place-typed name that opens with an organisation's name is that organisation's.
  const orgWords = new Set(
    candidates.filter((c) => c.kind === "organisation" && c.tokens === 1).map((c) => c.name),
  );
  for (const c of candidates)
    if (c.kind === "place" && c.tokens > 1 && orgWords.has(c.name.split(" ")[0]!)) c.kind = "organisation";
  // Pass 1: full names of people (two words or more), then typed places and organisations.
  const sorted = [...candidates].sort((a, b) => b.tokens - a.tokens);
  // A name in full whose last word recurs alone elsewhere is a person (news names people in full
  // once, then by surname: `Tirunesh Dibaba … Dibaba won`).
  const singles = new Set(candidates.filter((c) => c.tokens === 1).map((c) => squashKey(c.name)));
  for (const c of candidates)
    if (
      (c.kind === "unknown" || (c.kind === "place" && !c.lastIsPlace)) &&
      c.tokens >= 2 &&
      c.tokens <= 3 &&
      singles.has(squashKey(c.name.split(" ").at(-1)!))
    )
      c.kind = "person";
  for (const c of sorted) {
    if (c.kind !== "person" || c.tokens < 2) continue;
    // `Christian Andersen` after `Hans Christian Andersen`: the shorter is the same person.
    const longer = groups.find((g) => g.type === "person" && g.name.endsWith(` ${c.name}`));
    const g = longer ?? byKey.get(`person|${squashKey(c.name)}`) ?? create("person", c);
    addTo(g, c);
    const surname = squashKey(c.name.split(" ").at(-1)!);
    g.surname = surname;
    const list = bySurname.get(surname) ?? [];
    if (!list.includes(g)) list.push(g);
    bySurname.set(surname, list);
  }
  for (const c of sorted) {
    if (c.kind !== "place" && c.kind !== "organisation") continue;
    const key = squashKey(c.name);
    const existing =
      byKey.get(`${c.kind}|${key}`) ??
      // `Time Warner` met before as `TimeWarner`: spellings of one name, typed once.
      byKey.get(`${c.kind === "place" ? "organisation" : "place"}|${key}`);
    const g = existing ?? create(c.kind, c);
    if (existing && c.name.split(" ").length > g.name.split(" ").length) {
      g.aliases.add(g.name);
      g.name = c.name;
    }
    addTo(g, c);
  }
  // Pass 2: short forms. A surname or `Mr. Surname` resolves to the person named in full; an
  // acronym to the organisation whose initials it spells; other spellings by their squashed key.
  for (const c of candidates) {
    if (c.kind === "place" || c.kind === "organisation") continue;
    if (c.kind === "person" && c.tokens >= 2) continue;
    const key = squashKey(c.name);
    const people = bySurname.get(key);
    if (people && people.length > 0) {
      addTo(nearestBefore(people, c), c);
      continue;
    }
    const same = byKey.get(`organisation|${key}`) ?? byKey.get(`place|${key}`) ?? byKey.get(`person|${key}`);
    if (same) {
      addTo(same, c);
      continue;
    }
    if (isAcronym(c.name)) {
      const expanded = groups.find(
        (g) => g.type === "organisation" && initials(g.name).includes(c.name.replace(/\./g, "")),
      );
      if (expanded) {
        byKey.set(`organisation|${key}`, expanded);
        addTo(expanded, c);
        continue;
      }
    }
    if (c.kind === "person") {
      const g = create("person", c);
      addTo(g, c);
      g.surname = key;
      bySurname.set(key, [g]);
    } else if (isAcronym(c.name)) {
      addTo(byKey.get(`organisation|${key}`) ?? create("organisation", c), c);
    }
  }
  // An acronym that spelled an organisation's initials and was typed earlier: fold it in.
  for (const g of [...groups]) {
    if (g.type !== "organisation" || !isAcronym(g.name)) continue;
    const full = groups.find(
      (h) => h !== g && h.type === "organisation" && initials(h.name).includes(g.name.replace(/\./g, "")),
    );
    if (!full) continue;
    for (const m of g.members) addTo(full, m);
    full.aliases.add(g.name);
    groups.splice(groups.indexOf(g), 1);
  }
  const demonymsUsed = new Set<string>();
  for (const s of sentences)
    for (const t of s.tokens) {
      const base = t.text.replace(/['’]s$/, "").replace(/s$/, "");
      if (DEMONYMS.has(t.text)) demonymsUsed.add(t.text);
      else if (DEMONYMS.has(base)) demonymsUsed.add(base);
    }
  const entities: Entity[] = [];
  const spans: EntitySpan[] = [];
  const ids = new Map<Group, string>();
  for (const g of groups) ids.set(g, `${g.type}:${slug(g.name)}`);
  const extraCountries = new Map<string, Entity>();
  for (const g of groups) {
    const id = ids.get(g)!;
    g.aliases.delete(g.name);
    if (g.type === "place") {
      const country = CAPITALS.get(g.name);
      if (country) {
        g.standsFor = `place:${slug(country)}`;
        if (!groups.some((h) => ids.get(h) === g.standsFor) && !extraCountries.has(g.standsFor))
          extraCountries.set(g.standsFor, {
            id: g.standsFor,
            type: "place",
            name: country,
            aliases: [],
            roles: [],
            standsFor: null,
            mentions: [],
          });
      }
      for (const [demonym, c] of DEMONYMS)
        if (c === g.name && demonymsUsed.has(demonym)) g.aliases.add(demonym);
    }
    entities.push({
      id,
      type: g.type,
      name: g.name,
      aliases: [...g.aliases].filter((a) => a !== g.name),
      roles: g.roles,
      standsFor: g.standsFor,
      mentions: g.members
        .sort((a, b) => a.start - b.start)
        .map((m) => ({ articleId, sentenceId: sentences[m.sentence]!.sentence.id, text: m.written })),
    });
    for (const m of g.members) spans.push({ start: m.start, end: m.end, entityId: id, sentence: m.sentence });
  }
  entities.push(...extraCountries.values());
  spans.sort((a, b) => a.start - b.start);
  return { entities, spans };
}

function nearestBefore(groups: Group[], c: Candidate): Group {
  if (groups.length === 1) return groups[0]!;
  let best = groups[0]!;
  let bestAt = -1;
  for (const g of groups)
    for (const m of g.members) if (m.start <= c.start && m.start > bestAt) [best, bestAt] = [g, m.start];
  return best;
}

/** Initials of a name's capitalised words, whole and without its first word (`US Securities…`). */
function initials(name: string): string[] {
  const words = name.split(/[\s-]+/).filter((w) => /^[\p{Lu}]/u.test(w));
  const all = words.map((w) => (isAcronym(w) ? w : w[0])).join("");
  const tail = words
    .slice(1)
    .map((w) => w[0])
    .join("");
  return [all, tail].filter((x) => x.length >= 2);
}
