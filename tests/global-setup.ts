/**
 * Every test's temporary folders (fact bases, SQLite files, spawned bots' data) go under one
 * folder per run, removed when the run ends: the suite creates a few hundred and would otherwise
 * leave them in the system's temporary folder. Workers and the processes tests spawn inherit
 * `TMPDIR`, so `os.tmpdir()` points there everywhere. Set `NEWSDESK_KEEP_TEST_TMP=1` to keep it
 * for a post-mortem.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "newsdesk-test-run-"));
  process.env.TMPDIR = root;
  return () => {
    if (process.env.NEWSDESK_KEEP_TEST_TMP) {
      process.stdout.write(`test temporary folders kept in ${root}\n`);
      return;
    }
    rmSync(root, { recursive: true, force: true });
  };
}
