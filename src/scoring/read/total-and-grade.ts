/**
 * The stated 总分 and 等级. The total is the figure beside 总分 / 合计 (in the 得分 column where the
 * table has one); the grade is a grade word, beside 等级 or in the total's row, never a total.
 */
import { readAmount } from "../values/amount";
import type { Sheet } from "../grid/grid";
import { squash } from "../values/text";
import { figureAt, ownCell } from "./cell-read";
import type { Claims } from "./claims";
import type { Figure, GradeCell, IndicatorTable, Pos, TotalCells } from "./form";
import { isTotalLabel } from "./row-labels";

/** Every grade word of every profile, and the words that mean them (良好 is 良). */
const GRADE_WORDS = new Set(["优", "良", "中", "差", "优秀", "良好", "中等", "较差", "好", "较好", "一般", "合格", "不合格", "及格", "不及格"]);

export function isGradeWord(text: string): boolean {
  return GRADE_WORDS.has(squash(text).replace(/[。.]$/, ""));
}

function isFigure(sheet: Sheet, p: Pos): boolean {
  const v = sheet.value(p.row, p.col);
  return typeof v === "number" || (typeof v === "string" && readAmount(v).kind === "number");
}

/** The row of the stated total at or below `from`, with its score and weight cells. */
export function readTotal(sheet: Sheet, from: number, table: IndicatorTable | null, claims: Claims): TotalCells | null {
  for (let r = from; r <= sheet.bottom; r++) {
    for (let c = sheet.left; c <= sheet.right; c++) {
      const p = ownCell(sheet, r, c);
      if (!p || p.col !== c || !isTotalLabel(sheet.text(r, c))) continue;
      claims.add(p);
      const scoreCol = table?.columns.score;
      const weightCol = table?.columns.weight;
      const scoreAt = scoreCol !== undefined ? ownCell(sheet, r, scoreCol) : null;
      const weightAt = weightCol !== undefined ? ownCell(sheet, r, weightCol) : null;
      let score: Pos | null = scoreAt && isFigure(sheet, scoreAt) ? scoreAt : null;
      if (!score) {
        // The 得分 column holds a grade word or nothing: the total is the figure nearest it in the row.
        const anchor = scoreCol ?? sheet.right;
        let best: Pos | null = null;
        for (let cc = sheet.nextColumn(r, c); cc <= sheet.right; cc = sheet.nextColumn(r, cc)) {
          const q = ownCell(sheet, r, cc);
          if (!q || (weightAt && q.col === weightAt.col) || !isFigure(sheet, q)) continue;
          if (!best || Math.abs(q.col - anchor) < Math.abs(best.col - anchor)) best = q;
        }
        score = best ?? scoreAt;
      }
      claims.add(score);
      claims.add(weightAt);
      const weight: Figure = weightAt && (!score || weightAt.col !== score.col) ? figureAt(sheet, weightAt) : { kind: "blank", at: null };
      return { label: p, score: figureAt(sheet, score), weight };
    }
  }
  return null;
}

/** The stated grade: `等级：优`, a 等级 label with its value beside it, or a grade word in the total's row. */
export function readGradeCell(sheet: Sheet, from: number, totalRow: number | null, claims: Claims): GradeCell | null {
  for (let r = from; r <= sheet.bottom; r++) {
    for (let c = sheet.left; c <= sheet.right; c++) {
      const raw = sheet.text(r, c);
      if (!raw.includes("等级")) continue;
      const t = squash(raw).replace(/：/g, ":");
      const m = /^(?:自评|评价|绩效|综合)?等级[:]?(.*)$/.exec(t);
      if (!m || m[1].length > 4) continue;
      claims.add({ row: r, col: c });
      if (m[1] || /:$/.test(t)) return { at: { row: r, col: c }, inline: true, text: raw };
      const right = sheet.nextColumn(r, c);
      if (right <= sheet.right) {
        claims.add({ row: r, col: right });
        return { at: { row: r, col: right }, inline: false, text: sheet.rawText(r, right) };
      }
      return { at: { row: r, col: c }, inline: true, text: raw };
    }
  }
  if (totalRow === null) return null;
  for (let c = sheet.left; c <= sheet.right; c++) {
    const t = sheet.text(totalRow, c);
    if (t && isGradeWord(t)) {
      claims.add({ row: totalRow, col: c });
      return { at: { row: totalRow, col: c }, inline: false, text: t };
    }
  }
  return null;
}
