import { findProfile, profileChoices, type Profile } from "../rules/profiles";
import { TEMPLATES, type TemplateDef, type TemplateKind } from "./definitions";

/** What the person chooses when inserting a form (the pane's dialog, `jxzp template`'s flags). */
export interface TemplateOptions {
  /** The year evaluated (`2025` → `2025年度项目支出绩效自评表`); omitted: no year in the title. */
  year?: number | string;
  /** 实施单位 (部门名称 on the department form, 资金使用单位 on the transfer form). */
  unit?: string;
  /** 项目名称 (转移支付名称 on the transfer form). */
  project?: string;
  /** Indicator rows under each level 2: one number for all, or by level-2 name (`{ 数量指标: 3 }`). */
  rowsPerLevel2?: number | Record<string, number>;
  /** A profile name of spec §3 for the default weights and grades; default by kind. */
  profile?: string;
}

export const MAX_ROWS_PER_LEVEL2 = 30;
const MAX_TEXT = 200;

export function yearText(y: number | string | undefined): string | null {
  if (y === undefined) return null;
  const t = String(y).trim();
  return /^(19|20|21)\d{2}$/.test(t) ? t : null;
}

export function textOption(v: string | undefined): string {
  return (v ?? "").trim().slice(0, MAX_TEXT);
}

/** Rows under one level 2: the option, clamped to 0–30, else the form's default. */
export function rowsFor(level2: string, option: TemplateOptions["rowsPerLevel2"], fallback: number): number {
  const n = typeof option === "number" ? option : option && typeof option === "object" ? option[level2] : undefined;
  if (typeof n !== "number" || !Number.isFinite(n)) return fallback;
  return Math.min(MAX_ROWS_PER_LEVEL2, Math.max(0, Math.floor(n)));
}

/** The profile asked for when it suits the form (scored or not), else the form's own. */
export function profileFor(def: TemplateDef, name: string | undefined): Profile {
  const chosen = name ? findProfile(name) : null;
  if (chosen && chosen.scored === def.scored) return chosen;
  return findProfile(def.profile)!;
}

/** What is wrong with the options, in Chinese; empty when they are fine. buildTemplate never throws. */
export function templateProblems(kind: TemplateKind, options: TemplateOptions): string[] {
  const out: string[] = [];
  const def = TEMPLATES[kind];
  if (options.year !== undefined && options.year !== "" && yearText(options.year) === null)
    out.push(`年度“${String(options.year)}”不是有效的年份，请填写四位数年份，如 2025。`);
  const rows = options.rowsPerLevel2;
  const bad = (n: unknown) => typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > MAX_ROWS_PER_LEVEL2;
  if (typeof rows === "number" && bad(rows)) out.push(`每个二级指标下的行数应为 0 到 ${MAX_ROWS_PER_LEVEL2} 的整数，填写的是 ${rows}。`);
  if (rows && typeof rows === "object")
    for (const [name, n] of Object.entries(rows)) if (bad(n)) out.push(`“${name}”下的行数应为 0 到 ${MAX_ROWS_PER_LEVEL2} 的整数，填写的是 ${String(n)}。`);
  if (options.profile !== undefined) {
    const p = findProfile(options.profile);
    if (!p) out.push(`未知的评分方案“${options.profile}”。可选：${profileChoices()}。`);
    else if (def.scored && !p.scored) out.push(`评分方案“${p.label}”不计分，不能用于${def.label}。`);
    else if (!def.scored && p.scored) out.push(`${def.label}不计分，不需要评分方案“${p.label}”。`);
  }
  for (const [what, v] of [["单位名称", options.unit], ["项目名称", options.project]] as const)
    if (v && v.length > MAX_TEXT) out.push(`${what}过长（${v.length} 个字），请不超过 ${MAX_TEXT} 个字。`);
  return out;
}
