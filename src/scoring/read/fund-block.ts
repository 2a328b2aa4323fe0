/**
 * The fund block (预算执行情况 / 项目资金 / 资金情况 / 资金投入情况): amounts by row, the total row
 * carrying the execution weight and score. Two shapes: columns named in a header row with
 * rows below (seeds 000, 002), or `预算数：` labels with their amount to the right (seed 004).
 */
import type { Role } from "./columns";
import type { Sheet } from "../grid/grid";
import { squash } from "../values/text";
import { amountUnit, titleLeftOf } from "./block-title";
import { cellInSpan, figureAt, ownCell, rateAt, valueCell } from "./cell-read";
import type { Claims } from "./claims";
import type { Figure, FundBlock, FundRow, Pos, StatedRateCell } from "./form";
import type { HeaderBand } from "./header-band";
import { pointsOf } from "./points";

const FUND_ROLES: Role[] = ["budgetStart", "budget", "spent", "rate", "weight", "score"];

/** 合计 / 年度资金总额 / 部门整体支出总额: the row that carries the execution item. */
export function isFundTotalLabel(label: string): boolean {
  const t = squash(label);
  return /合计|总额|总计|小计|总金额|资金总|支出总/.test(t) && !/^其中/.test(t);
}

function labelAt(sheet: Sheet, row: number, from: number, to: number): { text: string; at: Pos | null } {
  for (let c = from; c <= to; c++) {
    const t = sheet.shownText(row, c);
    if (t) {
      return { text: t, at: valueCell(sheet, row, c) };
    }
  }
  return { text: "", at: null };
}

const figure = (sheet: Sheet, p: Pos | null, claims: Claims): Figure => {
  claims.add(p);
  return figureAt(sheet, p);
};
const rate = (sheet: Sheet, p: Pos | null, claims: Claims): StatedRateCell => {
  claims.add(p);
  return rateAt(sheet, p);
};

function pickTotal(rows: FundRow[]) {
  const total =
    rows.find((x) => isFundTotalLabel(x.label)) ?? rows.find((x) => x.budget.kind === "number" || x.spent.kind === "number") ?? rows[0];
  if (total) total.isTotal = true;
}

/** A fund block read from its header band; `stop` is the first row of whatever comes next. */
export function readFundColumns(sheet: Sheet, band: HeaderBand, stop: number, claims: Claims): FundBlock {
  const spans = band.roles;
  const firstCol = Math.min(...[...spans.values()].map((s) => s.first));
  const title = titleLeftOf(sheet, band.top, firstCol);
  claims.addArea(band.top, sheet.left, band.bottom, sheet.right);
  if (title) claims.add({ row: title.row, col: title.col });
  const labelFrom = title?.merge ? title.merge.right + 1 : title && title.col < firstCol - 1 ? title.col + 1 : sheet.left;
  const last = Math.min(stop - 1, title?.merge && title.merge.bottom > band.bottom ? title.merge.bottom : band.bottom + 8);
  const rows: FundRow[] = [];
  let blank = 0;
  for (let r = band.bottom + 1; r <= last; r++) {
    // Without a title merge to bound it, the block ends where a new section starts on the left.
    if (!title?.merge && r > band.bottom + 1 && labelFrom > sheet.left && sheet.text(r, sheet.left)) break;
    const label = labelAt(sheet, r, labelFrom, firstCol - 1);
    const cells = Object.fromEntries(FUND_ROLES.map((role) => [role, cellInSpan(sheet, r, spans.get(role))])) as Record<Role, Pos | null>;
    const anyValue = FUND_ROLES.some((role) => {
      const p = cells[role];
      return p !== null && (sheet.rawText(p.row, p.col) !== "" || sheet.hasFormula(p.row, p.col));
    });
    // `（20分*执行率）` under 得分: a note on the header, not a row.
    if (!label.text && anyValue && isHeaderNote(sheet, r, cells)) {
      for (const p of Object.values(cells)) claims.add(p);
      continue;
    }
    if (!label.text && !anyValue) {
      if (++blank >= 2 && !title?.merge) break;
      continue;
    }
    blank = 0;
    claims.add(label.at);
    rows.push({
      row: r,
      label: label.text,
      isTotal: false,
      budgetStart: figure(sheet, cells.budgetStart, claims),
      budget: figure(sheet, cells.budget, claims),
      spent: figure(sheet, cells.spent, claims),
      rate: rate(sheet, cells.rate, claims),
      weight: figure(sheet, cells.weight, claims),
      score: figure(sheet, cells.score, claims),
    });
  }
  pickTotal(rows);
  const headerTexts = [...spans.values()].map((s) => sheet.shownText(band.top, s.first));
  const points = [title?.text ?? "", ...headerTexts].map(pointsOf).find((p) => p !== null) ?? null;
  return {
    anchor: title ? { row: title.row, col: title.col } : { row: band.top, col: firstCol },
    title: title?.text ?? "",
    rows,
    statedPoints: points,
    unit: amountUnit(title?.text ?? "") || headerTexts.map(amountUnit).find(Boolean) || "",
    scored: spans.has("score") || spans.has("weight") || points !== null,
    shape: "columns",
  };
}

/** `预算数：` | 150 | `执行数：` | 48.44, and the 其中 rows under them (seed 004). */
export function readFundLabels(sheet: Sheet, band: HeaderBand, stop: number, claims: Claims): FundBlock {
  const firstCol = Math.min(...[...band.roles.values()].map((s) => s.first));
  const title = titleLeftOf(sheet, band.top, firstCol);
  if (title) claims.add({ row: title.row, col: title.col });
  const last = Math.min(stop - 1, title?.merge ? title.merge.bottom : band.top + 4);
  const rows: FundRow[] = [];
  for (let r = band.top; r <= last; r++) {
    const valueRight = (role: Role): Pos | null => {
      const s = band.roles.get(role);
      if (!s) return null;
      claims.add({ row: r, col: s.first });
      const p = ownCell(sheet, r, sheet.nextColumn(r, s.first));
      return p && p.col <= sheet.right ? p : null;
    };
    const label = r === band.top ? title?.text ?? "" : sheet.text(r, (band.roles.get("budget") ?? band.roles.get("budgetStart"))!.first);
    const row: FundRow = {
      row: r,
      label,
      isTotal: r === band.top,
      budgetStart: figure(sheet, valueRight("budgetStart"), claims),
      budget: figure(sheet, valueRight("budget"), claims),
      spent: figure(sheet, valueRight("spent"), claims),
      rate: rate(sheet, valueRight("rate"), claims),
      weight: figure(sheet, valueRight("weight"), claims),
      score: figure(sheet, valueRight("score"), claims),
    };
    if (r > band.top && !label && row.budget.kind === "blank" && row.spent.kind === "blank") continue;
    rows.push(row);
  }
  return {
    anchor: title ? { row: title.row, col: title.col } : { row: band.top, col: firstCol },
    title: title?.text ?? "",
    rows,
    statedPoints: pointsOf(title?.text ?? ""),
    unit: amountUnit(title?.text ?? ""),
    scored: band.roles.has("score") || band.roles.has("weight") || pointsOf(title?.text ?? "") !== null,
    shape: "labels",
  };
}

function isHeaderNote(sheet: Sheet, row: number, cells: Record<Role, Pos | null>): boolean {
  const texts = Object.values(cells)
    .filter((p): p is Pos => p !== null)
    .map((p) => sheet.rawText(p.row, p.col))
    .filter(Boolean);
  return texts.length > 0 && texts.every((t) => /^[(（]/.test(t));
}
