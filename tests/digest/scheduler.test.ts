import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DIGEST_CHANNEL_MISSING, DIGEST_NOTHING_NEW } from "../../src/digest/errors.ts";
import { latestSlot, localDay } from "../../src/digest/schedule.ts";
import { DigestSendError } from "../../src/digest/sender.ts";
import type { DigestService } from "../../src/digest/service.ts";
import { article, factBase, makeService, RecordingSender, tempDir } from "./helpers.ts";

const HOUR = 3_600_000;
let dir: string;
let cleanup: () => void;
const open: DigestService[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  ({ dir, cleanup } = tempDir());
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  vi.useRealTimers();
  cleanup();
});

/** A fresh process on the same DATA_DIR (as after a restart). */
function boot(graceHours = 6, staggerMs = 0) {
  const made = makeService(
    dir,
    factBase([article({ ingestedAt: new Date(Date.now() - HOUR).toISOString() })]),
    graceHours,
    staggerMs,
  );
  open.push(made.service);
  return made;
}
function crash(service: DigestService) {
  service.close();
  open.splice(open.indexOf(service), 1);
}
/**
 * Jumps the clock to `iso` and lets 20 minutes run. croner wakes at least every 30 s and recomputes its
 * next run from the clock, so a jump loses nothing, and the test does not tick through whole days.
 */
async function runAround(iso: string, minutes = 20) {
  vi.setSystemTime(new Date(Date.parse(iso) - 10 * 60_000));
  await vi.advanceTimersByTimeAsync(minutes * 60_000);
}
const sub = (channelId: string, time: string, timezone: string, extra = {}) => ({
  guildId: "g1",
  channelId,
  time,
  timezone,
  createdBy: "u1",
  ...extra,
});

describe("the schedule", () => {
  it("fires at 07:00 local time in Paris and in New York, each once", async () => {
    vi.setSystemTime(new Date("2026-06-01T03:00:00Z"));
    const { service } = boot();
    service.subscribe(sub("paris", "07:00", "Europe/Paris"));
    service.subscribe(sub("ny", "07:00", "America/New_York"));
    const sender = new RecordingSender();
    await service.start(sender);
    expect(sender.sent).toEqual([]);

    await runAround("2026-06-01T05:00:00Z"); // 07:00 CEST
    expect(sender.to("paris").map((s) => s.at.toISOString())).toEqual(["2026-06-01T05:00:00.000Z"]);
    expect(sender.to("ny")).toEqual([]);

    await runAround("2026-06-01T11:00:00Z"); // 07:00 EDT
    expect(sender.to("ny").map((s) => s.at.toISOString())).toEqual(["2026-06-01T11:00:00.000Z"]);
    expect(sender.to("paris")).toHaveLength(1);
    expect(service.deliveries.forDay("ny", "2026-06-01")?.status).toBe("sent");
  });

  it("keeps the local time across the spring and autumn daylight-saving changes", async () => {
    vi.setSystemTime(new Date("2026-03-28T00:00:00Z"));
    const { service } = boot();
    service.subscribe(sub("paris", "07:00", "Europe/Paris"));
    const sender = new RecordingSender();
    await service.start(sender);
    await runAround("2026-03-28T06:00:00Z");
    await runAround("2026-03-29T05:00:00Z");
    // 07:00 CET is 06:00Z on the 28th; 07:00 CEST is 05:00Z on the 29th (clocks went forward that night).
    expect(sender.to("paris").map((s) => s.at.toISOString())).toEqual([
      "2026-03-28T06:00:00.000Z",
      "2026-03-29T05:00:00.000Z",
    ]);

    vi.setSystemTime(new Date("2026-10-31T00:00:00Z"));
    service.subscribe(sub("ny", "01:30", "America/New_York")); // 01:30 happens twice on 1 November
    service.scheduler!.sync();
    for (const t of [
      "2026-10-31T05:30:00Z",
      "2026-11-01T05:30:00Z",
      "2026-11-01T06:30:00Z",
      "2026-11-02T06:30:00Z",
    ]) {
      await runAround(t);
    }
    expect(sender.to("ny").map((s) => s.at.toISOString())).toEqual([
      "2026-10-31T05:30:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-02T06:30:00.000Z",
    ]);
  });

  it("runs a time that does not exist on the spring-forward day at the first minute after the gap", () => {
    const slot = latestSlot({ time: "02:30", timezone: "Europe/Paris" }, new Date("2026-03-29T05:00:00Z"));
    expect(slot?.toISOString()).toBe("2026-03-29T01:00:00.000Z"); // 03:00 CEST
    expect(localDay(slot!, "Europe/Paris")).toBe("2026-03-29");
  });
});

