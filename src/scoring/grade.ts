import { ownEntry } from "./own-key";
import Decimal from "decimal.js";
import type { GradeBand } from "./profiles";
import { STANDARD_GRADES } from "./profiles";
import { squash } from "./text";

/** R9: the band a total falls in; a bound belongs to the upper band (90 is 优). */
export function gradeOf(total: Decimal, bands: GradeBand[] = STANDARD_GRADES): string {
  for (const b of bands) if (total.gte(b.min)) return b.label;
  return bands[bands.length - 1].label;
}

const SYNONYMS: Record<string, string> = { 良好: "良", 优秀: "优", 中等: "中", 较差: "差"};

/** Reads a stated grade (`等级：优`, `良好`, `优`); null when the text names no grade. */
export function readGrade(text: string, bands: GradeBand[] = STANDARD_GRADES): string | null {
  const t = squash(text).replace(/^.*等级[:：]?/, "").replace(/[。.]$/, "");
  if (!t) return null;
  const labels = bands.map((b) => b.label);
  if (labels.includes(t)) return t;
  // 良好 is 良 where 良 is a label; under 好/较好/一般/差 it names no grade.
  const synonym = ownEntry(SYNONYMS, t);
  return synonym && labels.includes(synonym) ? synonym : null;
}
