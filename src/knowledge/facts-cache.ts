/**
 * The fact base cache (`facts.cache`, beside `facts.json`): the compact form of one sealed
 * `facts.json` (see `compact.ts`) in binary, so that a start reads it without making the 870,000
 * strings and 3 million JSON values of the JSON text (at 10,000 articles). Written by
 * `newsdesk ingest` from the bytes of the `facts.json` it has just written; read by `readFactBase`.
 * `facts.json` stays the fact base: the cache is only ever a shortcut, used while `facts.json` has
 * a sealed head with the size and seal the cache records. A cache that is missing, of another
 * layout (format version) or byte order, of another `facts.json` (size or seal), cut short or
 * damaged in any byte (CRC-32) is ignored, with the reason, and `facts.json` is read.
 *
 * What the size and head cannot show (a `facts.json` edited by hand to the same size, its head
 * kept) is caught later: `KnowledgeStore.verify()` hashes `facts.json` off the main thread and
 * reads it again if the hash is not its seal.
 *
 * Layout (little-endian), every section 4-byte aligned:
 *
 *   0   "NEWSDESKFACTSBIN"                   16 bytes
 *   16  format version                       u32
 *   20  CRC-32 of bytes 24 to end            u32
 *   24  0x01020304                           u32 (byte order)
 *   28  one-byte strings, wide strings, one-byte bytes, wide characters,
 *       column bytes, tree bytes                                         6 × u32
 *   52  (zero)                               u32
 *   56  size of facts.json in bytes          f64
 *   64  the seal of facts.json               64 ASCII bytes (SHA-256, hex)
 *   128 one-byte string ends                 i32 × one-byte strings
 *       wide string ends                     i32 × wide strings
 *       one-byte strings                     latin1, one after another
 *       wide strings                         UTF-16LE, one after another
 *       columns                              u8, u16 or i32 arrays, each 4-byte aligned
 *       tree                                 the compact form's values, tagged (below)
 *
 * The tree is the compact form value by value, in its key order: a tag byte, then for a whole
 * number ≥ 0 (up to 2^31-1) its LEB128 varint, for any other number its f64, for a string its
 * reference (varint of index × 2 + 1 when wide), for a list its length and values, for an object
 * its key count and (key reference, value) pairs, for a column its element size, offset in the
 * columns section and length. Strings are stored once each (224,000 argument texts are 34,000
 * different ones at 10,000 articles). Lists of whole numbers under the keys of
 * {@link TYPED_COLUMNS} are columns: the decoder reads them as typed arrays viewing the file's
 * bytes (`decodeFactBase` only indexes them), without a value per number.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import {
  type BinaryLayout,
  crcHolds,
  openBinaryFile,
  packBinaryFile,
  sectionOffsets,
  writeBytesAtomically,
} from "../binary-file.ts";
import { readFileAhead } from "../read-ahead.ts";
import { type CompactFactBase, isSealed, SEAL_LENGTH, sealInHead } from "./compact.ts";
import { FACT_BASE_FORMAT, FACT_BASE_VERSION } from "./schema.ts";

/** The cache file inside a knowledge folder. */
export const FACTS_CACHE_FILE = "facts.cache";

/** The layout version of the cache file; a file of another version is ignored. */
export const FACTS_CACHE_FORMAT = 1;

/**
 * The keys whose lists of whole numbers may hold nulls, stored as -1 (in an i32 column), which
 * `decodeFactBase` reads as null: rows of arguments and dates, entity numbers, and span ends.
 */
const NULLABLE_COLUMNS: ReadonlySet<string> = new Set([
  "actor",
  "object",
  "place",
  "speaker",
  "date",
  "entity",
  "textEnd",
  "contentEnd",
]);

/**
 * The keys whose lists of whole numbers are stored as columns (typed arrays on reading): the
 * lists `decodeFactBase` only reads by index and length, and never hands on in the fact base.
 */
export const TYPED_COLUMNS: ReadonlySet<string> = new Set([
  "paragraphs",
  "sentences",
  "mentions",
  "article",
  "sentence",
  "quantities",
  "id",
  "text",
  "content",
  "value",
  ...NULLABLE_COLUMNS,
]);

