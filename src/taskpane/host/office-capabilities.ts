import type { Capability, HostCapabilities } from "./WorkbookHost";

/**
 * What the pane can do in the Excel at hand, from the ExcelApi requirement sets it reports
 * (Office.context.requirements.isSetSupported). Each feature names the newest set it cannot do
 * without; the set each API belongs to is in its reference page ("API set: ExcelApi 1.x"), and
 * which Excel has which set is in requirement-sets/excel/excel-api-requirement-sets.md:
 *   1.4  getUsedRangeOrNullObject, names.add, getItemOrNullObject      (Excel 2019 VL: 1.7)
 *   1.5  customXmlParts: the undo record kept in the workbook
 *   1.6  conditional formats: the marks
 *   1.9  WorksheetCollection.onChanged (live validation), getRanges   (Excel 2021 VL: 1.14)
 *   1.13 getMergedAreasOrNullObject                                   (Excel 2024 VL: 1.17)
 *   1.20 Excel.run({ mergeUndoGroup }) — one step of Excel's own undo (Microsoft 365, web, Mac only)
 */
export const NEEDS = {
  validate: "1.4",
  marks: "1.6",
  fill: "1.5",
  undo: "1.5",
  templates: "1.2",
  live: "1.9",
  finalize: "1.5",
} as const;

/** The Excel versions that have a set, in the words the pane uses. */
export function versionsWith(set: string): string {
  const [, minor] = set.split(".").map(Number);
  if (minor <= 7) return "Excel 2019 及以上、Microsoft 365 或网页版 Excel";
  if (minor <= 14) return "Excel 2021 及以上、Microsoft 365 或网页版 Excel";
  if (minor <= 17) return "Excel 2024、Microsoft 365 或网页版 Excel";
  return "Microsoft 365 版 Excel（Windows、Mac）或网页版 Excel";
}

function need(has: (v: string) => boolean, set: string, what: string): Capability {
  return has(set) ? { ok: true } : { ok: false, needs: `此版本的 Excel 不支持${what}（需要 ExcelApi ${set}：${versionsWith(set)}）。` };
}

export function officeCapabilities(has: (version: string) => boolean): HostCapabilities {
  const validate = need(has, NEEDS.validate, "校验");
  return {
    validate: validate.ok && !has("1.13") ? { ok: true, note: "此版本的 Excel 不能读出合并单元格（需要 ExcelApi 1.13），表头的识别可能不完整。" } : validate,
    marks: need(has, NEEDS.marks, "标记问题单元格（条件格式）"),
    fill: need(has, NEEDS.fill, "填写得分（撤销记录需要保存在工作簿中）"),
    undo: need(has, NEEDS.undo, "撤销填写"),
    templates: need(has, NEEDS.templates, "插入模板"),
    live: need(has, NEEDS.live, "实时校验（工作表改动事件）"),
    finalize: need(has, NEEDS.finalize, "定稿"),
    // The functions share the pane's runtime: where the pane runs, they calculate.
    formulas: { ok: true },
  };
}
