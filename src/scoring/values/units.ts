import { ownEntry } from "../lookup/own-key";
import Decimal from "decimal.js";

/**
 * Units a target or an actual may carry, longest first so that `万人次` wins over `万人`
 * and `人次` over `人`. Anything else after a number is not taken as a unit.
 */
export const KNOWN_UNITS = [
  "万人次", "平方公里", "平方米", "个工作日", "工作日", "元/人", "元/年", "人/次",
  "人次", "万人", "亿元", "万元", "千元", "个月", "分钟", "小时", "公里", "千米", "万户", "万份",
  "%", "‰", "人", "元", "月", "天", "日", "年", "周", "次", "家", "辆", "个", "件", "份", "场",
  "所", "户", "项", "台", "套", "名", "篇", "期", "批", "座", "张", "本", "米", "亩", "吨", "条",
  "例", "床", "门", "类", "种", "分", "万", "亿",
];

interface Family {
  family: string;
  scale: Decimal;
}

const FAMILIES: Record<string, [string, number]> = {
  元: ["money", 1],
  千元: ["money", 1e3],
  万元: ["money", 1e4],
  亿元: ["money", 1e8],
  人: ["people", 1],
  万人: ["people", 1e4],
  人次: ["visits", 1],
  万人次: ["visits", 1e4],
  户: ["households", 1],
  万户: ["households", 1e4],
  份: ["copies", 1],
  万份: ["copies", 1e4],
  个月: ["months", 1],
  月: ["months", 1],
  分钟: ["minutes", 1],
  小时: ["minutes", 60],
  天: ["days", 1],
  日: ["days", 1],
  工作日: ["workdays", 1],
  个工作日: ["workdays", 1],
  米: ["metres", 1],
  公里: ["metres", 1000],
  千米: ["metres", 1000],
};

/** 万件, 亿次, 千户: a count prefix before any unit (the named ones above keep their own entry). */
const PREFIX: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3 };

/** The family a unit belongs to and its factor to the family's base unit. */
export function unitFamily(unit: string): Family {
  const f = ownEntry(FAMILIES, unit);
  if (f) return { family: f[0], scale: new Decimal(f[1]) };
  const prefix = PREFIX[unit[0]];
  if (prefix && unit.length > 1) {
    const base = unitFamily(unit.slice(1));
    return { family: base.family, scale: base.scale.times(prefix) };
  }
  return { family: unit, scale: new Decimal(1) };
}

export function sameFamily(a: string, b: string): boolean {
  return unitFamily(a).family === unitFamily(b).family;
}

// One alternation, longest first, so the regex engine does the scan KNOWN_UNITS' order asks for.
const escape = (u: string) => u.replace(/[.*+?^${}()|[\]\\/%]/g, "\\$&");
const LEADING = new RegExp(
  "^(?:" +
    [...KNOWN_UNITS, ...KNOWN_UNITS.filter((u) => u.length === 1 && !PREFIX[u] && u !== "%" && u !== "‰").flatMap((u) => Object.keys(PREFIX).map((p) => p + u))]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join("|") +
    ")",
);

/** The unit at the start of `rest`, or "". */
export function leadingUnit(rest: string): string {
  const m = LEADING.exec(rest);
  return m ? m[0] : "";
}
