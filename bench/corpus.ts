/**
 * The benchmark corpus: the 100 real bbc-cc0 articles and the seed, plus variants of the real
 * articles to reach 1,000, 10,000 or 100,000 articles.
 *
 * A variant is not a copy: its people, places and organisations are replaced by other names
 * (consistently within the article, so `Richard Parsons` … `Mr Parsons` stay one person), its
 * numbers, years, months and weekdays change, the sentences after the first in each paragraph
 * are shuffled, and its title follows the same replacements. An index therefore cannot fold the
 * variants together, while the language stays real news prose.
 *
 * Everything is driven by a seeded PRNG per variant, so a corpus is the same on every machine and
 * variant `n` does not depend on how many variants come before it.
 *
 * The names are found once per real article with compromise (people, places, organisations);
 * each article becomes a template of literal text and slots, so writing 100,000 variants is
 * string joins, not NLP.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import nlp from "compromise";

/** The real articles the corpus is built from. */
export const BBC_ARTICLES_DIR = "/work/shared/corpus/bbc-cc0/articles";
/** The seed article (plain-text layout), included once in every corpus. */
export const SEED_DIR = "/work/shared/seed";

/** A real article as read from its Markdown front-matter file. */
export interface BaseArticle {
  /** File name without extension: `business-001`. */
  id: string;
  title: string;
  source: string;
  section: string;
  /** Body paragraphs, in order. */
  paragraphs: string[];
}

/** A slot in a template: replaced per variant. */
type Slot =
  | { kind: "person"; key: number; part: "full" | "last" }
  | { kind: "place"; key: number }
  | { kind: "org"; key: number }
  | { kind: "number"; raw: string }
  | { kind: "year"; raw: string }
  | { kind: "month"; raw: string }
  | { kind: "weekday"; raw: string };

/** Literal text or a slot. */
type Piece = string | Slot;

/** A real article cut into literal text and slots; sentences kept apart so they can be shuffled. */
export interface ArticleTemplate {
  base: BaseArticle;
  title: Piece[];
  /** paragraph → sentence → pieces. */
  paragraphs: Piece[][][];
  people: number;
  places: number;
  orgs: number;
}

/** A generated article, ready to write as a Markdown front-matter file. */
export interface GeneratedArticle {
  file: string;
  title: string;
  source: string;
  published: string;
  url: string;
  section: string;
  body: string;
}

