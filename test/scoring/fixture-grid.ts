import * as path from "path";
import { parseA1 } from "../../src/scoring/grid/address";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import type { CellValue, Grid } from "../../src/scoring/grid/grid";

/** A sheet of a fixture workbook, read with the real .xlsx adapter. */
export async function fixtureGrid(file: string, sheet: string): Promise<Grid> {
  const grids = await readWorkbookFile(path.join(__dirname, "..", "fixtures", file));
  const g = grids.find((x) => x.sheet === sheet);
  if (!g) throw new Error(`no sheet ${sheet} in ${file}`);
  return g;
}

/** A copy of a grid with some cells changed, as a person would edit the form. */
export function edit(grid: Grid, changes: Record<string, CellValue>, formats: Record<string, string> = {}): Grid {
  const values = grid.values.map((r) => [...r]);
  const numberFormats = (grid.numberFormats ?? []).map((r) => [...r]);
  const put = <T>(rows: T[][], a1: string, v: T, fill: T) => {
    const p = parseA1(a1)!;
    while (rows.length <= p.row) rows.push([]);
    while (rows[p.row].length <= p.col) rows[p.row].push(fill);
    rows[p.row][p.col] = v;
  };
  for (const [a1, v] of Object.entries(changes)) put(values, a1, v, null);
  for (const [a1, f] of Object.entries(formats)) put(numberFormats, a1, f as string | null, null);
  return { ...grid, values, numberFormats };
}
