/**
 * When the simulated YouTube quota day ends: Google resets Data API quotas at midnight Pacific time
 * (America/Los_Angeles, UTC-8 in winter, UTC-7 in summer). Written here with Intl rather than
 * borrowed from the client's quota code, so a mistake in one is caught by tests of the other.
 */
const pacificClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** Pacific wall-clock fields of an instant. */
function wallClock(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const fields = Object.fromEntries(pacificClock.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour!, minute: fields.minute!, second: fields.second! };
}

/** Milliseconds Pacific time is behind UTC at `ms` (7 or 8 hours). */
function offsetBehindUtc(ms: number): number {
  const w = wallClock(ms);
  const asIfUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((Math.floor(ms / 1000) * 1000 - asIfUtc) / 60_000) * 60_000;
}

/** The first instant (ms since the epoch) of the Pacific day after the one `ms` falls in. */
export function nextPacificMidnight(ms: number): number {
  const today = wallClock(ms);
  const midnightAsIfUtc = Date.UTC(today.year, today.month - 1, today.day + 1);
  // Guess with today's offset, then correct with the offset in force at the guess (DST changes at 2 am, never at midnight).
  const guess = midnightAsIfUtc + offsetBehindUtc(ms);
  return midnightAsIfUtc + offsetBehindUtc(guess);
}
