import { SEVERITY_ORDER, type Severity } from "../../scoring/findings/findings";
import type { EtApplication, EtWorksheet } from "./wps-app";
import { isMarkFormula, MARK_COLOR, markFormula } from "./mark-style";
import { sheetList } from "./wps-read";
import type { CellMark } from "./WorkbookHost";

/**
 * The add-in's marks in WPS: conditional formats of its own (FormatConditions.Add with
 * xlExpression = 2, VBA "FormatConditions.Add"; et-jsapi-declare XlFormatConditionType), so the
 * person's own fill colours, borders and fonts are never touched and clearing takes away exactly
 * what the add-in added, recognised by the tag in its formula (mark-style.ts), as in Excel.
 */

/** VBA "FormatConditions.Add": Type xlExpression. */
const XL_EXPRESSION = 2;
/** A multi-area address is limited to 255 characters in VBA's Range(); keep well inside it. */
const MAX_ADDRESS = 240;

/** `#FDE7E9` as the BGR number Interior.Color takes (VBA "Interior.Color": RGB(r, g, b) = r + g·256 + b·65536). */
export function bgr(hex: string): number {
  const n = parseInt(hex.replace("#", ""), 16);
  const r = (n >> 16) & 0xff;
  const g = (n >> 8) & 0xff;
  const b = n & 0xff;
  return r + g * 256 + b * 65536;
}

/** Cells in groups whose joined address stays within MAX_ADDRESS. */
function chunks(cells: string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let len = 0;
  for (const c of cells) {
    if (cur.length > 0 && len + c.length + 1 > MAX_ADDRESS) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(c);
    len += c.length + 1;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Deletes the add-in's conditional formats on one sheet; returns how many. Items are 1-based, deleted from the end. */
function clearSheet(ws: EtWorksheet): number {
  const fcs = ws.Cells.FormatConditions;
  let n = 0;
  for (let i = fcs.Count; i >= 1; i--) {
    const fc = fcs.Item(i) as { Formula1?: unknown; Delete(): void };
    if (isMarkFormula(typeof fc.Formula1 === "string" ? fc.Formula1 : null)) {
      fc.Delete();
      n++;
    }
  }
  return n;
}

function hasMarks(ws: EtWorksheet): boolean {
  const fcs = ws.Cells.FormatConditions;
  for (let i = 1, n = fcs.Count; i <= n; i++) {
    const fc = fcs.Item(i) as { Formula1?: unknown };
    if (isMarkFormula(typeof fc.Formula1 === "string" ? fc.Formula1 : null)) return true;
  }
  return false;
}

export function clearWpsMarks(app: EtApplication, sheetNames: string[] | undefined, ours: (name: string) => boolean): number {
  return sheetList(app)
    .filter((s) => !ours(s.name) && (!sheetNames || sheetNames.includes(s.name)))
    .reduce((n, s) => n + clearSheet(s.ws), 0);
}

export function markedWpsSheets(app: EtApplication, ours: (name: string) => boolean): string[] {
  return sheetList(app)
    .filter((s) => !ours(s.name) && hasMarks(s.ws))
    .map((s) => s.name);
}

/** Replaces the add-in's marks on a sheet: one conditional format per severity and group of cells. */
export function addWpsMarks(ws: EtWorksheet, marks: CellMark[]): number {
  clearSheet(ws);
  let count = 0;
  for (const severity of SEVERITY_ORDER as Severity[]) {
    const cells = [...new Set(marks.filter((m) => m.severity === severity).map((m) => m.cell))];
    for (const part of chunks(cells)) {
      const fc = ws.Range(part.join(",")).FormatConditions.Add(XL_EXPRESSION, undefined, markFormula(severity)) as { Interior: { Color: number } };
      fc.Interior.Color = bgr(MARK_COLOR[severity]);
      count += part.length;
    }
  }
  return count;
}
