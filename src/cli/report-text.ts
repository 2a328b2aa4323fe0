import { FINDING_TITLE, SEVERITY_LABEL, SEVERITY_ORDER } from "../scoring/findings";
import type { SheetReport } from "../scoring/report";

const KIND_LABEL: Record<string, string> = {
  project: "项目支出绩效自评表",
  department: "部门整体支出绩效自评表",
  transfer: "转移支付绩效自评表",
  completion: "绩效目标完成情况表（不计分）",
  unknown: "未识别（不是自评表）",
};

export interface FileResult {
  file: string;
  /** What the file was read as, by its content (absent when it could not be read as any). */
  format?: "xlsx" | "xls" | "docx";
  /** Why it could not be read, in Chinese; the run then exits 2. */
  error?: string;
  /** One per worksheet, or per top-level table of a Word report (REPORT_* findings included). */
  sheets: SheetReport[];
  /** What reading left out (cells beyond the limits), in Chinese. */
  notes?: string[];
}

const n = (v: number | null, suffix = ""): string => (v === null ? "—" : `${v}${suffix}`);
const pct = (v: number | null): string => (v === null ? "—" : `${(v * 100).toFixed(2)}%`);

/** The report a person reads: per file and sheet the figures, then findings by severity. */
export function formatText(results: FileResult[]): string {
  const out: string[] = [];
  for (const f of results) {
    out.push(`文件：${f.file}`);
    if (f.error) {
      out.push(`  无法读取：${f.error}`, "");
      continue;
    }
    for (const note of f.notes ?? []) out.push(`  注意：${note}`);
    if (f.sheets.length === 0) out.push(f.format === "docx" ? "  文档中没有表格。" : "  工作簿中没有工作表。");
    for (const s of f.sheets) {
      out.push(`  ${f.format === "docx" ? "表格" : "工作表"}：${s.sheet}`);
      out.push(`    表格类型：${KIND_LABEL[s.kind] ?? s.kind}${s.kind !== "unknown" ? `（评分方案 ${s.profile}）` : ""}`);
      if (s.kind !== "unknown" && s.kindReason) out.push(`    识别依据：${s.kindReason}`);
      if (s.execution) {
        const e = s.execution;
        out.push(
          `    执行率：${pct(e.rate)}（执行数 ${n(e.spent)} ÷ 预算数 ${n(e.budget)}${e.unit ? " " + e.unit : ""}）` +
            (e.weight !== null ? `，执行率得分 ${n(e.score)} / ${e.weight}（表中 ${n(e.statedScore)}）` : ""),
        );
      }
      if (s.kind !== "unknown" && s.kind !== "completion") {
        out.push(`    总分：表中填写 ${n(s.total.stated)}，按规则计算 ${n(s.total.computed)}${s.total.note ? `（${s.total.note}）` : ""}`);
        out.push(`    等级：表中填写 ${s.grade.stated ?? "—"}，按规则计算 ${s.grade.computed ?? "—"}`);
      }
      if (s.findings.length === 0) out.push("    未发现问题。");
      for (const sev of SEVERITY_ORDER) {
        const list = s.findings.filter((x) => x.severity === sev);
        if (list.length === 0) continue;
        out.push(`    ${SEVERITY_LABEL[sev]}（${list.length}）：`);
        // The Chinese title first; the code after it, for looking it up.
        for (const x of list) out.push(`      [${x.cell ?? "整表"}] ${FINDING_TITLE[x.code]}（${x.code}）：${x.message}`);
      }
      out.push("");
    }
  }
  const all = results.flatMap((r) => r.sheets.flatMap((s) => s.findings));
  const count = (sev: string) => all.filter((x) => x.severity === sev).length;
  const unreadable = results.filter((r) => r.error).length;
  out.push(
    `合计：${results.length} 个文件，${results.reduce((s, r) => s + r.sheets.length, 0)} 个工作表；错误 ${count("error")}，警告 ${count("warning")}，提示 ${count("info")}` +
      (unreadable ? `；${unreadable} 个文件无法读取` : "") +
      "。",
  );
  return out.join("\n");
}