// Real-looking replacement names. Deliberately broad (many origins) so that a 10,000-article corpus
// has thousands of distinct people.
const FIRST_NAMES = [
  "James",
  "Maria",
  "Chen",
  "Amina",
  "Oliver",
  "Sofia",
  "Rahul",
  "Fatima",
  "Lucas",
  "Hannah",
  "Kenji",
  "Olga",
  "Mateo",
  "Aisha",
  "Daniel",
  "Ingrid",
  "Tomasz",
  "Priya",
  "Samuel",
  "Elena",
  "Kwame",
  "Yuki",
  "Pierre",
  "Leila",
  "Andrew",
  "Nadia",
  "Javier",
  "Greta",
  "Omar",
  "Clara",
  "Henrik",
  "Mei",
  "Patrick",
  "Zainab",
  "Viktor",
  "Rosa",
  "Ahmed",
  "Isabel",
  "Liam",
  "Anya",
  "Carlos",
  "Esther",
  "Dmitri",
  "Grace",
  "Hassan",
  "Julia",
  "Kofi",
  "Laura",
  "Marco",
  "Nora",
  "Pavel",
  "Rita",
  "Stefan",
  "Tara",
  "Umar",
  "Vera",
  "Walter",
  "Ximena",
  "Yusuf",
  "Zoe",
];
const LAST_NAMES = [
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Takahashi",
  "Novak",
  "Fernandes",
  "Haddad",
  "Kowalski",
  "Brennan",
  "Castellano",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Gallagher",
  "Hoffmann",
  "Ivanova",
  "Jensen",
  "Kaur",
  "Laurent",
  "Mendes",
  "Nakamura",
  "Oyelaran",
  "Petrov",
  "Quinlan",
  "Rossi",
  "Schneider",
  "Tanaka",
  "Underwood",
  "Varga",
  "Whitfield",
  "Yilmaz",
  "Zielinski",
  "Abbott",
  "Barros",
  "Carmichael",
  "Delgado",
  "Ellison",
  "Forsyth",
  "Grimaldi",
  "Hartley",
  "Iqbal",
  "Jovanovic",
  "Keller",
  "Lombardi",
  "Mbeki",
  "Nygaard",
  "Osei",
  "Pereira",
  "Rahman",
  "Sandoval",
  "Thornton",
  "Ueda",
  "Vasquez",
  "Wainwright",
  "Xu",
  "Yamamoto",
  "Zamora",
  "Achebe",
  "Bauer",
  "Chowdhury",
  "Dimitrov",
  "Esposito",
  "Fontaine",
  "Gunnarsson",
  "Horvath",
  "Ibrahim",
  "Janssen",
  "Kovacs",
  "Lam",
  "Marchetti",
  "Ndiaye",
  "Olsen",
  "Pham",
  "Reyes",
  "Sato",
  "Tremblay",
  "Vogel",
];
const PLACES = [
  "Lisbon",
  "Nairobi",
  "Osaka",
  "Toronto",
  "Krakow",
  "Santiago",
  "Manila",
  "Dublin",
  "Accra",
  "Hamburg",
  "Lyon",
  "Seville",
  "Bergen",
  "Porto",
  "Gdansk",
  "Valencia",
  "Leeds",
  "Glasgow",
  "Cardiff",
  "Belfast",
  "Marseille",
  "Turin",
  "Rotterdam",
  "Antwerp",
  "Zurich",
  "Vienna",
  "Prague",
  "Budapest",
  "Bucharest",
  "Sofia",
  "Athens",
  "Istanbul",
  "Cairo",
  "Lagos",
  "Johannesburg",
  "Mumbai",
  "Chennai",
  "Jakarta",
  "Hanoi",
  "Seoul",
  "Busan",
  "Sydney",
  "Perth",
  "Auckland",
  "Montreal",
  "Chicago",
  "Houston",
  "Denver",
  "Lima",
  "Bogota",
  "Quito",
  "Montevideo",
  "Canada",
  "Brazil",
  "Norway",
  "Kenya",
  "Vietnam",
  "Portugal",
  "Chile",
  "Poland",
  "Ireland",
  "Ghana",
];
const ORG_STEMS = [
  "Northbridge",
  "Halvorsen",
  "Bluewater",
  "Crestline",
  "Ashford",
  "Meridian",
  "Pinecrest",
  "Redstone",
  "Silverline",
  "Oakmont",
  "Harbourview",
  "Kingsgate",
  "Lakeshore",
  "Brightwell",
  "Stonebridge",
  "Westmoor",
  "Eastgate",
  "Highfield",
  "Greyhawk",
  "Summit",
  "Falcon",
  "Orion",
  "Beacon",
  "Sterling",
  "Granite",
  "Clearwater",
  "Ironwood",
  "Marlow",
  "Thistle",
  "Keystone",
];
const ORG_KINDS = [
  "Group",
  "Holdings",
  "Media",
  "Bank",
  "Telecom",
  "Motors",
  "Records",
  "Pictures",
  "Energy",
  "Airways",
  "Council",
  "Association",
  "Institute",
  "Foundation",
  "Partners",
  "Capital",
];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, to derive per-item seeds. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** Reads the bbc-cc0 Markdown front-matter files. */
export function readBaseArticles(dir = BBC_ARTICLES_DIR): BaseArticle[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => {
      const raw = readFileSync(join(dir, f), "utf8");
      const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
      if (!m) throw new Error(`bench corpus: ${f}: no front matter`);
      const meta: Record<string, string> = {};
      for (const line of (m[1] ?? "").split("\n")) {
        const kv = /^(\w+):\s*"?(.*?)"?\s*$/.exec(line);
        if (kv) meta[kv[1] as string] = kv[2] as string;
      }
      const id = basename(f, ".md");
      return {
        id,
        title: meta.title ?? id,
        source: meta.source ?? "BBC News",
        section: id.replace(/-\d+$/, ""),
        paragraphs: (m[2] ?? "")
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean),
      };
    });
}

const sentenceSegmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Splits a paragraph into sentences (ICU sentence breaks, as built into Node). */
export function splitSentences(paragraph: string): string[] {
  return [...sentenceSegmenter.segment(paragraph)].map((s) => s.segment.trim()).filter(Boolean);
}

