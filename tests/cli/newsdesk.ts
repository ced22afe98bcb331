/**
 * Running the real command line in tests: `node bin/newsdesk.js ARGS` as a child process, its exit
 * code and output kept whether it succeeds or fails.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const BIN = join(import.meta.dirname, "../../bin/newsdesk.js");

/** What one run of the command line gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A runner of `node bin/newsdesk.js ARGS` in the working directory, with the environment `env`. */
export function newsdeskCli(env: NodeJS.ProcessEnv = process.env) {
  return async (...args: string[]): Promise<CliRun> => {
    try {
      const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], {
        env,
        maxBuffer: 64 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}

/** Runs `node bin/newsdesk.js ARGS` with this process's environment. */
export const newsdesk = newsdeskCli();