const LAYOUT: BinaryLayout = { magic: "NEWSDESKFACTSBIN", version: FACTS_CACHE_FORMAT, header: 128 };
const COUNTS_AT = 28;
const SIZE_AT = 56;
const SEAL_AT = 64;
/** Lists shorter than this stay lists in the tree: a typed array costs more to make than a few values. */
const MIN_COLUMN = 8;

/** Why a cache file was not used (each names what differed). */
export const FactsCacheMessages = {
  missing: "no cache file",
  notAsked: "the cache was not asked for",
  unreadable: (why: string) => `cannot read the cache file (${why})`,
  noFacts: (why: string) => `cannot read the head of facts.json (${why})`,
  factsNotSealed:
    "facts.json is not sealed (an older, hand-made or plain-layout file): the cache is not used",
  notOurs: "not a fact base cache file",
  otherFormat: (version: number) => `cache file format ${version}, this newsdesk reads ${FACTS_CACHE_FORMAT}`,
  otherByteOrder: "cache file of another byte order",
  otherFactsSize: (cached: number, actual: number) =>
    `cache file of another facts.json (size ${cached} bytes, facts.json has ${actual})`,
  otherSeal: "cache file of another facts.json (seal differs)",
  otherLength: "cache file size does not match its sections (cut short or extended)",
  damaged: "cache file damaged (CRC-32 differs)",
  inconsistent: (why: string) => `cache file inconsistent (${why})`,
  /** Refused by the writer: a cache is only made of a sealed, unchanged facts.json. */
  writeNotSealed: (file: string) => `${file} is not sealed and unchanged; no cache is written of it`,
} as const;

// ---- tags of the tree --------------------------------------------------------------------------

const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const UINT = 3;
const FLOAT = 4;
const STRING = 5;
const LIST = 6;
const OBJECT = 7;
const COLUMN = 8;
const PRIMS = 9;

// ---- kinds of value in a list of primitives ------------------------------------------------------

const K_UINT = 0;
const K_NULL = 1;
const K_FALSE = 2;
const K_TRUE = 3;
const K_STRING = 4;
/** The kind byte of a list of several kinds, whose kinds are stored in a column of their own. */
const MIXED = 255;

// ---- writing -------------------------------------------------------------------------------------

/** A growing byte buffer. */
class Bytes {
  bytes = Buffer.allocUnsafe(1 << 16);
  length = 0;
  room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(next, 0, 0, this.length);
    this.bytes = next;
  }
  u8(v: number): void {
    this.room(1);
    this.bytes[this.length++] = v;
  }
  varint(v: number): void {
    this.room(5);
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }
  f64(v: number): void {
    this.room(8);
    this.bytes.writeDoubleLE(v, this.length);
    this.length += 8;
  }
  align4(): void {
    this.room(3);
    while (this.length % 4) this.bytes[this.length++] = 0;
  }
  view(): Buffer {
    return this.bytes.subarray(0, this.length);
  }
}

const isUint31 = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff && !Object.is(v, -0);
const isPrimitive = (v: unknown) =>
  v === null || typeof v === "boolean" || typeof v === "string" || isUint31(v);
const isOneByte = (s: string) => !/[^\u0000-\u00ff]/.test(s);

/**
 * The bytes of the cache of the compact form `compact` (as parsed from a `facts.json` of
 * `factsSize` bytes sealed `seal`). Any JSON value is stored as it is: the decoder gives it back
 * deep-equal.
 */
