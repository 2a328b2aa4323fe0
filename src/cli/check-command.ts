import * as fs from "fs";
import * as path from "path";
import { findProfile, profileChoices } from "../scoring/rules/profiles";
import { allCores, checkBatch, WORKER_MIN_FILES } from "./batch";
import { fileNamer } from "./display-names";
import { fileFindings, type FileResult } from "./file-result";
import { expandInputs, type InputFile } from "./inputs/folder-walk";
import { nameNote, nameOfPath } from "./inputs/path-name";
import { JsonFilesWriter } from "./json-stream";
import { planOutput, writeOutput, type OutputPlan } from "./outputs/output-path";
import { printable, printableName } from "./outputs/printable";
import { Progress } from "./progress";
import { addToTotals, formatFile, formatTotals, newTotals, uncheckedFiles } from "./report-text";
import { renderHtmlReport } from "./report-html";
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
  /** Replace an existing file that is not a previous report of ours (never a file being checked). */
  overwrite: boolean;
  files: string[];
}

export type Parsed = { options: CheckOptions } | { problem: string };

/** Reads `jxzp check`'s arguments; a problem is a Chinese sentence for stderr (exit 2). */
export function parseCheckArgs(args: string[]): Parsed {
  const o: CheckOptions = { json: false, profile: undefined, summary: undefined, html: undefined, sample: undefined, seed: undefined, jobs: undefined, overwrite: false, files: [] };
  const rest = [...args];
  const value = (flag: string, what: string): string | { problem: string } => {
    const v = rest.shift();
    return v === undefined || v === "" || v.startsWith("--") ? { problem: `${flag} 后面要写${what}。` } : v;
  };
  while (rest.length) {
    const a = rest.shift()!;
    if (a === "--json") o.json = true;
    else if (a === "--overwrite") o.overwrite = true;
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
  if (o.overwrite && !o.summary && !o.html) return { problem: "--overwrite 要与 --summary 或 --html 一起使用。" };
  return { options: o };
}

export interface CheckIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** A note printed before the report (the bundled sample is being checked). */
  note?: string;
  now?: () => Date;
}

/** The result of an entry that was not read: a link leading out of the folder, or to nothing. */
function skippedResult(f: InputFile): FileResult {
  const name = nameOfPath(f.path);
  const said = nameNote(name.encoding);
  return { file: name.shown, error: f.skipped!, skipped: true, sheets: [], ...(said ? { notes: [said] } : {}) };
}

/** The result with a note naming the other names it was given by (checked once). */
function withAliases(r: FileResult, f: InputFile): FileResult {
  if (!f.aliases?.length) return r;
  const names = f.aliases.map((a) => `“${a}”`).join("、");
  return { ...r, notes: [...(r.notes ?? []), `同一个文件还以${names}的名字给出或出现在文件夹中（链接），只校验一次。`] };
}

/** Thrown out of the batch when nothing more can be written and no report is wanted. */
class OutputGone extends Error {}

/**
 * Runs `jxzp check` on parsed options and returns the exit code: 0 no errors, 1 errors, 2 some
 * file not checked (unreadable, holding no form, a link not followed) or an output that could not
 * be written. The report paths are settled before any file is checked. Each file's text or JSON is
 * written as soon as it and the files before it are checked; only condensed rows are kept for the
 * summary, the HTML report and the 抽查 list.
 */
