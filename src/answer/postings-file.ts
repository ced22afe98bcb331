/**
 * The postings file (`facts.postings`, beside `facts.json`): the term postings and the
 * vocabulary's trigram index of one sealed fact base, and its quotations' words, so that a start
 * reads them in one go instead of reading 3.5 million words again (at 10,000 articles). Written by `newsdesk ingest`; read by
 * `postingsFor`. It is only ever a shortcut: a file that is missing, written from another fact
 * base (another seal), by another layout (format version) or by other term processing (the probe),
 * or damaged in any byte (CRC-32), is ignored and the postings are built from the sentences.
 *
 * Layout (little-endian), every section 4-byte aligned (the first, of 8-byte numbers, 8-byte):
 *
 *   0   "NEWSDESKPOSTINGS"          16 bytes
 *   16  format version              u32
 *   20  CRC-32 of bytes 24 to end   u32
 *   24  0x01020304                  u32 (byte order)
 *   28  articles, sentences, terms, postings, trigrams, trigram postings,
 *       term bytes, probe bytes, sample bytes                          9 × u32
 *   64  the fact base's seal        64 ASCII bytes (SHA-256, hex)
 *   128 quotations, quotation words, quotation word numbers, quotation word bytes,
 *       quotation postings                                             5 × u32 (then 4 bytes 0)
 *   152 trigram keys                f64 × trigrams
 *       term starts                 i32 × (terms + 1)
 *       postings                    i32 × postings
 *       sentence lengths            i32 × sentences
 *       terms in sorted order       i32 × terms
 *       trigram starts              i32 × (trigrams + 1)
 *       trigram postings            i32 × trigram postings
 *       terms                       UTF-8, one per line
 *       probe                       UTF-8 (see `termProbe`)
 *       sample                      UTF-8, `word\tterm` lines (`\t` alone: a stop word)
 *       quotation ends              i32 × quotations (see `QuotationWords`)
 *       quotation word numbers      i32 × quotation word numbers
 *       quotation posting starts    i32 × (quotation words + 1)
 *       quotation postings          i32 × quotation postings
 *       speakers' entities          i32 × quotations (index in the fact base's entities, -1: none)
 *       quotation words             UTF-8, one per line
 */
import { join } from "node:path";
import {
  type BinaryLayout,
  crcHolds,
  openBinaryFile,
  packBinaryFile,
  sectionOffsets,
  writeBytesAtomically,
} from "../binary-file.ts";
import type { FactBase } from "../knowledge/schema.ts";
import { readFileAhead } from "../read-ahead.ts";
import { FuzzyDictionary } from "./fuzzy.ts";
import type { Postings, QuotationWords } from "./postings.ts";
import { processTerm, tokenize } from "./terms.ts";

/** The postings file inside a knowledge folder. */
export const POSTINGS_FILE = "facts.postings";

/** The layout version of the postings file; a file of another version is ignored. */
export const POSTINGS_FORMAT = 3;

const LAYOUT: BinaryLayout = { magic: "NEWSDESKPOSTINGS", version: POSTINGS_FORMAT, header: 152 };
const SEAL_AT = 64;
const COUNTS_AT = 28;
const QUOTATION_COUNTS_AT = 128;
/** How many quotations (spread over all) are read again at load and compared with the file's words. */
const SAMPLE_QUOTATIONS = 32;
/** How many of the fact base's words (with their terms) the file keeps to check the stemming against. */
const SAMPLE_WORDS = 2000;

/** Why a postings file was not used (each names what differed). */
export const PostingsFileMessages = {
  missing: "no postings file",
  unreadable: (why: string) => `cannot read the postings file (${why})`,
  notOurs: "not a postings file",
  otherFormat: (version: number) => `postings file format ${version}, this newsdesk reads ${POSTINGS_FORMAT}`,
  otherByteOrder: "postings file of another byte order",
  damaged: "postings file damaged (CRC-32 differs)",
  otherSeal: "postings file of another fact base (seal differs)",
  otherCounts: (what: string) => `postings file of another fact base (${what} differ)`,
  otherSize: "postings file size does not match its counts",
  otherProbe: "postings file written by other term processing (probe differs)",
  otherStemming: (word: string) => `postings file written by other term processing (${word})`,
  inconsistent: (what: string) => `postings file inconsistent (${what})`,
} as const;

/** Section sizes in bytes, in file order, from the counts. */
function sections(c: Counts): number[] {
  return [
    c.trigrams * 8,
    (c.terms + 1) * 4,
    c.postings * 4,
    c.sentences * 4,
    c.terms * 4,
    (c.trigrams + 1) * 4,
    c.trigramPostings * 4,
    c.termBytes,
    c.probeBytes,
    c.sampleBytes,
    c.quotations * 4,
    c.quotationNumbers * 4,
    (c.quotationWords + 1) * 4,
    c.quotationPostings * 4,
    c.quotations * 4,
    c.quotationWordBytes,
  ];
}

