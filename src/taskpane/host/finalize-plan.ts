import { callsJxzp } from "../../scoring/formula/calls";
import { toA1 } from "../../scoring/grid/address";
import { formulaCalls, type CellValue, type Grid } from "../../scoring/grid/grid";
import { isErrorValue } from "../../scoring/read/cell-read";

/** A JXZP cell as 定稿 sees it: the value to keep, or why it stays a formula. */
export interface FinalizeCell {
  sheet: string;
  cell: string;
  value: CellValue;
}

/** Why a JXZP cell cannot become a value yet, in Chinese, by what it shows. */
function whyKept(shown: string): string {
  const v = shown.trim().toUpperCase();
  if (v === "#BUSY!" || v === "#GETTING_DATA") return `还在计算（显示 ${shown}），请稍候再定稿`;
  if (v === "#NAME?") return "显示 #NAME?：此 Excel 没有计算绩效自评助手的函数，请改为填写数值后再定稿";
  if (v === "#N/A") return "显示 #N/A：定性指标需人工判定，请填写得分后再定稿";
  return `显示错误值 ${shown}，请先改正后再定稿`;
}

/**
 * Which cells 定稿 turns into values: every cell whose formula calls a JXZP function and shows a
 * value (a number, a text, a blank); one that shows an error value stays, with the reason. Pure,
 * so every host (Excel, WPS, the web page) decides the same way from the grids it reads.
 */
export function finalizePlan(grids: Grid[]): { convert: FinalizeCell[]; keep: { sheet: string; cell: string; why: string }[] } {
  const convert: FinalizeCell[] = [];
  const keep: { sheet: string; cell: string; why: string }[] = [];
  for (const g of grids)
    (g.formulas ?? []).forEach((row, i) =>
      row.forEach((f, j) => {
        if (!callsJxzp(formulaCalls(f))) return;
        const cell = toA1(g.origin.row + i, g.origin.col + j);
        const v = g.values[i]?.[j] ?? null;
        if (typeof v === "string" && isErrorValue(v)) keep.push({ sheet: g.sheet, cell, why: whyKept(v) });
        else convert.push({ sheet: g.sheet, cell, value: v === "" ? null : v });
      }),
    );
  return { convert, keep };
}

/** How many JXZP formulas a read holds: the pane suggests 定稿 when there are any. */
export function jxzpFormulaCount(grids: Grid[]): number {
  return grids.reduce((n, g) => n + (g.formulas ?? []).reduce((m, row) => m + row.filter((f) => callsJxzp(formulaCalls(f))).length, 0), 0);
}
