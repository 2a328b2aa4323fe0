/**
 * What every check stage shares: the form, the profile, the findings so far, and how a figure
 * the form states becomes a decimal (or a finding that says, in Chinese, why it cannot).
 */
import type Decimal from "decimal.js";
import { callsJxzp } from "../formula/calls";
import { toA1 } from "../grid/address";
import { clip, isSaneMagnitude, plain } from "../values/display";
import { Finding, finding, FindingCode } from "../findings/findings";
import type { Profile } from "../rules/profiles";
import type { Figure, Form, Pos, UnreadableWhy } from "../read/form";

export const a1 = (p: Pos | null | undefined): string | null => (p ? toA1(p.row, p.col) : null);

/** The words for a cell that holds no readable value, by why (the finding code goes with them). */
export function unreadableMessage(why: UnreadableWhy, what: string, text: string): { code: FindingCode; message: string } {
  const shown = `“${clip(text)}”`;
  switch (why) {
    case "formula-no-value":
      return {
        code: "FORMULA_NO_VALUE",
        message: `${what}单元格是公式 ${shown}，但文件里没有保存它的计算结果（保存文件的程序没有计算公式）。请在 Excel 中打开${callsJxzp(text) ? "（需加载“绩效自评助手”）" : ""}，重新计算（F9）并保存后再校验。`,
      };
    case "jxzp-not-loaded":
      return {
        code: "JXZP_NOT_LOADED",
        message: `${what}单元格是绩效自评助手的 JXZP 公式，但打开它的程序没有计算（显示 #NAME?）。请在已加载“绩效自评助手”的 Excel 中打开并重新计算后保存，或直接填写数值。`,
      };
    case "not-calculated":
      return {
        code: "NOT_CALCULATED",
        message: `${what}单元格还在计算中（Excel 显示 ${shown}），本次校验没有用它的值，依赖它的合计也暂不计算；这不是表格的错误，请稍候重新校验。`,
      };
    case "error-value":
      return { code: "VALUE_UNPARSEABLE", message: `${what}单元格显示错误值 ${shown}，无法读取；请检查该单元格的公式或内容。` };
    case "date":
      return { code: "VALUE_UNPARSEABLE", message: `${what}单元格是日期 ${shown}，不是数字；请填写数值。` };
    case "boolean":
      return { code: "VALUE_UNPARSEABLE", message: `${what}单元格是逻辑值 ${shown}，不是数字；请填写数值。` };
    default:
      return { code: "VALUE_UNPARSEABLE", message: `无法读取${what}：${shown}不是数字，请填写数值。` };
  }
}

export class Checker {
  readonly findings: Finding[] = [];
  private readonly absurd = new Set<Figure>();
  constructor(
    readonly form: Form,
    readonly profile: Profile,
  ) {}

  add(code: FindingCode, at: Pos | string | null | undefined, message: string) {
    const cell = at === null || at === undefined ? null : typeof at === "string" ? at : a1(at);
    this.findings.push(finding(code, cell, message));
  }

  /**
   * A stated figure as a decimal; null when blank or unreadable (reported). A figure no form
   * could mean (1e308) is reported and not used: it would only invent a total.
   */
  value(f: Figure, what: string): Decimal | null {
    if (f.kind === "blank") return null;
    if (f.kind === "unreadable") {
      const { code, message } = unreadableMessage(f.why, what, f.text);
      this.add(code, f.at, message);
      return null;
    }
    if (!isSaneMagnitude(f.value)) {
      this.absurd.add(f);
      this.add("VALUE_UNPARSEABLE", f.at, `${what}是${plain(f.value)}，不像是表中应填的数，未按它计算；请核对该单元格。`);
      return null;
    }
    return f.value;
  }

  /**
   * A weight (分值): a value that must not be negative. −5 is no weight a form can mean; scoring
   * against it would silently give 0, so it is named and, like an absurd figure, not summed.
   */
  weight(f: Figure, what: string): Decimal | null {
    const w = this.value(f, what);
    if (w === null || !w.isNegative() || f.kind !== "number") return w;
    this.absurd.add(f);
    this.add("VALUE_UNPARSEABLE", f.at, `${what}是 ${plain(w)}，分值不能小于 0，未按它计算；请核对该单元格。`);
    return null;
  }

  /** A figure the form holds that could not be read (reported): a sum over it is not known. */
  unread(f: Figure): boolean {
    return f.kind === "unreadable" || this.absurd.has(f);
  }

  /** A stated figure no form could mean was found here: a total made without it would be invented. */
  wasAbsurd(f: Figure): boolean {
    return this.absurd.has(f);
  }

  /** A figure cell that holds something, readable or not. */
  filled(f: Figure): boolean {
    return f.kind !== "blank";
  }
}