export function encodeFactsCache(compact: CompactFactBase, seal: string, factsSize: number): Buffer {
  const oneByte = new Map<string, number>();
  const wide = new Map<string, number>();
  const stringRef = (s: string) => {
    const table = isOneByte(s) ? oneByte : wide;
    let i = table.get(s);
    if (i === undefined) {
      i = table.size;
      table.set(s, i);
    }
    return table === oneByte ? i * 2 : i * 2 + 1;
  };
  const tree = new Bytes();
  const columns = new Bytes();
  /** Stores whole numbers as a column of the smallest element size: the size and where it begins. */
  const column = (v: readonly number[], wide?: 4): [size: number, at: number] => {
    let max = 0;
    for (const n of v) if (n > max) max = n;
    const size = wide ?? (max < 0x100 ? 1 : max < 0x10000 ? 2 : 4);
    columns.align4();
    const at = columns.length;
    columns.room(v.length * size);
    const { buffer, byteOffset } = columns.bytes;
    const array =
      size === 1
        ? new Uint8Array(buffer, byteOffset + at, v.length)
        : size === 2
          ? new Uint16Array(buffer, byteOffset + at, v.length)
          : new Int32Array(buffer, byteOffset + at, v.length);
    array.set(v);
    columns.length += v.length * size;
    return [size, at];
  };
  const put = (v: unknown, key: string | undefined): void => {
    if (v === null || v === undefined) tree.u8(NULL);
    else if (v === false) tree.u8(FALSE);
    else if (v === true) tree.u8(TRUE);
    else if (typeof v === "number") {
      if (isUint31(v)) {
        tree.u8(UINT);
        tree.varint(v);
      } else {
        tree.u8(FLOAT);
        tree.f64(v);
      }
    } else if (typeof v === "string") {
      tree.u8(STRING);
      tree.varint(stringRef(v));
    } else if (Array.isArray(v)) {
      const typed = v.length >= MIN_COLUMN && key !== undefined && TYPED_COLUMNS.has(key);
      if (typed && v.every(isUint31)) {
        tree.u8(COLUMN);
        const [size, at] = column(v as number[]);
        tree.u8(size);
        tree.varint(at);
        tree.varint(v.length);
      } else if (typed && NULLABLE_COLUMNS.has(key) && v.every((x) => x === null || isUint31(x))) {
        tree.u8(COLUMN);
        tree.u8(4);
        tree.varint(
          column(
            v.map((x) => (x === null ? -1 : (x as number))),
            4,
          )[1],
        );
        tree.varint(v.length);
      } else if (v.length >= MIN_COLUMN && v.every(isPrimitive)) {
        // One kind and one number per value: the decoder makes the list in one tight loop.
        const kinds = new Array<number>(v.length);
        const payload = new Array<number>(v.length);
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          kinds[i] =
            x === null
              ? K_NULL
              : x === false
                ? K_FALSE
                : x === true
                  ? K_TRUE
                  : typeof x === "string"
                    ? K_STRING
                    : K_UINT;
          payload[i] = typeof x === "string" ? stringRef(x) : typeof x === "number" ? x : 0;
        }
        const uniform = kinds.every((k) => k === kinds[0]) ? kinds[0]! : MIXED;
        const [size, at] = column(payload);
        tree.u8(PRIMS);
        tree.u8(size);
        tree.u8(uniform);
        tree.varint(v.length);
        tree.varint(at);
        if (uniform === MIXED) tree.varint(column(kinds)[1]);
      } else {
        tree.u8(LIST);
        tree.varint(v.length);
        for (const item of v) put(item, undefined);
      }
    } else if (typeof v === "object") {
      const entries = Object.entries(v).filter(([, value]) => value !== undefined);
      tree.u8(OBJECT);
      tree.varint(entries.length);
      for (const [k, value] of entries) {
        tree.varint(stringRef(k));
        put(value, k);
      }
    } else {
      throw new Error(`facts cache: cannot store a ${typeof v}`);
    }
  };
  // The columns' typed views need the Bytes buffer 4-byte aligned: a fresh allocUnsafe of 64 KB
  // or more is its own ArrayBuffer, at offset 0.
  put(compact, undefined);

  const oneByteText = Buffer.from([...oneByte.keys()].join(""), "latin1");
  const wideText = Buffer.from([...wide.keys()].join(""), "utf16le");
  const ends = (strings: Iterable<string>) => {
    const out: number[] = [];
    let end = 0;
    for (const s of strings) {
      end += s.length;
      out.push(end);
    }
    return Int32Array.from(out);
  };
  const oneByteEnds = ends(oneByte.keys());
  const wideEnds = ends(wide.keys());
  const counts = [
    oneByte.size,
    wide.size,
    oneByteText.length,
    wideText.length / 2,
    columns.length,
    tree.length,
  ] as const;
  const parts: ArrayBufferView[] = [
    oneByteEnds,
    wideEnds,
    oneByteText,
    wideText,
    columns.view(),
    tree.view(),
  ];
  return packBinaryFile(LAYOUT, offsets(counts), parts, (bytes) => {
    counts.forEach((n, i) => {
      bytes.writeUInt32LE(n, COUNTS_AT + 4 * i);
    });
    bytes.writeDoubleLE(factsSize, SIZE_AT);
    bytes.write(seal, SEAL_AT, "latin1");
  });
}

