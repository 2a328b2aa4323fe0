/**
 * One side of `npm run compare:readers`: a child process that reads workbooks, one at a time, with
 * our reader and with SheetJS (a development-only oracle), and sends back each sheet's cells in one
 * shape for the parent to compare. It says when our read is done, so that a file that kills the
 * process is pinned on the reader that was running.
 */
import * as fs from "fs";
import { performance } from "perf_hooks";
import * as XLSX from "@e965/xlsx";
import { isDateFormat } from "../src/scoring/grid/number-format";
import { readDocument } from "../src/readers/document";
import { describeReadError } from "../src/readers/read-error";
import { openZipNative } from "../src/readers/zip-native";

/** A cell as both readers are compared: its value, and whether its format shows a date. */
export type Compared = [value: string | number | boolean, date: boolean];

export interface SheetCells {
  name: string;
  /** Cells with a value, by A1 address. */
  cells: Record<string, Compared>;
  /** Merged areas (A1 ranges). */
  merges: string[];
}

export interface SideResult {
  ok: boolean;
  /** The message when the file could not be read. */
  error?: string;
  ms: number;
  sheets: SheetCells[];
  /** Sheets the side passed over (chart and macro sheets, for SheetJS). */
  skipped?: string[];
}

export type ChildMessage = { file: string; stage: "ours"; result: SideResult } | { file: string; stage: "oracle"; result: SideResult };

/**
 * A long text as its length, ends and a hash: a cell of a megabyte repeated over thousands of cells
 * would otherwise be copied to the parent once per cell.
 */
const compacted = new Map<string, string>();

function compact(v: string | number | boolean): string | number | boolean {
  if (typeof v !== "string" || v.length <= 1000) return v;
  // Thousands of cells may share one long text: it is hashed once.
  const known = compacted.get(v);
  if (known !== undefined) return known;
  if (compacted.size > 1000) compacted.clear();
  compacted.set(v, compactOnce(v));
  return compacted.get(v)!;
}

function compactOnce(v: string): string {
  let h = 2166136261;
  for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 16777619);
  return `${v.slice(0, 200)}…（共 ${v.length} 字，散列 ${(h >>> 0).toString(16)}）…${v.slice(-50)}`;
}

function a1(row: number, col: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row + 1}`;
}

async function ours(bytes: Uint8Array, file: string): Promise<SideResult> {
  const t = performance.now();
  try {
    const doc = await readDocument(bytes, file, { openZip: openZipNative });
    const ms = performance.now() - t;
    const sheets = doc.grids.map((g): SheetCells => {
      const cells: Record<string, Compared> = {};
      g.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null || v === "") return;
          cells[a1(g.origin.row + r, g.origin.col + c)] = [compact(v), typeof v === "number" && isDateFormat(g.numberFormats?.[r]?.[c] ?? null)];
        }),
      );
      return { name: g.sheet, cells, merges: g.merges };
    });
    return { ok: true, ms, sheets };
  } catch (e) {
    return { ok: false, error: describeReadError(e), ms: performance.now() - t, sheets: [] };
  }
}

interface OracleCell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string | number;
}

function oracle(bytes: Uint8Array): SideResult {
  const t = performance.now();
  try {
    // Default options but dense sheets and number formats kept: z then names each cell's format (built-ins too).
    const wb = XLSX.read(bytes, { type: "array", dense: true, cellNF: true, cellDates: false });
    const ms = performance.now() - t;
    const sheets: SheetCells[] = [];
    const skipped: string[] = [];
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name] as XLSX.WorkSheet & { "!data"?: (OracleCell | undefined)[][] };
      const type = (ws as { "!type"?: string })["!type"];
      if (type === "chart" || type === "macro" || type === "dialog") {
        skipped.push(name);
        continue;
      }
      const cells: Record<string, Compared> = {};
      (ws["!data"] ?? []).forEach((row, r) =>
        row?.forEach((c, col) => {
          if (!c || c.t === "z" || c.v === undefined || c.v === null || c.v === "") return;
          // An error cell's value is its code; Excel and our grids show its text (#N/A).
          const v = c.t === "e" ? (c.w ?? XLSX.utils.format_cell(c as XLSX.CellObject)) : (c.v as string | number | boolean);
          const z = typeof c.z === "string" ? c.z : null;
          cells[a1(r, col)] = [compact(v), c.t === "n" && z !== null && XLSX.SSF.is_date(z)];
        }),
      );
      sheets.push({ name, cells, merges: (ws["!merges"] ?? []).map((m) => XLSX.utils.encode_range(m)) });
    }
    return { ok: true, ms, sheets, skipped };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200), ms: performance.now() - t, sheets: [] };
  }
}

process.on("message", (file: string) => {
  void (async () => {
    const bytes = new Uint8Array(fs.readFileSync(file));
    process.send!({ file, stage: "ours", result: await ours(bytes, file) } satisfies ChildMessage);
    process.send!({ file, stage: "oracle", result: oracle(bytes) } satisfies ChildMessage);
  })();
});
