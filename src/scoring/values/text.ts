/** Text normalisation shared by the header matcher and the value reader (spec §1, §2.1). */
import { BoundedCache } from "../lookup/memo";

const SYMBOLS: Record<string, string> = {
  "≧": "≥",
  "≦": "≤",
  "═": "=",
  "＝": "=",
  "、": "、",
  "。": ".",
  "　": " ",
  "—": "—",
  "﹪": "%",
};

const NEEDS_WIDTH = /[\uff01-\uff5e≧≦═＝。\u3000﹪]|>=|<=/;
const WIDE = /[\uff01-\uff5e≧≦═＝。\u3000﹪]/g;

/** Full-width ASCII to half-width, and the look-alike comparators to ≥ ≤ =. */
export function toHalfWidth(s: string): string {
  // Most cells need nothing: the test is far cheaper than rebuilding the string.
  if (!NEEDS_WIDTH.test(s)) return s;
  return s
    .replace(WIDE, (ch) => {
      const code = ch.charCodeAt(0);
      return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : (SYMBOLS[ch] ?? ch);
    })
    .replace(/>=/g, "≥")
    .replace(/<=/g, "≤");
}

/** Half-width, with every kind of white space removed. */
export function squash(s: string): string {
  return toHalfWidth(s).replace(/[\s\u00a0\u200b\ufeff]+/g, "");
}

/** Bracketed points such as `(50分)` or `（20分）`: the stated points, or null. */
export function statedPoints(s: string): number | null {
  // Asked of every level-1 label and block title on every sheet.
  return s.includes("分") ? POINTS.get(s, pointsOf) : null;
}

const POINTS = new BoundedCache<string, number | null>();

function pointsOf(s: string): number | null {
  const m = /\((\d+(?:\.\d+)?)分\)/.exec(squash(s));
  return m ? Number(m[1]) : null;
}

/**
 * The key a header or level name is matched by: half-width, no white space,
 * no bracketed suffix (`（A）`, `(50分)`), no trailing colon.
 */
export function headerKey(s: string): string {
  // Layout and the evaluator ask for the same level names on every row.
  return KEYS.get(s, headerKeyOf);
}

const KEYS = new BoundedCache<string, string>();

function headerKeyOf(s: string): string {
  return squash(s)
    .replace(/\([^()]*\)/g, "")
    .replace(/[:：]+$/, "");
}

const PLACEHOLDERS = new BoundedCache<string, boolean>();
const PLACEHOLDER = /^(?:[—\-－/／…．.·_~～]+|指标\d*[:：]?[—\-－/／…．.·_~～]*|\?+)$/;

/** `—`, `-`, `/`, `……`, a bare `指标2:` mean the cell is empty (spec §1). */
export function isPlaceholder(s: string): boolean {
  // Placeholders are a few characters; names and notes never are.
  if (s.length > 12) return false;
  return PLACEHOLDERS.get(s, (t) => PLACEHOLDER.test(squash(t)));
}
