/**
 * `npm run compare:readers DIR [--jobs N] [--timeout S] [--json OUT] [--all]`: reads every workbook
 * under DIR (.xlsx, .xlsm, .xls) with our reader and with SheetJS (a development-only oracle), each
 * file in a child process bounded in time and memory, and lists every cell where they disagree.
 * Disagreements the project makes on purpose are labelled "by design"; the rest are for a person
 * to classify (ours wrong / oracle wrong). A development tool: it prints figures, it is no test.
 */
import { ChildProcess, fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ChildMessage, Compared, SheetCells, SideResult } from "./compare-child";
import { GRID_LIMITS } from "../src/readers/grid-builder";
import { parseA1, parseRange } from "../src/scoring/grid/address";

const EXTENSIONS = /\.(xlsx|xlsm|xls)$/i;

interface Options {
  dir: string;
  jobs: number;
  timeoutMs: number;
  json: string | null;
  /** Print from the results of an earlier run instead of reading the files again. */
  from: string | null;
  all: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { dir: "", jobs: Math.max(1, os.availableParallelism?.() ?? os.cpus().length), timeoutMs: 120000, json: null, from: null, all: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--jobs") o.jobs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === "--timeout") o.timeoutMs = Math.max(1, Number(argv[++i]) || 120) * 1000;
    else if (a === "--json") o.json = argv[++i];
    else if (a === "--all") o.all = true;
    else if (a === "--from") o.from = argv[++i];
    else o.dir = a;
  }
  if (!o.dir) throw new Error("用法：npm run compare:readers 文件夹 [--jobs N] [--timeout 秒] [--json 结果.json] [--from 上次的结果.json] [--all]");
  return o;
}

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && EXTENSIONS.test(e.name) && !e.name.startsWith("~$")) out.push(p);
  }
}

type Outcome = "both" | "ours-refused" | "oracle-refused" | "both-refused" | "ours-timeout" | "oracle-timeout" | "ours-crash" | "oracle-crash";

interface Difference {
  sheet: string;
  cell: string;
  kind: string;
  /** "by design" when the project differs on purpose; otherwise a person classifies it. */
  design: boolean;
  ours: Compared | null;
  oracle: Compared | null;
}

interface FileReport {
  file: string;
  format: "xlsx" | "xls";
  outcome: Outcome;
  oursMs?: number;
  oracleMs?: number;
  oursError?: string;
  oracleError?: string;
  cells: number;
  matched: number;
  /** The first MAX_KEPT differences; the counts are of all. */
  differences: Difference[];
  differenceCount: number;
  designCount: number;
}

const MAX_KEPT = 2000;

/** The cell is covered by a merged area without being its top-left cell: Excel shows it empty. */
function mergedAway(merges: string[], cell: string): boolean {
  const p = parseA1(cell);
  if (!p) return false;
  return merges.some((t) => {
    const m = parseRange(t);
    return m !== null && p.row >= m.top && p.row <= m.bottom && p.col >= m.left && p.col <= m.right && !(p.row === m.top && p.col === m.left);
  });
}

function beyondLimits(cell: string): boolean {
  const p = parseA1(cell);
  return p !== null && (p.row >= GRID_LIMITS.rows || p.col >= GRID_LIMITS.cols);
}

function sameValue(a: Compared[0], b: Compared[0]): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return a === b;
}

function compareSheet(ours: SheetCells, oracle: SheetCells): { cells: number; matched: number; differences: Difference[] } {
  const out: Difference[] = [];
  const keys = new Set([...Object.keys(ours.cells), ...Object.keys(oracle.cells)]);
  let matched = 0;
  const merges = [...ours.merges, ...oracle.merges];
  for (const cell of keys) {
    const a = ours.cells[cell] ?? null;
    const b = oracle.cells[cell] ?? null;
    const d = (kind: string, design = false) => out.push({ sheet: ours.name, cell, kind, design, ours: a, oracle: b });
    if (a && b) {
      if (!sameValue(a[0], b[0])) {
        // The core reads every date serial as 1900-based: a 1904 workbook's dates are moved on purpose.
        if (typeof a[0] === "number" && typeof b[0] === "number" && a[1] && b[1] && sameValue(a[0] - 1462, b[0])) d("1904 date as its 1900 serial", true);
        else if (typeof a[0] !== typeof b[0]) d(`type ${typeof a[0]}≠${typeof b[0]}`);
        else if (typeof a[0] === "string" && String(a[0]).replace(/\s+/g, " ").trim() === String(b[0]).replace(/\s+/g, " ").trim()) d("white space");
        else d("value");
      } else if (a[1] !== b[1]) d("date format");
      else matched++;
    } else if (b) {
      if (beyondLimits(cell)) d("beyond the read limits", true);
      else if (mergedAway(merges, cell)) d("inside a merged area", true);
      else d("missing in ours");
    } else if (a) d("missing in oracle");
  }
  return { cells: keys.size, matched, differences: out };
}

