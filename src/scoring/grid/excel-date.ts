/**
 * Excel's serial days (1900 date system) and the calendar. Excel counts 1900-01-01 as day 1 and,
 * for Lotus 1-2-3's sake, keeps a 1900-02-29 that never was (day 60): from 1900-03-01 (day 61)
 * on, a serial is the days since 1899-12-30; before it, one day fewer. Day 0 shows as
 * 1900-01-00. The readers turn dates written as text (Strict files' `t="d"`) into serials with
 * this rule, and the core shows a serial as the date Excel shows.
 */

const DAY_MS = 86400000;
const EPOCH = Date.UTC(1899, 11, 30);
/** 1900-03-01, the first day whose serial is counted from 1899-12-30 without correction. */
const MARCH_1900 = 61;

/** The serial of a date and time given by its parts (month 1–12), or null when it is no date. */
export function serialOf(year: number, month: number, day: number, msOfDay = 0): number | null {
  const ms = Date.UTC(year, month - 1, day);
  if (!Number.isFinite(ms)) return null;
  const t = new Date(ms);
  // Date.UTC rolls 2021-02-30 over into March; such a date is not one.
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  let days = (ms - EPOCH) / DAY_MS;
  if (days < MARCH_1900) days -= 1;
  return days + msOfDay / DAY_MS;
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A serial as a person writes the date Excel shows for it: 44197 → 2021-01-01, with the time
 * (`2021-01-01 08:30`) when it has one; null when it is not a date Excel shows (negative, past
 * 9999-12-31, not finite).
 */
export function serialDateText(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) return null;
  const whole = Math.floor(serial);
  let msOfDay = Math.round((serial - whole) * DAY_MS);
  let days = whole;
  if (msOfDay >= DAY_MS) {
    days += 1;
    msOfDay -= DAY_MS;
  }
  let date: string;
  if (days === 0) date = "1900-01-00";
  else if (days === 60) date = "1900-02-29";
  else {
    const d = new Date(EPOCH + (days < MARCH_1900 ? days + 1 : days) * DAY_MS);
    date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  if (serial % 1 === 0) return date;
  const minutes = Math.floor(msOfDay / 60000);
  return `${date} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const ISO_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
/** A duration (`PT24H0M0.000S`, `P1DT2H`), as Excel writes an elapsed time ([h]:mm:ss) in Strict files. */
const ISO_DURATION = /^P(?:(\d{1,7})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9}(?:\.\d{1,20})?)S)?)?$/;

const msOf = (h: string | undefined, m: string | undefined, s: string | undefined, frac: string | undefined): number | null => {
  const hh = +(h ?? 0);
  const mm = +(m ?? 0);
  const ss = +(s ?? 0);
  if (hh > 24 || mm > 59 || ss > 60) return null;
  return ((hh * 60 + mm) * 60 + ss) * 1000 + Math.round(Number(frac ?? 0) * 1000);
};

/**
 * A date, date-time or time written in ISO 8601 (Strict workbooks' `t="d"` cells), as Excel's
 * serial, taken at face value (Excel writes local times): `1900-01-01` → 1, `2021-01-01T12:00` →
 * 44197.5, `10:59:59.9999999999984025` → 0.4583…, a duration `PT36H0M0.000S` → 1.5; null when it is
 * none of these. The patterns are
 * anchored and their repeats are separated by fixed characters: no backtracking on long text.
 */
export function isoSerial(text: string): number | null {
  const s = text.trim();
  if (s.length > 64) return null;
  const p = ISO_DURATION.exec(s);
  if (p && s !== "P" && s !== "PT") return (((+(p[1] ?? 0) * 24 + +(p[2] ?? 0)) * 60 + +(p[3] ?? 0)) * 60 + Number(p[4] ?? 0)) / 86400;
  const t = ISO_TIME.exec(s);
  if (t) {
    const ms = msOf(t[1], t[2], t[3], t[4]);
    return ms === null ? null : ms / DAY_MS;
  }
  const m = ISO_DATE_TIME.exec(s);
  if (!m) return null;
  const ms = msOf(m[4], m[5], m[6], m[7]);
  return ms === null ? null : serialOf(+m[1], +m[2], +m[3], ms);
}
