/**
 * What a cell's number format says about its value: whether it shows a date or a time. One
 * reading for the readers (1904 workbooks, .xls and .xlsx alike) and the core (a date is read as
 * a date, never as its serial). A format comes from the file and may be hostile (200,000 `[`
 * with no `]`): it is scanned once, left to right, never with a backtracking pattern.
 */
import { BoundedCache } from "../lookup/memo";

/** Elapsed-time brackets (`[h]`, `[mm]`, `[ss]`) are date tokens; any other bracket is not. */
function isElapsed(format: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const first = format.charCodeAt(from) | 32;
  if (first !== 104 && first !== 109 && first !== 115) return false;
  for (let i = from + 1; i < to; i++) if ((format.charCodeAt(i) | 32) !== first) return false;
  return true;
}

function scanIsDate(format: string): boolean {
  const n = format.length;
  let i = 0;
  while (i < n) {
    const ch = format[i];
    switch (ch) {
      case '"': {
        // A quoted literal (`"年"`), to its closing quote or the end.
        const close = format.indexOf('"', i + 1);
        i = close < 0 ? n : close + 1;
        break;
      }
      case "\\":
      case "_":
      case "*":
        // An escaped character, a space as wide as one, a fill character.
        i += 2;
        break;
      case "[": {
        const close = format.indexOf("]", i + 1);
        const end = close < 0 ? n : close;
        if (isElapsed(format, i + 1, end)) return true;
        // [Red], [$-804], [DBNum1], [>=100]: not date tokens. An unclosed one runs to the end.
        i = end + 1;
        break;
      }
      case "G":
      case "g":
        if (format.slice(i, i + 7).toLowerCase() === "general") {
          i += 7;
          break;
        }
        // g is the era (East-Asian calendars).
        return true;
      case "E":
      case "e":
        // E+ and E- are a scientific exponent; e alone is the era year.
        if (format[i + 1] === "+" || format[i + 1] === "-") {
          i += 2;
          break;
        }
        return true;
      case "A":
      case "a": {
        const next = format.slice(i, i + 5).toUpperCase();
        // AM/PM, A/P, and aaa/aaaa (the weekday in Chinese and Japanese Excel).
        if (next === "AM/PM" || next.startsWith("A/P") || next.startsWith("AAA")) return true;
        i++;
        break;
      }
      case "上":
        if (format.startsWith("上午/下午", i)) return true;
        i++;
        break;
      case "y":
      case "Y":
      case "m":
      case "M":
      case "d":
      case "D":
      case "h":
      case "H":
      case "s":
      case "S":
      case "b":
      case "B":
        // b/bbbb is the Buddhist year; B1/B2 choose a calendar.
        return true;
      default:
        i++;
    }
  }
  return false;
}

const DATE_FORMATS = new BoundedCache<string, boolean>(2000);

/**
 * Whether a number format shows a date or a time (`yyyy-mm-dd`, `m"月"d"日"`, `[h]:mm`,
 * `上午/下午h"时"mm"分"`): a date or time token outside quotes, escapes and brackets. General,
 * null and number formats (`0.00E+00`, `#,##0_);[Red](#,##0)`) are not.
 */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  // Forms use a handful of formats over and over; a long one is not kept.
  return format.length > 256 ? scanIsDate(format) : DATE_FORMATS.get(format, scanIsDate);
}
