/**
 * When digests are due. Each subscription's local `HH:MM` becomes a croner job in the subscription's
 * IANA time zone, so daylight-saving changes are croner's business: a time that does not exist on the
 * spring-forward day runs at the first valid minute after the gap, and a time that occurs twice on the
 * fall-back day runs once.
 */
import { Cron } from "croner";
import type { Subscription } from "./subscriptions.ts";

/** The cron pattern of a subscription (minute, hour). */
export function cronPattern(sub: Pick<Subscription, "time">): string {
  const [hh, mm] = sub.time.split(":").map(Number);
  return `${mm} ${hh} * * *`;
}

/** A paused croner job used only for date arithmetic. */
function calculator(sub: Pick<Subscription, "time" | "timezone">): Cron {
  return new Cron(cronPattern(sub), { timezone: sub.timezone, paused: true });
}

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** The latest scheduled instant at or before `now`, or null. */
export function latestSlot(sub: Pick<Subscription, "time" | "timezone">, now: Date): Date | null {
  const c = calculator(sub);
  // previousRuns excludes its reference instant; one millisecond later includes a slot exactly at `now`.
  const [prev] = c.previousRuns(1, new Date(now.getTime() + 1));
  c.stop();
  return prev ?? null;
}

/** The next scheduled instant strictly after `now`. */
export function nextSlot(sub: Pick<Subscription, "time" | "timezone">, now: Date): Date | null {
  const c = calculator(sub);
  const next = c.nextRun(now);
  c.stop();
  return next;
}

/** A live croner job calling `fire` at each of the subscription's local times. */
export function scheduleJob(sub: Subscription, fire: () => void): Cron {
  return new Cron(
    cronPattern(sub),
    { timezone: sub.timezone, name: undefined, protect: true, unref: true },
    fire,
  );
}
