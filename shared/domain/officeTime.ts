/**
 * The office's calendar: every date derived from an instant (today, 成文日期, audit days, backup names)
 * is the date on the office's wall clock, whatever zone the machine or the test runner is set to.
 */
export const DEFAULT_OFFICE_TIME_ZONE = 'Asia/Shanghai';

/** The zones 设置 offers (the ones an office in China may keep its clock on), with their Chinese names. */
export const OFFICE_TIME_ZONES = {
  'Asia/Shanghai': '北京时间（东八区）',
  'Asia/Urumqi': '新疆时间（东六区，乌鲁木齐）',
  'Asia/Hong_Kong': '香港时间（东八区）',
  'Asia/Macau': '澳门时间（东八区）',
} as const satisfies Record<string, string>;
export type OfficeTimeZone = keyof typeof OFFICE_TIME_ZONES;

const formats = new Map<string, Intl.DateTimeFormat>();

/** Whether the name is an IANA time zone this runtime knows (e.g. Asia/Shanghai). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The office's wall clock at an instant (seconds; milliseconds are the instant's own). */
function wall(instant: Date, zone: string): Wall {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The office's calendar date at an instant: YYYY-MM-DD. */
export function officeDate(instant: Date, zone: string): string {
  const w = wall(instant, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The office's date and time at an instant: YYYY-MM-DD HH:mm:ss. */
export function officeDateTime(instant: Date, zone: string): string {
  const w = wall(instant, zone);
  return `${officeDate(instant, zone)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(t: number, zone: string): number {
  const whole = t - (((t % 1000) + 1000) % 1000);
  const w = wall(new Date(whole), zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * The instant at which the office's wall clock shows this date and time (month, day etc. may overflow,
 * as with Date.UTC: day 32 is the 1st of the next month). A time skipped by a clock change maps past the gap.
 */
export function officeInstant(zone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const guess = asUtc - offsetAt(asUtc, zone);
  return new Date(asUtc - offsetAt(guess, zone));
}

/** The instant the office's calendar day (YYYY-MM-DD, plus `days`) begins. */
export function officeDayStart(day: string, zone: string, days = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  return officeInstant(zone, y, m, d + days);
}
