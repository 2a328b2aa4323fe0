import { STANDARD_GRADES, type GradeBand } from "../rules/profiles";

/** The grade bands as the forms' notes word them: `90分（含）以上为优，80分（含）至90分为良，…`. */
export function gradeWords(bands: GradeBand[]): string {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted
    .map((b, i) => {
      if (i === 0) return `${b.min}分（含）以上为${b.label}`;
      const upper = sorted[i - 1].min;
      return b.min <= 0 ? `${upper}分以下为${b.label}` : `${b.min}分（含）至${upper}分为${b.label}`;
    })
    .join("，");
}

export function isStandardGrades(bands: GradeBand[]): boolean {
  return bands.length === STANDARD_GRADES.length && bands.every((x, i) => x.min === STANDARD_GRADES[i].min && x.label === STANDARD_GRADES[i].label);
}
