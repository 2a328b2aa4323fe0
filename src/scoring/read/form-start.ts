/**
 * Where a form begins when a sheet holds several, one under another (a department's package of
 * project forms): at its own title, else at its own header fields (项目名称 …), above its first
 * block. A block with neither above it is not a new form: it is read as today (part of the form
 * above, or left alone).
 */
import type { Sheet } from "../grid/grid";
import { headerKey, squash } from "../values/text";
import { fieldOfLabel } from "./header-fields";
import { isNoteLabel } from "./row-labels";

/** A form's title: a short text naming a 绩效 / 自评 / 评价 表, not a note about one (`注：本表…`). */
export function isFormTitle(text: string): boolean {
  if (!text || text.length > 60) return false;
  const t = squash(text);
  return /表/.test(t) && /自评|绩效|评价/.test(t) && !isNoteLabel(t) && !/^(注|说明|填表|评分|备注)/.test(t);
}

function hasTitle(sheet: Sheet, row: number): boolean {
  for (let c = sheet.left; c <= sheet.right; c++) if (isFormTitle(sheet.text(row, c))) return true;
  return false;
}

/**
 * A row that says whom a form is about (项目名称, 单位名称, 主管部门 …). Bare 单位 / 部门 and
 * 填报单位 are left out: a footer (`填报单位（盖章）：`) or an amount line (`单位：万元`) says them too.
 */
function hasSubject(sheet: Sheet, row: number): boolean {
  for (let c = sheet.left; c <= sheet.right; c++) {
    const raw = sheet.text(row, c);
    if (!raw || raw.length > 40) continue;
    const flat = squash(raw);
    const inline = /^([^:：]{2,10})[:：]/.exec(flat);
    const label = headerKey(inline ? inline[1] : raw);
    if (fieldOfLabel(label) && !/^(单位|部门|填报单位|评价单位)$/.test(label)) return true;
  }
  return false;
}

/** `附件1` / `附表2` alone on a row: the label a package puts over each of its forms. */
function isAnnexLabel(sheet: Sheet, row: number): boolean {
  let label = false;
  for (let c = sheet.left; c <= sheet.right; c++) {
    const t = squash(sheet.text(row, c));
    if (!t) continue;
    if (label || !/^附(件|表)[0-9一二三四五六七八九十-]*[:：]?$/.test(t)) return false;
    label = true;
  }
  return label;
}

/**
 * The first row of a new form whose first block starts at `blockTop`, looking no higher than
 * `from` (the row after the form above ends): the nearest title above the block (with the
 * `附件2` line right over it), else the highest header-field row; null where neither is there.
 */
export function newFormStart(sheet: Sheet, from: number, blockTop: number): number | null {
  for (let r = blockTop - 1; r >= from; r--) if (hasTitle(sheet, r)) return r - 1 >= from && isAnnexLabel(sheet, r - 1) ? r - 1 : r;
  let start: number | null = null;
  for (let r = blockTop - 1; r >= from; r--) if (hasSubject(sheet, r)) start = r;
  return start;
}
