import * as fs from "fs";
import * as path from "path";
import Decimal from "decimal.js";
import { PROGRAM_STAMP } from "../program";
import { sha256Base64 } from "./sha256";
import { SEVERITY_LABEL, type Severity } from "../scoring/findings/findings";
import { cellList, groupProblems, type ProblemGroup } from "./problem-groups";
import type { FormRow, Verdict } from "./review";
import type { SpotCheck } from "./sample";

/** Every text that reaches the page goes through this: forms hold `<script>` and worse in their cells. */
export function esc(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return "";
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const num = (v: number | null, places = 2): string => (v === null ? "" : new Decimal(v).toFixed(places));
const amount = (v: number | null): string => (v === null ? "" : new Decimal(v).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
const percent = (v: number | null): string => (v === null ? "" : `${new Decimal(v).times(100).toFixed(2)}%`);

const VERDICT_CLASS: Record<Verdict, string> = { 通过: "ok", 需修改: "bad", 无法识别: "unread" };
const SEVERITY_CLASS: Record<Severity, string> = { error: "error", warning: "warning", info: "info" };

export interface HtmlReportInput {
  /** Worst first, as in the summary workbook. */
  rows: FormRow[];
  spot: SpotCheck | null;
  files: number;
  /** The folder the files' names are relative to (its own name only: the page travels). */
  folder?: string;
  generatedAt: Date;
}

// ————— charts (SVG drawn here; the page loads nothing) —————

const GRADE_ORDER = ["优", "良", "中", "好", "较好", "一般", "差"];
const NOT_FILLED = "未填写";

function gradeChart(rows: FormRow[]): string {
  const scored = rows.filter((r) => r.computedGrade !== null || r.statedGrade !== null);
  const stated = new Map<string, number>();
  const computed = new Map<string, number>();
  for (const r of scored) {
    const s = r.statedGrade ?? NOT_FILLED;
    const c = r.computedGrade ?? NOT_FILLED;
    stated.set(s, (stated.get(s) ?? 0) + 1);
    computed.set(c, (computed.get(c) ?? 0) + 1);
  }
  const seen = new Set([...stated.keys(), ...computed.keys()]);
  const labels = [...GRADE_ORDER.filter((g) => seen.has(g)), ...[...seen].filter((g) => !GRADE_ORDER.includes(g) && g !== NOT_FILLED).sort(), ...(seen.has(NOT_FILLED) ? [NOT_FILLED] : [])];
  const differ = scored.filter((r) => r.statedGrade !== null && r.computedGrade !== null && r.statedGrade !== r.computedGrade).length;
  const caption = `${scored.length} 张计分的表；表中等级与按规则计算的等级不一致 ${differ} 张${scored.some((r) => r.statedGrade === null) ? "；表中未填等级的计为“未填写”" : ""}。`;
  if (labels.length === 0) return figure("chart-grades", "等级：表中填写与按规则计算", `<p class="empty">没有计分的表。</p>`, "");

  const W = 400;
  const H = 240;
  const left = 36;
  const bottom = 200;
  const top = 24;
  const max = Math.max(1, ...stated.values(), ...computed.values());
  const step = (W - left - 10) / labels.length;
  const bar = Math.min(28, step / 2 - 6);
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  const parts: string[] = [];
  for (const t of ticks(max)) parts.push(`<line class="grid" x1="${left}" x2="${W - 10}" y1="${y(t)}" y2="${y(t)}"/><text class="tick" x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`);
  labels.forEach((g, i) => {
    const x0 = left + step * i + step / 2;
    const s = stated.get(g) ?? 0;
    const c = computed.get(g) ?? 0;
    parts.push(
      `<rect class="stated" data-grade="${esc(g)}" data-count="${s}" x="${x0 - bar - 2}" y="${y(s)}" width="${bar}" height="${bottom - y(s)}"><title>表中填写“${esc(g)}”：${s} 张</title></rect>`,
      `<rect class="computed" data-grade="${esc(g)}" data-count="${c}" x="${x0 + 2}" y="${y(c)}" width="${bar}" height="${bottom - y(c)}"><title>按规则计算为“${esc(g)}”：${c} 张</title></rect>`,
      `<text class="value" x="${x0 - bar / 2 - 2}" y="${y(s) - 4}" text-anchor="middle">${s}</text>`,
      `<text class="value" x="${x0 + bar / 2 + 2}" y="${y(c) - 4}" text-anchor="middle">${c}</text>`,
      `<text class="label" x="${x0}" y="${bottom + 18}" text-anchor="middle">${esc(g)}</text>`,
    );
  });
  parts.push(
    `<rect class="stated" x="${left}" y="${H - 16}" width="12" height="12"/><text class="legend" x="${left + 16}" y="${H - 6}">表中填写</text>`,
    `<rect class="computed" x="${left + 90}" y="${H - 16}" width="12" height="12"/><text class="legend" x="${left + 106}" y="${H - 6}">按规则计算</text>`,
  );
  return figure("chart-grades", "等级：表中填写与按规则计算", svg(W, H, "各等级的表数：表中填写与按规则计算", parts), caption);
}

function codeChart(rows: FormRow[]): string {
  const counts = new Map<string, { title: string; code: string; severity: Severity; n: number }>();
  for (const r of rows)
    for (const p of r.problems) {
      const key = p.code || p.title;
      const c = counts.get(key) ?? { title: p.title, code: p.code, severity: p.severity, n: 0 };
      c.n++;
      counts.set(key, c);
    }
  const top = [...counts.values()].sort((a, b) => b.n - a.n || a.code.localeCompare(b.code)).slice(0, 10);
  if (top.length === 0) return figure("chart-codes", "最常见的问题", `<p class="empty">没有发现问题。</p>`, "");
  const W = 400;
  const rowH = 22;
  const H = top.length * rowH + 30;
  const labelW = 170;
  const max = Math.max(...top.map((c) => c.n));
  const parts = top.map((c, i) => {
    const y = 8 + i * rowH;
    const w = ((W - labelW - 50) * c.n) / max;
    return (
      `<text class="label" x="${labelW - 6}" y="${y + 14}" text-anchor="end">${esc(c.title)}</text>` +
      `<rect class="${SEVERITY_CLASS[c.severity]}" data-code="${esc(c.code)}" data-count="${c.n}" x="${labelW}" y="${y + 2}" width="${Math.max(1, w)}" height="${rowH - 6}"><title>${esc(c.title)}${c.code ? `（${esc(c.code)}）` : ""}，${SEVERITY_LABEL[c.severity]}：${c.n} 处</title></rect>` +
      `<text class="value" x="${labelW + w + 4}" y="${y + 14}">${c.n}</text>`
    );
  });
  const ly = H - 12;
  parts.push(
    `<rect class="error" x="${labelW}" y="${ly - 9}" width="10" height="10"/><text class="legend" x="${labelW + 14}" y="${ly}">错误</text>`,
    `<rect class="warning" x="${labelW + 56}" y="${ly - 9}" width="10" height="10"/><text class="legend" x="${labelW + 70}" y="${ly}">警告</text>`,
    `<rect class="info" x="${labelW + 112}" y="${ly - 9}" width="10" height="10"/><text class="legend" x="${labelW + 126}" y="${ly}">提示</text>`,
  );
  const total = [...counts.values()].reduce((s, c) => s + c.n, 0);
  return figure("chart-codes", "最常见的问题", svg(W, H, "出现次数最多的问题", parts), `共 ${total} 处问题、${counts.size} 种；图中为最多的 ${top.length} 种。`);
}

/** The verdicts in the order a mixed point draws them, clockwise from the top: what needs work first. */
const VERDICT_ORDER: Verdict[] = ["需修改", "无法识别", "通过"];

/**
 * A point that stands for several forms, coloured by their verdicts in proportion: a point of 8
 * forms of which 6 passed is three quarters green, not red because one of them failed.
 */
function pointSlices(cx: number, cy: number, r: number, group: FormRow[]): string {
  const n = group.length;
  const counts = VERDICT_ORDER.map((v) => ({ v, k: group.filter((g) => g.verdict === v).length })).filter((c) => c.k > 0);
  if (counts.length === 1) return `<circle class="slice ${VERDICT_CLASS[counts[0].v]}" data-verdict="${counts[0].v}" data-n="${n}" cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r.toFixed(1)}"/>`;
  let done = 0;
  return counts
    .map(({ v, k }) => {
      const a0 = (2 * Math.PI * done) / n - Math.PI / 2;
      done += k;
      const a1 = (2 * Math.PI * done) / n - Math.PI / 2;
      const p = (a: number) => `${(cx + r * Math.cos(a)).toFixed(2)} ${(cy + r * Math.sin(a)).toFixed(2)}`;
      const large = k * 2 > n ? 1 : 0;
      return `<path class="slice ${VERDICT_CLASS[v]}" data-verdict="${v}" data-n="${k}" d="M${cx.toFixed(2)} ${cy.toFixed(2)} L${p(a0)} A${r.toFixed(2)} ${r.toFixed(2)} 0 ${large} 1 ${p(a1)} Z"/>`;
    })
    .join("");
}

function scatterChart(rows: FormRow[]): string {
  const points = rows
    .map((r, i) => ({ r, i, total: r.computedTotal ?? r.statedTotal }))
    .filter((p) => p.r.sheet !== null && p.r.rate !== null && p.total !== null);
  const missing = rows.filter((r) => r.sheet !== null && r.verdict !== "无法识别").length - points.length;
  const W = 400;
  const H = 284;
  const left = 44;
  const right = W - 22;
  const top = 12;
  const bottom = H - 68;
  // Most forms sit near 100% and 100 points: the axes start near the lowest values, not at 0,
  // so that forms at 98 and 100 are apart. In whole percent and points, ticks on round steps.
  const rates = points.map((p) => Math.round(p.r.rate! * 100));
  const totals = points.map((p) => p.total!);
  const xMax = Math.max(120, Math.min(200, Math.ceil(Math.max(0, ...rates) / 10) * 10));
  const xMin = Math.max(0, Math.min(90, Math.floor(Math.min(...rates, 100) / 10) * 10 - 10));
  const yMax = Math.max(100, Math.min(200, Math.ceil(Math.max(0, ...totals) / 10) * 10));
  const yMin = Math.max(0, Math.min(90, Math.floor(Math.min(...totals, 100) / 10) * 10 - 10));
  const step = (range: number) => (range <= 10 ? 2 : range <= 25 ? 5 : range <= 60 ? 10 : 20);
  const x = (v: number) => left + ((right - left) * (Math.min(Math.max(v * 100, xMin), xMax) - xMin)) / (xMax - xMin);
  const y = (v: number) => bottom - ((bottom - top) * (Math.min(Math.max(v, yMin), yMax) - yMin)) / (yMax - yMin);
  const parts: string[] = [];
  for (let t = yMin; t <= yMax; t += step(yMax - yMin)) parts.push(`<line class="grid" x1="${left}" x2="${right}" y1="${y(t)}" y2="${y(t)}"/><text class="tick" x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`);
  for (let t = xMin; t <= xMax; t += step(xMax - xMin)) parts.push(`<line class="grid" x1="${x(t / 100)}" x2="${x(t / 100)}" y1="${top}" y2="${bottom}"/><text class="tick" x="${x(t / 100)}" y="${bottom + 16}" text-anchor="middle">${t}%</text>`);
  parts.push(
    `<line class="mark" x1="${x(1)}" x2="${x(1)}" y1="${top}" y2="${bottom}"/>`,
    `<text class="axis" x="${(left + right) / 2}" y="${bottom + 34}" text-anchor="middle">执行率</text>`,
    `<text class="axis" x="12" y="${(top + bottom) / 2}" text-anchor="middle" transform="rotate(-90 12 ${(top + bottom) / 2})">总分</text>`,
  );
  // Forms at (nearly) the same spot — many score 100 at 100% — are one point that opens them all,
  // so that none hides under another: each joins the first point within 8 px of it. Points come
  // worst first, so a point with a form to correct is drawn last, on top.
  const spots: { cx: number; cy: number; group: typeof points }[] = [];
  for (const p of points) {
    const [px, py] = [x(p.r.rate!), y(p.total!)];
    const near = spots.find((s) => Math.hypot(s.cx - px, s.cy - py) < 8);
    if (near) near.group.push(p);
    else spots.push({ cx: px, cy: py, group: [p] });
  }
  for (const { group } of [...spots].reverse()) {
    const [first] = group;
    const r = 5 + 1.5 * Math.sqrt(group.length - 1);
    const names = group.map((p) => `${esc(p.r.file)} · ${esc(p.r.sheet)}：执行率 ${percent(p.r.rate)}，总分 ${num(p.total)}（${p.r.verdict}）`).join("\n");
    const cx = x(first.r.rate!);
    const cy = y(first.total!);
    const tally = VERDICT_ORDER.map((v) => [v, group.filter((p) => p.r.verdict === v).length] as const).filter(([, k]) => k > 0);
    const mix = group.length > 1 ? `${group.length} 张表（${tally.map(([v, k]) => `${v} ${k}`).join("，")}）：\n` : "";
    parts.push(
      `<g class="spot">${pointSlices(cx, cy, r, group.map((p) => p.r))}` +
        `<circle class="point" data-open="${group.map((p) => p.i + 1).join(" ")}" data-count="${group.length}" ${tally.map(([v, k]) => `data-${VERDICT_CLASS[v]}="${k}"`).join(" ")} role="button" tabindex="0" cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r.toFixed(1)}"><title>${mix}${names}</title></circle>` +
        (group.length > 1 ? `<text class="count" x="${cx.toFixed(1)}" y="${(cy + 4).toFixed(1)}" text-anchor="middle">${group.length}</text>` : "") +
        `</g>`,
    );
  }
  // The legend: the verdicts drawn, and how a shared point shows them.
  const drawn = VERDICT_ORDER.filter((v) => v !== "无法识别" || points.some((p) => p.r.verdict === v));
  const ly = H - 12;
  let lx = left;
  for (const v of ["通过", ...drawn.filter((d) => d !== "通过")] as Verdict[]) {
    parts.push(`<circle class="swatch ${VERDICT_CLASS[v]}" data-verdict="${v}" cx="${lx + 5}" cy="${ly - 4}" r="5"/><text class="legend" x="${lx + 14}" y="${ly}">${v}</text>`);
    lx += 28 + 13 * v.length;
  }
  parts.push(`<text class="legend note" x="${lx + 4}" y="${ly}">重合的表按结论比例分色</text>`);
  const caption =
    `每个点是一张表（总分按规则计算；不计分的表用表中总分，没有总分的不画），颜色为复核结论；重合的表合为一点、标出张数，按各结论的张数分色；点击一点可查看这些表的问题。` +
    (missing > 0 ? ` ${missing} 张表缺少执行率或总分，未画出。` : "");
  return figure("chart-scatter", "执行率与总分", svg(W, H, "各表的执行率与总分", parts), caption);
}

function ticks(max: number): number[] {
  const step = max <= 5 ? 1 : Math.ceil(max / 5);
  const out: number[] = [];
  for (let t = 0; t <= max; t += step) out.push(t);
  return out;
}

function svg(w: number, h: number, label: string, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}">${parts.join("")}</svg>`;
}

function figure(id: string, title: string, body: string, caption: string): string {
  return `<figure id="${id}"><figcaption><strong>${esc(title)}</strong>${caption ? `<span>${esc(caption)}</span>` : ""}</figcaption>${body}</figure>`;
}

// ————— tables —————

/**
 * Column widths, as classes on <col> (the policy allows no style attributes). The tables are laid
 * out fixed at the page's width: the narrow columns get what their figures need, the text columns
 * share the rest and wrap, so at 1,280 px the whole table is on the screen.
 */
type Width = "c-no" | "c-verdict" | "c-open" | "c-count" | "c-kind" | "c-score" | "c-grade" | "c-rate" | "c-amount" | "c-cells" | "c-sev" | "c-title" | "c-file" | "c-text";

interface Col {
  label: string;
  type: "num" | "text";
  width: Width;
}

function thead(cols: Col[]): string {
  return (
    `<colgroup>${cols.map((c) => `<col class="${c.width}">`).join("")}</colgroup>` +
    `<thead><tr>${cols.map((c, i) => `<th scope="col"><button type="button" class="sort" data-col="${i}" data-type="${c.type}">${esc(c.label)}</button></th>`).join("")}</tr></thead>`
  );
}

/** A cell; `value` is what it sorts by (numbers exactly; text when it shows more than its key). */
const td = (shown: string, value?: number | string | null, cls = ""): string =>
  `<td${cls ? ` class="${cls}"` : ""}${value !== undefined ? ` data-v="${value === null ? "" : esc(value)}"` : ""}>${esc(shown)}</td>`;

/** A finding code that breaks only between its words: `SCORE_RULE_` / `MISMATCH`, never `SCORE_RULE_MI` / `SMATCH`. */
const codeHtml = (code: string): string => (code ? `<code>${esc(code).replace(/_/g, "_<wbr>")}</code>` : "");

/** 文件 and 工作表 in one cell: the file, and under it the sheet. */
function fileCell(r: FormRow): string {
  return `<td class="file" data-v="${esc(`${r.file} ${r.sheet ?? ""}`)}">${esc(r.file)}${r.sheet !== null ? `<span class="sub">${esc(r.sheet)}</span>` : ""}</td>`;
}

/** 项目 and under it 单位. */
function nameCell(r: FormRow): string {
  const shown = [r.project, r.unit].filter((x): x is string => !!x);
  return `<td data-v="${esc(shown.join(" "))}">${esc(r.project ?? "")}${r.unit ? `<span class="sub">${esc(r.unit)}</span>` : ""}</td>`;
}

/** The form's kind without the words every kind shares: 项目支出, 部门整体支出, 转移支付 … */
const shortKind = (label: string): string => label.replace(/绩效自评表|绩效目标/g, "") || label;

/** Stated and computed in one cell: `98.00 → 99.88` where they differ (marked), one figure where they agree. */
function pairCell(stated: string, computed: string, sortBy: number | string | null, what: string): string {
  const differ = stated !== "" && computed !== "" && stated !== computed;
  const shown = stated === computed ? stated : `${stated || "—"} → ${computed || "—"}`;
  const title = `表中填写 ${stated || "—"}，按规则计算 ${computed || "—"}`;
  return `<td class="n pair${differ ? " differ" : ""}" data-v="${sortBy === null ? "" : esc(sortBy)}" title="${esc(`${what}：${title}`)}">${esc(shown)}</td>`;
}

/** A form's problems, one line per kind of finding: its cells, count, message(s) and advice. */
function groupRows(r: FormRow, lead: (g: ProblemGroup) => string): string {
  return groupProblems(r.problems)
    .map((g) => {
      const cells = cellList(g.items.map((i) => i.cell));
      const n = g.items.length;
      const messages = new Set(g.items.map((i) => i.message));
      const more =
        messages.size > 1
          ? `<details><summary>逐格说明（${n} 条）</summary><ul>${g.items.map((i) => `<li><b>${esc(i.cell ?? "整表")}</b> ${esc(i.message)}</li>`).join("")}</ul></details>`
          : "";
      return (
        `<tr class="${SEVERITY_CLASS[g.severity]}" data-count="${n}">` +
        lead(g) +
        `<td class="cells" data-v="${esc(cells.join("、"))}">${esc(cells.join("、"))}</td>` +
        td(SEVERITY_LABEL[g.severity], undefined, "sev") +
        `<td data-v="${esc(g.title)}">${esc(g.title)}${n > 1 ? ` <span class="times">×${n}</span>` : ""}${codeHtml(g.code)}</td>` +
        `<td>${esc(g.items[0].message)}${more}</td>` +
        td(g.advice) +
        `</tr>`
      );
    })
    .join("");
}

const GROUP_COLS: Col[] = [
  { label: "单元格", type: "text", width: "c-cells" },
  { label: "严重程度", type: "text", width: "c-sev" },
  { label: "问题", type: "text", width: "c-title" },
  { label: "说明", type: "text", width: "c-text" },
  { label: "整改建议", type: "text", width: "c-text" },
];

function problemTable(r: FormRow): string {
  if (r.problems.length === 0) return `<p class="empty">未发现问题。</p>`;
  const cols = GROUP_COLS.map((c) => `<col class="${c.width}">`).join("");
  return `<table class="findings fixed"><colgroup>${cols}</colgroup><thead><tr>${GROUP_COLS.map((c) => `<th scope="col">${esc(c.label)}</th>`).join("")}</tr></thead><tbody>${groupRows(r, () => "")}</tbody></table>`;
}

function summaryTable(rows: FormRow[], sampled: Map<FormRow, number> | null): string {
  // What a reviewer decides by comes first: the verdict and the problems; then which form it is;
  // then its totals and grades; the amounts last.
  const cols: Col[] = [
    { label: "序号", type: "num", width: "c-no" },
    { label: "复核结论", type: "text", width: "c-verdict" },
    { label: "问题", type: "num", width: "c-open" },
    { label: "错误", type: "num", width: "c-count" },
    { label: "警告", type: "num", width: "c-count" },
    { label: "提示", type: "num", width: "c-count" },
    { label: "文件 · 工作表", type: "text", width: "c-file" },
    { label: "项目 · 单位", type: "text", width: "c-text" },
    { label: "表格类型", type: "text", width: "c-kind" },
    { label: "总分（表中 → 计算）", type: "num", width: "c-score" },
    { label: "等级（表中 → 计算）", type: "text", width: "c-grade" },
    { label: "执行率", type: "num", width: "c-rate" },
    { label: "预算数（万元）", type: "num", width: "c-amount" },
    { label: "执行数（万元）", type: "num", width: "c-amount" },
    ...(sampled ? [{ label: "抽查", type: "num" as const, width: "c-count" as const }] : []),
  ];
  const bodies = rows.map((r, i) => {
    const no = i + 1;
    const n = r.problems.length;
    const cells = [
      td(String(no), no, "n"),
      `<td class="verdict ${VERDICT_CLASS[r.verdict]}">${esc(r.verdict)}</td>`,
      `<td data-v="${n}">${n ? `<button type="button" class="toggle" data-toggle="${no}" aria-expanded="false" aria-controls="detail-${no}" aria-label="查看 ${n} 个问题">${n} 个问题</button>` : "无"}</td>`,
      td(String(r.errors), r.errors, r.errors ? "n error" : "n"),
      td(String(r.warnings), r.warnings, r.warnings ? "n warning" : "n"),
      td(String(r.infos), r.infos, "n"),
      fileCell(r),
      nameCell(r),
      td(shortKind(r.kindLabel)),
      pairCell(num(r.statedTotal), num(r.computedTotal), r.computedTotal ?? r.statedTotal, "总分"),
      pairCell(r.statedGrade ?? "", r.computedGrade ?? "", r.computedGrade ?? r.statedGrade, "等级"),
      td(percent(r.rate), r.rate, "n"),
      td(amount(r.budget), r.budget, "n"),
      td(amount(r.spent), r.spent, "n"),
      ...(sampled ? [td(sampled.has(r) ? String(sampled.get(r)) : "", sampled.get(r) ?? null, "n")] : []),
    ];
    return (
      `<tbody class="form" id="form-${no}"><tr class="main">${cells.join("")}</tr>` +
      `<tr class="detail" id="detail-${no}" hidden><td colspan="${cols.length}"><div class="detail-head">${esc(r.file)}${r.sheet !== null ? ` · ${esc(r.sheet)}` : ""}</div>${problemTable(r)}</td></tr></tbody>`
    );
  });
  return `<table id="summary" class="sortable fixed" data-groups="tbody">${thead(cols)}${bodies.join("")}</table>`;
}

/** 问题清单: every form's problems, one line per kind of finding of a form, with the advice to send back. */
function allProblemsTable(rows: FormRow[]): string {
  const cols: Col[] = [
    { label: "汇总序号", type: "num", width: "c-no" },
    { label: "文件 · 工作表", type: "text", width: "c-file" },
    ...GROUP_COLS,
  ];
  const body = rows.map((r, i) => groupRows(r, () => `<td data-v="${i + 1}"><button type="button" class="link" data-open="${i + 1}">${i + 1}</button></td>${fileCell(r)}`)).join("");
  return `<table id="problems" class="sortable fixed" data-groups="tr">${thead(cols)}<tbody>${body}</tbody></table>`;
}

function sampleTable(spot: SpotCheck, no: Map<FormRow, number>): string {
  const cols: Col[] = [
    { label: "抽查序号", type: "num", width: "c-no" },
    { label: "汇总序号", type: "num", width: "c-no" },
    { label: "文件 · 工作表", type: "text", width: "c-file" },
    { label: "预算数（万元）", type: "num", width: "c-amount" },
    { label: "错误", type: "num", width: "c-count" },
    { label: "警告", type: "num", width: "c-count" },
    { label: "抽中理由", type: "text", width: "c-text" },
  ];
  const body = spot.picked
    .map((p) => {
      const n = no.get(p.row)!;
      return `<tr>${td(String(p.order), p.order, "n")}<td data-v="${n}"><button type="button" class="link" data-open="${n}">${n}</button></td>${fileCell(p.row)}${td(amount(p.row.budget), p.row.budget, "n")}${td(String(p.row.errors), p.row.errors, "n")}${td(String(p.row.warnings), p.row.warnings, "n")}${td(p.reason)}</tr>`;
    })
    .join("");
  const note =
    `随机种子 ${spot.seed}：用 jxzp check --sample ${spot.requested} --seed ${spot.seed} 校验同一批文件，得到同样的名单。` +
    `从 ${spot.eligible} 张表中抽取 ${spot.picked.length} 张；有错误、预算大的表更容易抽中（抽中权重 = 问题系数 × 预算系数）。`;
  return `<p>${esc(note)}</p><table id="sample" class="sortable fixed" data-groups="tr">${thead(cols)}<tbody>${body}</tbody></table>`;
}

// ————— page —————

const STYLE = `
:root{--ok:#2e7d32;--bad:#c62828;--unread:#6a1b9a;--warn:#ef6c00;--info:#1565c0;--stated:#90a4ae;--computed:#f57c00;--line:#d0d7de}
*{box-sizing:border-box}
body{margin:0;padding:16px 24px;font:14px/1.5 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
nav a{margin-right:16px}
.meta{color:#57606a;margin:0 0 8px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0;padding:12px;border:1px solid var(--line);border-radius:6px;flex:1 1 340px;max-width:426px;min-width:0}
figure svg{width:100%;height:auto;display:block}
figcaption{display:flex;flex-direction:column;margin-bottom:8px}figcaption span{color:#57606a;font-size:12px}
svg text{font-family:inherit;font-size:12px;fill:#1f2328}svg .tick{fill:#57606a;font-size:11px}svg .legend{font-size:12px}svg .legend.note{fill:#57606a}
svg .grid{stroke:#eaeef2}svg .mark{stroke:#57606a;stroke-dasharray:4 3}
svg .stated{fill:var(--stated)}svg .computed{fill:var(--computed)}
svg .error{fill:var(--bad)}svg .warning{fill:var(--warn)}svg .info{fill:var(--info)}
svg .slice.ok,svg .swatch.ok{fill:var(--ok)}svg .slice.bad,svg .swatch.bad{fill:var(--bad)}svg .slice.unread,svg .swatch.unread{fill:var(--unread)}
svg .slice{fill-opacity:.85}
svg .point{fill:transparent;stroke:#fff;stroke-width:1;cursor:pointer}
svg .point:hover,svg .point:focus{stroke:#000;stroke-width:2;outline:none}
svg .count{fill:#fff;font-size:10px;font-weight:600;pointer-events:none}
table{border-collapse:collapse;font-size:13px}
table.fixed{table-layout:fixed;width:100%}
th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#f0f4f8;line-height:1.3}
col.c-no{width:3.6em}col.c-verdict{width:5.2em}col.c-open{width:6.8em}col.c-count{width:3.5em}col.c-kind{width:7em}
col.c-score{width:7.4em}col.c-grade{width:5.4em}col.c-rate{width:5.8em}col.c-amount{width:7.8em}
col.c-cells{width:7.5em}col.c-sev{width:3.8em}col.c-title{width:10em}col.c-file{width:14em}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.pair{white-space:normal}
.sub{display:block;color:#57606a;font-size:12px}
button.sort{all:unset;cursor:pointer;font-weight:600;overflow-wrap:anywhere}
th[aria-sort=ascending] button.sort::after{content:" ▲"}th[aria-sort=descending] button.sort::after{content:" ▼"}
button.toggle,button.link{cursor:pointer;border:1px solid var(--line);background:#f6f8fa;border-radius:4px;padding:1px 6px;font:inherit;white-space:nowrap}
td.verdict.ok{color:var(--ok)}td.verdict.bad{color:var(--bad);font-weight:600}td.verdict.unread{color:var(--unread);font-weight:600}
td.error{color:var(--bad);font-weight:600}td.warning{color:var(--warn)}td.differ{color:var(--bad);font-weight:600}
tr.detail>td{background:#fafbfc;padding:8px 12px}
.detail-head{font-weight:600;margin-bottom:6px}
tr.error td.sev{color:var(--bad)}tr.warning td.sev{color:var(--warn)}tr.info td.sev{color:var(--info)}
.times{color:#57606a;font-weight:600;white-space:nowrap}
details summary{cursor:pointer;color:#0969da;font-size:12px}details ul{margin:4px 0 0;padding-left:18px}
tbody.form.open>tr.main{background:#fff8e1}
.empty{color:#57606a}
code{display:block;font-size:11px;color:#57606a;overflow-wrap:normal;word-break:normal;white-space:normal}
`;

// Sorting and opening a form's problems. No data is read from anywhere but the page itself.
const SCRIPT = `
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-CN", { numeric: true });
  function blank(k) { return k === null || k === ""; }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var byGroup = table.getAttribute("data-groups") === "tbody";
    table.querySelectorAll("thead button.sort").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var th = btn.parentElement;
        var col = Number(btn.getAttribute("data-col"));
        var numeric = btn.getAttribute("data-type") === "num";
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var parent = byGroup ? table : table.tBodies[0];
        var items = Array.prototype.slice.call(byGroup ? table.tBodies : parent.rows);
        var keyed = items.map(function (item, i) {
          var cell = (byGroup ? item.rows[0] : item).cells[col];
          var v = cell.getAttribute("data-v");
          var k = numeric ? (blank(v) ? null : Number(v)) : (v !== null ? v : cell.textContent);
          return { item: item, k: k, i: i };
        });
        var sign = dir === "ascending" ? 1 : -1;
        keyed.sort(function (a, b) {
          if (blank(a.k) || blank(b.k)) return blank(a.k) && blank(b.k) ? a.i - b.i : blank(a.k) ? 1 : -1;
          var c = numeric ? a.k - b.k : collator.compare(a.k, b.k);
          return c * sign || a.i - b.i;
        });
        keyed.forEach(function (x) { parent.appendChild(x.item); });
      });
    });
  });
  function setOpen(no, open) {
    var detail = document.getElementById("detail-" + no);
    var body = document.getElementById("form-" + no);
    if (!detail || !body) return;
    detail.hidden = !open;
    body.classList.toggle("open", open);
    var btn = body.querySelector("button.toggle");
    if (btn) btn.setAttribute("aria-expanded", String(open));
  }
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var toggle = t.closest("[data-toggle]");
    if (toggle) {
      var no = toggle.getAttribute("data-toggle");
      setOpen(no, document.getElementById("detail-" + no).hidden);
      return;
    }
    var open = t.closest("[data-open]");
    if (open) {
      var list = open.getAttribute("data-open").split(" ");
      list.forEach(function (n) { setOpen(n, true); });
      document.getElementById("form-" + list[0]).scrollIntoView({ block: "start" });
    }
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if ((e.key === "Enter" || e.key === " ") && t instanceof Element && t.matches("circle[data-open]")) {
      e.preventDefault();
      t.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    }
  });
})();
`;

const sha256 = (text: string): string => `'sha256-${sha256Base64(text)}'`;

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * The HTML report: one file that opens offline. Styles, script and charts are inline; the page's
 * Content-Security-Policy allows only that style and that script (by hash) and no request of any
 * kind, so even a cell that escaped escaping could neither run nor fetch anything.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { rows, spot } = input;
  const no = new Map(rows.map((r, i) => [r, i + 1]));
  const sampled = spot ? new Map(spot.picked.map((p) => [p.row, p.order])) : null;
  const forms = rows.filter((r) => r.sheet !== null).length;
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  const sev = (s: Severity) => rows.reduce((n, r) => n + r.problems.filter((p) => p.severity === s).length, 0);
  const meta =
    `生成于 ${stamp(input.generatedAt)}。共 ${input.files} 个文件、${forms} 张表；` +
    `通过 ${count("通过")}，需修改 ${count("需修改")}，无法识别 ${count("无法识别")}；` +
    `错误 ${sev("error")} 处，警告 ${sev("warning")} 处，提示 ${sev("info")} 处。表格按问题从多到少排列，点击表头可排序。` +
    (input.folder ? `文件名相对于所校验的文件夹“${input.folder}”。` : "");
  const csp = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${esc(PROGRAM_STAMP)}">
<title>绩效自评复核报告</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>绩效自评复核报告</h1>
<p class="meta" id="meta">${esc(meta)}</p>
<p class="meta" id="program">${esc(`由${PROGRAM_STAMP}生成。`)}</p>
<nav><a href="#charts">图表</a><a href="#forms">汇总</a>${spot ? `<a href="#spot">抽查</a>` : ""}<a href="#all-problems">问题清单</a></nav>
</header>
<main>
<section id="charts"><h2>一览</h2><div class="charts">${gradeChart(rows)}${codeChart(rows)}${scatterChart(rows)}</div></section>
<section id="forms"><h2>汇总（每张表一行，点击“N 个问题”展开该表的问题）</h2>${summaryTable(rows, sampled)}</section>
${spot ? `<section id="spot"><h2>抽查</h2>${sampleTable(spot, no)}</section>` : ""}
<section id="all-problems"><h2>问题清单</h2>${allProblemsTable(rows)}</section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** Writes the report beside its target and renames it, so a failed run leaves no half a page. */
export function writeHtmlReport(file: string, input: HtmlReportInput): void {
  const part = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.part`);
  try {
    fs.writeFileSync(part, renderHtmlReport(input));
    fs.renameSync(part, file);
  } catch (e) {
    fs.rmSync(part, { force: true });
    throw e;
  }
}
