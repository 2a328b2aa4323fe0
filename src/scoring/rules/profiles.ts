import type { NegativeMode } from "../values/direction";

/** A grade band: totals at or above `min` get `label` (R9). */
export interface GradeBand {
  min: number;
  label: string;
}

/**
 * A rule profile (spec §3): the weights a form of that kind usually has, how negative
 * indicators are scored and how totals are graded. The form's own stated points win.
 */
export interface Profile {
  name: string;
  title: string;
  executionWeight: number;
  /** Level-1 points by normalised level-1 name; empty where nothing is scored. */
  level1: Record<string, number>;
  negativeMode: NegativeMode;
  grades: GradeBand[];
  scored: boolean;
}

export const STANDARD_GRADES: GradeBand[] = [
  { min: 90, label: "优" },
  { min: 80, label: "良" },
  { min: 60, label: "中" },
  { min: 0, label: "差" },
];

/** The label set one jurisdiction uses (好/较好/一般/差 at 95/85/60). */
export const ALTERNATE_GRADES: GradeBand[] = [
  { min: 95, label: "好" },
  { min: 85, label: "较好" },
  { min: 60, label: "一般" },
  { min: 0, label: "差" },
];

const PROJECT_SPLIT = { 产出指标: 50, 效益指标: 30, 满意度指标: 10 };

export const PROFILES: Record<string, Profile> = {
  project: {
    name: "project",
    title: "项目支出（执行率 10 分，产出 50、效益 30、满意度 10）",
    executionWeight: 10,
    level1: PROJECT_SPLIT,
    negativeMode: "ratio",
    grades: STANDARD_GRADES,
    scored: true,
  },
  department: {
    name: "department",
    title: "部门整体支出（执行率 10 分，产出 50、效益 30、满意度 10）",
    executionWeight: 10,
    level1: PROJECT_SPLIT,
    negativeMode: "ratio",
    grades: STANDARD_GRADES,
    scored: true,
  },
  transfer: {
    name: "transfer",
    title: "转移支付（资金投入 10、资金管理 40、产出 30、效益 15、满意度 5）",
    executionWeight: 10,
    level1: { 资金管理指标: 40, 产出指标: 30, 效益指标: 15, 满意度指标: 5 },
    negativeMode: "ratio",
    grades: STANDARD_GRADES,
    scored: true,
  },
  exec20: {
    name: "exec20",
    title: "执行率 20 分（绩效指标 80 分）",
    executionWeight: 20,
    level1: {},
    negativeMode: "ratio",
    grades: STANDARD_GRADES,
    scored: true,
  },
  deviation: {
    name: "deviation",
    title: "项目支出，反向指标按偏离度扣分",
    executionWeight: 10,
    level1: PROJECT_SPLIT,
    negativeMode: "deviation",
    grades: STANDARD_GRADES,
    scored: true,
  },
  grades4: {
    name: "grades4",
    title: "项目支出，等级为 好/较好/一般/差（95/85/60）",
    executionWeight: 10,
    level1: PROJECT_SPLIT,
    negativeMode: "ratio",
    grades: ALTERNATE_GRADES,
    scored: true,
  },
  completion: {
    name: "completion",
    title: "绩效目标完成情况（不评分）",
    executionWeight: 0,
    level1: {},
    negativeMode: "ratio",
    grades: STANDARD_GRADES,
    scored: false,
  },
};

export function profileNames(): string[] {
  return Object.keys(PROFILES);
}

/** The profile for a name, or null when there is none (the caller reports it in Chinese). */
export function findProfile(name: string): Profile | null {
  return Object.prototype.hasOwnProperty.call(PROFILES, name) ? PROFILES[name] : null;
}
