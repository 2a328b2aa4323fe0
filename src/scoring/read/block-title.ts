/** A block's title: the merged label left of its header (`项目资金（万元）` over A5:A9), and what it states. */
import type { RangeRef } from "../grid/address";
import type { Sheet } from "../grid/grid";
import { BoundedCache } from "../lookup/memo";
import { squash } from "../values/text";

export interface BlockTitle {
  text: string;
  row: number;
  col: number;
  /** The merged area the title covers, whose rows are the block's. */
  merge: RangeRef | null;
}

/** The first titled cell left of a block's first column on its header row, merged or not. */
export function titleLeftOf(sheet: Sheet, row: number, firstCol: number): BlockTitle | null {
  for (let c = sheet.left; c < firstCol; c++) {
    const m = sheet.mergeAt(row, c);
    if (m && m.bottom > m.top && m.top <= row) {
      const text = sheet.text(m.top, m.left);
      if (text) return { text, row: m.top, col: m.left, merge: m };
    }
  }
  for (let c = sheet.left; c < firstCol; c++) {
    const text = sheet.shownText(row, c);
    if (text) {
      const m = sheet.mergeAt(row, c);
      return { text, row: m ? m.top : row, col: m ? m.left : c, merge: m && m.bottom > m.top ? m : null };
    }
  }
  return null;
}

/** The amounts' unit a title or header states: 万元, 元, or "" where it says neither. */
export function amountUnit(text: string): string {
  return text ? UNITS.get(text, unitOf) : "";
}

// Every fund block's title and headers are asked; forms repeat them.
const UNITS = new BoundedCache<string, string>(1000);

function unitOf(text: string): string {
  const t = squash(text);
  if (/万元/.test(t)) return "万元";
  if (/\(元\)|单位[:：]?元|（元）|^元$/.test(t)) return "元";
  return "";
}
