/** The form's title and who it is about: 项目名称, 实施单位 / 单位名称, 主管部门. */
import type { Sheet } from "../grid/grid";
import { headerKey, squash } from "../values/text";
import type { Claims } from "./claims";
import type { HeaderFields } from "./form";

const PROJECT = /^(项目名称|项目支出名称|转移支付名称|转移支付项目名称|专项资金名称|专项名称|资金名称|政策名称)$/;
const UNIT = /^(实施单位|项目实施单位|单位名称|部门名称|预算单位|预算部门|资金使用单位|部门单位名称|单位|部门|评价单位|填报单位)$/;
const DEPARTMENT = /^(主管部门|地方主管部门|县级主管部门|市级主管部门|主管部门及代码|中央主管部门)$/;

/** Which header field a label names (`项目名称` → project), or null. */
export function fieldOfLabel(label: string): "project" | "unit" | "department" | null {
  return PROJECT.test(label) ? "project" : DEPARTMENT.test(label) ? "department" : UNIT.test(label) ? "unit" : null;
}

/** The title: short texts in the top rows that name a form (表 / 自评 / 绩效). */
function titleOf(sheet: Sheet): string {
  const parts: string[] = [];
  for (let r = sheet.top; r <= Math.min(sheet.bottom, sheet.top + 2); r++)
    for (let c = sheet.left; c <= sheet.right; c++) {
      const t = sheet.text(r, c);
      if (t && /表|自评|绩效/.test(t) && t.length <= 60) parts.push(t);
    }
  return parts.join(" ");
}

/**
 * `项目名称` | value, or `单位名称：黄石市医疗保障服务中心` in one cell; and the labels the header
 * uses, for the form's kind (which names a form asks for tells what it is). One pass over the rows.
 */
export function readHeaderFields(sheet: Sheet, before: number, claims: Claims): { fields: HeaderFields; labels: Set<string> } {
  const out: HeaderFields = { title: titleOf(sheet), project: "", unit: "", department: "" };
  const labels = new Set<string>();
  const set = (field: "project" | "unit" | "department", value: string) => {
    if (!out[field] && value) out[field] = value.replace(/[\u3000\s]+$/, "").trim();
  };
  for (let r = sheet.top; r <= Math.min(before, sheet.bottom); r++) {
    for (let c = sheet.left; c <= sheet.right; c++) {
      const raw = sheet.text(r, c);
      if (!raw || raw.length > 80) continue;
      const flat = squash(raw);
      if (raw.length <= 30) {
        const named = /^([^:：]{2,10})[:：]/.exec(flat);
        labels.add(headerKey(named ? named[1] : raw));
      }
      const inline = /^([^:：]{2,10})[:：](.+)$/.exec(flat);
      const label = headerKey(inline ? inline[1] : raw);
      const field = fieldOfLabel(label);
      if (!field) continue;
      claims.add({ row: r, col: c });
      if (inline) {
        set(field, raw.slice(raw.search(/[:：]/) + 1));
        continue;
      }
      for (let cc = sheet.nextColumn(r, c); cc <= sheet.right; cc = sheet.nextColumn(r, cc)) {
        const v = sheet.text(r, cc);
        if (!v) continue;
        // The next label on the row (`主管部门` | … | `实施单位`) is not this one's value.
        if (PROJECT.test(headerKey(v)) || UNIT.test(headerKey(v)) || DEPARTMENT.test(headerKey(v))) break;
        claims.add({ row: r, col: cc });
        set(field, v);
        break;
      }
    }
  }
  return { fields: out, labels };
}