/** Section offsets from the counts (the last item: the file's size). */
const offsets = (c: readonly number[]): number[] =>
  sectionOffsets(LAYOUT, [c[0]! * 4, c[1]! * 4, c[2]!, c[3]! * 2, c[4]!, c[5]!]);

// ---- reading -------------------------------------------------------------------------------------

/** What the head of a `facts.json` says without reading the rest: its size, and its seal if sealed. */
export interface FactsHead {
  size: number;
  /** The digest in a sealed head (not checked against the bytes), or undefined. */
  seal: string | undefined;
}

/** The size and head of `file` (one open: both describe the same file). Throws when unreadable. */
export function readFactsHead(file: string): FactsHead {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, SEAL_LENGTH));
    let read = 0;
    while (read < head.length) {
      const n = readSync(fd, head, read, head.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { size, seal: sealInHead(head.subarray(0, read)) };
  } finally {
    closeSync(fd);
  }
}

/** The outcome of reading a cache: the compact form (with typed columns), or why it was not used. */
export type FactsCacheRead = { compact: CompactFactBase; seal: string; size: number } | { ignored: string };

/**
 * The compact form stored in the bytes of a cache file, when it was written of a `facts.json` of
 * `head.size` bytes sealed `head.seal`, and is whole; otherwise why not. Never throws. Lists under
 * {@link TYPED_COLUMNS} may be typed arrays viewing `file`'s memory.
 */
export function decodeFactsCache(file: Uint8Array, head: FactsHead): FactsCacheRead {
  const ignored = (why: string) => ({ ignored: why });
  if (head.seal === undefined) return ignored(FactsCacheMessages.factsNotSealed);
  const opened = openBinaryFile(file, LAYOUT, 4);
  if (!("bytes" in opened)) {
    if (opened.problem === "otherFormat") return ignored(FactsCacheMessages.otherFormat(opened.version));
    return ignored(FactsCacheMessages[opened.problem]);
  }
  const bytes = opened.bytes;
  const size = bytes.readDoubleLE(SIZE_AT);
  if (size !== head.size) return ignored(FactsCacheMessages.otherFactsSize(size, head.size));
  if (bytes.toString("latin1", SEAL_AT, SEAL_AT + 64) !== head.seal)
    return ignored(FactsCacheMessages.otherSeal);
  const counts = [0, 1, 2, 3, 4, 5].map((i) => bytes.readUInt32LE(COUNTS_AT + 4 * i));
  const at = offsets(counts);
  if (at[at.length - 1] !== bytes.length) return ignored(FactsCacheMessages.otherLength);
  if (!crcHolds(bytes)) return ignored(FactsCacheMessages.damaged);
  try {
    const compact = decodeTree(bytes, counts, at);
    const c = compact as { format?: unknown; version?: unknown } | null;
    if (
      c === null ||
      typeof c !== "object" ||
      c.format !== FACT_BASE_FORMAT ||
      c.version !== FACT_BASE_VERSION
    )
      return ignored(FactsCacheMessages.inconsistent("not a compact fact base"));
    return { compact: compact as CompactFactBase, seal: head.seal, size };
  } catch (err) {
    return ignored(FactsCacheMessages.inconsistent((err as Error).message));
  }
}