export async function runCheck(o: CheckOptions, io: CheckIo): Promise<number> {
  const now = io.now ?? (() => new Date());
  const say = (text: string) => io.stderr.write(printable(text));
  const inputs = expandInputs(o.files);
  // Every output is checked before any file is: a report must never replace a submission.
  const plans: OutputPlan[] = [];
  for (const [file, kind] of [
    [o.summary, "summary"],
    [o.html, "html"],
  ] as const) {
    if (!file) continue;
    const planned = await planOutput(file, kind, inputs, o.overwrite);
    if ("problem" in planned) {
      say(planned.problem + "\n");
      return 2;
    }
    plans.push(planned.plan);
  }
  if (plans.length === 2 && plans[0].real.equals(plans[1].real)) {
    say("汇总工作簿和 HTML 报告不能是同一个文件。\n");
    return 2;
  }

  const entries = inputs.files;
  const toCheck = entries.filter((f) => !f.skipped);
  const out = sinkOf(io.stdout);
  const jobs = o.jobs ?? (toCheck.length >= WORKER_MIN_FILES ? allCores() : 1);
  const progress = io.stderr.isTTY && !o.json ? new Progress(io.stderr, entries.length) : null;
  // Text and progress on one terminal: the line is lifted while text is written under it.
  const sameScreen = !!(progress && io.stdout.isTTY);
  const json = o.json ? new JsonFilesWriter(out) : null;
  // Files as a person reads them: relative to the folder given, in the text and in both reports.
  const names = fileNamer(o.files);
  const review = o.summary || o.html || o.sample ? new ReviewRows(names.name) : null;
  const totals = newTotals();
  let errors = false;

  const emit = async (r: FileResult) => {
    if (out.failure && !plans.length) throw new OutputGone();
    addToTotals(totals, r);
    if (fileFindings(r).some((f) => f.severity === "error") || r.sheets.some((s) => s.findings.some((f) => f.severity === "error"))) errors = true;
    review?.add(r);
    if (sameScreen) progress!.hide();
    if (json) await json.file(r);
    else await out.write(printable(formatFile(r, names.name(r.file)).join("\n") + "\n"));
    if (sameScreen) progress!.show();
    progress?.fileDone(r.sheets.length);
  };
  // Skipped entries keep their place in the batch's order, between the files checked.
  let next = 0;
  const emitSkipped = async () => {
    while (next < entries.length && entries[next].skipped) await emit(skippedResult(entries[next++]));
  };

  if (io.note && !json) await out.write(printable(io.note));
  try {
    await checkBatch(
      toCheck.map((f) => f.path),
      { profile: o.profile, jobs },
      async (r, i) => {
        await emitSkipped();
        const entry = toCheck[i];
        next = entries.indexOf(entry, next) + 1;
        await emit(withAliases(r, entry));
      },
    );
    await emitSkipped();
  } catch (e) {
    if (!(e instanceof OutputGone)) throw e;
  }
  progress?.finish();

  const rows = review?.sorted() ?? [];
  let spot: SpotCheck | null = null;
  if (o.sample) spot = spotCheck(review!.rows, o.sample, o.seed ?? defaultSeed(now()));

  let written = true;
  const done: string[] = [];
  for (const plan of plans) {
    const problem = await writeOutput(plan, (part) =>
      plan.kind === "summary"
        ? writeSummaryWorkbook(part, rows, spot)
        : fs.writeFileSync(part, renderHtmlReport({ rows, spot, files: totals.files, folder: path.basename(names.base), generatedAt: now() })),
    );
    const what = plan.kind === "summary" ? "汇总工作簿" : "HTML 报告";
    if (problem) {
      written = false;
      say(problem + "\n");
    } else done.push(`${what}：${printableName(plan.given)}${plan.replaces === "other" ? "（按 --overwrite 替换了原有的文件）" : ""}`);
  }

  if (json) await json.end({ sample: io.note ? true : undefined, spotCheck: spot ? spotCheckJson(spot) : undefined });
  else {
    const tail = [formatTotals(totals)];
    if (spot) tail.push("", spotCheckText(spot));
    if (done.length) tail.push("", ...done);
    await out.write(printable(tail.join("\n") + "\n"));
  }
  if (json && io.note) say(io.note);
  if (json && done.length) say(done.join("\n") + "\n");

  if (out.failure) {
    say(out.failureMessage() ?? "");
    return 2;
  }
  if (uncheckedFiles(totals) > 0 || !written) return 2;
  return errors ? 1 : 0;
}