interface Counts {
  articles: number;
  sentences: number;
  terms: number;
  postings: number;
  trigrams: number;
  trigramPostings: number;
  termBytes: number;
  probeBytes: number;
  sampleBytes: number;
  quotations: number;
  quotationWords: number;
  quotationNumbers: number;
  quotationWordBytes: number;
  quotationPostings: number;
}

const COUNT_NAMES = [
  "articles",
  "sentences",
  "terms",
  "postings",
  "trigrams",
  "trigramPostings",
  "termBytes",
  "probeBytes",
  "sampleBytes",
] as const satisfies readonly (keyof Counts)[];

const QUOTATION_COUNT_NAMES = [
  "quotations",
  "quotationWords",
  "quotationNumbers",
  "quotationWordBytes",
  "quotationPostings",
] as const satisfies readonly (keyof Counts)[];

/** Section offsets (the last item: the file's size). */
const offsets = (c: Counts): number[] => sectionOffsets(LAYOUT, sections(c));

/**
 * Some of the fact base's words with their terms (a stop word's: empty), spread over its
 * sentences: checked at load against the stemming of the day.
 */
function sampleWords(facts: FactBase): string {
  let sentences = 0;
  for (const article of facts.articles) sentences += article.sentences.length;
  const every = Math.max(1, Math.floor(sentences / 500));
  const words = new Set<string>();
  let ordinal = 0;
  for (const article of facts.articles) {
    for (const sentence of article.sentences) {
      if (ordinal++ % every !== 0) continue;
      for (const word of tokenize(sentence.text)) if (words.size < SAMPLE_WORDS) words.add(word);
    }
  }
  let out = "";
  for (const word of words) out += `${word}\t${processTerm(word) ?? ""}\n`;
  return out;
}

function sentenceCount(facts: FactBase): number {
  let n = 0;
  for (const article of facts.articles) n += article.sentences.length;
  return n;
}

/**
 * The bytes of the postings file of `postings` and `quoted` (the words of every quotation), built
 * from `facts` (sealed `seal`), with `probe`.
 */
export function encodePostings(
  postings: Postings,
  facts: FactBase,
  seal: string,
  probe: string,
  quoted: QuotationWords,
): Buffer {
  const tables = postings.vocabulary.tables();
  if (tables.terms.length !== postings.terms.length || tables.terms.some((t, i) => t !== postings.terms[i]))
    throw new Error("postings: the vocabulary is not numbered as the postings' terms");
  if (
    quoted.ends.length !== facts.quotations.length ||
    quoted.speakerEntities?.length !== facts.quotations.length
  )
    throw new Error("postings: the quotation words are not those of the fact base's quotations");
  // One word a line: a word never holds a line break (tokens hold no white space), checked all the same.
  if (quoted.words.some((w) => w.length === 0 || w.includes("\n")))
    throw new Error("postings: a quotation word cannot be kept one a line");
  const quotedText = Buffer.from(quoted.words.join("\n"), "utf8");
  const termText = Buffer.from(postings.terms.join("\n"), "utf8");
  const probeText = Buffer.from(probe, "utf8");
  const sampleText = Buffer.from(sampleWords(facts), "utf8");
  const counts: Counts = {
    articles: facts.articles.length,
    sentences: postings.lengths.length,
    terms: postings.terms.length,
    postings: postings.data.length,
    trigrams: tables.trigrams.keys.length,
    trigramPostings: tables.trigrams.terms.length,
    termBytes: termText.length,
    probeBytes: probeText.length,
    sampleBytes: sampleText.length,
    quotations: quoted.ends.length,
    quotationWords: quoted.words.length,
    quotationNumbers: quoted.numbers.length,
    quotationWordBytes: quotedText.length,
    quotationPostings: quoted.postingData.length,
  };
  const parts: ArrayBufferView[] = [
    tables.trigrams.keys,
    postings.start,
    postings.data,
    postings.lengths,
    tables.order,
    tables.trigrams.start,
    tables.trigrams.terms,
    termText,
    probeText,
    sampleText,
    quoted.ends,
    quoted.numbers,
    quoted.postingStart,
    quoted.postingData,
    quoted.speakerEntities,
    quotedText,
  ];
  return packBinaryFile(LAYOUT, offsets(counts), parts, (bytes) => {
    COUNT_NAMES.forEach((name, i) => {
      bytes.writeUInt32LE(counts[name], COUNTS_AT + 4 * i);
    });
    QUOTATION_COUNT_NAMES.forEach((name, i) => {
      bytes.writeUInt32LE(counts[name], QUOTATION_COUNTS_AT + 4 * i);
    });
    bytes.write(seal, SEAL_AT, "latin1");
  });
}

