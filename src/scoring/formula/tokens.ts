/**
 * The one reader of formula text. It splits a formula into tokens whose texts, put back together,
 * are the formula exactly, and says of each reference what it names: its workbook (`[1]`,
 * `[预算.xlsx]`), its sheet (`汇总!`, `'项目 表'!`, `Sheet1:Sheet3!`), its two ends with their `$`
 * signs, whole columns (`H:H`) and whole rows (`3:5`). Strings, error literals (`#REF!`),
 * numbers, names, structured references (`表1[[#此行],[得分]]`) and operators are tokens of their
 * own, so nothing inside a string or a name is ever taken for a cell.
 *
 * Moving a shared formula (readers), moving references when rows are inserted (the task pane's
 * hosts) and calculating (the preview) all read formulas through this; none has a scanner of its own.
 */

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** One end of a reference: 0-based; `col` null for a whole row, `row` null for a whole column. */
export interface RefEnd {
  col: number | null;
  row: number | null;
  absCol: boolean;
  absRow: boolean;
}

interface Span {
  /** Offsets in the formula's text: `text === formula.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
}

/** A sheet (and workbook) qualifier as written, `'项目 表'!`, with what it names. */
export interface Qualifier {
  /** The qualifier's own text, `!` included (`'a''b'!`, `[1]Sheet1!`). */
  text: string;
  /** The workbook of an external reference (`1`, `预算.xlsx`, `C:\路径\预算.xlsx`), or null. */
  book: string | null;
  /** The sheet's name, unquoted (`a'b`); the first of a 3-D reference. */
  sheet: string;
  /** The last sheet of a 3-D reference (`Sheet1:Sheet3!`), or null. */
  lastSheet: string | null;
}

export type FormulaToken =
  | (Span & { kind: "ref"; qualifier: Qualifier | null; from: RefEnd; to: RefEnd | null })
  | (Span & { kind: "string"; value: string })
  /** `#REF!`, `#N/A` …; with a qualifier when written `Sheet1!#REF!`. */
  | (Span & { kind: "error"; qualifier: Qualifier | null; value: string })
  | (Span & { kind: "number" })
  /** A function, a defined name, TRUE/FALSE; a sheet's name as `Sheet1!名称`. */
  | (Span & { kind: "name"; qualifier: Qualifier | null; name: string })
  /** A table's structured reference (`表1[得分]`, `[@得分]`): names, never cells. */
  | (Span & { kind: "structured" })
  | (Span & { kind: "op" })
  | (Span & { kind: "space" })
  /** A character no formula has there (an unclosed quote's rest, a stray `!`). */
  | (Span & { kind: "other" });

const ERRORS = /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)/iy;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const OPS = /<>|<=|>=|[-+*/^&=<>%(),;{}:@]/y;
const SPACE = /[\s\u3000]+/y;
const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;
const COLUMN = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)(\d{1,7})$/;

/** A character of a name or an unquoted sheet name: letters (any script), digits, `_ . \ $`. */
function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 92 || code === 36 || (code > 0x7f && code !== 0x3000)
  );
}

function wordEnd(f: string, i: number): number {
  while (i < f.length && isWordChar(f.charCodeAt(i))) i++;
  return i;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let k = 0; k < letters.length; k++) n = n * 26 + ((letters.charCodeAt(k) & ~32) - 64);
  return n;
}

/** `$H$4` → its end; null when the word is not a cell within the sheet's bounds. */
function cellEnd(word: string): RefEnd | null {
  const m = CELL.exec(word);
  if (!m) return null;
  const col = columnNumber(m[2]);
  const row = Number(m[4]);
  if (col > MAX_COLS || row < 1 || row > MAX_ROWS) return null;
  return { col: col - 1, row: row - 1, absCol: m[1] === "$", absRow: m[3] === "$" };
}

function columnEnd(word: string): RefEnd | null {
  const m = COLUMN.exec(word);
  if (!m) return null;
  const col = columnNumber(m[2]);
  return col > MAX_COLS ? null : { col: col - 1, row: null, absCol: m[1] === "$", absRow: false };
}

function rowEnd(word: string): RefEnd | null {
  const m = ROW.exec(word);
  if (!m) return null;
  const row = Number(m[2]);
  return row < 1 || row > MAX_ROWS ? null : { col: null, row: row - 1, absCol: false, absRow: m[1] === "$" };
}

/** The text of a reference's end: `$H4`, `H`, `$5`. */
export function endText(e: RefEnd): string {
  let s = "";
  if (e.col !== null) s += `${e.absCol ? "$" : ""}${columnName(e.col)}`;
  if (e.row !== null) s += `${e.absRow ? "$" : ""}${e.row + 1}`;
  return s;
}

