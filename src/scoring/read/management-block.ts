/**
 * The 资金管理情况 block of a scored 转移支付 form (spec §3 R10): eight items of 5 points, each
 * with its 情况说明, 分值, 得分 and 存在问题和改进措施; item names left of the 情况说明 column,
 * the block's label merged down the first column.
 */
import type { Role } from "./columns";
import type { Sheet } from "../grid/grid";
import { titleLeftOf } from "./block-title";
import { cellInSpan, figureAt, textAt } from "./cell-read";
import type { Claims } from "./claims";
import type { ManagementBlock, ManagementItem, Pos } from "./form";
import type { HeaderBand } from "./header-band";
import { pointsOf } from "./points";
import { isNoteLabel, isTotalLabel } from "./row-labels";

export function readManagementBlock(sheet: Sheet, band: HeaderBand, stop: number, claims: Claims): { block: ManagementBlock; next: number } {
  const spans = band.roles;
  const firstCol = Math.min(...[...spans.values()].map((s) => s.first));
  const title = titleLeftOf(sheet, band.top, firstCol);
  claims.addArea(band.top, sheet.left, band.bottom, sheet.right);
  if (title) claims.add({ row: title.row, col: title.col });
  const nameFrom = title?.merge ? title.merge.right + 1 : title ? title.col + 1 : sheet.left;
  const last = Math.min(stop - 1, title?.merge && title.merge.bottom > band.bottom ? title.merge.bottom : sheet.bottom);
  const items: ManagementItem[] = [];
  let next = last + 1;
  let empty = 0;
  for (let r = band.bottom + 1; r <= last; r++) {
    let name: Pos | null = null;
    for (let c = nameFrom; c < firstCol && !name; c++) if (sheet.shownText(r, c)) name = { row: r, col: c };
    const nameText = name ? sheet.shownText(name.row, name.col) : "";
    if (isTotalLabel(nameText) || isNoteLabel(nameText) || (!title?.merge && sheet.text(r, sheet.left) && nameFrom > sheet.left)) {
      next = r;
      break;
    }
    const at = (role: Role) => cellInSpan(sheet, r, spans.get(role), role === "description" || role === "problems");
    const weight = figureAt(sheet, at("weight"));
    const score = figureAt(sheet, at("score"));
    if (!nameText && weight.kind === "blank" && score.kind === "blank") {
      if (++empty >= 2 && !title?.merge) {
        next = r;
        break;
      }
      continue;
    }
    empty = 0;
    for (const p of [name, at("weight"), at("score"), at("description"), at("problems")]) claims.add(p);
    items.push({
      row: r,
      name: { at: name, text: nameText },
      description: spans.has("description") ? textAt(sheet, at("description")) : null,
      weight,
      score,
      problems: spans.has("problems") ? textAt(sheet, at("problems")) : null,
    });
  }
  const weightHeader = spans.get("weight") ? sheet.shownText(band.top, spans.get("weight")!.first) : "";
  return {
    block: {
      anchor: title ? { row: title.row, col: title.col } : { row: band.top, col: firstCol },
      title: title?.text ?? "",
      items,
      statedPoints: pointsOf(title?.text ?? "") ?? pointsOf(weightHeader),
      scored: spans.has("weight") || spans.has("score"),
    },
    next,
  };
}
