/**
 * Edits of a whole grid as a person makes them in Excel: insert rows or columns (merges that
 * span the insertion grow, those below or right move), reorder columns, merge, set a cell.
 * Every edit returns a new grid; the source is left alone.
 */
import { parseRange, rangeToA1, type RangeRef } from "../../src/scoring/grid/address";
import type { CellValue, Grid } from "../../src/scoring/grid/grid";

export function clone(g: Grid): Grid {
  const width = Math.max(0, ...g.values.map((r) => r.length));
  const pad = <T>(rows: T[][] | undefined, fill: T) => g.values.map((_, i) => Array.from({ length: width }, (_, j) => rows?.[i]?.[j] ?? fill));
  return {
    sheet: g.sheet,
    origin: { row: 0, col: 0 },
    values: pad(g.values, null as CellValue),
    numberFormats: pad(g.numberFormats, null as string | null),
    formulas: pad(g.formulas, null as string | null),
    merges: [...g.merges],
  };
}

const ranges = (g: Grid) => g.merges.map((m) => parseRange(m)).filter((m): m is RangeRef => m !== null);

export function insertRows(src: Grid, at: number, n: number): Grid {
  const g = clone(src);
  const width = g.values[0]?.length ?? 0;
  const blank = <T>(fill: T) => Array.from({ length: n }, () => Array.from({ length: width }, () => fill));
  g.values.splice(at, 0, ...blank(null as CellValue));
  g.numberFormats!.splice(at, 0, ...blank(null as string | null));
  g.formulas!.splice(at, 0, ...blank(null as string | null));
  g.merges = ranges(src).map((m) => {
    if (m.top >= at) return rangeToA1({ ...m, top: m.top + n, bottom: m.bottom + n });
    if (m.bottom >= at) return rangeToA1({ ...m, bottom: m.bottom + n });
    return rangeToA1(m);
  });
  return g;
}

export function insertCols(src: Grid, at: number, n: number): Grid {
  const g = clone(src);
  for (const rows of [g.values, g.numberFormats!, g.formulas!] as unknown[][][]) for (const r of rows) r.splice(at, 0, ...Array.from({ length: n }, () => null));
  g.merges = ranges(src).map((m) => {
    if (m.left >= at) return rangeToA1({ ...m, left: m.left + n, right: m.right + n });
    if (m.right >= at) return rangeToA1({ ...m, right: m.right + n });
    return rangeToA1(m);
  });
  return g;
}

/**
 * Columns in a new order: `order[k]` is the old column now at position k. A merge whose columns
 * stay together moves with its value; one the new order splits is unmerged (its value stays at
 * the new place of its old top-left cell), as Excel would leave it after moving cut columns.
 */
export function reorderCols(src: Grid, order: number[]): Grid {
  const g = clone(src);
  const newOf = new Map(order.map((old, k) => [old, k]));
  const map = <T>(rows: T[][]) => rows.map((r) => r.map((_, k) => r[order[k] ?? k]));
  g.values = map(g.values);
  g.numberFormats = map(g.numberFormats!);
  g.formulas = map(g.formulas!);
  const merges: string[] = [];
  for (const m of ranges(src)) {
    const cols = [];
    for (let c = m.left; c <= m.right; c++) cols.push(newOf.get(c) ?? c);
    const lo = Math.min(...cols);
    const hi = Math.max(...cols);
    if (hi - lo !== m.right - m.left) continue;
    const from = newOf.get(m.left) ?? m.left;
    if (from !== lo)
      for (const rows of [g.values, g.numberFormats!, g.formulas!] as unknown[][][]) {
        rows[m.top][lo] = rows[m.top][from];
        rows[m.top][from] = null;
      }
    merges.push(rangeToA1({ ...m, left: lo, right: hi }));
  }
  g.merges = merges;
  return g;
}

export function setCell(g: Grid, row: number, col: number, v: CellValue, format: string | null = null): Grid {
  while (g.values.length <= row) {
    g.values.push(Array.from({ length: g.values[0]?.length ?? 0 }, () => null));
    g.numberFormats!.push(Array.from({ length: g.values[0]?.length ?? 0 }, () => null));
    g.formulas!.push(Array.from({ length: g.values[0]?.length ?? 0 }, () => null));
  }
  g.values[row][col] = v;
  g.numberFormats![row][col] = format;
  return g;
}

export function merge(g: Grid, r: RangeRef): Grid {
  g.merges = [...g.merges, rangeToA1(r)];
  return g;
}

export function mergeAt(g: Grid, row: number, col: number): RangeRef | null {
  return ranges(g).find((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right) ?? null;
}