/** `H4`, `H4:H9`, `H:H`, `3:5` (no qualifier). */
export function refText(from: RefEnd, to: RefEnd | null): string {
  return to ? `${endText(from)}:${endText(to)}` : endText(from);
}

function columnName(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet's name as a formula writes it: quoted when it must be (`'项目 表'!`), with its quotes doubled. */
export function sheetPrefix(name: string): string {
  const plain = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_.\u0080-\uffff]*$/.test(name) && !cellEnd(name) && !/^(TRUE|FALSE)$/i.test(name) && !/[\u3000]/.test(name);
  return plain ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/** The end of a `'…'` run from `i` (at the quote), doubled quotes inside; the formula's end when unclosed. */
function quotedEnd(f: string, i: number): number {
  let j = i + 1;
  while (j < f.length) {
    if (f[j] === "'") {
      if (f[j + 1] === "'") j += 2;
      else return j + 1;
    } else j++;
  }
  return -1;
}

/** The end of a `[…]` group from `i` (at the bracket), nested brackets counted; -1 when unclosed. */
function bracketEnd(f: string, i: number): number {
  let depth = 0;
  for (let j = i; j < f.length; j++) {
    const c = f[j];
    if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return j + 1;
    // A quote escapes the next character inside structured references (`'[`, `'#`).
    else if (c === "'" && j + 1 < f.length) j++;
  }
  return -1;
}

/** A qualifier starting at `i`, or null: `'…'!`, `名称!`, `A:B!`-free 3-D `S1:S3!`, with an optional `[book]` first. */
function qualifierAt(f: string, i: number): { q: Qualifier; end: number } | null {
  let j = i;
  let book: string | null = null;
  if (f[j] === "[") {
    const close = f.indexOf("]", j);
    if (close < 0) return null;
    book = f.slice(j + 1, close);
    j = close + 1;
  }
  if (f[j] === "'") {
    const end = quotedEnd(f, j);
    if (end < 0 || f[end] !== "!") return null;
    let inner = f.slice(j + 1, end - 1).replace(/''/g, "'");
    // `'C:\路径\[预算.xlsx]表1'!A1`: the workbook inside the quotes.
    const bracket = book === null ? /^(.*)\[([^\]]+)\](.+)$/.exec(inner) : null;
    if (bracket) {
      book = `${bracket[1]}${bracket[2]}`;
      inner = bracket[3];
    }
    const [sheet, last] = splitSheets(inner);
    return { q: { text: f.slice(i, end + 1), book, sheet, lastSheet: last }, end: end + 1 };
  }
  const w = wordEnd(f, j);
  if (w === j) return null;
  let end = w;
  let lastSheet: string | null = null;
  if (f[w] === ":" && isWordChar(f.charCodeAt(w + 1) || 0)) {
    const w2 = wordEnd(f, w + 1);
    if (f[w2] !== "!") return null;
    lastSheet = f.slice(w + 1, w2);
    end = w2;
  }
  if (f[end] !== "!") return null;
  return { q: { text: f.slice(i, end + 1), book, sheet: f.slice(j, w), lastSheet }, end: end + 1 };
}

function splitSheets(inner: string): [string, string | null] {
  const colon = inner.indexOf(":");
  return colon > 0 ? [inner.slice(0, colon), inner.slice(colon + 1)] : [inner, null];
}

/** A reference (cell, range, whole columns, whole rows) starting at `i`, or null. */
function referenceAt(f: string, i: number): { from: RefEnd; to: RefEnd | null; end: number } | null {
  const w = wordEnd(f, i);
  const word = f.slice(i, w);
  const next = f[w];
  // A function (`LOG10(`), a table (`Table1[`) or a qualifier is not a reference.
  if (next === "(" || next === "[" || next === "!") return null;
  const cell = cellEnd(word);
  if (cell) {
    if (next === ":") {
      const w2 = wordEnd(f, w + 1);
      const other = cellEnd(f.slice(w + 1, w2));
      if (other && f[w2] !== "(" && f[w2] !== "!" && f[w2] !== "[") return { from: cell, to: other, end: w2 };
    }
    return { from: cell, to: null, end: w };
  }
  if (next !== ":") return null;
  const w2 = wordEnd(f, w + 1);
  const second = f.slice(w + 1, w2);
  if (f[w2] === "(" || f[w2] === "!" || f[w2] === "[") return null;
  const c1 = columnEnd(word);
  const c2 = c1 && columnEnd(second);
  if (c1 && c2) return { from: c1, to: c2, end: w2 };
  const r1 = rowEnd(word);
  const r2 = r1 && rowEnd(second);
  if (r1 && r2) return { from: r1, to: r2, end: w2 };
  return null;
}

/**
 * The tokens of a formula (with or without its leading `=`), one at a time: a caller that needs
 * only the start of a long formula stops early.
 */
