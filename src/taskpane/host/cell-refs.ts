import { columnLetters, parseA1 } from "../../scoring/grid/address";

/**
 * Cell references in formulas, as Excel moves them when rows or columns are inserted or deleted.
 * Used by the in-memory workbook (which stands in for Excel) and by the fill's undo, which keeps
 * the cells it wrote in a hidden defined name so that Excel itself moves them with the form.
 */

/** Rows or columns inserted (count > 0) or deleted (count < 0) at a 0-based index of one sheet. */
export interface SheetEdit {
  sheet: string;
  axis: "row" | "col";
  at: number;
  count: number;
}

/** One reference found in a formula: where it is in the text and what it names. */
interface RefToken {
  start: number;
  end: number;
  /** The sheet as written (`表!` or `'表 1'!`), or null for the formula's own sheet. */
  sheet: string | null;
  text: string;
}

// `'a b'!$H$4:$H$9`, `表!H4`, `H4`, `$H$4:H9`; not function names (`LOG10(`) nor parts of names (`JXZP.SCORE`).
const REF = /(?:('(?:[^']|'')+'|[^\s'!,():=+\-*/&^<>"{};%]+)!)?(\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?)(?![A-Za-z0-9_.(!])/g;

function tokens(formula: string): RefToken[] {
  const out: RefToken[] = [];
  // Text in double quotes is not a reference: scan only between strings.
  const parts = formula.split(/("(?:[^"]|"")*")/);
  let offset = 0;
  for (const part of parts) {
    if (!part.startsWith('"')) {
      REF.lastIndex = 0;
      for (let m = REF.exec(part); m; m = REF.exec(part)) {
        const before = part[m.index - 1];
        if (before !== undefined && /[A-Za-z0-9_.$]/.test(before)) continue;
        const sheet = m[1] ?? null;
        out.push({ start: offset + m.index + (sheet ? sheet.length + 1 : 0), end: offset + m.index + m[0].length, sheet, text: m[2] });
      }
    }
    offset += part.length;
  }
  return out;
}

export function unquoteSheet(s: string): string {
  return s.startsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

interface End {
  absCol: boolean;
  col: number;
  absRow: boolean;
  row: number;
}

function parseEnd(t: string): End {
  const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(t)!;
  const p = parseA1(`${m[2]}${m[4]}`)!;
  return { absCol: m[1] === "$", col: p.col, absRow: m[3] === "$", row: p.row };
}

const endText = (e: End): string => `${e.absCol ? "$" : ""}${columnLetters(e.col)}${e.absRow ? "$" : ""}${e.row + 1}`;

/** A reference (cell or range) after the edit, or null when the edit deleted all of it. */
export function shiftRef(ref: string, edit: Omit<SheetEdit, "sheet">): string | null {
  const [a, b] = ref.split(":");
  const p = parseEnd(a);
  const q = b === undefined ? null : parseEnd(b);
  const key = edit.axis === "row" ? "row" : "col";
  const { at, count } = edit;
  if (count > 0) {
    if (p[key] >= at) p[key] += count;
    if (q && q[key] >= at) q[key] += count;
  } else {
    const end = at - count;
    const lo = q ? Math.min(p[key], q[key]) : p[key];
    const hi = q ? Math.max(p[key], q[key]) : p[key];
    if (lo >= at && hi < end) return null;
    const move = (v: number, top: boolean) => (v < at ? v : v >= end ? v + count : top ? at : at - 1);
    if (!q) p[key] = move(p[key], true);
    else {
      const topIsP = p[key] <= q[key];
      p[key] = move(p[key], topIsP);
      q[key] = move(q[key], !topIsP);
    }
  }
  return q ? `${endText(p)}:${endText(q)}` : endText(p);
}

/** A formula written on `formulaSheet` after an edit of `edit.sheet`: its references there move, deleted ones read #REF!. */
export function shiftFormula(formula: string, formulaSheet: string, edit: SheetEdit): string {
  let out = "";
  let last = 0;
  for (const t of tokens(formula)) {
    const sheet = t.sheet === null ? formulaSheet : unquoteSheet(t.sheet);
    if (sheet !== edit.sheet) continue;
    const moved = shiftRef(t.text, edit);
    out += formula.slice(last, t.start) + (moved ?? "#REF!");
    last = t.end;
  }
  return out + formula.slice(last);
}

/** The references of a formula, in order, as written (without their sheet). */
export function formulaRefs(formula: string): string[] {
  return tokens(formula).map((t) => t.text);
}

/** The formula with its references, in order, replaced by `refs` (a null reads #REF!). */
export function withRefs(formula: string, refs: (string | null)[]): string {
  let out = "";
  let last = 0;
  tokens(formula).forEach((t, i) => {
    out += formula.slice(last, t.start) + (refs[i] ?? "#REF!");
    last = t.end;
  });
  return out + formula.slice(last);
}

/** A defined name's formula listing cells and ranges of one sheet: `='表'!$H$4,'表'!$H$11:$H$35`. */
export function namedRefs(sheet: string, refs: string[]): string {
  const abs = (r: string) =>
    r
      .split(":")
      .map((e) => {
        const p = parseEnd(e);
        return endText({ ...p, absCol: true, absRow: true });
      })
      .join(":");
  return `=${refs.map((r) => `${quoteSheet(sheet)}!${abs(r)}`).join(",")}`;
}

/** The areas of a defined name's formula, in order: each `{ sheet, ref }` with `$` removed, or null where Excel shows #REF!. */
export function readNamedRefs(formula: string): ({ sheet: string; ref: string } | null)[] {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  const out: ({ sheet: string; ref: string } | null)[] = [];
  // Areas are separated by commas outside quoted sheet names; on desktop NamedItem.formula comes
  // back in the display language (OfficeDev/office-js #2834), where the separator may be ";".
  for (const area of body.match(/(?:'(?:[^']|'')*'|[^,;])+/g) ?? []) {
    const bang = area.lastIndexOf("!");
    const ref = area.slice(bang + 1).replace(/\$/g, "").trim();
    const sheet = bang >= 0 ? unquoteSheet(area.slice(0, bang).trim()) : "";
    out.push(/^[A-Za-z]{1,3}\d+(:[A-Za-z]{1,3}\d+)?$/.test(ref) ? { sheet, ref } : null);
  }
  return out;
}

/** A reference written with the `$` signs of another (so a formula's relative references stay relative). */
export function likeRef(ref: string, pattern: string): string {
  const pat = pattern.split(":").map(parseEnd);
  return ref
    .split(":")
    .map((e, i) => {
      const p = parseEnd(e);
      const q = pat[Math.min(i, pat.length - 1)];
      return endText({ ...p, absCol: q.absCol, absRow: q.absRow });
    })
    .join(":");
}
