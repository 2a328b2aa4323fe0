import * as fs from "fs";
import * as path from "path";
import { findProfile, profileChoices } from "../scoring/rules/profiles";
import { allCores, checkBatch, WORKER_MIN_FILES } from "./batch";
import { expandInputs } from "./check-file";
import { fileNamer } from "./display-names";
import { fileFindings } from "./file-result";
import { JsonFilesWriter } from "./json-stream";
import { Progress } from "./progress";
import { addToTotals, formatFile, formatTotals, newTotals } from "./report-text";
import { writeHtmlReport } from "./report-html";
import { ReviewRows } from "./review";
import { defaultSeed, spotCheck, spotCheckJson, spotCheckText, type SpotCheck } from "./sample";
import { sinkOf } from "./sink";
import { writeSummaryWorkbook } from "./summary-xlsx";

export interface CheckOptions {
  json: boolean;
  profile: string | undefined;
  summary: string | undefined;
  html: string | undefined;
  sample: number | undefined;
  seed: string | undefined;
  /** Threads; undefined: all cores for a large batch, one for a few files. */
  jobs: number | undefined;
  files: string[];
}

export type Parsed = { options: CheckOptions } | { problem: string };

/** Reads `jxzp check`'s arguments; a problem is a Chinese sentence for stderr (exit 2). */
export function parseCheckArgs(args: string[]): Parsed {
  const o: CheckOptions = { json: false, profile: undefined, summary: undefined, html: undefined, sample: undefined, seed: undefined, jobs: undefined, files: [] };
  const rest = [...args];
  const value = (flag: string, what: string): string | { problem: string } => {
    const v = rest.shift();
    return v === undefined || v === "" || v.startsWith("--") ? { problem: `${flag} 后面要写${what}。` } : v;
  };
  while (rest.length) {
    const a = rest.shift()!;
    if (a === "--json") o.json = true;
    else if (a === "--profile") {
      const v = value(a, "评分方案");
      if (typeof v !== "string") return { problem: `${v.problem}可选：${profileChoices()}。` };
      if (!findProfile(v)) return { problem: `未知的评分方案“${v}”。可选：${profileChoices()}。` };
      o.profile = v;
    } else if (a === "--summary" || a === "--html") {
      const v = value(a, a === "--summary" ? "汇总工作簿的文件名（如 汇总.xlsx）" : "报告的文件名（如 报告.html）");
      if (typeof v !== "string") return v;
      if (a === "--summary") o.summary = v;
      else o.html = v;
    } else if (a === "--sample") {
      const v = value(a, "抽查的张数");
      if (typeof v !== "string") return v;
      if (!/^\d+$/.test(v) || Number(v) < 1) return { problem: `--sample 的张数应为正整数，而不是“${v}”。` };
      o.sample = Number(v);
    } else if (a === "--seed") {
      const v = value(a, "随机种子");
      if (typeof v !== "string") return v;
      o.seed = v;
    } else if (a === "--jobs") {
      const v = value(a, "并行数");
      if (typeof v !== "string") return v;
      if (!/^\d+$/.test(v) || Number(v) < 1) return { problem: `--jobs 的并行数应为正整数，而不是“${v}”。` };
      o.jobs = Number(v);
    } else if (a.startsWith("--")) return { problem: `未知选项“${a}”。` };
    else o.files.push(a);
  }
  if (o.seed !== undefined && o.sample === undefined) return { problem: "--seed 要与 --sample 一起使用。" };
  return { options: o };
}

/** A problem with an output path, found before any file is checked (a long batch must not fail at its end). */
function outputProblem(file: string, ext: RegExp, what: string, example: string): string | null {
  if (!ext.test(file)) return `${what}的文件名应以 ${example} 结尾：“${file}”。`;
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return `${what}所在的文件夹不存在：“${path.dirname(file)}”。`;
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    return `没有权限在“${path.dirname(file)}”中写入${what}。`;
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return `${what}的文件名是一个文件夹：“${file}”。`;
  return null;
}

export interface CheckIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** A note printed before the report (the bundled sample is being checked). */
  note?: string;
  now?: () => Date;
}

