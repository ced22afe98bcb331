/**
 * Writing a file so that a reader (or a crash) never sees half of it: the bytes go to a temporary
 * file in the same folder, are flushed to disk, then renamed over the old file.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Writes `file` atomically: `write` is given a descriptor of a temporary file beside it, which is
 * then flushed and renamed over `file`. On any failure the temporary file is removed and the error
 * thrown again; the old file is left as it was.
 */
export function writeFileAtomically(file: string, write: (fd: number) => void): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fd = openSync(temp, "w");
  try {
    write(fd);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw err;
  }
}
