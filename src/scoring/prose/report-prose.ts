/**
 * The figures a 自评报告's prose states about its project or unit: 自评得分, 等级, 执行率, 全年预算
 * and 执行 amounts, and "绩效目标已全部完成". Only plain statements are taken: a figure under
 * a qualifier (其中, 中央资金, 年初预算, 上年, 决算 …) or in a hedged claim (基本完成) is left
 * alone, because a reading that is not certain must never become an error.
 */
import Decimal from "decimal.js";

export type ClaimKind = "total" | "grade" | "rate" | "budget" | "spent" | "all-met";

export interface Claim {
  kind: ClaimKind;
  /** The figure: points, a ratio (0.9996), an amount in its own unit; null for grade and all-met. */
  value: Decimal | null;
  /** Decimal places as written (of the ratio for a rate: 99.96% is 4). */
  places: number;
  /** 元, 万元 or 亿元 for amounts. */
  unit?: string;
  /** The grade as written (`优`, `良好`). */
  label?: string;
  /** The text the figure was read from, to find it in the sentence. */
  text: string;
  /**
   * Said in words also used for other spending (`完成预算26.5%` of a 三公 item): checked only
   * against a table the sentence names or whose amounts it repeats.
   */
  weak?: boolean;
}

export interface Sentence {
  /** As written, for quoting. */
  text: string;
  /** Digits half-width, spaces and thousands separators removed: what the patterns read. */
  plain: string;
  claims: Claim[];
}

/** Full-width digits and signs to half-width; spaces and thousands separators out. Chinese punctuation stays. */
export function plainProse(s: string): string {
  return s
    .replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[％﹪]/g, "%")
    .replace(/(\d)[．.](\d)/g, "$1.$2")
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, "")
    .replace(/(\d),(?=\d{3}(?:\D|$))/g, "$1");
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const IS = "(?:为|是|共计|合计|总计|达到|达|约|:|：)?";

/** Qualifiers that make a clause's figure something other than the form's whole. */
const AMOUNT_QUALIFIERS = /其中|中央|省级|上级|年初|调整|追加|收入|决算|结余|结转|到位|下达|剩余|未|预计|计划|拟|三公|公务接待|因公出国|基本支出|人员经费|公用经费/;
const RATE_QUALIFIERS = /其中|中央|省级|市级|县级|区级|乡镇|上级|本级|财政拨款|其他资金|结转|序时|进度|季度|半年|[0-9一二三四五六七八九十]+月|到位|三公|决算|公务接待|因公出国|平均/;
/** Words before 得分 that make it a part's score, not the total. */
const PART_SCORE = /指标|执行率|满意度|产出|效益|单项|分项|扣/;

const BUDGET = new RegExp(`预算(?:资金|金额|数|总额|资金总额|安排)?${IS}(?:人民币)?${NUM}(亿元|万元|元)`);
const SPENT = new RegExp(
  `(?:执行(?:资金|金额|数)?|实际(?:支出|支付|使用|执行|拨付)(?:资金|金额)?|资金使用|共计使用|累计使用|共计支出|累计支出|已支付|支付)${IS}(?:资金)?(?:人民币)?${NUM}(亿元|万元|元)`,
);
const RATES = [new RegExp(`执行率${IS}${NUM}%`), new RegExp(`完成(?:全年)?预算(?:数)?(?:的)?${NUM}%`)];
const TOTALS = [new RegExp(`(?:自评|综合|评价|绩效|考核|最终)(?:总)?得分${IS}${NUM}分`), new RegExp(`(?:自评|综合|评价|绩效|考核)?总分${IS}${NUM}分`)];
const GRADE_WORD = "[“\"「『]?(优秀|良好|较好|一般|中等|优|良|中|差|好)[”\"」』]?(?=$|[，。；,;、）)])";
const GRADES = [new RegExp(`等级(?:为|是|评定为|评为|:|：)?${GRADE_WORD}`), new RegExp(`(?:自评|评价|考核)结果(?:为|是|:|：)${GRADE_WORD}`)];
const ALL_MET = [
  /(?:绩效目标|目标任务|绩效指标|考核指标|各项指标|各项目标)(?:已|均|都)?(?:全部|全面|均已|均)(?:完成|实现|达标|达成)/,
  /(?:全部|全面|均已)完成(?:了)?[^，。；]{0,8}?(?:绩效目标|目标任务|绩效指标|考核指标)/,
  /所有[^，。；]{0,8}?指标(?:均|全部|都)?(?:已)?(?:达标|完成|达成)/,
];
/** A claim of completion that is hedged or partial is no claim that everything was met. */
const HEDGE = /基本|大部分|大多|部分|个别|未|没有|尚|除|绝大/;

