import type { CellValue } from "../../scoring/grid/grid";

/**
 * Waiting for Excel to calculate. While a custom function has not returned, its cell shows
 * #BUSY! (custom-functions-troubleshooting.md; custom-functions-get-started.md): that is
 * "not yet", never a failure and never the person's mistake. The add-in reads such cells again
 * after a pause, a bounded number of times, and then says what is still being calculated.
 */
export interface CalcWait {
  /** How many times to read again. */
  tries: number;
  /** The first pause; each next one is twice as long, up to 1 s. */
  delayMs: number;
}

/** About 6 s in all: the JXZP functions are synchronous, so Excel normally answers at the first look. */
export const DEFAULT_CALC_WAIT: CalcWait = { tries: 8, delayMs: 100 };

export const BUSY = "#BUSY!";

export function pause(wait: CalcWait, attempt: number): Promise<void> {
  const ms = Math.min(1000, wait.delayMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The values of some cells of a sheet once Excel has calculated them: one sync per look, at most
 * `wait.tries + 1` looks. Cells still #BUSY! at the end keep that value; the caller decides.
 */
export async function calculatedValues(context: Excel.RequestContext, sheet: string, cells: string[], wait: CalcWait): Promise<Map<string, CellValue>> {
  const out = new Map<string, CellValue>();
  let pending = [...cells];
  for (let attempt = 0; pending.length > 0; attempt++) {
    const ws = context.workbook.worksheets.getItem(sheet);
    const ranges = pending.map((c) => {
      const r = ws.getRange(c);
      r.load("values");
      return r;
    });
    await context.sync();
    pending.forEach((c, i) => out.set(c, ranges[i].values[0][0] as CellValue));
    pending = pending.filter((c) => out.get(c) === BUSY);
    if (pending.length === 0 || attempt >= wait.tries) break;
    await pause(wait, attempt);
  }
  return out;
}
