#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { profileChoices } from "../scoring/rules/profiles";
import { saidInChinese } from "../scoring/findings/said-in-chinese";
import type { FileResult } from "./file-result";
import { TEMPLATE_USAGE, templateCommand } from "./template-command";
import { checkFile, expandInputs } from "./check-file";
import { parseCheckArgs, runCheck } from "./check-command";

const USAGE = `用法：jxzp check [选项] [文件或文件夹 ...]
      jxzp template 表样 [选项] > 文件.xlsx
      jxzp --version

  校验预算绩效自评表：识别表格，计算执行率、得分、总分和等级，列出问题。
  读取 .xlsx、.xls、.docx（按内容识别）和文件夹。不给文件时校验随附的示例工作簿。

  --json               以 JSON 输出
  --profile 方案       评分方案，写中文名或括号中的代号：
                       ${profileChoices()}
                       （默认按表格类型）
  --summary 汇总.xlsx  另写一份汇总工作簿：“汇总”每张表一行（问题多的在前），
                       “问题清单”每个问题一行并附整改建议，可直接发回各单位
  --html 报告.html     另写一份离线可看的网页报告：可排序的汇总表、图表、每张表的问题
  --sample 张数        抽查：按随机种子抽取若干张表复核，有错误、预算大的表更容易抽中，
                       名单和抽中理由列在输出、JSON 和汇总工作簿中
  --seed 种子          抽查的随机种子（默认取当前时间并打印出来）；同一种子得到同一名单
  --jobs 并行数        同时校验的文件数，默认在文件较多时用上全部处理器核心

  在终端中运行时，标准错误输出上显示进度（已校验的文件和表、速度、预计剩余时间）；
  输出被重定向或使用 --json 时不显示。

${TEMPLATE_USAGE}

退出码：0 没有错误；1 有错误类问题；2 有文件无法读取（或汇总、报告无法写入）。`;

/** A file beside lib/ and src/ (samples/, package.json), found from wherever this module runs. */
function findUp(name: string, accept: (p: string) => boolean): string | null {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate) && accept(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

/** The sample workbook shipped with the package (samples/ beside lib/ and src/). */
export function samplePath(): string {
  const dir = findUp("samples", (p) => fs.readdirSync(p).some((x) => x.endsWith(".xlsx")));
  if (!dir) throw new Error("找不到随附的示例工作簿（samples/）");
  return path.join(dir, fs.readdirSync(dir).find((x) => x.endsWith(".xlsx"))!);
}

function version(): string {
  const pkg = findUp("package.json", (p) => JSON.parse(fs.readFileSync(p, "utf8")).name === "jxzp");
  return pkg ? JSON.parse(fs.readFileSync(pkg, "utf8")).version : "未知";
}

/** Checks files one after another in this thread (for programs that want the results, not the output). */
export async function check(files: string[], profile: string | undefined): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of expandInputs(files)) results.push(await checkFile(file, profile));
  return results;
}

export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const command = args.shift();
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE + "\n");
    return command ? 0 : 2;
  }
  if (command === "--version" || command === "-v") {
    process.stdout.write(`jxzp ${version()}\n`);
    return 0;
  }
  if (command === "template") return templateCommand(args, process.stdout);
  if (command !== "check") {
    process.stderr.write(`未知命令“${command}”。\n\n${USAGE}\n`);
    return 2;
  }
  const parsed = parseCheckArgs(args);
  if ("problem" in parsed) {
    process.stderr.write(`${parsed.problem}\n运行 jxzp --help 查看全部选项。\n`);
    return 2;
  }
  const o = parsed.options;
  let note: string | undefined;
  if (o.files.length === 0) {
    const sample = samplePath();
    o.files.push(sample);
    note = `未指定文件，校验随附的示例工作簿：${sample}\n\n`;
  }
  return runCheck(o, { stdout: process.stdout, stderr: process.stderr, note });
}

if (require.main === module) {
  // The exit code is set, not forced: process.exit() would cut off output still in a pipe's buffer.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      const said = e instanceof Error ? e.message : String(e);
      process.stderr.write(saidInChinese(said) ? `${said}\n` : "程序出现内部错误，未能完成；请把所用的文件和命令交给维护人员排查。\n");
      process.exitCode = 2;
    },
  );
}
