/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- --profile`): the functions
 * with the most self time and the most total time, so a hot spot can be named by file and function.
 *
 *   node --import tsx bench/profile-summary.ts bench/results/profiles/CPU.….cpuprofile [--top 25] [--filter src/]
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self and total time per function (ms), heaviest first. */
export function summarise(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const key = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\//, "");
    const file = url ? relative(process.cwd(), url) : "(native)";
    return `${n.callFrame.functionName || "(anonymous)"} ${file}:${n.callFrame.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (!node) continue;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    // Total time: once per function on the stack (recursion counted once).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at) as ProfileNode);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    ms: (profile.endTime - profile.startTime) / 1000,
    self: sorted(self),
    total: sorted(total),
  };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" }, filter: { type: "string" } },
});
for (const file of positionals) {
  const s = summarise(JSON.parse(readFileSync(file, "utf8")) as Profile);
  const top = Number(values.top);
  const keep = ([k]: [string, number]) => !values.filter || k.includes(values.filter);
  process.stdout.write(`${file}: ${s.ms.toFixed(0)} ms profiled\n\nself time:\n`);
  for (const [k, ms] of s.self.filter(keep).slice(0, top))
    process.stdout.write(`${ms.toFixed(0).padStart(8)} ms  ${k}\n`);
  process.stdout.write("\ntotal time:\n");
  for (const [k, ms] of s.total.filter(keep).slice(0, top))
    process.stdout.write(`${ms.toFixed(0).padStart(8)} ms  ${k}\n`);
}