/** Cleans a compromise match into a bare name: no trailing punctuation or possessive. */
function cleanName(text: string): string {
  return text
    .replace(/^["'“‘(]+|["'”’),.;:!?]+$/g, "")
    .replace(/['’]s$/, "")
    .replace(/^(the|The)\s+/, "")
    .trim();
}

function isName(text: string): boolean {
  return /^[A-Z]/.test(text) && text.length >= 2 && !/^(Mr|Mrs|Ms|Dr|BBC|BBC News)$/.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Cuts a real article into a template: finds its people, places and organisations with
 * compromise, then every occurrence of those names, numbers, years, months and weekdays.
 */
export function makeTemplate(base: BaseArticle): ArticleTemplate {
  const doc = nlp(base.paragraphs.join("\n\n"));
  const names = new Map<string, Slot>();
  let people = 0;
  let places = 0;
  let orgs = 0;
  for (const raw of doc.people().out("array") as string[]) {
    const name = cleanName(raw).replace(/^(Mr|Mrs|Ms|Dr)\.?\s+/, "");
    if (!isName(name) || names.has(name)) continue;
    const parts = name.split(/\s+/);
    const key = people++;
    names.set(name, { kind: "person", key, part: parts.length > 1 ? "full" : "last" });
    const last = parts[parts.length - 1] as string;
    if (parts.length > 1 && isName(last) && !names.has(last) && last.length > 2) {
      names.set(last, { kind: "person", key, part: "last" });
    }
  }
  for (const raw of doc.places().out("array") as string[]) {
    const name = cleanName(raw);
    if (isName(name) && !names.has(name)) names.set(name, { kind: "place", key: places++ });
  }
  for (const raw of doc.organizations().out("array") as string[]) {
    const name = cleanName(raw);
    if (isName(name) && !names.has(name)) names.set(name, { kind: "org", key: orgs++ });
  }
  const nameAlternatives = [...names.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // One scan per sentence: names first (longest first), then numbers, years, months, weekdays.
  const pattern = new RegExp(
    [
      nameAlternatives.length ? `(?<name>\\b(?:${nameAlternatives.join("|")})\\b)` : null,
      "(?<year>\\b(?:19[5-9]\\d|20[0-2]\\d)\\b)",
      "(?<number>\\d[\\d,]*(?:\\.\\d+)?)",
      `(?<month>\\b(?:${MONTHS.join("|")})\\b)`,
      `(?<weekday>\\b(?:${WEEKDAYS.join("|")})\\b)`,
    ]
      .filter(Boolean)
      .join("|"),
    "g",
  );
  const cut = (text: string): Piece[] => {
    const pieces: Piece[] = [];
    let at = 0;
    for (const m of text.matchAll(pattern)) {
      const index = m.index ?? 0;
      if (index > at) pieces.push(text.slice(at, index));
      const g = m.groups ?? {};
      if (g.name) pieces.push(names.get(g.name) as Slot);
      else if (g.year) pieces.push({ kind: "year", raw: g.year });
      else if (g.number) pieces.push({ kind: "number", raw: g.number });
      else if (g.month) pieces.push({ kind: "month", raw: g.month });
      else if (g.weekday) pieces.push({ kind: "weekday", raw: g.weekday });
      at = index + m[0].length;
    }
    if (at < text.length) pieces.push(text.slice(at));
    return pieces;
  };
  return {
    base,
    title: cut(base.title),
    paragraphs: base.paragraphs.map((p) => splitSentences(p).map(cut)),
    people,
    places,
    orgs,
  };
}

/** Replaces a number by another of the same shape (digits, thousands separators, decimals). */
function varyNumber(raw: string, rand: () => number): string {
  const value = Number(raw.replace(/,/g, ""));
  if (!Number.isFinite(value)) return raw;
  const decimals = raw.includes(".") ? (raw.split(".")[1] ?? "").length : 0;
  let next = value * (0.5 + rand());
  if (decimals === 0) next = Math.max(1, Math.round(next));
  if (decimals === 0 && next === value) next = value + 1 + Math.floor(rand() * 9);
  const text = next.toFixed(decimals);
  if (!raw.includes(",")) return text;
  const [int, frac] = text.split(".");
  const grouped = (int ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}

/** Writes variant `n` of a template (n ≥ 1; the real article is n = 0). */
export function makeVariant(t: ArticleTemplate, n: number, seed: number): GeneratedArticle {
  const rand = prng(hash(`${seed}:${t.base.id}:${n}`));
  const people = Array.from({ length: t.people }, () => [pick(rand, FIRST_NAMES), pick(rand, LAST_NAMES)]);
  const places = Array.from({ length: t.places }, () => pick(rand, PLACES));
  const orgs = Array.from({ length: t.orgs }, () => `${pick(rand, ORG_STEMS)} ${pick(rand, ORG_KINDS)}`);
  const yearShift = 1 + Math.floor(rand() * 15) * (rand() < 0.5 ? -1 : 1);
  const monthShift = 1 + Math.floor(rand() * 11);
  const weekdayShift = 1 + Math.floor(rand() * 6);
  const numbers = new Map<string, string>();
  const fill = (pieces: Piece[]): string =>
    pieces
      .map((p) => {
        if (typeof p === "string") return p;
        switch (p.kind) {
          case "person": {
            const [first, last] = people[p.key] as string[];
            return p.part === "full" ? `${first} ${last}` : (last as string);
          }
          case "place":
            return places[p.key] as string;
          case "org":
            return orgs[p.key] as string;
          case "year":
            return String(Number(p.raw) + yearShift);
          case "month":
            return MONTHS[(MONTHS.indexOf(p.raw) + monthShift) % 12] as string;
          case "weekday":
            return WEEKDAYS[(WEEKDAYS.indexOf(p.raw) + weekdayShift) % 7] as string;
          case "number": {
            // The same number stays the same within an article (a total quoted twice).
            let v = numbers.get(p.raw);
            if (v === undefined) {
              v = varyNumber(p.raw, rand);
              numbers.set(p.raw, v);
            }
            return v;
          }
        }
        return "";
      })
      .join("");
  const paragraphs = t.paragraphs.map((sentences) => {
    const order = sentences.map((_, i) => i);
    // Keep each paragraph's first sentence first (it carries the topic); shuffle the rest.
    for (let i = order.length - 1; i > 1; i--) {
      const j = 1 + Math.floor(rand() * i);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    return order.map((i) => fill(sentences[i] as Piece[])).join(" ");
  });
  const day = new Date(Date.UTC(2004, 0, 1) + Math.floor(rand() * 730) * 86_400_000);
  const num = String(n).padStart(6, "0");
  return {
    file: `${num}-${t.base.id}.md`,
    title: fill(t.title),
    source: t.base.source,
    published: day.toISOString().slice(0, 10),
    url: `https://bench.newsdesk.invalid/${t.base.section}/${t.base.id}/${num}`,
    section: t.base.section,
    body: paragraphs.join("\n\n"),
  };
}

/** The Markdown front-matter file of a generated article. */
export function toMarkdown(a: GeneratedArticle): string {
  return [
    "---",
    `title: ${JSON.stringify(a.title)}`,
    `source: ${JSON.stringify(a.source)}`,
    `published: ${JSON.stringify(a.published)}`,
    `url: ${JSON.stringify(a.url)}`,
    `section: ${JSON.stringify(a.section)}`,
    "---",
    a.body,
    "",
  ].join("\n");
}

/** What {@link writeCorpus} wrote. */
export interface CorpusInfo {
  dir: string;
  /** Articles written, the seed included. */
  articles: number;
  /** Of which generated variants. */
  variants: number;
  bytes: number;
}

/**
 * Writes a corpus of `size` bbc-based articles (the 100 real ones, then variants) plus the seed
 * into `dir`, as real files: the real articles and the seed are copied unchanged.
 */
export function writeCorpus(
  dir: string,
  size: number,
  options: { seed?: number; templates?: ArticleTemplate[] } = {},
): CorpusInfo {
  const seed = options.seed ?? 7;
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  let articles = 0;
  for (const f of readdirSync(SEED_DIR).filter((f) => f.endsWith(".txt"))) {
    copyFileSync(join(SEED_DIR, f), join(dir, f));
    bytes += readFileSync(join(SEED_DIR, f)).length;
    articles++;
  }
  const reals = readdirSync(BBC_ARTICLES_DIR)
    .filter((f) => f.endsWith(".md"))
    .sort();
  for (const f of reals.slice(0, size)) {
    copyFileSync(join(BBC_ARTICLES_DIR, f), join(dir, `000000-${f}`));
    bytes += readFileSync(join(BBC_ARTICLES_DIR, f)).length;
    articles++;
  }
  const variants = Math.max(0, size - reals.length);
  if (variants > 0) {
    const templates = options.templates ?? readBaseArticles().map(makeTemplate);
    for (let i = 0; i < variants; i++) {
      const t = templates[i % templates.length] as ArticleTemplate;
      const a = makeVariant(t, Math.floor(i / templates.length) + 1, seed);
      const text = toMarkdown(a);
      writeFileSync(join(dir, a.file), text);
      bytes += Buffer.byteLength(text);
      articles++;
    }
  }
  return { dir, articles, variants, bytes };
}
