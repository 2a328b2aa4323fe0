/**
 * Deadlines are not quantities (spec §2.3). A 时效指标 target such as `9月前`, `6月底前`,
 * `12月31日前`, `2023年10月前`, `年底前` or `按时` is a point in the calendar; an actual (`7月`,
 * `2023年9月`, `2023-09-15`, a date cell, `按时完成`) meets it when it falls on or before it.
 * Pure text reading: the rule that scores it is in rules/rules.ts.
 */
import { BoundedCache } from "../lookup/memo";
import { squash } from "./text";

/** A point in the calendar as forms write it: a month always, a year and a day where stated. */
export interface CalendarPoint {
  year: number | null;
  /** 1–12. */
  month: number;
  day: number | null;
  /** `次年3月`: in the year after the one evaluated. */
  nextYear: boolean;
}

/** A target that is a deadline. `by` is null for 按时 / 及时: on time, with no date to hold an actual against. */
export interface Deadline {
  by: CalendarPoint | null;
}

// The calendar points forms write; each alternative's groups are read by `pointOf`.
const YEAR = String.raw`(?:(\d{4})年度?|(次年|下年|明年|下一年度?))?`;
const POINTS = [
  // 2023年10月, 10月底, 12月31日, 9月中旬
  String.raw`${YEAR}(\d{1,2})月(?:(\d{1,2})[日号])?(?:份|底|末|初|上旬|中旬|下旬)?`,
  // 2023-10-31, 2023/10, 2023.10.31
  String.raw`(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?`,
  // 年底, 2023年底, 年末, 年终
  String.raw`(?:(\d{4})年度?)?年?(底|末|终)`,
  // 上半年, 2023年下半年
  String.raw`(?:(\d{4})年度?)?(上半年|下半年)`,
  // 第三季度, 二季度末
  String.raw`(?:(\d{4})年度?)?第?([一二三四1-4])季度(?:末|底)?`,
  // 年内, 2023年内
  String.raw`(?:(\d{4})年度?)?(年内|年度内|本年内|当年)`,
];

const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

function point(year: string | undefined, month: number, day: number | null, next = false): CalendarPoint | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { year: year ? Number(year) : null, month, day, nextYear: next };
}

/** The calendar point a whole-match of one of POINTS gives. */
function pointOf(m: RegExpExecArray, which: number): CalendarPoint | null {
  const g = m.slice(1);
  switch (which) {
    case 0:
      return point(g[0], Number(g[2]), g[3] ? Number(g[3]) : null, Boolean(g[1]));
    case 1:
      return point(g[0], Number(g[1]), g[2] ? Number(g[2]) : null);
    case 2:
      return point(g[0], 12, null);
    case 3:
      return point(g[0], g[1] === "上半年" ? 6 : 12, null);
    case 4:
      return point(g[0], QUARTER[g[1]] * 3, null);
    default:
      return point(g[0], 12, null);
  }
}

/** Words before a deadline's point (`于`, `截至`) and after it (`前`, `之前`, `内`). */
const LEAD = "(?:计划|预计|力争|确保|要求|须|需|应|在|于)?";
/** Words that make a point a deadline by themselves: `截至10月`, `不晚于9月`. */
const BOUND_LEAD = "(?:截至|截止到?|截止至|不晚于|不迟于|最迟|最晚)";
const BEFORE = "(?:前|之前|以前|止|以内|内)";
/** Trailing words (`完成`, `完成补贴发放`): a few, with no figure and nothing that turns the sense (后, 未, 不). */
const TAIL = "([^0-9后未不]{0,12})";

/** The points that bound by themselves (`年内`): no 前 needed after them. */
const BOUNDED = POINTS.length - 1;
const TARGETS = POINTS.map((p, i) => [new RegExp(`^${LEAD}${p}${BEFORE}${i === BOUNDED ? "?" : ""}${TAIL}$`), new RegExp(`^${BOUND_LEAD}${p}${BEFORE}?${TAIL}$`)]);

