/**
 * Reading one cell as what the form needs there: a figure, a stated rate, a target or actual,
 * a text. A cell that holds something else (an error value, a date, a formula whose result
 * was not saved) is read as such, never as a blank or a silent 0.
 */
import { isPercentFormat, readAmount, readStatedRate } from "../values/amount";
import { plainNumber, QUOTE_LIMIT } from "../values/display";
import type { CellValue, Sheet } from "../grid/grid";
import { readComparator, readMeasure, type Measure } from "../values/measure";
import type { Figure, MeasureCell, Pos, StatedRateCell, TextCell, UnreadableWhy } from "./form";
import type { Span } from "./header-band";
import { serialDateText } from "../grid/excel-date";
import { isDateFormat } from "../grid/number-format";

const ERROR_VALUE = /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|BUSY!|BLOCKED!|CONNECT!|FIELD!|UNKNOWN!|PYTHON!|TEXT!)$/i;

/** An error value as Excel shows it (`#DIV/0!`). */
export function isErrorValue(v: CellValue): boolean {
  if (typeof v !== "string" || v.length > 16) return false;
  // Every text cell is asked: only one that starts with # (after spaces) can be an error value.
  const first = v.charCodeAt(0);
  if (first !== 35 && first > 32 && first !== 0x3000) return false;
  return ERROR_VALUE.test(v.trim());
}

/** Excel's last date, 9999-12-31: a larger number in a date cell shows as ####, not as a date. */
const LAST_DATE = 2958465;

/** A number in a date-formatted cell that Excel shows as a date. */
function isDateSerial(v: number): boolean {
  return v >= 0 && v <= LAST_DATE;
}

/** A date serial (1900 system) as Excel shows the date: 44197 → 2021-01-01, 1 → 1900-01-01. */
export function dateText(serial: number): string {
  return (isDateSerial(serial) ? serialDateText(serial) : null) ?? plainNumber(serial);
}

/** Why a cell that is not a plain value cannot be read, or null when it is a plain value (or blank). */
export function unreadableWhy(sheet: Sheet, p: Pos): UnreadableWhy | null {
  const v = sheet.value(p.row, p.col);
  // The common cases first: plain text and numbers in General format.
  if (typeof v === "string" && !isErrorValue(v)) return null;
  if (typeof v === "number" && sheet.format(p.row, p.col) === null) return null;
  // Whether there is a formula, and what it calls: never its whole text (a shared one is spelled out only to be shown).
  const formula = sheet.hasFormula(p.row, p.col);
  // A formula that shows "" (`=IF(D5="","",…)` waiting for its figures) is blank, not unsaved.
  if (v === null) return formula && !sheet.hasResult(p.row, p.col) ? "formula-no-value" : null;
  if (typeof v === "boolean") return "boolean";
  if (isErrorValue(v)) {
    const shown = String(v).trim().toUpperCase();
    // #BUSY! (and #GETTING_DATA) mean "not calculated yet" (custom-functions-troubleshooting.md): never an error of the form.
    if (shown === "#BUSY!" || shown === "#GETTING_DATA") return "not-calculated";
    return shown === "#NAME?" && (!formula || sheet.formulaCallsJxzp(p.row, p.col)) ? "jxzp-not-loaded" : "error-value";
  }
  if (typeof v === "number" && isDateSerial(v) && isDateFormat(sheet.format(p.row, p.col))) return "date";
  return null;
}

/** More than a message quotes of a cell's text, even once its runs of spaces are one (display.ts's clip adds "…"). */
const SHOWN_FORMULA = QUOTE_LIMIT * 4;

