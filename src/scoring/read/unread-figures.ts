/** Figures inside the form that no block took: said plainly, never guessed at. */
import { readAmount } from "../values/amount";
import type { Sheet } from "../grid/grid";
import type { Claims } from "./claims";
import type { UnreadFigure } from "./form";

export function unreadFigures(sheet: Sheet, top: number, bottom: number, claims: Claims): UnreadFigure[] {
  const out: UnreadFigure[] = [];
  for (let r = top; r <= bottom; r++)
    for (let c = sheet.left; c <= sheet.right; c++) {
      const v = sheet.value(r, c);
      if (v === null || typeof v === "boolean") continue;
      // Most figures are claimed: that is the cheap question, asked first.
      const at = sheet.at(r, c);
      if (claims.has(at)) continue;
      const figure = typeof v === "number" || (v.length <= 16 && readAmount(v).kind === "number");
      if (!figure) continue;
      out.push({ at, text: typeof v === "number" ? sheet.text(r, c) : v.trim() });
    }
  return out;
}
