import { TEMPLATES, type TemplateKind } from "./definitions";

/**
 * What to fill in a newly inserted form and what its formulas then work out, in the form's own
 * column names: a scored form computes 执行率, indicator scores, 总分 and 等级 (management items are typed); the completion form only 执行率
 * and 完成率 (it has no score, total or grade, and must not be said to).
 */
export function fillingHint(kind: TemplateKind): string {
  const def = TEMPLATES[kind];
  const header = (role: string) => def.grid.columns.find((c) => c.role === role)?.header ?? "";
  const spent = def.fund.columns.find((c) => c.role === "spent")?.header ?? "全年执行数";
  const budget = def.fund.columns.find((c) => c.role === "budget")?.header ?? "全年预算数";
  const computed = def.scored ? "执行率、指标得分、总分和等级" : "执行率和完成率";
  // Management items are scored by the person (spec R10): their scores are typed, not computed.
  const management = def.grid.level1.find((l) => l.kind === "management");
  const typed = management ? `；${management.name}各项的得分由填表人按实际情况填写` : "";
  return `填写${header("target")}、${header("actual")}和${budget}、${spent}后，${computed}由公式自动计算${def.scored ? typed : "（本表不计分）"}。`;
}
