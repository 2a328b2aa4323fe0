import type { RangeRef } from "./address";

/** A value for each cell of a range, row by row: the 2-D array Office.js and WPS's ET take and give for a range. */
export function rangeMatrix<T>(r: RangeRef, at: (row: number, col: number) => T): T[][] {
  const out: T[][] = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: T[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(at(row, col));
    out.push(line);
  }
  return out;
}
