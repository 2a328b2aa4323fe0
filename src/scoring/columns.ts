import { BoundedCache } from "./memo";
import { headerKey } from "./text";

/** The columns of an indicator grid and a fund block, found by name (spec §1). */
export type Role =
  | "level1"
  | "level2"
  | "level3"
  | "target"
  | "actual"
  | "weight"
  | "score"
  | "completion"
  | "deviation"
  | "comparator"
  | "unit"
  | "direction"
  | "budgetStart"
  | "budget"
  | "spent"
  | "rate";

const NAMES: Record<Role, string[]> = {
  level1: ["一级指标"],
  level2: ["二级指标"],
  level3: ["三级指标", "目标指标"],
  target: ["年度指标值", "指标值", "目标值", "预期指标值", "年初目标值", "年初设定目标", "年度目标值"],
  actual: ["实际完成值", "全年实际完成值", "实际完成指标值", "业绩值", "全年完成值", "实际值"],
  weight: ["分值", "权重"],
  score: ["得分", "指标得分", "自评得分"],
  completion: ["完成率", "完成比例"],
  deviation: [
    "偏差原因分析及改进措施",
    "未完成原因和改进措施",
    "未完成原因及拟采取的改进措施",
    "偏差原因",
    "未完成原因分析",
    "偏差原因分析",
  ],
  comparator: ["指标性质"],
  unit: ["度量单位", "计量单位"],
  direction: ["指标方向", "方向"],
  budgetStart: ["年初预算数"],
  budget: ["全年预算数", "预算数"],
  spent: ["全年执行数", "执行数"],
  rate: ["执行率"],
};

const BY_KEY = new Map<string, Role>();
for (const [role, names] of Object.entries(NAMES) as [Role, string[]][])
  for (const n of names) BY_KEY.set(headerKey(n), role);

// Layout asks for every short cell of every row; the same texts recur across sheets.
const ROLES = new BoundedCache<string, Role | null>();

/** The role a header cell names, or null. `得分(分值×执行率)` is 得分; `预算数（A）` is 预算数. */
export function roleOf(text: string): Role | null {
  return ROLES.get(text, (t) => BY_KEY.get(headerKey(t)) ?? null);
}

/** A level name without white space and bracketed points: `服务对象\n满意度指\n标` → 服务对象满意度指标. */
export function levelKey(text: string): string {
  return headerKey(text);
}

/** The level-1 family a name belongs to, for weights by level: 产出 / 效益 / 满意度 / 执行 / 资金管理. */
export function level1Family(text: string): string {
  return FAMILIES.get(text, familyOf);
}

const FAMILIES = new BoundedCache<string, string>();

function familyOf(text: string): string {
  const k = levelKey(text);
  if (k.includes("资金管理")) return "资金管理指标";
  if (k.includes("资金投入") || k.includes("预算执行")) return "预算执行指标";
  if (k.includes("产出")) return "产出指标";
  if (k.includes("效益") || k.includes("效果")) return "效益指标";
  if (k.includes("满意")) return "满意度指标";
  return k;
}