/**
 * Runs `jxzp check` on parsed options and returns the exit code: 0 no errors, 1 errors, 2 some
 * file unreadable or an output that could not be written. Each file's text or JSON is written
 * as soon as it and the files before it are checked; only condensed rows are kept for the
 * summary, the HTML report and the 抽查 list.
 */
export async function runCheck(o: CheckOptions, io: CheckIo): Promise<number> {
  const now = io.now ?? (() => new Date());
  const outputs = [o.summary, o.html].filter((f): f is string => !!f).map((f) => path.resolve(f));
  for (const [file, ext, what, example] of [
    [o.summary, /\.xlsx$/i, "汇总工作簿", ".xlsx"],
    [o.html, /\.html?$/i, "HTML 报告", ".html"],
  ] as const) {
    const problem = file ? outputProblem(file, ext, what, example) : null;
    if (problem) {
      io.stderr.write(problem + "\n");
      return 2;
    }
  }
  if (o.summary && o.html && path.resolve(o.summary) === path.resolve(o.html)) {
    io.stderr.write("汇总工作簿和 HTML 报告不能是同一个文件。\n");
    return 2;
  }
  // A summary written into the folder being checked must not be checked as a submission next time.
  const files = expandInputs(o.files).filter((f) => !outputs.includes(path.resolve(f)));

  const out = sinkOf(io.stdout);
  const jobs = o.jobs ?? (files.length >= WORKER_MIN_FILES ? allCores() : 1);
  const progress = io.stderr.isTTY && !o.json ? new Progress(io.stderr, files.length) : null;
  // Text and progress on one terminal: the line is lifted while text is written under it.
  const sameScreen = !!(progress && io.stdout.isTTY);
  const json = o.json ? new JsonFilesWriter(out) : null;
  // Files as a person reads them: relative to the folder given, in the text and in both reports.
  const names = fileNamer(o.files);
  const review = o.summary || o.html || o.sample ? new ReviewRows(names.name) : null;
  const totals = newTotals();
  let errors = false;

  if (io.note && !json) await out.write(io.note);
  await checkBatch(files, { profile: o.profile, jobs }, async (r) => {
    addToTotals(totals, r);
    if (fileFindings(r).some((f) => f.severity === "error") || r.sheets.some((s) => s.findings.some((f) => f.severity === "error"))) errors = true;
    review?.add(r);
    if (sameScreen) progress!.hide();
    if (json) await json.file(r);
    else await out.write(formatFile(r, names.name(r.file)).join("\n") + "\n");
    if (sameScreen) progress!.show();
    progress?.fileDone(r.sheets.length);
  });
  progress?.finish();

  const rows = review?.sorted() ?? [];
  let spot: SpotCheck | null = null;
  if (o.sample) spot = spotCheck(review!.rows, o.sample, o.seed ?? defaultSeed(now()));

  let written = true;
  const done: string[] = [];
  const failed = (what: string, file: string) => {
    written = false;
    io.stderr.write(`无法写入${what}“${file}”。请检查文件是否正在 Excel 或浏览器中打开、磁盘是否已满。\n`);
  };
  if (o.summary) {
    try {
      await writeSummaryWorkbook(o.summary, rows, spot);
      done.push(`汇总工作簿：${o.summary}`);
    } catch {
      failed("汇总工作簿", o.summary);
    }
  }
  if (o.html) {
    try {
      writeHtmlReport(o.html, { rows, spot, files: totals.files, folder: path.basename(names.base), generatedAt: now() });
      done.push(`HTML 报告：${o.html}`);
    } catch {
      failed("HTML 报告", o.html);
    }
  }

  if (json) await json.end({ sample: io.note ? true : undefined, spotCheck: spot ? spotCheckJson(spot) : undefined });
  else {
    const tail = [formatTotals(totals)];
    if (spot) tail.push("", spotCheckText(spot));
    if (done.length) tail.push("", ...done);
    await out.write(tail.join("\n") + "\n");
  }
  if (json && io.note) io.stderr.write(io.note);
  if (json && done.length) io.stderr.write(done.join("\n") + "\n");

  if (totals.unreadable > 0 || !written) return 2;
  return errors ? 1 : 0;
}
