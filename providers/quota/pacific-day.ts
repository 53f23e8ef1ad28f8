/**
 * Google resets YouTube Data API quotas at midnight Pacific time (America/Los_Angeles, so UTC-8 in
 * winter and UTC-7 in summer). The day a call counts against, and when that day ends.
 */
const pacific = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

function parts(instant: Date): { year: number; month: number; day: number; hour: number } {
  const get = (type: string) => Number(pacific.formatToParts(instant).find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') };
}

/** `YYYY-MM-DD` of the Pacific day `instant` falls in. */
export function pacificDay(instant: Date): string {
  const { year, month, day } = parts(instant);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first instant of the next Pacific day. */
export function nextPacificMidnight(instant: Date): Date {
  const { year, month, day } = parts(instant);
  // Midnight of the next day is 07:00 or 08:00 UTC depending on daylight saving; take the one that is midnight there.
  for (const offsetHours of [7, 8]) {
    const candidate = new Date(Date.UTC(year, month - 1, day + 1, offsetHours));
    if (parts(candidate).hour === 0) return candidate;
  }
  throw new Error('no Pacific midnight found'); // unreachable: one of the two offsets is always in force
}
