/** Labels that end a table or belong to no block: the total row, notes, signatures. */
import { BoundedCache } from "../lookup/memo";
import { headerKey } from "../values/text";

/** 总分 / 合计 / 得分合计 / 自评总分 (with or without `（100分）`): the row that states the total. */
export function isTotalLabel(text: string): boolean {
  // Asked of every text in every table row: every total label holds 分 or 计.
  if (!text || text.length > 16 || !(text.includes("分") || text.includes("计"))) return false;
  return TOTALS.get(text, (t) => TOTAL.test(headerKey(t).replace(/[:：]/g, "")));
}

const TOTAL = /^(总分|合计|总计|得分合计|自评总分|总得分|综合得分|自评得分合计|评价总分|分值合计|总分值|合计得分|总计得分)$/;
// Every text cell of every table row is asked; the same labels recur on every sheet.
const TOTALS = new BoundedCache<string, boolean>();
const NOTES = new BoundedCache<string, boolean>();

/** 说明 / 备注 / 其他需要说明事项 / 填报人 …: a note or a signature line, not an indicator. */
export function isNoteLabel(text: string): boolean {
  // Asked of every name in every table row: a label can only start with one of its first characters.
  if (!text || !NOTE_STARTS.has(text.trimStart()[0])) return false;
  return NOTES.get(text, (t) => NOTE.test(headerKey(t)));
}

const NOTE_STARTS = new Set("其需说备注填联审负单财偏改主评自问存".split(""));
const NOTE = /^(其他需要说明|需要说明|说明|备注|注[:：\d]|注$|填报人|填表人|联系电话|联系人|审核人|负责人|单位负责人|财务负责人|填报日期|填表日期|偏差大或目标未完成原因|改进措施及结果应用|主要绩效|评价结论|自评结论|问题及整改|存在的问题)/;
