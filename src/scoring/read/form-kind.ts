/**
 * Which kind of form a sheet is (spec §1), from what it says: its title, the names its header
 * asks for, its fund rows and blocks. Each piece of evidence has a weight and a reason; the
 * reasons of the kind chosen are kept for the report.
 */
import { squash } from "../values/text";
import type { FormKind, FundBlock, ManagementBlock } from "./form";

/** Each kind's name as every report says it (the pane, the CLI's text, the summary workbook and page). */
export const KIND_LABEL: Record<FormKind, string> = {
  project: "项目支出绩效自评表",
  department: "部门整体支出绩效自评表",
  transfer: "转移支付绩效自评表",
  completion: "绩效目标完成情况表（不计分）",
  unknown: "未识别（不是绩效自评表）",
};

interface Evidence {
  kind: Exclude<FormKind, "completion" | "unknown">;
  weight: number;
  reason: string;
}

export interface KindInput {
  title: string;
  labels: Set<string>;
  fund: FundBlock | null;
  management: ManagementBlock | null;
  /** A 资金管理 label anywhere on the sheet (the central form's block has no 分值 / 得分). */
  managementLabel: boolean;
  /** Rows of the indicator table under a 资金管理 level 1. */
  managementRows: boolean;
  scored: boolean;
}

function evidenceOf(x: KindInput): Evidence[] {
  const out: Evidence[] = [];
  const t = squash(x.title);
  if (t.includes("部门整体")) out.push({ kind: "department", weight: 3, reason: "标题含“部门整体”" });
  if (/项目支出|项目自评|项目绩效/.test(t)) out.push({ kind: "project", weight: 3, reason: "标题含“项目”" });
  if (t.includes("转移支付")) out.push({ kind: "transfer", weight: 3, reason: "标题含“转移支付”" });
  const has = (re: RegExp) => [...x.labels].some((l) => re.test(l));
  if (has(/^(项目名称|项目支出名称)$/)) out.push({ kind: "project", weight: 2, reason: "表头有“项目名称”" });
  if (has(/^(转移支付名称|转移支付项目名称)$/)) out.push({ kind: "transfer", weight: 2, reason: "表头有“转移支付名称”" });
  if (has(/^专项资金名称$/)) out.push({ kind: "transfer", weight: 1, reason: "表头有“专项资金名称”" });
  if (has(/^(部门名称|单位名称|部门单位名称|预算部门)$/) && !has(/^(项目名称|项目支出名称|转移支付名称|转移支付项目名称|专项资金名称|专项名称)$/))
    out.push({ kind: "department", weight: 1, reason: "表头只有单位名称、没有项目名称" });
  const labels = (x.fund?.rows ?? []).map((r) => squash(r.label));
  if (labels.some((l) => /基本支出/.test(l)) && labels.some((l) => /项目支出/.test(l)))
    out.push({ kind: "department", weight: 2, reason: "资金栏分基本支出、项目支出" });
  if (labels.some((l) => /部门整体支出/.test(l))) out.push({ kind: "department", weight: 2, reason: "资金栏有“部门整体支出”" });
  if (labels.some((l) => /中央/.test(l)) && labels.some((l) => /地方/.test(l))) out.push({ kind: "transfer", weight: 1, reason: "资金栏分中央、地方资金" });
  // 资金管理 is scored only on transfer forms (spec §3): stronger than a title.
  if (x.managementRows) out.push({ kind: "transfer", weight: 6, reason: "指标表中有资金管理指标" });
  if (x.management) out.push({ kind: "transfer", weight: 3, reason: "有资金管理情况栏" });
  else if (x.managementLabel) out.push({ kind: "transfer", weight: 2, reason: "有资金管理情况栏" });
  return out;
}

/** The kind and why; `completion` where nothing is scored and nothing says transfer. */
export function formKind(x: KindInput): { kind: FormKind; reason: string } {
  const ev = evidenceOf(x);
  const score = (k: Evidence["kind"]) => ev.filter((e) => e.kind === k).reduce((s, e) => s + e.weight, 0);
  const order: Evidence["kind"][] = ["project", "department", "transfer"];
  let kind: Evidence["kind"] = "project";
  for (const k of order) if (score(k) > score(kind)) kind = k;
  const reasons = ev.filter((e) => e.kind === kind).map((e) => e.reason);
  if (!x.scored && kind !== "transfer")
    return { kind: "completion", reason: ["没有分值和得分栏", ...reasons].join("；") };
  if (!x.scored) return { kind, reason: [...reasons, "没有分值和得分栏（不计分）"].join("；") };
  return { kind, reason: reasons.length ? reasons.join("；") : "有分值、得分栏，未标明部门整体或转移支付，按项目支出表处理" };
}
