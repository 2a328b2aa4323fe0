/**
 * Where a report (the summary workbook, the HTML report) may be written. A report never replaces
 * a submission: a path that is one of the files being checked (directly, through a link either
 * way, or as a hard link), or that lies inside a folder being checked, is refused before any file
 * is checked. An existing file is replaced only when it is a previous report of ours, or when the
 * person said so (--overwrite). The report is written beside its target and put in place at once,
 * so a failed run leaves the old file whole; a file that appears meanwhile is not replaced.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { identityOf, isInside, type Inputs } from "../inputs/folder-walk";
import { nameOfPath } from "../inputs/path-name";
import { isOwnReport, type ReportKind } from "./own-report";
import { printableName } from "./printable";

export interface OutputPlan {
  kind: ReportKind;
  /** The name the person gave. */
  given: string;
  /** Where it is written: the given path, or the file a link by that name points to. */
  target: string;
  /** The target's real path (its folder's links resolved), to tell two outputs apart. */
  real: Buffer;
  /** What is there now: nothing, a previous report of ours, or another file the person allowed us to replace. */
  replaces: "nothing" | "ours" | "other";
}

export type Planned = { plan: OutputPlan } | { problem: string };

const WHAT: Record<ReportKind, { what: string; ext: RegExp; example: string }> = {
  summary: { what: "汇总工作簿", ext: /\.xlsx$/i, example: ".xlsx" },
  html: { what: "HTML 报告", ext: /\.html?$/i, example: ".html" },
};

const q = (s: string) => `“${printableName(s)}”`;

function lstat(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch {
    return null;
  }
}

function stat(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}

/** Whether a real path is one of the inputs: by that path, or as another name (a hard link) of the same file. */
function inputAt(real: Buffer, st: fs.Stats | null, inputs: Inputs): "same" | "other-name" | null {
  if (inputs.realFiles.some((r) => r.equals(real))) return "same";
  if (st && inputs.identities.has(identityOf(st))) return "other-name";
  return null;
}

/**
 * Checks an output path before the batch is checked (a long batch must not fail at its end).
 * Returns a Chinese sentence saying why it cannot be written, or the plan for writing it.
 */
export async function planOutput(given: string, kind: ReportKind, inputs: Inputs, overwrite: boolean): Promise<Planned> {
  const { what, ext, example } = WHAT[kind];
  if (!ext.test(given)) return { problem: `${what}的文件名应以 ${example} 结尾：${q(given)}。` };
  let target = path.resolve(given);
  const own = lstat(target);
  if (own?.isSymbolicLink()) {
    try {
      target = fs.realpathSync.native(target);
    } catch {
      return { problem: `${what}的文件名${q(given)}是一个链接，而它指向的文件不存在；为免写到意想不到的地方，没有写入。请换一个文件名。` };
    }
  }
  const dir = path.dirname(target);
  const dirStat = stat(dir);
  if (!dirStat || !dirStat.isDirectory()) return { problem: `${what}所在的文件夹不存在：${q(path.dirname(given))}。` };
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    return { problem: `没有权限在${q(path.dirname(given))}中写入${what}。` };
  }
  const realDir = fs.realpathSync.native(dir, { encoding: "buffer" });
  const real = Buffer.concat([realDir, Buffer.from(realDir[realDir.length - 1] === 0x2f ? "" : "/"), Buffer.from(path.basename(target))]);
  const st = lstat(target);
  const input = inputAt(real, st, inputs);
  if (input)
    return {
      problem: `${what}${q(given)}就是要校验的文件${own?.isSymbolicLink() ? "（它是指向该文件的链接）" : input === "same" ? "" : "（同一个文件的另一个名字）"}：写入会覆盖这份报送的材料，没有写入。请给${what}另取一个文件名，放在要校验的文件和文件夹之外。`,
    };
  if (inputs.linkTargets.some((t) => t.equals(real)))
    return {
      problem: `${what}${q(given)}是要校验的文件夹中一个链接所指的文件（链接指向文件夹之外，没有跟随，但那可能是报送的材料）：没有写入。请给${what}另取一个文件名。`,
    };
  const folder = inputs.folders.find((f) => isInside(real, f));
  if (folder)
    return {
      problem: `${what}${q(given)}在要校验的文件夹${q(nameOfPath(folder).shown)}之中：写在那里可能覆盖报送的材料，下次校验时还会被当作报送的文件。没有写入；请写到这个文件夹之外。`,
    };
  if (!st) return { plan: { kind, given, target, real, replaces: "nothing" } };
  if (st.isDirectory()) return { problem: `${what}的文件名是一个文件夹：${q(given)}。` };
  if (!st.isFile()) return { problem: `${q(given)}已经存在，但不是普通文件，没有写入${what}。请换一个文件名。` };
  if (await isOwnReport(target, kind)) return { plan: { kind, given, target, real, replaces: "ours" } };
  if (overwrite) return { plan: { kind, given, target, real, replaces: "other" } };
  return {
    problem: `${q(given)}已经存在，而且不是本程序以前生成的${what}（或生成后被修改保存过）；为免覆盖别的文件，没有写入。请换一个文件名；确认可以覆盖时，加上 --overwrite。`,
  };
}

// Where a disk cannot hard-link (FAT, exFAT, some network shares), the target is checked again just before.
const PLACE_WITHOUT_LINK = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/** Puts a written file where nothing was; false when a file has appeared there meanwhile. */
function placeNew(part: string, target: string): boolean {
  try {
    fs.linkSync(part, target);
    fs.rmSync(part, { force: true });
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    if (code === "EEXIST") return false;
    if (!PLACE_WITHOUT_LINK.has(code)) throw e;
    if (lstat(target)) return false;
    fs.renameSync(part, target);
    return true;
  }
}

/**
 * Writes the report: `write` fills a temporary file beside the target, which then takes the
 * target's place. Where nothing was, the temporary file is linked into place, which fails if a
 * file has appeared meanwhile; that file, or the one there before, is replaced only if it is a
 * report of ours (or the person allowed it). Returns a Chinese problem, or null when written.
 */
export async function writeOutput(plan: OutputPlan, write: (part: string) => Promise<void> | void): Promise<string | null> {
  // A name of our own, made here (never someone's file that happens to bear it).
  const part = path.join(path.dirname(plan.target), `.${path.basename(plan.target)}.${process.pid}.${randomBytes(4).toString("hex")}.part`);
  const { what } = WHAT[plan.kind];
  let made = false;
  try {
    fs.closeSync(fs.openSync(part, "wx"));
    made = true;
    await write(part);
    if (plan.replaces === "nothing" && placeNew(part, plan.target)) return null;
    if (plan.replaces !== "other" && lstat(plan.target) && !(await isOwnReport(plan.target, plan.kind))) {
      fs.rmSync(part, { force: true });
      return `校验期间${q(plan.given)}被别的文件占用（不是本程序生成的${what}）；为免覆盖，没有写入。请换一个文件名再运行。`;
    }
    fs.renameSync(part, plan.target);
    return null;
  } catch {
    if (made) fs.rmSync(part, { force: true });
    return `无法写入${what}${q(plan.given)}。请检查文件是否正在 Excel 或浏览器中打开、磁盘是否已满。`;
  }
}
