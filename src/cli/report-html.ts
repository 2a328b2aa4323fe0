import { createHash } from "crypto";
import Decimal from "decimal.js";
import { SEVERITY_LABEL, type Severity } from "../scoring/findings/findings";
import { HTML_MARK } from "./outputs/report-marks";
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

function scatterChart(rows: FormRow[]): string {
  const points = rows
    .map((r, i) => ({ r, i, total: r.computedTotal ?? r.statedTotal }))
    .filter((p) => p.r.sheet !== null && p.r.rate !== null && p.total !== null);
  const missing = rows.filter((r) => r.sheet !== null && r.verdict !== "无法识别").length - points.length;
  const W = 400;
  const H = 260;
  const left = 44;
  const right = W - 22;
  const top = 12;
  const bottom = H - 44;
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
    `<text class="axis" x="${(left + right) / 2}" y="${H - 6}" text-anchor="middle">执行率</text>`,
    `<text class="axis" x="12" y="${(top + bottom) / 2}" text-anchor="middle" transform="rotate(-90 12 ${(top + bottom) / 2})">总分</text>`,
  );
  // Forms at (nearly) the same spot — many score 100 at 100% — are one point that opens them all,
  // so that none hides under another: each joins the first point within 8 px of it. Points come
  // worst first, so the worst form's colour shows and its point is drawn last, on top.
  const spots: { cx: number; cy: number; group: typeof points }[] = [];
  for (const p of points) {
    const [px, py] = [x(p.r.rate!), y(p.total!)];
    const near = spots.find((s) => Math.hypot(s.cx - px, s.cy - py) < 8);
    if (near) near.group.push(p);
    else spots.push({ cx: px, cy: py, group: [p] });
  }
  for (const { group } of [...spots].reverse()) {
    const [worst] = group;
    const r = 5 + 1.5 * Math.sqrt(group.length - 1);
    const names = group.map((p) => `${esc(p.r.file)} · ${esc(p.r.sheet)}：执行率 ${percent(p.r.rate)}，总分 ${num(p.total)}（${p.r.verdict}）`).join("\n");
    const cx = x(worst.r.rate!).toFixed(1);
    const cy = y(worst.total!).toFixed(1);
    parts.push(
      `<circle class="point ${VERDICT_CLASS[worst.r.verdict]}" data-open="${group.map((p) => p.i + 1).join(" ")}" data-count="${group.length}" role="button" tabindex="0" cx="${cx}" cy="${cy}" r="${r.toFixed(1)}"><title>${group.length > 1 ? `${group.length} 张表：\n` : ""}${names}</title></circle>`,
    );
    if (group.length > 1) parts.push(`<text class="count" x="${cx}" y="${(Number(cy) + 4).toFixed(1)}" text-anchor="middle">${group.length}</text>`);
  }
  const caption =
    `每个点是一张表（总分按规则计算；不计分的表用表中总分，没有总分的不画），颜色为复核结论，重合的表合为一点并标出张数；点击一点可查看这些表的问题。` +
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

/** Column widths, as classes (the policy allows no style attributes): the tables grow sideways and scroll rather than squeeze words into a column one character wide. */
type Width = "w-n" | "w-s" | "w-m" | "w-file" | "w-long";

interface Col {
  label: string;
  type: "num" | "text";
  width: Width;
}

function thead(cols: Col[]): string {
  return `<thead><tr>${cols.map((c, i) => `<th scope="col" class="${c.width}"><button type="button" class="sort" data-col="${i}" data-type="${c.type}">${esc(c.label)}</button></th>`).join("")}</tr></thead>`;
}

/** A cell; numbers carry their exact value for sorting, text sorts by what it shows. */
const td = (shown: string, value?: number | null, cls = ""): string =>
  `<td${cls ? ` class="${cls}"` : ""}${value !== undefined ? ` data-v="${value === null ? "" : value}"` : ""}>${esc(shown)}</td>`;

