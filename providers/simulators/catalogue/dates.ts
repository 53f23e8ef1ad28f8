/**
 * Release dates as Spotify gives them: "1975", "1975-11" or "1975-11-21" with a precision.
 * Old releases often carry only a year; modern ones almost always the day.
 */
import type { Random } from './random.js';

export interface ReleaseDate {
  text: string;
  precision: 'year' | 'month' | 'day';
  year: number;
  /** The full day (first of the month / year when unknown), for "Released on:" lines and timestamps. */
  day: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function releaseDate(random: Random, year: number, precision?: ReleaseDate['precision']): ReleaseDate {
  const p = precision ?? (year < 1980
    ? random.weighted([['day', 50], ['year', 35], ['month', 15]] as const)
    : year < 2000 ? random.weighted([['day', 80], ['year', 15], ['month', 5]] as const)
    : random.weighted([['day', 97], ['month', 2], ['year', 1]] as const));
  const month = random.int(1, 12);
  const dayOfMonth = random.int(1, 28);
  const day = `${year}-${pad(p === 'year' ? 1 : month)}-${pad(p === 'day' ? dayOfMonth : 1)}`;
  const text = p === 'year' ? String(year) : p === 'month' ? `${year}-${pad(month)}` : day;
  return { text, precision: p, year, day };
}

const DAY_MS = 86_400_000;
/** The world's "now": nothing is published after it. */
const LATEST_DAY = Date.parse('2026-01-31T00:00:00Z') / DAY_MS;
const dayNumbers = new Map<string, number>();
const dayTexts = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => pad(i));

/** An ISO 8601 instant ("2018-09-05T01:12:20Z") up to `maxDays` after a day, never after the world's now. */
export function instantAfter(random: Random, day: string, maxDays: number): string {
  // Day strings are cached both ways: generation asks for tens of thousands of instants.
  let start = dayNumbers.get(day);
  if (start === undefined) {
    start = Date.parse(`${day}T00:00:00Z`) / DAY_MS;
    dayNumbers.set(day, start);
  }
  const n = Math.min(LATEST_DAY, start + random.int(0, maxDays));
  let text = dayTexts.get(n);
  if (text === undefined) {
    text = new Date(n * DAY_MS).toISOString().slice(0, 10);
    dayTexts.set(n, text);
  }
  return `${text}T${TWO_DIGITS[random.int(0, 23)]}:${TWO_DIGITS[random.int(0, 59)]}:${TWO_DIGITS[random.int(0, 59)]}Z`;
}
