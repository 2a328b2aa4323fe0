/** Weights (spec §4 WEIGHT_SUM, LEVEL1_WEIGHT): they add up to 100, and to each level 1's stated points. */
import { ownEntry } from "../lookup/own-key";
import Decimal from "decimal.js";
import { clip, plain } from "../values/display";
import { D } from "../values/decimal";
import type { Level1Group } from "../read/form";
import { headerKey } from "../values/text";
import { a1, Checker } from "./checker";
import { groupKey, type GroupSum } from "./group-sums";
import { cellList, explainingFigures } from "./partly-read";

/**
 * An error where the engine read the whole table; where unread figures would explain the
 * difference, FORM_PARTLY_READ instead.
 */
function accuse(ck: Checker, gap: Decimal, cell: string | null, error: () => void, what: string, cut = ck.form.table?.open === true) {
  if (cut) {
    const last = ck.form.table!.lastRow + 1;
    ck.add(
      "FORM_PARTLY_READ",
      cell,
      `${what}相差 ${plain(gap.abs())}；但表格到第 ${last} 行（工作表最后一行）为止，后面没有总分行，表格可能不完整。请确认表格完整后再校验。`,
    );
    return;
  }
  const explain = explainingFigures(ck.form.unread, gap);
  if (explain.length === 0) return error();
  ck.add(
    "FORM_PARTLY_READ",
    cell,
    `${what}相差 ${plain(gap.abs())}，而表中 ${cellList(explain)} 的数字（合计正好是 ${plain(gap.abs())}）未能识别属于哪一项：可能有指标行没有读到。请核对这些单元格所在行的格式（列标题、合并单元格）后再校验。`,
  );
}

export function checkWeights(ck: Checker, sums: GroupSum[], groups: Level1Group[], execWeight: Decimal | null): Decimal | null {
  const { form } = ck;
  const totalCell = form.total?.weight.kind !== "blank" ? form.total?.weight.at : null;
  const cellName = a1(totalCell);
  const weighted = sums.filter((g) => g.weight !== null);
  if (weighted.length === 0) {
    // No weight per row, but the form states its full marks (`总分 | 120`).
    const stated = form.total?.weight.kind === "number" ? form.total.weight.value : null;
    if (stated !== null && !stated.eq(D.HUNDRED))
      ck.add("WEIGHT_SUM", form.total!.weight.at, `表中总分值为 ${plain(stated)}，满分应为 100。`);
    return null;
  }
  let sum = execWeight ?? new Decimal(0);
  for (const g of weighted) sum = sum.plus(g.weight!);
  // A weight that could not be read is reported where it is; the sum would accuse the form of it twice.
  const unknown = sums.some((g) => g.unreadWeight);
  if (!sum.eq(D.HUNDRED) && !unknown)
    accuse(
      ck,
      D.HUNDRED.minus(sum),
      cellName,
      () => ck.add("WEIGHT_SUM", totalCell ?? null, `各项分值合计为 ${plain(sum)}${execWeight ? `（含执行率 ${plain(execWeight)} 分）` : ""}，应为 100。`),
      `各项分值合计为 ${plain(sum)}，与 100 `,
    );
  const byKey = new Map(sums.map((g) => [g.key, g]));
  const seen = new Set<string>();
  const lastRow = form.table?.rows.at(-1);
  const lastKey = lastRow ? groupKey(lastRow.level1) : null;
  for (const g of groups) {
    const key = groupKey(g);
    if (seen.has(key) || !g.at) continue;
    seen.add(key);
    const sumOf = byKey.get(key);
    const got = sumOf?.weight ?? new Decimal(0);
    const name = clip(headerKey(g.text) || g.family);
    if (g.points !== null) {
      if (!got.eq(g.points) && !sumOf?.unreadWeight)
        accuse(
          ck,
          g.points.minus(got),
          null,
          () => ck.add("LEVEL1_WEIGHT", g.at, `“${name}”标明 ${plain(g.points!)} 分，其下各项分值合计为 ${plain(got)}。`),
          `“${name}”标明 ${plain(g.points!)} 分，其下各项分值合计为 ${plain(got)}，`,
          form.table?.open === true && key === lastKey,
        );
    } else {
      // A label is the form's text (`constructor`, `__proto__`): only the profile's own keys count.
      const expected = ownEntry(ck.profile.level1, g.family);
      if (expected !== undefined && !got.eq(expected))
        ck.add(
          "LEVEL1_PROFILE_SPLIT",
          g.at,
          `“${name}”各项分值合计为 ${plain(got)}，评分方案“${ck.profile.label}”一般为 ${expected} 分（如属特殊情况调整权重，可忽略）。`,
        );
    }
  }
  return unknown ? null : sum;
}
