import { rangeToA1, toA1 } from "../grid/address";
import type { CellContent, StyledArea } from "./sheet-build";

/** Accumulates one sheet's contents, merges, style areas and heights. Rows and columns are 0-based here. */
export class SheetWriter {
  readonly cells: Record<string, CellContent> = {};
  readonly merges: string[] = [];
  readonly areas: StyledArea[] = [];
  /** By 1-based row, as SheetBuild has them. */
  readonly heights: Record<number, number> = {};
  /** The next row to write. */
  row = 0;

  /** Puts content (or none) at a cell, merged over to `toRow`/`toCol`, styled; returns the cell's A1. */
  put(row: number, col: number, content: CellContent | null, style?: string, toCol = col, toRow = row): string {
    const at = toA1(row, col);
    if (content !== null) this.cells[at] = content;
    if (toCol > col || toRow > row) this.merges.push(rangeToA1({ top: row, left: col, bottom: toRow, right: toCol }));
    if (style) this.style(row, col, toRow, toCol, style);
    return at;
  }

  /** Text (none when empty), styled, merged. */
  text(row: number, col: number, value: string, style = "body", toCol = col, toRow = row): string {
    return this.put(row, col, value === "" ? null : { value }, style, toCol, toRow);
  }

  style(top: number, left: number, bottom: number, right: number, style: string) {
    this.areas.push({ range: rangeToA1({ top, left, bottom, right }), style });
  }

  height(row: number, points: number) {
    this.heights[row + 1] = points;
  }
}

/** Cells as a formula's argument list, runs down one column joined: `H5,H12:H29`. */
export function refList(cells: { row: number; col: number }[]): string {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].col === sorted[i].col && sorted[j + 1].row === sorted[j].row + 1) j++;
    const first = toA1(sorted[i].row, sorted[i].col);
    parts.push(j === i ? first : `${first}:${toA1(sorted[j].row, sorted[j].col)}`);
    i = j + 1;
  }
  return parts.join(",");
}
