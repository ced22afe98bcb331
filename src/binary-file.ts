/**
 * The container of the binary files derived from a fact base (`facts.postings`, `facts.cache`):
 * little-endian, sections 4-byte aligned after a fixed-size header, which starts
 *
 *   0   magic                       16 latin1 bytes
 *   16  layout version              u32
 *   20  CRC-32 of bytes 24 to end   u32
 *   24  0x01020304                  u32 (byte order)
 *
 * and goes on with each file's own fields (counts, seal, …), written by its module.
 */
import { writeSync } from "node:fs";
import { crc32 } from "node:zlib";
import { writeFileAtomically } from "./files.ts";

/** What names one kind of binary file. */
export interface BinaryLayout {
  /** 16 latin1 characters. */
  magic: string;
  version: number;
  /** Size of the header in bytes (where the first section starts). */
  header: number;
}

const BYTE_ORDER = 0x01020304;
const CRC_AT = 20;
const CRC_FROM = 24;

const align4 = (n: number) => (n + 3) & ~3;

/** Section offsets from the sections' sizes in bytes (the last item: the file's size). */
export function sectionOffsets(layout: BinaryLayout, sizes: readonly number[]): number[] {
  const out = [layout.header];
  for (const size of sizes) out.push(out[out.length - 1]! + align4(size));
  return out;
}

/**
 * The bytes of a file: its common header, `parts[i]` at `at[i]` (see {@link sectionOffsets}),
 * the file's own header fields written by `fill`, then the CRC-32 over them all.
 */
export function packBinaryFile(
  layout: BinaryLayout,
  at: readonly number[],
  parts: readonly ArrayBufferView[],
  fill: (bytes: Buffer) => void,
): Buffer {
  const bytes = Buffer.alloc(at[at.length - 1]!);
  bytes.write(layout.magic, 0, "latin1");
  bytes.writeUInt32LE(layout.version, 16);
  bytes.writeUInt32LE(BYTE_ORDER, 24);
  fill(bytes);
  parts.forEach((part, i) => {
    bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at[i]!);
  });
  bytes.writeUInt32LE(crc32(bytes.subarray(CRC_FROM)), CRC_AT);
  return bytes;
}

/** Writes `bytes` to `file` atomically (see {@link writeFileAtomically}). */
export function writeBytesAtomically(file: string, bytes: Uint8Array): void {
  writeFileAtomically(file, (fd) => {
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
  });
}

/** Why bytes are not a file of a layout, as far as its common header tells. */
export type BinaryFileProblem =
  | { problem: "notOurs" }
  | { problem: "otherFormat"; version: number }
  | { problem: "otherByteOrder" };

/**
 * `file` as a Buffer whose typed-array views of `alignment` bytes are possible (the same memory
 * when it already is), when it is at least a header long and has the layout's magic, version and
 * byte order; otherwise the first of those that differs.
 */
export function openBinaryFile(
  file: Uint8Array,
  layout: BinaryLayout,
  alignment: 4 | 8,
): { bytes: Buffer } | BinaryFileProblem {
  if (file.length < layout.header) return { problem: "notOurs" };
  const bytes =
    file.byteOffset % alignment === 0
      ? Buffer.from(file.buffer, file.byteOffset, file.length)
      : Buffer.from(file);
  if (bytes.toString("latin1", 0, 16) !== layout.magic) return { problem: "notOurs" };
  const version = bytes.readUInt32LE(16);
  if (version !== layout.version) return { problem: "otherFormat", version };
  if (new Uint32Array(bytes.buffer, bytes.byteOffset + 24, 1)[0] !== BYTE_ORDER)
    return { problem: "otherByteOrder" };
  return { bytes };
}

/** Whether the CRC-32 a file records is that of its bytes. */
export function crcHolds(bytes: Buffer): boolean {
  return crc32(bytes.subarray(CRC_FROM)) === bytes.readUInt32LE(CRC_AT);
}