/** The tree of a cache whose header checked out. Throws (a RangeError, an Error) when it does not hold together. */
function decodeTree(bytes: Buffer, counts: readonly number[], at: readonly number[]): unknown {
  const [oneByteCount, wideCount, , , columnBytes, treeBytes] = counts as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const oneByteEnds = new Int32Array(bytes.buffer, bytes.byteOffset + at[0]!, oneByteCount);
  const wideEnds = new Int32Array(bytes.buffer, bytes.byteOffset + at[1]!, wideCount);
  // Each kind of string decoded as one string, then sliced (a slice of 13 characters or more is a
  // view of it, not a copy).
  const oneByteText = bytes.toString("latin1", at[2]!, at[2]! + counts[2]!);
  const wideText = bytes.toString("utf16le", at[3]!, at[3]! + counts[3]! * 2);
  const strings = (ends: Int32Array, text: string) => {
    const out = new Array<string>(ends.length);
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      const end = ends[i]!;
      if (end < start || end > text.length) throw new Error("string table");
      out[i] = text.slice(start, end);
      start = end;
    }
    return out;
  };
  const oneByteStrings = strings(oneByteEnds, oneByteText);
  const wideStrings = strings(wideEnds, wideText);
  const columnsAt = bytes.byteOffset + at[4]!;
  const tree = bytes.subarray(at[5]!, at[5]! + treeBytes);
  const end = tree.length;
  let p = 0;
  const column = (size: number, offset: number, length: number): Ints => {
    if (offset % 4 !== 0 || offset + length * size > columnBytes)
      throw new Error("column outside its section");
    if (size === 1) return new Uint8Array(bytes.buffer, columnsAt + offset, length);
    if (size === 2) return new Uint16Array(bytes.buffer, columnsAt + offset, length);
    if (size === 4) return new Int32Array(bytes.buffer, columnsAt + offset, length);
    throw new Error(`column of ${size}-byte elements`);
  };
  const varint = (): number => {
    if (p < end && tree[p]! < 0x80) return tree[p++]!;
    let v = 0;
    let shift = 0;
    for (;;) {
      if (p >= end) throw new Error("tree cut short");
      const b = tree[p++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
      shift += 7;
      if (shift > 28) throw new Error("varint too long");
    }
  };
  const string = (): string => {
    const ref = varint();
    const s = ref & 1 ? wideStrings[ref >>> 1] : oneByteStrings[ref >>> 1];
    if (s === undefined) throw new Error(`string ${ref >>> 1} does not exist`);
    return s;
  };
  const value = (): unknown => {
    if (p >= end) throw new Error("tree cut short");
    const tag = tree[p++]!;
    switch (tag) {
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case UINT:
        return varint();
      case FLOAT: {
        if (p + 8 > end) throw new Error("tree cut short");
        const v = tree.readDoubleLE(p);
        p += 8;
        return v;
      }
      case STRING:
        return string();
      case LIST: {
        const n = varint();
        if (n > end - p) throw new Error("list longer than the tree");
        const list = new Array<unknown>(n);
        for (let i = 0; i < n; i++) list[i] = value();
        return list;
      }
      case OBJECT: {
        const n = varint();
        const object: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const key = string();
          const v = value();
          if (key === "__proto__")
            Object.defineProperty(object, key, {
              value: v,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          else object[key] = v;
        }
        return object;
      }
      case COLUMN: {
        if (p >= end) throw new Error("tree cut short");
        const size = tree[p++]!;
        const offset = varint();
        return column(size, offset, varint());
      }
      case PRIMS: {
        if (p + 2 > end) throw new Error("tree cut short");
        const size = tree[p++]!;
        const uniform = tree[p++]!;
        const length = varint();
        const payload = column(size, varint(), length);
        const kinds = uniform === MIXED ? (column(1, varint(), length) as Uint8Array) : undefined;
        return primitives(payload, uniform, kinds, oneByteStrings, wideStrings);
      }
      default:
        throw new Error(`tag ${tag}`);
    }
  };
  const root = value();
  if (p !== end) throw new Error("bytes after the tree");
  return root;
}

type Ints = Uint8Array | Uint16Array | Int32Array;

/** The list of primitives stored as `payload` (and `kinds`, or every one of kind `uniform`). */
function primitives(
  payload: Ints,
  uniform: number,
  kinds: Uint8Array | undefined,
  oneByte: readonly string[],
  wide: readonly string[],
): unknown[] {
  const n = payload.length;
  const out = new Array<unknown>(n);
  // One element type in the loops below (a conversion in one native call): element loads from
  // three kinds of typed array in one loop are several times slower.
  const values = payload instanceof Int32Array ? payload : Int32Array.from(payload);
  const string = (ref: number) => {
    const s = ref & 1 ? wide[ref >>> 1] : oneByte[ref >>> 1];
    if (s === undefined) throw new Error(`string ${ref >>> 1} does not exist`);
    return s;
  };
  if (uniform === K_UINT) {
    for (let i = 0; i < n; i++) out[i] = values[i];
  } else if (uniform === K_STRING) {
    for (let i = 0; i < n; i++) {
      const ref = values[i]!;
      const s = ref & 1 ? wide[ref >>> 1] : oneByte[ref >>> 1];
      if (s === undefined) throw new Error(`string ${ref >>> 1} does not exist`);
      out[i] = s;
    }
  } else if (uniform === K_NULL || uniform === K_FALSE || uniform === K_TRUE) {
    out.fill(uniform === K_NULL ? null : uniform === K_TRUE);
  } else if (uniform === MIXED && kinds) {
    for (let i = 0; i < n; i++) {
      const k = kinds[i]!;
      const v = values[i]!;
      if (k === K_UINT) out[i] = v;
      else if (k === K_NULL) out[i] = null;
      else if (k === K_STRING) out[i] = string(v);
      else if (k === K_FALSE || k === K_TRUE) out[i] = k === K_TRUE;
      else throw new Error(`kind ${k}`);
    }
  } else {
    throw new Error(`kind ${uniform}`);
  }
  return out;
}

/**
 * Reads `DIR/facts.cache` for `DIR/facts.json` (see {@link decodeFactsCache}): the head of
 * `facts.json` is read, never the rest. Never throws.
 */
export function readFactsCache(dir: string, factsFile = "facts.json"): FactsCacheRead {
  let head: FactsHead;
  try {
    head = readFactsHead(join(dir, factsFile));
  } catch (err) {
    return { ignored: FactsCacheMessages.noFacts(String((err as NodeJS.ErrnoException).code ?? err)) };
  }
  if (head.seal === undefined) return { ignored: FactsCacheMessages.factsNotSealed };
  let bytes: Buffer;
  try {
    bytes = readFileAhead(join(dir, FACTS_CACHE_FILE));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ignored: code === "ENOENT" ? FactsCacheMessages.missing : FactsCacheMessages.unreadable(String(code)),
    };
  }
  try {
    return decodeFactsCache(bytes, head);
  } catch (err) {
    // Not expected (every check returns), but a start must never fail on this file.
    return { ignored: FactsCacheMessages.inconsistent((err as Error).message) };
  }
}