describe("restarts", () => {
  it("before the scheduled time: the digest is posted once, at the time", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z")); // 06:00 in Paris
    const first = boot();
    first.service.subscribe(sub("paris", "07:00", "Europe/Paris"));
    const s1 = new RecordingSender();
    await first.service.start(s1);
    await vi.advanceTimersByTimeAsync(HOUR / 2);
    crash(first.service);

    const second = boot();
    const s2 = new RecordingSender();
    await second.service.start(s2);
    await runAround("2026-06-01T05:00:00Z");
    expect(s1.sent).toEqual([]);
    expect(s2.to("paris").map((s) => s.at.toISOString())).toEqual(["2026-06-01T05:00:00.000Z"]);
  });

  it("during the grace window: the missed digest is caught up on start, and not again on the next start", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    const first = boot();
    first.service.subscribe(sub("paris", "07:00", "Europe/Paris"));
    crash(first.service); // down at 07:00

    vi.setSystemTime(new Date("2026-06-01T07:30:00Z")); // 2.5 h late, grace is 6 h
    const second = boot();
    const s2 = new RecordingSender();
    await second.service.start(s2);
    await second.service.scheduler!.whenIdle();
    expect(s2.to("paris")).toHaveLength(1);
    crash(second.service);

    vi.setSystemTime(new Date("2026-06-01T08:00:00Z"));
    const third = boot();
    const s3 = new RecordingSender();
    await third.service.start(s3);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(s3.sent).toEqual([]);
    expect(third.service.deliveries.ofChannel("paris").map((d) => d.status)).toEqual(["sent"]);
  });

  it("after the grace window: the day is skipped and logged, and the next day is posted", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    const first = boot(6);
    first.service.subscribe(sub("paris", "07:00", "Europe/Paris"));
    crash(first.service);

    vi.setSystemTime(new Date("2026-06-01T12:00:00Z")); // 7 h late
    const second = boot(6);
    const sender = new RecordingSender();
    await second.service.start(sender);
    expect(sender.sent).toEqual([]);
    expect(second.service.deliveries.forDay("paris", "2026-06-01")).toMatchObject({
      status: "skipped",
      detail: expect.stringContaining("more than DIGEST_GRACE_HOURS=6"),
    });
    expect(second.lines.some((l) => l.level === 40 && /digest: skipped, missed by 7\.0 h/.test(l.msg))).toBe(
      true,
    );

    await runAround("2026-06-02T05:00:00Z");
    expect(sender.to("paris").map((s) => s.at.toISOString())).toEqual(["2026-06-02T05:00:00.000Z"]);
  });

  it("when the process died between claim and send: the day is marked interrupted, logged and not resent", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    const first = boot();
    const s = first.service.subscribe(sub("paris", "07:00", "Europe/Paris"));
    vi.setSystemTime(new Date("2026-06-01T05:00:00Z"));
    first.service.deliveries.claim(s, "2026-06-01", new Date()); // claimed, then the crash
    crash(first.service);

    vi.setSystemTime(new Date("2026-06-01T05:10:00Z"));
    const second = boot();
    const sender = new RecordingSender();
    await second.service.start(sender);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(sender.sent).toEqual([]);
    expect(second.service.deliveries.forDay("paris", "2026-06-01")?.status).toBe("interrupted");
    expect(second.lines.some((l) => /interrupted between claim and send/.test(l.msg))).toBe(true);
  });

  it("does not owe a digest for a time that passed before the subscription was made", async () => {
    vi.setSystemTime(new Date("2026-06-01T09:00:00Z"));
    const { service } = boot();
    service.subscribe(sub("paris", "07:00", "Europe/Paris"));
    const sender = new RecordingSender();
    await service.start(sender);
    expect(sender.sent).toEqual([]);
  });
});

