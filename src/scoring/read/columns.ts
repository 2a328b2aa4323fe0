import { BoundedCache } from "../lookup/memo";
import { headerKey } from "../values/text";

/** The columns of an indicator table, a fund block and a 资金管理 block, found by name (spec §1). */
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
  | "rate"
  | "description"
  | "problems";

/** Names seen on real forms, matched after headerKey (no spaces, no bracketed suffix). */
const NAMES: Record<Role, string[]> = {
  level1: ["一级指标"],
  level2: ["二级指标"],
  level3: ["三级指标", "目标指标", "指标名称", "指标内容", "三级指标名称"],
  target: ["年度指标值", "指标值", "目标值", "预期指标值", "年初目标值", "年初设定目标", "年度目标值", "预期目标值", "计划指标值", "年度目标", "计划值", "预期值", "指标目标值"],
  actual: ["实际完成值", "全年实际完成值", "实际完成指标值", "业绩值", "全年完成值", "实际值", "完成值", "全年实际值", "实际完成", "实际完成数", "完成指标值"],
  weight: ["分值", "权重", "指标分值", "标准分值", "权重分", "分值权重"],
  score: ["得分", "指标得分", "自评得分", "评分", "实际得分", "自评分", "评价得分"],
  completion: ["完成率", "完成比例", "指标完成率"],
  deviation: [
    "偏差原因分析及改进措施",
    "未完成原因和改进措施",
    "未完成原因及拟采取的改进措施",
    "偏差原因",
    "未完成原因分析",
    "偏差原因分析",
    "偏差原因及改进措施",
    "未完成原因",
  ],
  comparator: ["指标性质", "符号", "比较符"],
  unit: ["度量单位", "计量单位", "单位"],
  direction: ["指标方向", "方向"],
  budgetStart: ["年初预算数", "年初预算"],
  budget: ["全年预算数", "预算数", "调整后预算数", "全年预算", "预算金额", "预算安排数", "年度预算数", "调整预算数", "预算资金", "全年预算金额"],
  spent: ["全年执行数", "执行数", "预算执行数", "实际执行数", "实际支出数", "支出数", "实际支出", "全年执行", "执行金额", "全年支出数"],
  rate: ["执行率", "预算执行率", "资金执行率"],
  description: ["情况说明", "具体情况", "执行情况说明", "情况描述"],
  problems: ["存在问题和改进措施", "存在问题及改进措施", "存在的问题", "存在问题", "问题及整改措施", "存在问题及整改措施"],
};

const BY_KEY = new Map<string, Role>();
for (const [role, names] of Object.entries(NAMES) as [Role, string[]][])
  for (const n of names) BY_KEY.set(headerKey(n), role);

/** Longer names forms print, by what they say (a header is a few words, not a sentence). */
function roleByPattern(k: string): Role | null {
  if (k.length > 20) return null;
  if (/偏差|未完成原因|原因分析/.test(k)) return "deviation";
  if (/存在问题|整改措施/.test(k)) return "problems";
  if (/执行率$/.test(k)) return "rate";
  if (/执行数$|执行金额$|支出数$/.test(k)) return "spent";
  if (/^年初预算/.test(k)) return "budgetStart";
  if (/预算数$|预算金额$|预算$/.test(k) && !/执行/.test(k)) return "budget";
  if (/完成率$/.test(k)) return "completion";
  if (/(实际|完成)(指标)?值$|实际完成数$/.test(k)) return "actual";
  if (/(指标|目标)值$/.test(k)) return "target";
  if (/得分$/.test(k) && k.length <= 8) return "score";
  if (/分值$/.test(k) && k.length <= 8) return "weight";
  return null;
}

// Layout asks for every short cell of every row; the same texts recur across sheets.
const ROLES = new BoundedCache<string, Role | null>();

/** The role a header cell names, or null. `得分(分值×执行率)` is 得分; `预算数（A）` is 预算数. */
export function roleOf(text: string): Role | null {
  return ROLES.get(text, (t) => {
    const k = headerKey(t);
    return BY_KEY.get(k) ?? roleByPattern(k);
  });
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

/** The families the profiles know. */
export const KNOWN_FAMILIES = ["产出指标", "效益指标", "满意度指标", "预算执行指标", "资金管理指标"];

function familyOf(text: string): string {
  const k = levelKey(text);
  if (k.includes("资金管理")) return "资金管理指标";
  if (k.includes("资金投入") || k.includes("预算执行")) return "预算执行指标";
  if (k.includes("产出")) return "产出指标";
  if (k.includes("效益") || k.includes("效果")) return "效益指标";
  if (k.includes("满意")) return "满意度指标";
  return k;
}

/** The level-1 family a level-2 name implies (数量指标 → 产出指标), for a level 1 whose label names none. */
export function familyOfLevel2(text: string): string | null {
  const k = levelKey(text);
  if (/数量|质量|时效|成本/.test(k)) return "产出指标";
  if (/经济效益|社会效益|生态效益|可持续|效益/.test(k)) return "效益指标";
  if (/满意/.test(k)) return "满意度指标";
  return null;
}

/**
 * Where a form names one role twice (年初预算 … 调整后预算数, or 年度预算数 over the row labels),
 * the more specific name wins: the adjusted budget is the one the rate is of (spec R1).
 */
export function roleRank(text: string): number {
  const k = headerKey(text);
  if (/^调整(后)?预算/.test(k)) return 3;
  if (/^全年预算/.test(k)) return 2;
  if (/^预算数$/.test(k)) return 1;
  return 0;
}