/**
 * The compact form with one argument row per different argument (same text, entity and entity
 * list) instead of one per use, and the columns pointing at them renumbered: 224,000 rows are
 * 34,000 at 10,000 articles. `decodeFactBase` makes one object per row, shared by its uses, so
 * the fact base it makes is deep-equal, with 190,000 fewer objects to make and keep.
 */
export function shareArguments(c: CompactFactBase): CompactFactBase {
  const args = c.arguments;
  const rows = new Map<string, number>();
  const renumbered = new Array<number>(args.text.length);
  const shared: CompactFactBase["arguments"] = { text: [], entity: [], entityIds: {} };
  for (let row = 0; row < args.text.length; row++) {
    const ids = args.entityIds[row];
    const key = JSON.stringify([args.text[row], args.entity[row], ids ?? null]);
    let to = rows.get(key);
    if (to === undefined) {
      to = shared.text.length;
      rows.set(key, to);
      shared.text.push(args.text[row]!);
      shared.entity.push(args.entity[row]!);
      if (ids) shared.entityIds[to] = ids;
    }
    renumbered[row] = to;
  }
  const column = (rows: (number | null)[]) => rows.map((row) => (row === null ? null : renumbered[row]!));
  return {
    ...c,
    arguments: shared,
    events: {
      ...c.events,
      actor: column(c.events.actor),
      object: column(c.events.object),
      place: column(c.events.place),
    },
    quotations: { ...c.quotations, speaker: column(c.quotations.speaker) },
    statements: { ...c.statements, speaker: column(c.statements.speaker) },
  };
}

/**
 * Writes `DIR/facts.cache` of `DIR/facts.json` as it is on disk now (which must be sealed and
 * unchanged since: a cache is only made of what a validated write produced), atomically: to a
 * temporary file in the same folder, flushed, then renamed over the old one.
 */
export function writeFactsCache(dir: string, factsFile = "facts.json"): { file: string; bytes: number } {
  const source = join(dir, factsFile);
  const json = readFileSync(source);
  if (!isSealed(json)) throw new Error(FactsCacheMessages.writeNotSealed(source));
  const seal = sealInHead(json)!;
  const compact = shareArguments(JSON.parse(json.toString("latin1")) as CompactFactBase);
  const bytes = encodeFactsCache(compact, seal, json.length);
  const file = join(dir, FACTS_CACHE_FILE);
  writeBytesAtomically(file, bytes);
  return { file, bytes: bytes.length };
}