/** The outcome of reading a postings file: the postings and quotation words, or why the file was not used. */
export type PostingsRead = { postings: Postings; quotationWords: QuotationWords } | { ignored: string };

/**
 * Postings from the bytes of a postings file, when they were written from `facts` (sealed `seal`)
 * by code whose probe is `probe`, and hold together; otherwise why not. Never throws.
 */
export function decodePostings(file: Uint8Array, facts: FactBase, seal: string, probe: string): PostingsRead {
  const ignored = (why: string) => ({ ignored: why });
  // The first section is of 8-byte numbers: views of it need 8-byte alignment.
  const opened = openBinaryFile(file, LAYOUT, 8);
  if (!("bytes" in opened)) {
    if (opened.problem === "otherFormat") return ignored(PostingsFileMessages.otherFormat(opened.version));
    return ignored(PostingsFileMessages[opened.problem]);
  }
  const bytes = opened.bytes;
  if (bytes.toString("latin1", SEAL_AT, SEAL_AT + 64) !== seal)
    return ignored(PostingsFileMessages.otherSeal);
  const counts = {} as Counts;
  COUNT_NAMES.forEach((name, i) => {
    counts[name] = bytes.readUInt32LE(COUNTS_AT + 4 * i);
  });
  QUOTATION_COUNT_NAMES.forEach((name, i) => {
    counts[name] = bytes.readUInt32LE(QUOTATION_COUNTS_AT + 4 * i);
  });
  if (counts.articles !== facts.articles.length) return ignored(PostingsFileMessages.otherCounts("articles"));
  if (counts.sentences !== sentenceCount(facts))
    return ignored(PostingsFileMessages.otherCounts("sentences"));
  if (counts.quotations !== facts.quotations.length)
    return ignored(PostingsFileMessages.otherCounts("quotations"));
  const at = offsets(counts);
  if (at[at.length - 1] !== bytes.length) return ignored(PostingsFileMessages.otherSize);
  if (!crcHolds(bytes)) return ignored(PostingsFileMessages.damaged);
  const text = (i: number, length: number) => bytes.toString("utf8", at[i]!, at[i]! + length);
  if (text(8, counts.probeBytes) !== probe) return ignored(PostingsFileMessages.otherProbe);
  for (const line of text(9, counts.sampleBytes).split("\n")) {
    if (!line) continue;
    const tab = line.indexOf("\t");
    const word = line.slice(0, tab);
    if ((processTerm(word) ?? "") !== line.slice(tab + 1))
      return ignored(PostingsFileMessages.otherStemming(word));
  }
  const ints = (i: number, length: number) => new Int32Array(bytes.buffer, bytes.byteOffset + at[i]!, length);
  const keys = new Float64Array(bytes.buffer, bytes.byteOffset + at[0]!, counts.trigrams);
  const start = ints(1, counts.terms + 1);
  const data = ints(2, counts.postings);
  const lengths = ints(3, counts.sentences);
  const order = ints(4, counts.terms);
  const trigramStart = ints(5, counts.trigrams + 1);
  const trigramTerms = ints(6, counts.trigramPostings);
  const terms = counts.terms ? text(7, counts.termBytes).split("\n") : [];
  if (terms.length !== counts.terms) return ignored(PostingsFileMessages.inconsistent("terms"));
  const termIds = new Map<string, number>();
  for (let t = 0; t < terms.length; t++) termIds.set(terms[t]!, t);
  if (termIds.size !== terms.length) return ignored(PostingsFileMessages.inconsistent("terms repeated"));
  const why =
    checkRuns(start, data, counts.sentences, "postings") ??
    checkRuns(trigramStart, trigramTerms, counts.terms, "trigram postings");
  if (why) return ignored(PostingsFileMessages.inconsistent(why));
  for (let k = 1; k < keys.length; k++) {
    if (!(keys[k - 1]! < keys[k]!)) return ignored(PostingsFileMessages.inconsistent("trigram order"));
  }
  for (let i = 0; i < order.length; i++) {
    const t = order[i]!;
    if (t < 0 || t >= terms.length || (i > 0 && !(terms[order[i - 1]!]! < terms[t]!)))
      return ignored(PostingsFileMessages.inconsistent("term order"));
  }
  let totalLength = 0;
  for (let s = 0; s < lengths.length; s++) {
    if (lengths[s]! < 0) return ignored(PostingsFileMessages.inconsistent("lengths"));
    totalLength += lengths[s]!;
  }
  const quoted = quotationWordsOf(facts, {
    ends: ints(10, counts.quotations),
    numbers: ints(11, counts.quotationNumbers),
    postingStart: ints(12, counts.quotationWords + 1),
    postingData: ints(13, counts.quotationPostings),
    speakerEntities: ints(14, counts.quotations),
    words: counts.quotationWords ? text(15, counts.quotationWordBytes).split("\n") : [],
    wordCount: counts.quotationWords,
  });
  if (typeof quoted === "string") return ignored(PostingsFileMessages.inconsistent(quoted));
  const vocabulary = FuzzyDictionary.fromTables(
    { terms, order, trigrams: { keys, start: trigramStart, terms: trigramTerms } },
    termIds,
  );
  return {
    postings: { termIds, terms, start, data, lengths, totalLength, vocabulary, source: "file" },
    quotationWords: quoted,
  };
}

