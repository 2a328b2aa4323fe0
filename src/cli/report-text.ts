import { FINDING_TITLE, SEVERITY_LABEL, SEVERITY_ORDER } from "../scoring/findings/findings";
import { formSheetLabel } from "../scoring/findings/sheet-report";
import { KIND_LABEL } from "../scoring/read/form-kind";
import { profileLabel } from "../scoring/rules/profiles";
import { fileFindings, noFormIn, type FileResult } from "./file-result";
import { printableName } from "./outputs/printable";

const n = (v: number | null, suffix = ""): string => (v === null ? "—" : `${v}${suffix}`);
const pct = (v: number | null): string => (v === null ? "—" : `${(v * 100).toFixed(2)}%`);

/** The report a person reads: per file and sheet the figures, then findings by severity. */
export function formatText(results: FileResult[]): string {
  const totals = newTotals();
  const out: string[] = [];
  for (const f of results) {
    out.push(...formatFile(f));
    addToTotals(totals, f);
  }
  out.push(formatTotals(totals));
  return out.join("\n");
}

/** One file's part of the text report (a batch writes each file as soon as it is checked). */
export function formatFile(f: FileResult, name: string = f.file): string[] {
  const out: string[] = [];
  out.push(`文件：${printableName(name)}`);
  for (const note of f.notes ?? []) if (f.error) out.push(`  注意：${printableName(note)}`);
  if (f.error) {
    out.push(`  ${f.skipped ? "已跳过" : "无法读取"}：${printableName(f.error)}`, "");
    return out;
  }
  const own = fileFindings(f);
  if (own.length) {
    out.push(`  整个文件的问题（${own.length}）：`);
    for (const x of own) out.push(`    ${SEVERITY_LABEL[x.severity]} [${x.cell ?? "整个文件"}] ${FINDING_TITLE[x.code]}（${x.code}）：${x.message}`);
  }
  for (const note of f.notes ?? []) out.push(`  注意：${printableName(note)}`);
  if (f.sheets.length === 0) out.push(f.format === "docx" ? "  文档中没有表格。" : "  工作簿中没有工作表。");
  else if (noFormIn(f)) out.push(`  ${f.format === "docx" ? "文档" : "工作簿"}中没有识别出自评表，未能校验。`);
  for (const s of f.sheets) {
    // A sheet that stacks several forms: each form under its own heading, with its place.
    out.push(`  ${f.format === "docx" ? "表格" : "工作表"}：${printableName(formSheetLabel(s))}`);
    out.push(`    表格类型：${KIND_LABEL[s.kind] ?? s.kind}${s.kind !== "unknown" ? `（评分方案：${profileLabel(s.profile)}）` : ""}`);
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
  return out;
}

/** What the closing line counts, kept as files go by so a batch need not keep its results. */
export interface Totals {
  files: number;
  sheets: number;
  /** Forms read: more than sheets where a sheet stacks several. */
  forms: number;
  error: number;
  warning: number;
  info: number;
  unreadable: number;
  /** Links not followed (leading out of the folder given). */
  skipped: number;
  /** Files read in which no form was recognised. */
  noForm: number;
}

export const newTotals = (): Totals => ({ files: 0, sheets: 0, forms: 0, error: 0, warning: 0, info: 0, unreadable: 0, skipped: 0, noForm: 0 });

/** Files of which nothing was checked: unreadable, skipped, or holding no form. The run exits 2. */
export const uncheckedFiles = (t: Totals): number => t.unreadable + t.skipped + t.noForm;

export function addToTotals(t: Totals, f: FileResult): void {
  t.files++;
  t.sheets += new Set(f.sheets.map((s) => s.sheet)).size;
  t.forms += f.sheets.length;
  if (f.skipped) t.skipped++;
  else if (f.error) t.unreadable++;
  else if (noFormIn(f)) t.noForm++;
  for (const x of fileFindings(f)) t[x.severity]++;
  for (const s of f.sheets) for (const x of s.findings) t[x.severity]++;
}

export function formatTotals(t: Totals): string {
  return (
    `合计：${t.files} 个文件，${t.sheets} 个工作表${t.forms > t.sheets ? `（${t.forms} 张表）` : ""}；错误 ${t.error}，警告 ${t.warning}，提示 ${t.info}` +
    (t.unreadable ? `；${t.unreadable} 个文件无法读取` : "") +
    (t.skipped ? `；${t.skipped} 个链接没有读取（指向所给文件夹之外，或指向的文件不存在）` : "") +
    (t.noForm ? `；${t.noForm} 个文件中没有识别出自评表` : "") +
    "。"
  );
}