function compareFile(file: string, ours: SideResult, oracle: SideResult): FileReport {
  const format = /\.xls$/i.test(file) ? "xls" : "xlsx";
  const base = { file, format, oursMs: ours.ms, oracleMs: oracle.ms, cells: 0, matched: 0, differences: [] as Difference[], differenceCount: 0, designCount: 0 } as const;
  if (!ours.ok || !oracle.ok) {
    const outcome: Outcome = !ours.ok && !oracle.ok ? "both-refused" : !ours.ok ? "ours-refused" : "oracle-refused";
    return { ...base, outcome, oursError: ours.error, oracleError: oracle.error, differences: [] };
  }
  const r: FileReport = { ...base, outcome: "both", differences: [] };
  const n = Math.max(ours.sheets.length, oracle.sheets.length);
  for (let i = 0; i < n; i++) {
    const a = ours.sheets[i];
    const b = oracle.sheets[i];
    if (!a || !b) {
      const s = (a ?? b)!;
      const cells = Object.keys(s.cells).length;
      r.cells += cells;
      r.differences.push({ sheet: s.name, cell: "", kind: a ? "sheet only in ours" : "sheet only in oracle", design: false, ours: null, oracle: null });
      r.differenceCount++;
      continue;
    }
    if (a.name !== b.name) {
      r.differences.push({ sheet: a.name, cell: "", kind: `sheet name ≠ ${b.name}`, design: false, ours: null, oracle: null });
      r.differenceCount++;
    }
    const c = compareSheet(a, b);
    r.cells += c.cells;
    r.matched += c.matched;
    for (const d of c.differences) if (r.differences.length < MAX_KEPT) r.differences.push(d);
    r.differenceCount += c.differences.filter((d) => !d.design).length;
    r.designCount += c.differences.filter((d) => d.design).length;
  }
  return r;
}

function show(c: Compared | null): string {
  if (!c) return "—";
  const v = typeof c[0] === "string" ? JSON.stringify(c[0].length > 60 ? `${c[0].slice(0, 60)}…` : c[0]) : String(c[0]);
  return c[1] ? `${v} (date)` : v;
}

interface Pending {
  file: string;
  ours?: SideResult;
  timer: NodeJS.Timeout;
}

async function run(o: Options): Promise<FileReport[]> {
  const files: string[] = [];
  walk(o.dir, files);
  const child = path.join(__dirname, "compare-child.js");
  const reports: FileReport[] = new Array(files.length);
  let next = 0;
  let done = 0;
  await new Promise<void>((resolveAll) => {
    const start = () => {
      if (next >= files.length) return;
      const p: ChildProcess = fork(child, [], { execArgv: ["--max-old-space-size=1536"], serialization: "advanced", stdio: ["ignore", "ignore", "ignore", "ipc"] });
      let current: { index: number; pending: Pending } | null = null;
      const finish = (r: FileReport) => {
        clearTimeout(current!.pending.timer);
        reports[current!.index] = r;
        current = null;
        done++;
        if (done % 100 === 0) process.stderr.write(`已比较 ${done}/${files.length}\n`);
        if (done === files.length) resolveAll();
      };
      const failed = (why: "timeout" | "crash") => {
        if (!current) return;
        const pending = current.pending;
        const side = pending.ours ? "oracle" : "ours";
        finish({ file: pending.file, format: /\.xls$/i.test(pending.file) ? "xls" : "xlsx", outcome: `${side}-${why}` as Outcome, oursMs: pending.ours?.ms, cells: 0, matched: 0, differences: [], differenceCount: 0, designCount: 0, oursError: pending.ours?.error });
      };
      const feed = () => {
        if (next >= files.length) {
          p.kill();
          return;
        }
        const index = next++;
        const file = files[index];
        current = { index, pending: { file, timer: setTimeout(() => (failed("timeout"), p.kill("SIGKILL")), o.timeoutMs) } };
        p.send(file);
      };
      p.on("message", (m: ChildMessage) => {
        if (!current || m.file !== current.pending.file) return;
        if (m.stage === "ours") current.pending.ours = m.result;
        else {
          finish(compareFile(m.file, current.pending.ours!, m.result));
          feed();
        }
      });
      p.on("exit", () => {
        if (current) failed("crash");
        // A dead child's place goes to a new one, which takes the next file.
        start();
      });
      feed();
    };
    if (files.length === 0) resolveAll();
    for (let i = 0; i < Math.min(o.jobs, files.length); i++) start();
  });
  return reports;
}