/**
 * The quotation words of a file, when they hold together as `readQuotationWords` writes them
 * (ends ascending to the last number; words distinct and numbered in order of first use, each
 * used; postings in ascending runs; entities in the fact base's range) and some quotations spread
 * over the fact base read to the same words; otherwise what is wrong.
 */
function quotationWordsOf(
  facts: FactBase,
  read: Omit<QuotationWords, "wordIds"> & { speakerEntities: Int32Array; wordCount: number },
): QuotationWords | string {
  const { ends, numbers, words, wordCount, postingStart, postingData, speakerEntities } = read;
  if (words.length !== wordCount) return "quotation words";
  const wordIds = new Map<string, number>();
  for (let w = 0; w < words.length; w++) wordIds.set(words[w]!, w);
  if (wordIds.size !== words.length) return "quotation words repeated";
  let previous = 0;
  for (let i = 0; i < ends.length; i++) {
    if (ends[i]! < previous) return "quotation ends";
    previous = ends[i]!;
  }
  if (previous !== numbers.length) return "quotation ends";
  // A word is first used with the next number: that is the order reading them gives.
  let next = 0;
  for (let k = 0; k < numbers.length; k++) {
    const n = numbers[k]!;
    if (n === next) next++;
    else if (n < 0 || n > next) return "quotation word numbers";
  }
  if (next !== words.length) return "quotation word numbers";
  const why = checkRuns(postingStart, postingData, ends.length, "quotation postings");
  if (why) return why;
  for (let i = 0; i < speakerEntities.length; i++) {
    const e = speakerEntities[i]!;
    if (e < -1 || e >= facts.entities.length) return "speakers' entities";
  }
  const every = Math.max(1, Math.floor(ends.length / SAMPLE_QUOTATIONS));
  for (let i = 0; i < ends.length; i += every) {
    const tokens = tokenize(facts.quotations[i]!.text);
    const from = i > 0 ? ends[i - 1]! : 0;
    if (tokens.length !== ends[i]! - from || tokens.some((t, k) => words[numbers[from + k]!] !== t))
      return "quotation words differ from the quotations";
  }
  return { words, wordIds, numbers, ends, postingStart, postingData, speakerEntities };
}

/**
 * Whether `start` splits `data` into non-empty, strictly ascending runs of numbers below `limit`
 * (undefined), or what is wrong.
 */
function checkRuns(start: Int32Array, data: Int32Array, limit: number, what: string): string | undefined {
  if (start[0] !== 0 || start[start.length - 1] !== data.length) return `${what} bounds`;
  for (let k = 0; k + 1 < start.length; k++) {
    const from = start[k]!;
    const end = start[k + 1]!;
    if (!(from < end)) return `${what} bounds`;
    let previous = -1;
    for (let p = from; p < end; p++) {
      const value = data[p]!;
      if (value <= previous || value >= limit) return `${what} order`;
      previous = value;
    }
  }
  return undefined;
}

/** Reads `DIR/facts.postings` for `facts` (see {@link decodePostings}). Never throws. */
export function readPostingsFile(dir: string, facts: FactBase, seal: string, probe: string): PostingsRead {
  let bytes: Buffer;
  try {
    bytes = readFileAhead(join(dir, POSTINGS_FILE));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ignored:
        code === "ENOENT" ? PostingsFileMessages.missing : PostingsFileMessages.unreadable(String(code)),
    };
  }
  try {
    return decodePostings(bytes, facts, seal, probe);
  } catch (err) {
    // Not expected (every check returns), but a start must never fail on this file.
    return { ignored: PostingsFileMessages.inconsistent((err as Error).message) };
  }
}

/**
 * Writes `DIR/facts.postings` atomically: to a temporary file in the same folder, flushed, then
 * renamed over the old one, so that a start never reads half a file.
 */
export function writePostingsFile(
  dir: string,
  facts: FactBase,
  seal: string,
  probe: string,
  postings: Postings,
  quoted: QuotationWords,
): { file: string; bytes: number } {
  const file = join(dir, POSTINGS_FILE);
  const bytes = encodePostings(postings, facts, seal, probe, quoted);
  writeBytesAtomically(file, bytes);
  return { file, bytes: bytes.length };
}