/** Where a match lies in its clause: the text of the clause before it, for qualifiers. */
function clauseBefore(plain: string, index: number): string {
  const start = Math.max(plain.lastIndexOf("，", index), plain.lastIndexOf(",", index), plain.lastIndexOf("；", index), plain.lastIndexOf("（", index), plain.lastIndexOf("(", index));
  return plain.slice(start + 1, index);
}

function places(num: string): number {
  return (num.split(".")[1] ?? "").length;
}

function claimsOf(plain: string): Claim[] {
  const out: Claim[] = [];
  for (const re of TOTALS) {
    const m = re.exec(plain);
    if (m && !PART_SCORE.test(clauseBefore(plain, m.index) + m[0].slice(0, m[0].indexOf(m[1])))) {
      out.push({ kind: "total", value: new Decimal(m[1]), places: places(m[1]), text: m[1] });
      break;
    }
  }
  for (const re of GRADES) {
    const m = re.exec(plain);
    if (m) {
      out.push({ kind: "grade", value: null, places: 0, label: m[1], text: m[1] });
      break;
    }
  }
  for (const [i, re] of RATES.entries()) {
    const m = re.exec(plain);
    if (m && !RATE_QUALIFIERS.test(clauseBefore(plain, m.index))) {
      out.push({ kind: "rate", value: new Decimal(m[1]).dividedBy(100), places: places(m[1]) + 2, text: `${m[1]}%`, ...(i > 0 ? { weak: true } : {}) });
      break;
    }
  }
  for (const [kind, re] of [["budget", BUDGET], ["spent", SPENT]] as const) {
    const m = re.exec(plain);
    if (m && !AMOUNT_QUALIFIERS.test(clauseBefore(plain, m.index) + m[0])) out.push({ kind, value: new Decimal(m[1]), places: places(m[1]), unit: m[2], text: `${m[1]}${m[2]}` });
  }
  if (!HEDGE.test(plain) && ALL_MET.some((re) => re.test(plain))) out.push({ kind: "all-met", value: null, places: 0, text: "" });
  return out;
}

/** A paragraph's sentences with the claims each states. */
export function sentencesOf(paragraph: string): Sentence[] {
  const out: Sentence[] = [];
  // Split after each full stop, keeping it with its sentence (no look-behind: old webviews lack it).
  for (const piece of paragraph.replace(/([。！？!?；;])/g, "$1\n").split("\n")) {
    const text = piece.trim();
    if (!text) continue;
    const plain = plainProse(text);
    out.push({ text, plain, claims: /\d|完成|达标|达成|实现|等级|结果/.test(plain) ? claimsOf(plain) : [] });
  }
  return out;
}

/**
 * The sentence as quoted in a message: whole when short; else the clauses around `needle`,
 * with ellipses where it was cut.
 */
export function quote(sentence: string, needle: string, max = 60): string {
  if (sentence.length <= max) return sentence;
  const clauses = sentence.replace(/([，,；;：:])/g, "$1\u0000").split("\u0000");
  let at = clauses.findIndex((c) => needle !== "" && c.includes(needle));
  if (at < 0) at = 0;
  let from = at;
  let to = at;
  let length = clauses[at].length;
  while (length < max) {
    const before = from > 0 ? clauses[from - 1].length : Infinity;
    const after = to < clauses.length - 1 ? clauses[to + 1].length : Infinity;
    if (Math.min(before, after) === Infinity || length + Math.min(before, after) > max) break;
    if (after <= before) length += clauses[++to].length;
    else length += clauses[--from].length;
  }
  let text = clauses.slice(from, to + 1).join("");
  // One clause longer than the limit: cut it around the figure.
  if (text.length > max) {
    const i = Math.max(0, text.indexOf(needle));
    const start = Math.max(0, Math.min(i - Math.floor(max / 2), text.length - max));
    return `${from > 0 || start > 0 ? "…" : ""}${text.slice(start, start + max)}${to < clauses.length - 1 || start + max < text.length ? "…" : ""}`;
  }
  text = text.replace(/[，,；;：:]$/, "");
  return `${from > 0 ? "…" : ""}${text}${to < clauses.length - 1 ? "…" : ""}`;
}