export function* formulaTokens(f: string): Generator<FormulaToken> {
  let i = 0;
  const n = f.length;
  while (i < n) {
    const c = f[i];
    const code = f.charCodeAt(i);
    SPACE.lastIndex = i;
    if (SPACE.test(f)) {
      yield { kind: "space", start: i, end: SPACE.lastIndex, text: f.slice(i, SPACE.lastIndex) };
      i = SPACE.lastIndex;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= n) break;
        if (f[j] === '"') {
          if (f[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        value += f[j++];
      }
      yield { kind: "string", value, start: i, end: j, text: f.slice(i, j) };
      i = j;
      continue;
    }
    if (c === "#") {
      ERRORS.lastIndex = i;
      if (ERRORS.test(f)) {
        const end = ERRORS.lastIndex;
        yield { kind: "error", qualifier: null, value: f.slice(i, end).toUpperCase(), start: i, end: end, text: f.slice(i, end) };
        i = end;
      } else {
        yield { kind: "other", start: i, end: i + 1, text: f.slice(i, i + 1) };
        i++;
      }
      continue;
    }
    // A qualified reference, error or name: `'项目 表'!A1`, `[1]表!A1`, `汇总!B2`, `Sheet1!#REF!`.
    if (c === "'" || c === "[" || isWordChar(code)) {
      const q = qualifierAt(f, i);
      if (q) {
        const at = q.end;
        const ref = referenceAt(f, at);
        if (ref) {
          yield { kind: "ref", qualifier: q.q, from: ref.from, to: ref.to, start: i, end: ref.end, text: f.slice(i, ref.end) };
          i = ref.end;
          continue;
        }
        ERRORS.lastIndex = at;
        if (f[at] === "#" && ERRORS.test(f)) {
          const end = ERRORS.lastIndex;
          yield { kind: "error", qualifier: q.q, value: f.slice(at, end).toUpperCase(), start: i, end: end, text: f.slice(i, end) };
          i = end;
          continue;
        }
        const w = wordEnd(f, at);
        if (w > at) {
          yield { kind: "name", qualifier: q.q, name: f.slice(at, w), start: i, end: w, text: f.slice(i, w) };
          i = w;
          continue;
        }
        yield { kind: "other", start: i, end: at, text: f.slice(i, at) };
        i = at;
        continue;
      }
    }
    if (c === "[") {
      // A structured reference of the current table (`[@得分]`), or a bracket that closes nowhere.
      const end = bracketEnd(f, i);
      yield end < 0 ? { kind: "other", start: i, end: n, text: f.slice(i, n) } : { kind: "structured", start: i, end: end, text: f.slice(i, end) };
      i = end < 0 ? n : end;
      continue;
    }
    if (c === "'") {
      const end = quotedEnd(f, i);
      yield { kind: "other", start: i, end: end < 0 ? n : end, text: f.slice(i, end < 0 ? n : end) };
      i = end < 0 ? n : end;
      continue;
    }
    // Whole rows (`3:5`, `$3:$5`) before numbers; a reference before a name.
    if (isWordChar(code)) {
      const ref = referenceAt(f, i);
      if (ref) {
        yield { kind: "ref", qualifier: null, from: ref.from, to: ref.to, start: i, end: ref.end, text: f.slice(i, ref.end) };
        i = ref.end;
        continue;
      }
      if (code >= 48 && code <= 57) {
        NUMBER.lastIndex = i;
        NUMBER.test(f);
        yield { kind: "number", start: i, end: NUMBER.lastIndex, text: f.slice(i, NUMBER.lastIndex) };
        i = NUMBER.lastIndex;
        continue;
      }
      if (c === ".") {
        NUMBER.lastIndex = i;
        if (NUMBER.test(f)) {
          yield { kind: "number", start: i, end: NUMBER.lastIndex, text: f.slice(i, NUMBER.lastIndex) };
          i = NUMBER.lastIndex;
          continue;
        }
      }
      const w = wordEnd(f, i);
      if (f[w] === "[") {
        const end = bracketEnd(f, w);
        if (end > 0) {
          yield { kind: "structured", start: i, end: end, text: f.slice(i, end) };
          i = end;
          continue;
        }
      }
      yield { kind: "name", qualifier: null, name: f.slice(i, w), start: i, end: w, text: f.slice(i, w) };
      i = w;
      continue;
    }
    OPS.lastIndex = i;
    if (OPS.test(f)) {
      yield { kind: "op", start: i, end: OPS.lastIndex, text: f.slice(i, OPS.lastIndex) };
      i = OPS.lastIndex;
      continue;
    }
    yield { kind: "other", start: i, end: i + 1, text: f.slice(i, i + 1) };
    i++;
  }
}

/** All the tokens of a formula. */
export function tokenizeFormula(f: string): FormulaToken[] {
  return [...formulaTokens(f)];
}
