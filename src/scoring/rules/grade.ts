import { ownEntry } from "../lookup/own-key";
import Decimal from "decimal.js";
import { cmp } from "../values/decimal";
import { BoundedCache } from "../lookup/memo";
import type { GradeBand } from "./profiles";
import { STANDARD_GRADES } from "./profiles";
import { squash } from "../values/text";

/** R9: the band a total falls in; a bound belongs to the upper band (90 is 优). */
export function gradeOf(total: Decimal, bands: GradeBand[] = STANDARD_GRADES): string {
  const mins = boundsOf(bands);
  for (let i = 0; i < bands.length; i++) if (cmp(total, mins[i]) >= 0) return bands[i].label;
  return bands[bands.length - 1].label;
}

// A band's bound as a decimal, made once per label set rather than once per comparison.
const BOUNDS = new WeakMap<GradeBand[], Decimal[]>();
function boundsOf(bands: GradeBand[]): Decimal[] {
  let b = BOUNDS.get(bands);
  if (!b) BOUNDS.set(bands, (b = bands.map((x) => new Decimal(x.min))));
  return b;
}

const SYNONYMS: Record<string, string> = { 良好: "良", 优秀: "优", 中等: "中", 较差: "差"};

/** Reads a stated grade (`等级：优`, `良好`, `优`); null when the text names no grade. */
export function readGrade(text: string, bands: GradeBand[] = STANDARD_GRADES): string | null {
  // Every form states its grade in the same few words.
  return GRADES.get(`${bands.map((b) => b.label).join("/")}\u0001${text}`, () => readGradeOf(text, bands));
}

const GRADES = new BoundedCache<string, string | null>(1000);

function readGradeOf(text: string, bands: GradeBand[]): string | null {
  const t = squash(text).replace(/^.*等级[:：]?/, "").replace(/[。.]$/, "");
  if (!t) return null;
  const labels = bands.map((b) => b.label);
  if (labels.includes(t)) return t;
  // 良好 is 良 where 良 is a label; under 好/较好/一般/差 it names no grade.
  const synonym = ownEntry(SYNONYMS, t);
  return synonym && labels.includes(synonym) ? synonym : null;
}
