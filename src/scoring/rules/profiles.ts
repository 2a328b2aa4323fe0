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
  /** The id typed on the command line and kept in JSON (`project`); never shown to a person alone. */
  name: string;
  /** What a person reads: 项目支出, 转移支付 … (the CLI also accepts it in place of the id). */
  label: string;
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
    label: "项目支出",
    title: "项目支出（执行率 10 分，产出 50、效益 30、满意度 10）",
    executionWeight: 10,
    level1: PROJECT_SPLIT,
    negativeMode: "ratio",
    grades: STANDARD_GRADES,
    scored: true,
  },
  department: {
    name: "department",
    label: "部门整体支出",
    title: "部门整体支出（执行率 10 分，产出 50、效益 30、满意度 10）",
    executionWeight: 10,
    level1: PROJECT_SPLIT,
    negativeMode: "ratio",
    grades: STANDARD_GRADES,
    scored: true,
  },
  transfer: {
    name: "transfer",
    label: "转移支付",
    title: "转移支付（资金投入 10、资金管理 40、产出 30、效益 15、满意度 5）",
    executionWeight: 10,
    level1: { 资金管理指标: 40, 产出指标: 30, 效益指标: 15, 满意度指标: 5 },
    negativeMode: "ratio",
    grades: STANDARD_GRADES,
    scored: true,
  },
  exec20: {
    name: "exec20",
    label: "执行率20分",
    title: "执行率 20 分（绩效指标 80 分）",
    executionWeight: 20,
    level1: {},
    negativeMode: "ratio",
    grades: STANDARD_GRADES,
    scored: true,
  },
  deviation: {
    name: "deviation",
    label: "偏离度扣分",
    title: "项目支出，反向指标按偏离度扣分",
    executionWeight: 10,
    level1: PROJECT_SPLIT,
    negativeMode: "deviation",
    grades: STANDARD_GRADES,
    scored: true,
  },
  grades4: {
    name: "grades4",
    label: "好较好一般差",
    title: "项目支出，等级为 好/较好/一般/差（95/85/60）",
    executionWeight: 10,
    level1: PROJECT_SPLIT,
    negativeMode: "ratio",
    grades: ALTERNATE_GRADES,
    scored: true,
  },
  completion: {
    name: "completion",
    label: "完成情况不评分",
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

/** The profile for an id (`project`) or its Chinese label (`项目支出`), or null when there is none (the caller reports it in Chinese). */
export function findProfile(name: string): Profile | null {
  if (Object.prototype.hasOwnProperty.call(PROFILES, name)) return PROFILES[name];
  const t = name.trim();
  return Object.values(PROFILES).find((p) => p.label === t) ?? null;
}

/** A profile's name for a person: its Chinese label, whether given its id or itself; an unknown id is shown as it was given. */
export function profileLabel(profile: string | Profile): string {
  const p = typeof profile === "string" ? findProfile(profile) : profile;
  return p ? p.label : String(profile);
}

/** The choices for a message or the usage text: 项目支出（project）、部门整体支出（department）… */
export function profileChoices(separator = "、"): string {
  return Object.values(PROFILES)
    .map((p) => `${p.label}（${p.name}）`)
    .join(separator);
}
