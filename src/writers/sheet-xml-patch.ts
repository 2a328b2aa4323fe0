/**
 * Writes cells into a worksheet part's XML text in place: each changed `<c>` element is replaced,
 * a missing one inserted in column order (its row inserted in row order when missing), and every
 * other byte of the part is kept as it was. No DOM and no re-serialising: what the workbook's
 * author had (styles, formulas, validation, comments, print setup, extensions) is untouched
 * because it is never parsed into a model and written out again.
 */
import { columnIndex, columnLetters, parseA1 } from "../scoring/grid/address";
import type { CellValue } from "../scoring/grid/grid";
import { escapeXml, needsPreserve, ooxmlText } from "./ooxml-text";

/**
 * One cell to write. `content`: the cell's new formula (as the file stores it, without `=`) or
 * constant; `value` is a formula's result when known, kept as its cached value. `cached`: the
 * cell keeps its `<f>` element exactly and only its cached result changes (a formula whose
 * inputs were filled).
 */
export type CellEdit =
  | { cell: string; kind: "content"; formula: string | null; value: CellValue }
  | { cell: string; kind: "cached"; value: CellValue };

/** A part that cannot be patched safely; the message is Chinese and says which cell or why. */
export class PatchError extends Error {}

export interface SheetPatch {
  xml: string;
  /** Cells that held a formula and now hold a constant (their calculation-chain entries must go). */
  formulasRemoved: string[];
  /** Cells now holding a formula written here. */
  formulasWritten: string[];
}

interface Attr {
  name: string;
  value: string;
}

interface CellLoc {
  col: number;
  start: number;
  end: number;
  attrs: Attr[];
  /** Between the open and close tags ("" for `<c …/>`). */
  inner: string;
}

interface RowLoc {
  row: number;
  start: number;
  /** Where the open tag ends (after `>`). */
  openEnd: number;
  /** Where `</row>` starts (for `<row …/>`, where `/>` starts). */
  closeStart: number;
  end: number;
  selfClosing: boolean;
  attrs: Attr[];
  cells: CellLoc[];
}