/** A target that means "on time" without a date. */
const ON_TIME_TARGET = /^(?:按时|及时|按期|如期|准时|按计划|按进度|按规定时间|在规定时间内|在规定期限内|在项目计划完成时间内|在计划时间内)(?:完成|办结|发放|拨付|到位|兑现|支付|上报|报送|实施|开展|验收|交付)?$/;

/** An actual that says it was on time. */
const ON_TIME_ACTUAL = /^已?(?:按时|及时|按期|如期|准时|提前|按计划|按进度)(?:完成|办结|发放|拨付|到位|兑现|支付|上报|报送|实施|开展|验收|交付)?$/;

function clean(text: string): string {
  return squash(text).replace(/[，,。.；;！!、]+$/, "");
}

/** Reads a target as a deadline (`9月前`, `2023年10月底前`, `年底前`, `按时`), or null where it is none. */
export function readDeadline(text: string): Deadline | null {
  // Every target text is asked: only one with a calendar word can be a deadline.
  if (!/[月年季时期内止前划度]/.test(text)) return null;
  return DEADLINES.get(text, readDeadlineUncached);
}

const DEADLINES = new BoundedCache<string, Deadline | null>();

function readDeadlineUncached(text: string): Deadline | null {
  const t = clean(text);
  if (ON_TIME_TARGET.test(t)) return { by: null };
  for (let i = 0; i < POINTS.length; i++)
    for (const re of TARGETS[i]) {
      const m = re.exec(t);
      if (!m) continue;
      const by = pointOf(m, i);
      if (by) return { by };
    }
  return null;
}

const ACTUALS = POINTS.map((p) => new RegExp(`^(?:已于|已在|于|在|已|截至|截止到?)?${p}(?:${BEFORE})?${TAIL}$`));

/** Excel's serial numbers of 2000-01-01 and 2099-12-31: a bare number between them, held against a deadline, is a date cell. */
const FIRST_SERIAL = 36526;
const LAST_SERIAL = 73050;

/** A date serial (1900 system) as its calendar point. */
export function serialPoint(serial: number): CalendarPoint | null {
  if (!Number.isFinite(serial) || serial < FIRST_SERIAL || serial > LAST_SERIAL) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), nextYear: false };
}

/**
 * When an actual says the work was done, held against a deadline: a calendar point (`7月`,
 * `2023年9月底`, `2023-09-15`, `已于10月完成`), "on time" (`按时完成`, `提前完成`), or null where
 * it says no date.
 */
export function readCompletion(text: string): CalendarPoint | "on-time" | null {
  const raw = text.trim();
  // A date cell as the reader shows it: 2023-09-15, perhaps with a time.
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:\s+\d{2}:\d{2})?$/.exec(raw);
  if (iso) return point(iso[1], Number(iso[2]), Number(iso[3]));
  const t = clean(raw);
  if (ON_TIME_ACTUAL.test(t)) return "on-time";
  for (let i = 0; i < POINTS.length; i++) {
    const m = ACTUALS[i].exec(t);
    if (!m) continue;
    const p = pointOf(m, i);
    if (p) return p;
  }
  return null;
}

/**
 * Whether an actual meets a deadline: on or before it. Compared at the coarser of the two
 * precisions, so the same month is on time (`9月` against `9月前`, `9月` against `9月15日前`);
 * years count only where both state one (a form's actuals are of the year it evaluates).
 */
export function meetsDeadline(actual: CalendarPoint, by: CalendarPoint): boolean {
  if (actual.nextYear !== by.nextYear && (actual.year === null || by.year === null)) return by.nextYear;
  if (actual.year !== null && by.year !== null && actual.year !== by.year) return actual.year < by.year;
  if (actual.month !== by.month) return actual.month < by.month;
  if (actual.day !== null && by.day !== null) return actual.day <= by.day;
  return true;
}
