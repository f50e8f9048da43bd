import { DEFAULT_OFFICE_TIME_ZONE, officeDateTime } from '@shared/domain/officeTime';

let zone = DEFAULT_OFFICE_TIME_ZONE;

/** Times are shown on the office's clock (app.info's zone), whatever zone the computer is set to. */
export function useOfficeTimeZone(timeZone: string): void {
  zone = timeZone;
}

/** The office's date and time of an ISO timestamp, e.g. 2026-11-22 09:00 (with seconds: 09:00:00). */
export function formatTime(iso: string, seconds = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const t = officeDateTime(d, zone);
  return seconds ? t : t.slice(0, 16);
}