function summary(reports: FileReport[], format: "xlsx" | "xls"): string[] {
  const rs = reports.filter((r) => r.format === format);
  if (rs.length === 0) return [];
  const count = (o: Outcome) => rs.filter((r) => r.outcome === o).length;
  const both = rs.filter((r) => r.outcome === "both");
  const cells = both.reduce((s, r) => s + r.cells, 0);
  const matched = both.reduce((s, r) => s + r.matched, 0);
  const designed = both.reduce((s, r) => s + r.designCount, 0);
  const exact = both.filter((r) => r.differenceCount === 0).length;
  const oursMs = both.reduce((s, r) => s + (r.oursMs ?? 0), 0);
  const oracleMs = both.reduce((s, r) => s + (r.oracleMs ?? 0), 0);
  const pct = (a: number, b: number) => (b === 0 ? "—" : `${((100 * a) / b).toFixed(2)} %`);
  return [
    `.${format}：${rs.length} 个文件；两者都读出 ${both.length}，只有我们拒绝 ${count("ours-refused")}，只有 SheetJS 拒绝 ${count("oracle-refused")}，都拒绝 ${count("both-refused")}，` +
      `超时（我们/SheetJS）${count("ours-timeout")}/${count("oracle-timeout")}，进程崩溃（我们/SheetJS）${count("ours-crash")}/${count("oracle-crash")}`,
    `  两者都读出的文件中：单元格一致 ${pct(matched, cells - designed)}（${matched}/${cells - designed}；另有 ${designed} 格按设计不同，不计），文件完全一致 ${pct(exact, both.length)}（${exact}/${both.length}）`,
    `  读取用时合计：我们 ${(oursMs / 1000).toFixed(2)} 秒，SheetJS ${(oracleMs / 1000).toFixed(2)} 秒（${oracleMs ? (oursMs / oracleMs).toFixed(2) : "—"}×）`,
  ];
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const reports = o.from ? (JSON.parse(fs.readFileSync(o.from, "utf8")) as FileReport[]) : await run(o);
  const lines: string[] = [];
  for (const r of reports) {
    const rel = path.relative(o.dir, r.file);
    if (r.outcome !== "both") {
      lines.push(`${rel}：${r.outcome}${r.oursError ? `；我们：${r.oursError}` : ""}${r.oracleError ? `；SheetJS：${r.oracleError}` : ""}`);
      continue;
    }
    const real = r.differences.filter((d) => !d.design);
    if ((r.differenceCount ?? r.differences.filter((d) => !d.design).length) === 0) continue;
    lines.push(`${rel}：${r.differenceCount} 处不同（共 ${r.cells} 格）`);
    for (const d of o.all ? real : real.slice(0, 12)) lines.push(`  ${d.sheet}!${d.cell} [${d.kind}] 我们 ${show(d.ours)}；SheetJS ${show(d.oracle)}`);
    const shown = o.all ? real.length : Math.min(12, real.length);
    if (r.differenceCount > shown) lines.push(`  ……另有 ${r.differenceCount - shown} 处`);
  }
  lines.push("", ...summary(reports, "xlsx"), ...summary(reports, "xls"));
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(reports, null, 1));
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((e) => {
  process.stderr.write(`比较失败：${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
