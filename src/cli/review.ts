import Decimal from "decimal.js";
import { FINDING_TITLE, SEVERITY_ORDER, type Finding, type FindingCode, type Severity } from "../scoring/findings/findings";
import { formSheetLabel, type SheetReport } from "../scoring/findings/sheet-report";
import { KIND_LABEL } from "../scoring/read/form-kind";
import { adviceFor, SKIPPED_LINK_ADVICE, UNREADABLE_ADVICE } from "./advice";
import { fileFindings, fileFormat } from "./file-result";
import { formNames } from "./form-names";
import type { FileResult } from "./file-result";

/** 复核结论: nothing wrong that must be corrected, something that must, or nothing could be checked. */
export type Verdict = "通过" | "需修改" | "无法识别";

/** One line of the 问题清单: a finding as it goes back to the unit. */
export interface Problem {
  severity: Severity;
  /** The finding's code; empty for a file that could not be read at all. */
  code: string;
  title: string;
  cell: string | null;
  message: string;
  advice: string;
}

/**
 * A form as the reviewer's outputs show it: its figures and counts, and its problems, without
 * the indicators and cells of the full report (a batch keeps one of these per form, not reports).
 */
export interface FormRow {
  /** Position in the batch: files in the order given, forms in sheet order. */
  seq: number;
  /** The file as a person reads it: relative to the folder the batch was given (see display-names.ts). */
  file: string;
  /** The file as it was given, for JSON (programs open files by it). */
  path: string;
  format: string;
  /**
   * The sheet, and which of its forms where it stacks several (`汇总 第2张表（共3张，第41–80行）`);
   * null for an unreadable file and for the row of a file's own findings.
   */
  sheet: string | null;
  unit: string | null;
  project: string | null;
  kindLabel: string;
  /** Amounts in 万元 (a form kept in 元 is converted). */
  budget: number | null;
  spent: number | null;
  rate: number | null;
  statedTotal: number | null;
  computedTotal: number | null;
  statedGrade: string | null;
  computedGrade: string | null;
  errors: number;
  warnings: number;
  infos: number;
  verdict: Verdict;
  problems: Problem[];
}

const TEN_THOUSAND = new Decimal(10000);

/** An amount in 万元: forms state their unit in the fund block's title, 元 or 万元. */
function inWan(v: number | null, unit: string): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  return /^元/.test(unit.trim()) ? new Decimal(v).div(TEN_THOUSAND).toNumber() : v;
}

function problemOf(f: Finding): Problem {
  return {
    severity: f.severity,
    code: f.code,
    title: FINDING_TITLE[f.code as FindingCode] ?? f.code,
    cell: f.cell,
    message: f.message,
    advice: adviceFor(f.code),
  };
}

function counted(problems: Problem[]): Pick<FormRow, "errors" | "warnings" | "infos"> {
  const n = (s: Severity) => problems.filter((p) => p.severity === s).length;
  return { errors: n("error"), warnings: n("warning"), infos: n("info") };
}

/** Problems in the order a unit works through them: errors, warnings, then infos, each as the sheet lists them. */
function bySeverity(findings: Finding[]): Problem[] {
  return SEVERITY_ORDER.flatMap((s) => findings.filter((f) => f.severity === s).map(problemOf));
}

const EMPTY_FIGURES = {
  unit: null,
  project: null,
  budget: null,
  spent: null,
  rate: null,
  statedTotal: null,
  computedTotal: null,
  statedGrade: null,
  computedGrade: null,
};

function formRow(seq: number, file: string, given: string, format: string, s: SheetReport): FormRow {
  const problems = bySeverity(s.findings);
  const counts = counted(problems);
  const e = s.execution;
  return {
    seq,
    file,
    path: given,
    format,
    // A sheet that stacks several forms gives a row for each, named with its place.
    sheet: formSheetLabel(s),
    ...formNames(s),
    kindLabel: KIND_LABEL[s.kind] ?? s.kind,
    budget: e ? inWan(e.budget, e.unit) : null,
    spent: e ? inWan(e.spent, e.unit) : null,
    rate: e?.rate ?? null,
    statedTotal: s.total.stated,
    computedTotal: s.total.computed,
    statedGrade: s.grade.stated,
    computedGrade: s.grade.computed,
    ...counts,
    verdict: s.kind === "unknown" ? "无法识别" : counts.errors > 0 ? "需修改" : "通过",
    problems,
  };
}

/**
 * The rows of one file. Sheets that hold no form (notes, data) beside forms are left out: there
 * is nothing in them to correct. A file with no form at all is one 无法识别 row, so it is not lost.
 */
export function rowsOf(f: FileResult, firstSeq: number, name: string = f.file): FormRow[] {
  const format = fileFormat(f);
  const file = { file: name, path: f.file };
  if (f.error) {
    // A link not followed is the reviewer's to resolve, not the unit's.
    const problems: Problem[] = [
      f.skipped
        ? { severity: "error", code: "", title: "链接未跟随", cell: null, message: f.error, advice: SKIPPED_LINK_ADVICE }
        : { severity: "error", code: "", title: "文件无法读取", cell: null, message: f.error, advice: UNREADABLE_ADVICE },
    ];
    return [{ seq: firstSeq, ...file, format, sheet: null, ...EMPTY_FIGURES, kindLabel: f.skipped ? "已跳过（链接）" : "无法读取", ...counted(problems), verdict: "无法识别", problems }];
  }
  const rows: FormRow[] = [];
  const own = fileFindings(f);
  if (own.length) {
    const problems = bySeverity(own);
    const counts = counted(problems);
    rows.push({ seq: 0, ...file, format, sheet: null, ...EMPTY_FIGURES, kindLabel: "（整个文件）", ...counts, verdict: counts.errors ? "需修改" : "通过", problems });
  }
  const forms = f.sheets.filter((s) => s.kind !== "unknown");
  for (const s of forms.length ? forms : f.sheets) rows.push(formRow(0, name, f.file, format, s));
  if (rows.length === 0) {
    const problems: Problem[] = [];
    rows.push({ seq: 0, ...file, format, sheet: null, ...EMPTY_FIGURES, kindLabel: format === "docx" ? "文档中没有表格" : "工作簿中没有工作表", ...counted(problems), verdict: "无法识别", problems });
  }
  rows.forEach((r, i) => (r.seq = firstSeq + i));
  return rows;
}

const VERDICT_RANK: Record<Verdict, number> = { 无法识别: 0, 需修改: 1, 通过: 2 };

/**
 * Worst first. Files that could not be read or hold no form come first: nothing in them was
 * checked, the unit must send them again, and they are what exit code 2 is about. Then by
 * errors, warnings and infos, most first; the batch's order breaks ties, so the order is stable.
 */
export function worstFirst(a: FormRow, b: FormRow): number {
  return (
    VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
    b.errors - a.errors ||
    b.warnings - a.warnings ||
    b.infos - a.infos ||
    a.seq - b.seq
  );
}

/** Collects the rows of a batch as its files are checked, in the batch's order. */
export class ReviewRows {
  readonly rows: FormRow[] = [];

  /** `name` gives a file's name as the reports show it (relative to the folder given). */
  constructor(private readonly name: (file: string) => string = (f) => f) {}

  add(f: FileResult): void {
    this.rows.push(...rowsOf(f, this.rows.length, this.name(f.file)));
  }

  sorted(): FormRow[] {
    return [...this.rows].sort(worstFirst);
  }
}
