/** Excel's limits on sheet names: 31 characters, none of : \ / ? * [ ], not starting or ending with '. */
const MAX_LENGTH = 31;
const FORBIDDEN = /[:\\/?*[\]]/g;

function clean(base: string): string {
  const t = base.replace(FORBIDDEN, "").replace(/^'+|'+$/g, "").trim();
  return t || "绩效自评表";
}

/**
 * A sheet name that none of `existing` has (Excel compares names without regard to case):
 * `项目支出绩效自评表`, else `项目支出绩效自评表 (2)`, `(3)` … so a new sheet never replaces one.
 */
export function uniqueSheetName(base: string, existing: Iterable<string>): string {
  const taken = new Set<string>();
  for (const name of existing) taken.add(name.toLowerCase());
  const root = clean(base);
  const first = root.slice(0, MAX_LENGTH);
  if (!taken.has(first.toLowerCase())) return first;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = root.slice(0, MAX_LENGTH - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