const TAG = /<(\/)?([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/)?>/g;
const ATTR = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attrsOf(text: string): Attr[] {
  const out: Attr[] = [];
  for (const m of text.matchAll(ATTR)) out.push({ name: m[1], value: m[2] ?? m[3] ?? "" });
  return out;
}

const get = (attrs: Attr[], name: string): string | undefined => attrs.find((a) => a.name === name)?.value;

function attrText(attrs: Attr[]): string {
  return attrs.map((a) => ` ${a.name}="${a.value}"`).join("");
}

/** The rows and cells of `<sheetData>`, with their places in the text; rows or cells without `r` are numbered as Excel would. */
function scanSheetData(xml: string, from: number, to: number, prefix: string): RowLoc[] {
  const region = xml.slice(from, to);
  if (/<!--|<!\[CDATA\[|<\?/.test(region)) throw new PatchError("工作表中含有注释或 CDATA 段，无法安全地写入单元格。");
  const rows: RowLoc[] = [];
  let row: RowLoc | null = null;
  let cell: { col: number; start: number; openEnd: number; attrs: Attr[] } | null = null;
  let lastRow = -1;
  let lastCol = -1;
  TAG.lastIndex = from;
  for (let m = TAG.exec(xml); m && m.index < to; m = TAG.exec(xml)) {
    const [whole, closing, pfx = "", local, rest, selfClosing] = m;
    if (pfx !== prefix) continue;
    const at = m.index;
    if (local === "row") {
      if (closing) {
        if (row) {
          row.closeStart = at;
          row.end = at + whole.length;
          rows.push(row);
        }
        row = null;
        continue;
      }
      const attrs = attrsOf(rest);
      const r = get(attrs, "r");
      const n = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : lastRow + 1;
      lastRow = n;
      lastCol = -1;
      row = { row: n, start: at, openEnd: at + whole.length, closeStart: at + whole.length, end: at + whole.length, selfClosing: !!selfClosing, attrs, cells: [] };
      if (selfClosing) {
        row.closeStart = at + whole.length - 2;
        rows.push(row);
        row = null;
      }
    } else if (local === "c" && row) {
      if (closing) {
        if (cell) row.cells.push({ col: cell.col, start: cell.start, end: at + whole.length, attrs: cell.attrs, inner: xml.slice(cell.openEnd, at) });
        cell = null;
        continue;
      }
      const attrs = attrsOf(rest);
      const r = get(attrs, "r");
      const p = r ? parseA1(r) : null;
      const col = p ? p.col : lastCol + 1;
      lastCol = col;
      if (selfClosing) row.cells.push({ col, start: at, end: at + whole.length, attrs, inner: "" });
      else cell = { col, start: at, openEnd: at + whole.length, attrs };
    }
  }
  return rows;
}

/** A number as `<v>` holds it: the shortest text that reads back as the same double. */
function numberText(n: number): string {
  return Object.is(n, -0) ? "0" : String(n);
}

const ERROR_VALUE = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)$/;

/** A value's `t` attribute and `<v>` (or inline string) as a formula's cached result or a constant. */
function valueParts(value: CellValue, prefix: string, asFormulaResult: boolean): { t: string | null; body: string } {
  if (value === null || value === "") return { t: null, body: "" };
  if (typeof value === "number") return { t: null, body: `<${prefix}v>${numberText(value)}</${prefix}v>` };
  if (typeof value === "boolean") return { t: "b", body: `<${prefix}v>${value ? 1 : 0}</${prefix}v>` };
  if (asFormulaResult && ERROR_VALUE.test(value)) return { t: "e", body: `<${prefix}v>${value}</${prefix}v>` };
  if (asFormulaResult) return { t: "str", body: `<${prefix}v>${ooxmlText(value)}</${prefix}v>` };
  // A constant text goes inline, so the shared string table (another part) stays as it was.
  const space = needsPreserve(value) ? ' xml:space="preserve"' : "";
  return { t: "inlineStr", body: `<${prefix}is><${prefix}t${space}>${ooxmlText(value)}</${prefix}t></${prefix}is>` };
}

/** The `<f>` element of a cell's content, as written. */
function formulaElement(inner: string, prefix: string): { text: string; attrs: Attr[]; formula: string } | null {
  const re = new RegExp(`<${prefix.replace(".", "\\.")}f\\b((?:[^>"']|"[^"]*"|'[^']*')*?)(?:/>|>([\\s\\S]*?)</${prefix.replace(".", "\\.")}f>)`);
  const m = re.exec(inner);
  return m ? { text: m[0], attrs: attrsOf(m[1]), formula: m[2] ?? "" } : null;
}

/** A shared or array formula whose range reaches other cells: they read their formula from this one. */
function ownsOtherCells(f: { attrs: Attr[] } | null): boolean {
  if (!f) return false;
  const t = get(f.attrs, "t");
  const ref = get(f.attrs, "ref");
  return (t === "shared" || t === "array") && !!ref && ref.includes(":") && !/^([A-Z]+\d+):\1$/.test(ref);
}

/** A new cell's style: the row's when the row carries one, else its column's (as Excel shows an empty cell). */
function inheritedStyle(row: RowLoc | null, col: number, columns: { min: number; max: number; style: string }[]): string | undefined {
  if (row && /^(1|true)$/.test(get(row.attrs, "customFormat") ?? "") && get(row.attrs, "s")) return get(row.attrs, "s");
  return columns.find((c) => col + 1 >= c.min && col + 1 <= c.max)?.style;
}

function columnStyles(xml: string, prefix: string): { min: number; max: number; style: string }[] {
  const out: { min: number; max: number; style: string }[] = [];
  const cols = new RegExp(`<${prefix}cols\\b[^>]*>([\\s\\S]*?)</${prefix}cols>`).exec(xml);
  if (!cols) return out;
  for (const m of cols[1].matchAll(new RegExp(`<${prefix}col\\b((?:[^>"']|"[^"]*"|'[^']*')*?)/?>`, "g"))) {
    const a = attrsOf(m[1]);
    const style = get(a, "style");
    if (style) out.push({ min: Number(get(a, "min")), max: Number(get(a, "max")), style });
  }
  return out;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** A row's attributes with its `spans` hint (`1:11`) widened to take new columns; other forms of it are left alone. */
function widenedSpans(row: RowLoc, cols: number[]): Attr[] | null {
  const spans = get(row.attrs, "spans");
  const m = spans ? /^(\d+):(\d+)$/.exec(spans) : null;
  if (!m) return null;
  const lo = Math.min(Number(m[1]), ...cols.map((c) => c + 1));
  const hi = Math.max(Number(m[2]), ...cols.map((c) => c + 1));
  if (lo === Number(m[1]) && hi === Number(m[2])) return null;
  return row.attrs.map((a) => (a.name === "spans" ? { name: a.name, value: `${lo}:${hi}` } : a));
}

/**
 * Writes `edits` into one worksheet part. Throws PatchError (Chinese) for a part it cannot patch
 * without changing more than asked: one with comments or CDATA among its cells, or a cell that
 * is the first of a shared or array formula other cells depend on.
 */
export function patchSheetXml(xml: string, edits: CellEdit[], sheetName: string): SheetPatch {
  const open = /<([A-Za-z_][\w.-]*:)?sheetData\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/)?>/.exec(xml);
  if (!open) throw new PatchError(`工作表“${sheetName}”的内容部件中没有单元格数据（sheetData）。`);
  const prefix = open[1] ?? "";
  const selfClosed = !!open[3];
  const dataStart = open.index + open[0].length;
  const closeTag = `</${prefix}sheetData>`;
  const dataEnd = selfClosed ? dataStart : xml.indexOf(closeTag, dataStart);
  if (dataEnd < 0) throw new PatchError(`工作表“${sheetName}”的单元格数据不完整。`);
  const rows = selfClosed ? [] : scanSheetData(xml, dataStart, dataEnd, prefix);
  const columns = columnStyles(xml, prefix);
  const byRow = new Map(rows.map((r) => [r.row, r]));

  const replacements: Replacement[] = [];
  // New cells by row (rows missing from the part are made), kept in column order.
  const inserts = new Map<number, { col: number; text: string }[]>();
  const formulasRemoved: string[] = [];
  const formulasWritten: string[] = [];

  const sorted = [...edits].sort((a, b) => {
    const p = parseA1(a.cell)!;
    const q = parseA1(b.cell)!;
    return p.row - q.row || p.col - q.col;
  });
  const seen = new Set<string>();
  for (const e of sorted) {
    const p = parseA1(e.cell);
    if (!p) throw new PatchError(`“${e.cell}”不是有效的单元格地址。`);
    const ref = `${columnLetters(p.col)}${p.row + 1}`;
    if (seen.has(ref)) throw new PatchError(`单元格 ${ref} 被写了两次。`);
    seen.add(ref);
    const row = byRow.get(p.row) ?? null;
    const old = row?.cells.find((c) => c.col === p.col) ?? null;
    const oldF = old ? formulaElement(old.inner, prefix) : null;

    if (e.kind === "cached") {
      if (!old || !oldF) continue;
      const v = valueParts(e.value, prefix, true);
      const attrs = old.attrs.filter((a) => !["t", "cm", "vm"].includes(a.name));
      if (v.t) attrs.push({ name: "t", value: v.t });
      replacements.push({ start: old.start, end: old.end, text: `<${prefix}c${attrText(attrs)}>${oldF.text}${v.body}</${prefix}c>` });
      continue;
    }

    // Emptying a cell the part does not have: nothing to write.
    if (!old && e.formula === null && (e.value === null || e.value === "")) continue;
    if (ownsOtherCells(oldF)) throw new PatchError(`单元格 ${ref} 是一组共享公式（或数组公式）的首格，其他单元格的公式取自它，网页版不能改写它；请在 Excel 或 WPS 中填写这个单元格。`);
    const base: Attr[] = old ? old.attrs.filter((a) => !["r", "t", "cm", "vm"].includes(a.name)) : [];
    if (!old) {
      const s = inheritedStyle(row, p.col, columns);
      if (s) base.push({ name: "s", value: s });
    }
    const attrs: Attr[] = [{ name: "r", value: ref }, ...base];
    let body: string;
    if (e.formula !== null) {
      const v = valueParts(e.value, prefix, true);
      if (v.t) attrs.push({ name: "t", value: v.t });
      body = `<${prefix}f>${escapeXml(e.formula)}</${prefix}f>${v.body}`;
      formulasWritten.push(ref);
    } else {
      const v = valueParts(e.value, prefix, false);
      if (v.t) attrs.push({ name: "t", value: v.t });
      body = v.body;
      if (oldF) formulasRemoved.push(ref);
    }
    const text = body ? `<${prefix}c${attrText(attrs)}>${body}</${prefix}c>` : `<${prefix}c${attrText(attrs)}/>`;
    if (old) replacements.push({ start: old.start, end: old.end, text });
    else {
      const list = inserts.get(p.row) ?? [];
      list.push({ col: p.col, text });
      inserts.set(p.row, list);
    }
  }

  for (const [r, cells] of inserts) {
    const row = byRow.get(r);
    if (!row) continue;
    const attrs = widenedSpans(row, cells.map((c) => c.col)) ?? row.attrs;
    if (row.selfClosing) {
      // `<row r="5" …/>` becomes `<row r="5" …>cells</row>`.
      replacements.push({ start: row.start, end: row.end, text: `<${prefix}row${attrText(attrs)}>${cells.map((c) => c.text).join("")}</${prefix}row>` });
      continue;
    }
    if (attrs !== row.attrs) replacements.push({ start: row.start, end: row.openEnd, text: `<${prefix}row${attrText(attrs)}>` });
    for (const { col, text } of cells) {
      const next = row.cells.find((c) => c.col > col);
      const at = next ? next.start : row.closeStart;
      replacements.push({ start: at, end: at, text });
    }
  }

  // Rows the part does not have yet, each before the first row below it.
  const newRows = [...inserts.keys()].filter((r) => !byRow.has(r)).sort((a, b) => a - b);
  const rowText = (r: number) => `<${prefix}row r="${r + 1}">${inserts.get(r)!.map((c) => c.text).join("")}</${prefix}row>`;
  if (selfClosed) {
    // `<sheetData/>`: opened to hold the new rows.
    if (newRows.length > 0) replacements.push({ start: open.index, end: dataStart, text: `<${prefix}sheetData${open[2]}>${newRows.map(rowText).join("")}${closeTag}` });
  } else
    for (const r of newRows) {
      const next = rows.find((x) => x.row > r);
      const at = next ? next.start : dataEnd;
      replacements.push({ start: at, end: at, text: rowText(r) });
    }

  let out = xml;
  // From the end, so earlier places stay valid. At one place a replaced tag goes first (then text
  // inserted there lands before it), and inserts keep their order.
  replacements
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i)
    .forEach((r) => (out = out.slice(0, r.start) + r.text + out.slice(r.end)));
  return { xml: widenDimension(out, prefix, edits), formulasRemoved, formulasWritten };
}

/** The `<dimension ref>` grows to take a cell written outside it (it is a hint Excel keeps in step). */
function widenDimension(xml: string, prefix: string, edits: CellEdit[]): string {
  const m = new RegExp(`<${prefix}dimension\\b\\s+ref="([A-Z]+)(\\d+)(?::([A-Z]+)(\\d+))?"\\s*/>`).exec(xml);
  if (!m) return xml;
  let top = Number(m[2]) - 1;
  let left = columnIndex(m[1]);
  let bottom = m[4] ? Number(m[4]) - 1 : top;
  let right = m[3] ? columnIndex(m[3]) : left;
  let changed = false;
  for (const e of edits) {
    if (e.kind !== "content" || (e.formula === null && (e.value === null || e.value === ""))) continue;
    const p = parseA1(e.cell)!;
    if (p.row < top || p.row > bottom || p.col < left || p.col > right) changed = true;
    top = Math.min(top, p.row);
    bottom = Math.max(bottom, p.row);
    left = Math.min(left, p.col);
    right = Math.max(right, p.col);
  }
  if (!changed) return xml;
  const ref = `${columnLetters(left)}${top + 1}:${columnLetters(right)}${bottom + 1}`;
  return xml.slice(0, m.index) + `<${prefix}dimension ref="${ref}"/>` + xml.slice(m.index + m[0].length);
}