function problemTable(r: FormRow): string {
  if (r.problems.length === 0) return `<p class="empty">未发现问题。</p>`;
  const rows = r.problems
    .map(
      (p) =>
        `<tr class="${SEVERITY_CLASS[p.severity]}"><td>${esc(p.cell ?? "整表")}</td><td>${esc(SEVERITY_LABEL[p.severity])}</td><td>${esc(p.title)}${p.code ? `<br><code>${esc(p.code)}</code>` : ""}</td><td>${esc(p.message)}</td><td>${esc(p.advice)}</td></tr>`,
    )
    .join("");
  return `<table class="findings"><thead><tr><th class="w-n">单元格</th><th class="w-n">严重程度</th><th class="w-m">问题</th><th class="w-long">说明</th><th class="w-long">整改建议</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function summaryTable(rows: FormRow[], sampled: Map<FormRow, number> | null): string {
  const cols: Col[] = [
    { label: "序号", type: "num", width: "w-n" },
    { label: "文件", type: "text", width: "w-file" },
    { label: "工作表", type: "text", width: "w-m" },
    { label: "单位", type: "text", width: "w-m" },
    { label: "项目", type: "text", width: "w-m" },
    { label: "表格类型", type: "text", width: "w-m" },
    { label: "预算数（万元）", type: "num", width: "w-s" },
    { label: "执行数（万元）", type: "num", width: "w-s" },
    { label: "执行率", type: "num", width: "w-s" },
    { label: "总分（表中）", type: "num", width: "w-s" },
    { label: "总分（计算）", type: "num", width: "w-s" },
    { label: "等级（表中）", type: "text", width: "w-n" },
    { label: "等级（计算）", type: "text", width: "w-n" },
    { label: "错误", type: "num", width: "w-n" },
    { label: "警告", type: "num", width: "w-n" },
    { label: "提示", type: "num", width: "w-n" },
    { label: "复核结论", type: "text", width: "w-n" },
    ...(sampled ? [{ label: "抽查", type: "num" as const, width: "w-n" as const }] : []),
    { label: "问题", type: "num", width: "w-s" },
  ];
  const bodies = rows.map((r, i) => {
    const no = i + 1;
    const n = r.problems.length;
    const cells = [
      td(String(no), no),
      td(r.file),
      td(r.sheet ?? ""),
      td(r.unit ?? ""),
      td(r.project ?? ""),
      td(r.kindLabel),
      td(amount(r.budget), r.budget, "n"),
      td(amount(r.spent), r.spent, "n"),
      td(percent(r.rate), r.rate, "n"),
      td(num(r.statedTotal), r.statedTotal, "n"),
      td(num(r.computedTotal), r.computedTotal, "n"),
      td(r.statedGrade ?? ""),
      td(r.computedGrade ?? "", undefined, r.statedGrade !== null && r.computedGrade !== null && r.statedGrade !== r.computedGrade ? "differ" : ""),
      td(String(r.errors), r.errors, r.errors ? "n error" : "n"),
      td(String(r.warnings), r.warnings, r.warnings ? "n warning" : "n"),
      td(String(r.infos), r.infos, "n"),
      `<td class="verdict ${VERDICT_CLASS[r.verdict]}">${esc(r.verdict)}</td>`,
      ...(sampled ? [td(sampled.has(r) ? String(sampled.get(r)) : "", sampled.get(r) ?? null, "n")] : []),
      `<td data-v="${n}">${n ? `<button type="button" class="toggle" data-toggle="${no}" aria-expanded="false" aria-controls="detail-${no}">查看 ${n} 个问题</button>` : "无"}</td>`,
    ];
    return (
      `<tbody class="form" id="form-${no}"><tr class="main">${cells.join("")}</tr>` +
      `<tr class="detail" id="detail-${no}" hidden><td colspan="${cols.length}"><div class="detail-head">${esc(r.file)}${r.sheet !== null ? ` · ${esc(r.sheet)}` : ""}</div>${problemTable(r)}</td></tr></tbody>`
    );
  });
  return `<div class="scroll"><table id="summary" class="sortable" data-groups="tbody">${thead(cols)}${bodies.join("")}</table></div>`;
}

function allProblemsTable(rows: FormRow[]): string {
  const cols: Col[] = [
    { label: "汇总序号", type: "num", width: "w-n" },
    { label: "文件", type: "text", width: "w-file" },
    { label: "工作表", type: "text", width: "w-m" },
    { label: "单元格", type: "text", width: "w-n" },
    { label: "严重程度", type: "text", width: "w-n" },
    { label: "问题代码", type: "text", width: "w-m" },
    { label: "问题", type: "text", width: "w-m" },
    { label: "说明", type: "text", width: "w-long" },
    { label: "整改建议", type: "text", width: "w-long" },
  ];
  const body = rows
    .flatMap((r, i) =>
      r.problems.map(
        (p) =>
          `<tr class="${SEVERITY_CLASS[p.severity]}"><td data-v="${i + 1}"><button type="button" class="link" data-open="${i + 1}">${i + 1}</button></td>${td(r.file)}${td(r.sheet ?? "")}${td(p.cell ?? "")}${td(SEVERITY_LABEL[p.severity])}${td(p.code)}${td(p.title)}${td(p.message)}${td(p.advice)}</tr>`,
      ),
    )
    .join("");
  return `<div class="scroll"><table id="problems" class="sortable" data-groups="tr">${thead(cols)}<tbody>${body}</tbody></table></div>`;
}

function sampleTable(spot: SpotCheck, no: Map<FormRow, number>): string {
  const cols: Col[] = [
    { label: "抽查序号", type: "num", width: "w-n" },
    { label: "汇总序号", type: "num", width: "w-n" },
    { label: "文件", type: "text", width: "w-file" },
    { label: "工作表", type: "text", width: "w-m" },
    { label: "预算数（万元）", type: "num", width: "w-s" },
    { label: "错误", type: "num", width: "w-n" },
    { label: "警告", type: "num", width: "w-n" },
    { label: "抽中理由", type: "text", width: "w-long" },
  ];
  const body = spot.picked
    .map((p) => {
      const n = no.get(p.row)!;
      return `<tr>${td(String(p.order), p.order)}<td data-v="${n}"><button type="button" class="link" data-open="${n}">${n}</button></td>${td(p.row.file)}${td(p.row.sheet ?? "")}${td(amount(p.row.budget), p.row.budget, "n")}${td(String(p.row.errors), p.row.errors, "n")}${td(String(p.row.warnings), p.row.warnings, "n")}${td(p.reason)}</tr>`;
    })
    .join("");
  const note =
    `随机种子 ${spot.seed}：用 jxzp check --sample ${spot.requested} --seed ${spot.seed} 校验同一批文件，得到同样的名单。` +
    `从 ${spot.eligible} 张表中抽取 ${spot.picked.length} 张；有错误、预算大的表更容易抽中（抽中权重 = 问题系数 × 预算系数）。`;
  return `<p>${esc(note)}</p><div class="scroll"><table id="sample" class="sortable" data-groups="tr">${thead(cols)}<tbody>${body}</tbody></table></div>`;
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
figure{margin:0;padding:12px;border:1px solid var(--line);border-radius:6px;max-width:426px}
figcaption{display:flex;flex-direction:column;margin-bottom:8px}figcaption span{color:#57606a;font-size:12px}
svg text{font-family:inherit;font-size:12px;fill:#1f2328}svg .tick{fill:#57606a;font-size:11px}svg .legend{font-size:12px}
svg .grid{stroke:#eaeef2}svg .mark{stroke:#57606a;stroke-dasharray:4 3}
svg .stated{fill:var(--stated)}svg .computed{fill:var(--computed)}
svg .error{fill:var(--bad)}svg .warning{fill:var(--warn)}svg .info{fill:var(--info)}
svg .point{stroke:#fff;stroke-width:1;cursor:pointer;fill-opacity:.85}svg .point.ok{fill:var(--ok)}svg .point.bad{fill:var(--bad)}svg .point.unread{fill:var(--unread)}
svg .point:hover,svg .point:focus{stroke:#000;stroke-width:2}
svg .count{fill:#fff;font-size:10px;font-weight:600;pointer-events:none}
.scroll{overflow-x:auto}
table{border-collapse:collapse}
table.sortable{width:max-content;min-width:100%}
th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#f0f4f8;white-space:nowrap}
th.w-n{width:3em}th.w-s{width:6.5em}th.w-m{width:9em}th.w-file{width:16em}th.w-long{width:26em}
td.n{text-align:right;white-space:nowrap}
button.sort{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button.sort::after{content:" ▲"}th[aria-sort=descending] button.sort::after{content:" ▼"}
button.toggle,button.link{cursor:pointer;border:1px solid var(--line);background:#f6f8fa;border-radius:4px;padding:1px 6px;font:inherit;white-space:nowrap}
td.verdict.ok{color:var(--ok)}td.verdict.bad{color:var(--bad);font-weight:600}td.verdict.unread{color:var(--unread);font-weight:600}
td.error{color:var(--bad);font-weight:600}td.warning{color:var(--warn)}td.differ{color:var(--bad);font-weight:600}
tr.detail>td{background:#fafbfc;padding:8px 12px}
.detail-head{font-weight:600;margin-bottom:6px}
table.findings tr.error td:nth-child(2){color:var(--bad)}table.findings tr.warning td:nth-child(2){color:var(--warn)}table.findings tr.info td:nth-child(2){color:var(--info)}
tbody.form.open>tr.main{background:#fff8e1}
.empty{color:#57606a}
code{font-size:12px;color:#57606a;white-space:nowrap;word-break:normal}
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

const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

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
    `错误 ${sev("error")} 处，警告 ${sev("warning")} 处，提示 ${sev("info")} 处。表格按问题从多到少排列，点击表头可排序。`;
  const csp = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
${HTML_MARK}
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>绩效自评复核报告</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>绩效自评复核报告</h1>
<p class="meta" id="meta">${esc(meta)}</p>
<nav><a href="#charts">图表</a><a href="#forms">汇总</a>${spot ? `<a href="#spot">抽查</a>` : ""}<a href="#all-problems">问题清单</a></nav>
</header>
<main>
<section id="charts"><h2>一览</h2><div class="charts">${gradeChart(rows)}${codeChart(rows)}${scatterChart(rows)}</div></section>
<section id="forms"><h2>汇总（每张表一行，点击“查看问题”展开）</h2>${summaryTable(rows, sampled)}</section>
${spot ? `<section id="spot"><h2>抽查</h2>${sampleTable(spot, no)}</section>` : ""}
<section id="all-problems"><h2>问题清单</h2>${allProblemsTable(rows)}</section>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
