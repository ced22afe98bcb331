import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAhead, readFileAhead } from "../src/read-ahead.ts";

const root = mkdtempSync(join(tmpdir(), "newsdesk-read-ahead-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A file of `size` bytes, each its offset's low byte (a shifted or cut copy would differ). */
function fileOf(name: string, size: number): string {
  const path = join(root, name);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = i & 0xff;
  writeFileSync(path, bytes);
  return path;
}

describe("files read ahead on a worker thread", () => {
  it("gives each file's bytes as reading it now would, small files and large", () => {
    const small = fileOf("small.bin", 100);
    const large = fileOf("large.bin", 3 * 1024 * 1024 + 7);
    const ahead = readAhead([large, small]);
    try {
      expect(readFileAhead(small).equals(readFileSync(small))).toBe(true);
      expect(readFileAhead(large).equals(readFileSync(large))).toBe(true);
    } finally {
      ahead.close();
    }
  });

  it("a file is read by the worker: removed once the worker is done, its bytes are still given", async () => {
    const path = fileOf("removed.bin", 5000);
    const ahead = readAhead([path]);
    await ahead.ended;
    rmSync(path);
    try {
      expect(readFileAhead(path).length).toBe(5000);
      expect(() => readFileAhead(path)).toThrow(expect.objectContaining({ code: "ENOENT" }));
    } finally {
      ahead.close();
    }
  });

  it("a file that cannot be read throws what reading it now throws (ENOENT for a missing one)", () => {
    const missing = join(root, "missing.bin");
    const ahead = readAhead([missing]);
    try {
      expect(() => readFileAhead(missing)).toThrow(expect.objectContaining({ code: "ENOENT" }));
    } finally {
      ahead.close();
    }
  });

  it("a file is given once: asked again, or after close, it is read as it is then", () => {
    const path = fileOf("changing.bin", 64);
    const ahead = readAhead([path]);
    const first = readFileAhead(path);
    writeFileSync(path, "changed");
    expect(readFileAhead(path).toString()).toBe("changed");
    expect(first.length).toBe(64);

    const other = fileOf("other.bin", 16);
    const again = readAhead([other]);
    again.close();
    writeFileSync(other, "after close");
    expect(readFileAhead(other).toString()).toBe("after close");
    ahead.close();
  });

  it("a path not read ahead is read now", () => {
    const path = fileOf("plain.bin", 10);
    expect([...readFileAhead(path)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