/** What a message shows for a cell: its text, a date as a date, a formula with no value as the formula. */
export function shownAs(sheet: Sheet, p: Pos): string {
  const v = sheet.value(p.row, p.col);
  // Messages quote at most 40 characters of a cell: no more of a formula is spelled out.
  if (v === null) return sheet.formula(p.row, p.col, SHOWN_FORMULA) ?? "";
  if (typeof v === "number" && isDateSerial(v) && isDateFormat(sheet.format(p.row, p.col))) return dateText(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return typeof v === "number" ? plainNumber(v) : String(v).trim();
}

/** The cell a value is read from: a merged area's value is in its top-left cell. */
export function valueCell(sheet: Sheet, row: number, col: number): Pos {
  const m = sheet.mergeAt(row, col);
  return m ? sheet.at(m.top, m.left) : sheet.at(row, col);
}

/** The cell of a row a column's value is in; a merge that started on an earlier row is that row's. */
export function ownCell(sheet: Sheet, row: number, col: number): Pos | null {
  const m = sheet.mergeAt(row, col);
  if (!m) return sheet.at(row, col);
  return m.top === row ? sheet.at(m.top, m.left) : null;
}

/**
 * The first cell of a role's columns in a row that holds something, else its first cell. With
 * `shared`, a value merged down over several rows (one deviation note for three rows) is each row's.
 */
export function cellInSpan(sheet: Sheet, row: number, span: Span | undefined, shared = false): Pos | null {
  if (!span) return null;
  // Most columns are one column wide.
  if (span.first === span.last) return shared ? valueCell(sheet, row, span.first) : ownCell(sheet, row, span.first);
  let first: Pos | null = null;
  for (let c = span.first; c <= span.last; c++) {
    const p = shared ? valueCell(sheet, row, c) : ownCell(sheet, row, c);
    if (!p) continue;
    first ??= p;
    if (sheet.value(p.row, p.col) !== null || sheet.hasFormula(p.row, p.col)) return p;
  }
  return first;
}

// A column the form does not have reads the same on every row: one frozen value each.
const NO_FIGURE: Figure = Object.freeze({ kind: "blank", at: null });
const NO_RATE: StatedRateCell = Object.freeze({ kind: "blank", at: null });
const NO_MEASURE: MeasureCell = Object.freeze({ at: null, measure: Object.freeze({ kind: "blank", text: "" }) as Measure });
const NO_TEXT: TextCell = Object.freeze({ at: null, text: "" });

export function figureAt(sheet: Sheet, p: Pos | null): Figure {
  if (!p) return NO_FIGURE;
  const why = unreadableWhy(sheet, p);
  if (why) return { kind: "unreadable", at: p, text: shownAs(sheet, p), why };
  const a = readAmount(sheet.value(p.row, p.col));
  if (a.kind === "blank") return { kind: "blank", at: p };
  if (a.kind === "number") return { kind: "number", at: p, value: a.value, text: a.text };
  return { kind: "unreadable", at: p, text: a.text, why: "text" };
}

export function rateAt(sheet: Sheet, p: Pos | null): StatedRateCell {
  if (!p) return NO_RATE;
  const why = unreadableWhy(sheet, p);
  if (why) return { kind: "unreadable", at: p, text: shownAs(sheet, p), why };
  const r = readStatedRate(sheet.value(p.row, p.col), sheet.format(p.row, p.col));
  if (r === null) return { kind: "blank", at: p };
  if (r === "unreadable") return { kind: "unreadable", at: p, text: sheet.rawText(p.row, p.col), why: "text" };
  return { kind: "rate", at: p, rate: r };
}

/**
 * A target or an actual, completed by the row's 指标性质 (comparator) and 度量单位 (unit) cells.
 * A date is compared as the date it shows (qualitative), never as its serial number.
 */
export function measureAt(sheet: Sheet, p: Pos | null, row: { comparator?: Pos | null; unit?: Pos | null } = {}, withComparator = true): MeasureCell {
  if (!p) return NO_MEASURE;
  const why = unreadableWhy(sheet, p);
  if (why === "date") {
    const text = shownAs(sheet, p);
    return { at: p, measure: { kind: "qualitative", text, key: text } };
  }
  if (why) return { at: p, measure: { kind: "blank", text: "" }, problem: why, text: shownAs(sheet, p) };
  const v = sheet.value(p.row, p.col);
  const comparator = withComparator && row.comparator ? readComparator(sheet.value(row.comparator.row, row.comparator.col)) : null;
  const unit = row.unit ? sheet.text(row.unit.row, row.unit.col) || null : null;
  const percent = isPercentFormat(sheet.format(p.row, p.col));
  // Most cells need no context: the plain reading is shared by every sheet.
  if (!percent && !comparator && !unit) return { at: p, measure: readMeasure(v) };
  return { at: p, measure: readMeasure(v, { percent, comparator, unit }) };
}

export function textAt(sheet: Sheet, p: Pos | null): TextCell {
  if (!p) return NO_TEXT;
  return { at: p, text: sheet.text(p.row, p.col) };
}
