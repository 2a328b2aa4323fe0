import Decimal from "decimal.js";
import { pct } from "../../scoring/values/decimal";
import type { FormKind } from "../../scoring/read/form";
import type { CellValue } from "../../scoring/grid/grid";

export const KIND_LABEL: Record<FormKind, string> = {
  project: "项目支出绩效自评表",
  department: "部门整体支出绩效自评表",
  transfer: "转移支付绩效自评表",
  completion: "绩效目标完成情况表（不计分）",
  unknown: "未识别（不是绩效自评表）",
};

/** A figure from a report as shown: "—" when the core has none. */
export const figure = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : String(v));

/** A rate from a report (a ratio) as a percentage with 2 decimals, formatted by the core. */
export const percent = (v: number | null | undefined): string => (v === null || v === undefined ? "—" : pct(new Decimal(v)));

/** A cell's content as text for a table; empty shows as “（空）”. */
export const cellText = (v: CellValue | undefined): string => (v === null || v === undefined || v === "" ? "（空）" : String(v));