describe("delivery", () => {
  it("marks a channel that is gone as failing with the reason, and still posts to the others", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    const { service } = boot();
    service.subscribe(sub("gone", "07:00", "Europe/Paris"));
    service.subscribe(sub("fine", "07:00", "Europe/Paris"));
    const sender = new RecordingSender();
    sender.failures.set("gone", new DigestSendError("missing-channel", "Unknown Channel"));
    await service.start(sender);
    await runAround("2026-06-01T05:00:00Z");
    expect(sender.to("fine")).toHaveLength(1);
    expect(service.subscriptions.byChannel("gone")).toMatchObject({
      status: "failing",
      failure: DIGEST_CHANNEL_MISSING,
    });
    expect(service.deliveries.forDay("gone", "2026-06-01")?.status).toBe("failed");
    expect(service.subscriptions.byChannel("fine")?.status).toBe("active");
  });

  it("posts only the digests of the guilds this shard holds, each once across two shards", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    const a = boot();
    const b = boot();
    a.service.subscribe({ ...sub("c-one", "07:00", "Europe/Paris"), guildId: "g-one" });
    a.service.subscribe({ ...sub("c-two", "07:00", "Europe/Paris"), guildId: "g-two" });
    const shard0 = new RecordingSender();
    shard0.owned = new Set(["g-one"]);
    const shard1 = new RecordingSender();
    shard1.owned = new Set(["g-two"]);
    await a.service.start(shard0);
    await b.service.start(shard1);
    await runAround("2026-06-01T05:00:00Z");
    expect(shard0.sent.map((s) => s.channelId)).toEqual(["c-one"]);
    expect(shard1.sent.map((s) => s.channelId)).toEqual(["c-two"]);
  });

  it("logs a send that failed for another reason, without marking the channel failing", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    const { service, lines } = boot();
    service.subscribe(sub("flaky", "07:00", "Europe/Paris"));
    const sender = new RecordingSender();
    sender.failures.set("flaky", new Error("socket hang up"));
    await service.start(sender);
    await runAround("2026-06-01T05:00:00Z");
    expect(service.deliveries.forDay("flaky", "2026-06-01")).toMatchObject({
      status: "failed",
      detail: "send failed: socket hang up",
    });
    expect(service.subscriptions.byChannel("flaky")?.status).toBe("active");
    expect(lines.some((l) => l.level === 50 && l.msg === "digest: delivery failed")).toBe(true);
  });

  it("staggers the sends of digests due at the same minute", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    const { service } = boot(6, 2_000);
    for (const c of ["c1", "c2", "c3"]) service.subscribe(sub(c, "07:00", "Europe/Paris"));
    const sender = new RecordingSender();
    await service.start(sender);
    await runAround("2026-06-01T05:00:00Z");
    const times = sender.sent.map((s) => s.at.getTime());
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(2_000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2_000);
  });

  it("on a day with nothing new posts one line, or nothing when the subscription chose quiet days", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    const made = makeService(dir, factBase([]));
    open.push(made.service);
    made.service.subscribe(sub("loud", "07:00", "Europe/Paris"));
    made.service.subscribe(sub("quiet", "07:00", "Europe/Paris", { quietDays: true }));
    const sender = new RecordingSender();
    await made.service.start(sender);
    await runAround("2026-06-01T05:00:00Z");
    expect(sender.to("loud").map((s) => s.replies.map((r) => r.text))).toEqual([[DIGEST_NOTHING_NEW]]);
    expect(sender.to("quiet")).toEqual([]);
    expect(made.service.deliveries.forDay("quiet", "2026-06-01")?.status).toBe("skipped");
  });

  it("starts each digest from the channel's last one", async () => {
    vi.setSystemTime(new Date("2026-06-01T04:00:00Z"));
    const { service, knowledge } = boot();
    service.subscribe(sub("paris", "07:00", "Europe/Paris"));
    const sender = new RecordingSender();
    await service.start(sender);
    await runAround("2026-06-01T05:00:00Z");
    expect(sender.to("paris")[0]!.replies[0]!.text).toContain("City approves budget");
    // A new article arrives during the day; the old one must not be repeated tomorrow.
    const later = article({
      title: "Harbour bridge reopens",
      ingestedAt: new Date(Date.now() + 3 * HOUR).toISOString(),
    });
    knowledge.replace(factBase([...knowledge.facts.articles, later]));
    await runAround("2026-06-02T05:00:00Z");
    const second = sender
      .to("paris")[1]!
      .replies.map((r) => r.text)
      .join("\n");
    expect(second).toContain("Harbour bridge reopens");
    expect(second).not.toContain("City approves budget");
  });
});
