/** 资金管理 items of a transfer form (spec R10): the stated score stands, within [0, w], deducted in steps of 0.5. */
import type Decimal from "decimal.js";
import { clip, plain } from "../values/display";
import { cmp, D, fmt, toNumber } from "../values/decimal";
import type { Figure, Level1Group, Pos, TextCell } from "../read/form";
import type { IndicatorReport } from "../findings/sheet-report";
import { DEDUCTION_STEP } from "../rules/rules";
import { headerKey } from "../values/text";
import { a1, Checker } from "./checker";
import type { RowResult } from "./indicators";
import { checkScoreBounds, withinBounds } from "./score-bounds";

/** One 资金管理 item, from the block or from a table row under 资金管理指标. */
export interface ManagementLine {
  row: number;
  level1: string;
  level2: string;
  name: TextCell;
  weight: Figure;
  score: Figure;
  /** Where a person writes what was found (存在问题 / 偏差原因), if the form has it. */
  note: Pos | null;
}

export function managementLineOfGroup(group: Level1Group | null): string {
  return group ? headerKey(group.text) : "资金管理指标";
}

export function checkManagement(ck: Checker, line: ManagementLine, scored: boolean): RowResult {
  const waiting = !ck.form.filled;
  const weight = scored && !waiting ? ck.weight(line.weight, "分值") : line.weight.kind === "number" ? line.weight.value : null;
  const stated = scored && !waiting ? ck.value(line.score, "得分") : null;
  const report: IndicatorReport = {
    row: line.row + 1,
    kind: "management",
    level1: headerKey(line.level1),
    level2: headerKey(line.level2),
    name: line.name.text,
    target: null,
    actual: null,
    weight: toNumber(weight),
    statedScore: toNumber(stated),
    score: null,
    status: "stated",
    met: null,
    direction: null,
    completionRate: null,
    tiers: null,
    cells: { name: a1(line.name.at), target: null, actual: null, weight: a1(line.weight.at), score: a1(line.score.at), deviation: a1(line.note), completion: null },
  };
  const unreadWeight = scored && ck.unread(line.weight);
  const unreadScore = scored && ck.unread(line.score);
  if (waiting || !scored) return { report, used: null, weight, stated, impossible: false, unreadWeight, unreadScore };
  if (stated === null) {
    if (line.score.at && (weight === null || cmp(weight, D.ZERO) > 0) && !ck.filled(line.score))
      ck.add("SCORE_MISSING", line.score.at, `资金管理项“${clip(line.name.text) || `第 ${line.row + 1} 行`}”得分为空${weight !== null ? `（分值 ${fmt(weight)}）` : ""}：请按检查发现的问题扣分后填写。`);
    return { report, used: null, weight, stated, impossible: ck.wasAbsurd(line.score) || ck.wasAbsurd(line.weight), unreadWeight, unreadScore };
  }
  checkScoreBounds(ck, line.score.at!, stated, weight, "得分");
  if (weight !== null && withinBounds(stated, weight)) {
    const deduction = weight.minus(stated);
    if (!deduction.mod(DEDUCTION_STEP).isZero())
      ck.add(
        "MANAGEMENT_DEDUCTION_STEP",
        line.score.at,
        `资金管理项每发现一处问题扣 0.5 分，分值 ${fmt(weight)} 与得分 ${plain(stated)} 相差 ${plain(deduction)}，不是 0.5 的整数倍。`,
      );
  }
  const impossible = !withinBounds(stated, weight);
  return { report, used: impossible ? null : (stated as Decimal), weight, stated, impossible, unreadWeight, unreadScore };
}
