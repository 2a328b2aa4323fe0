import type { SheetReport } from "../scoring/findings/sheet-report";

/** 单位 and 项目 as the core may report them (header fields it reads from 单位名称, 项目名称 …). */
type Named = SheetReport & { unit?: string | null; project?: string | null };

// 2021年度, 2021 年, 年度: the year a title starts with.
const YEAR = /^(\d{4}\s*年?度?|年度)/;
// What a form's title ends with once the project name is said: 项目支出绩效自评表, 项目绩效目标自评 …
const FORM_WORDS = /(项目)?(支出)?(绩效)?(目标)?(完成情况)?(自评|评价)(情况)?表?$/;
// Names that say nothing about the project: Excel's default sheet names and bare form names.
const GENERIC = /^(sheet\d*|工作表\d*|部门整体支出|部门预算|项目支出|项目|附表\d*)$/i;

const nameIn = (phrase: string): string | null => {
  const p = phrase.trim().replace(YEAR, "").replace(FORM_WORDS, "").trim();
  return p && !GENERIC.test(p) ? p : null;
};

/** A title may hold several phrases (`2021年部门预算项目自评 城乡医疗救助资金项目绩效目标自评`): the last that names something. */
function projectFromTitle(title: string): string | null {
  const parts = title.split(/\s+/);
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = nameIn(parts[i]);
    if (p) return p;
  }
  return null;
}

/**
 * The 单位 and 项目 of a form for the reviewer's tables. The core's own header fields when it
 * has them; until then the project is read from the title (`2021年度医保配套资金项目自评表`) or
 * the sheet name (forms are often kept one project a sheet), and the unit is unknown.
 */
export function formNames(r: SheetReport): { unit: string | null; project: string | null } {
  const named = r as Named;
  const unit = typeof named.unit === "string" && named.unit.trim() ? named.unit.trim() : null;
  if (typeof named.project === "string" && named.project.trim()) return { unit, project: named.project.trim() };
  if (r.kind === "department" || r.kind === "unknown") return { unit, project: null };
  return { unit, project: projectFromTitle(r.title ?? "") ?? nameIn(r.sheet) };
}
