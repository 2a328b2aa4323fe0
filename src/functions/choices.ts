import { ownEntry } from "../scoring/lookup/own-key";
import { PROFILES, STANDARD_GRADES, type GradeBand } from "../scoring/rules/profiles";
import type { NegativeMode } from "../scoring/values/direction";

// The direction words belong to the core (a form's 方向 column reads the same way).
export { DIRECTION_CHOICES, readDirection } from "../scoring/values/direction";
import { squash } from "../scoring/values/text";

/**
 * The optional text arguments and the words they accept. The Chinese words are the ones the
 * metadata lists; the English ones are for the same function in an English Excel.
 */
const NEGATIVE_MODES: Record<string, NegativeMode> = {
  比例: "ratio",
  偏离: "deviation",
  偏离度: "deviation",
  ratio: "ratio",
  deviation: "deviation",
};

export const NEGATIVE_MODE_CHOICES = "比例 / 偏离";

const key = (s: string) => squash(s).toLowerCase();

export function readNegativeMode(s: string): NegativeMode | null {
  return ownEntry(NEGATIVE_MODES, key(s)) ?? null;
}

/** A label set written as its labels, separators dropped: 好/较好/一般/差 → 好较好一般差. */
const schemeKey = (s: string) => key(s).replace(/[/、,，;；|·]/g, "");

/**
 * Every grade label set the profiles use, by the key a person writes it as: the labels in
 * order (优良中差, 好较好一般差), or 标准 for the standard set, or a profile's name.
 */
function gradeSchemes(): Map<string, GradeBand[]> {
  const m = new Map<string, GradeBand[]>([["标准", STANDARD_GRADES]]);
  for (const p of Object.values(PROFILES)) {
    m.set(schemeKey(p.grades.map((b) => b.label).join("")), p.grades);
    m.set(key(p.name), p.grades);
  }
  return m;
}

const SCHEMES = gradeSchemes();

/** The label sets for a message: 标准（优/良/中/差） or 好较好一般差. */
export const GRADE_SCHEME_CHOICES = [
  "标准",
  ...new Set(Object.values(PROFILES).filter((p) => p.grades !== STANDARD_GRADES).map((p) => p.grades.map((b) => b.label).join(""))),
].join(" / ");

export function readGradeScheme(s: string): GradeBand[] | null {
  return SCHEMES.get(schemeKey(s)) ?? null;
}
