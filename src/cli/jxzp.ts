#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { findProfile, PROFILES, profileNames } from "../scoring/profiles";
import { FileResult, formatText } from "./report-text";
import { TEMPLATE_USAGE, templateCommand } from "./template-command";
import { checkFile, expandInputs } from "./check-file";

const USAGE = `用法：jxzp check [--json] [--profile 方案] [文件或文件夹 ...]
      jxzp template 表样 [选项] > 文件.xlsx

  校验预算绩效自评表：识别表格，计算执行率、得分、总分和等级，列出问题。
  读取 .xlsx、.xls、.docx（按内容识别）和文件夹。不给文件时校验随附的示例工作簿。

  --json           以 JSON 输出
  --profile 方案   评分方案：${profileNames().join(" / ")}（默认按表格类型）

${TEMPLATE_USAGE}

退出码：0 没有错误；1 有错误类问题；2 有文件无法读取。`;

/** The sample workbook shipped with the package (samples/ beside lib/ and src/). */
export function samplePath(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "samples");
    if (fs.existsSync(candidate)) {
      const f = fs.readdirSync(candidate).find((x) => x.endsWith(".xlsx"));
      if (f) return path.join(candidate, f);
    }
    dir = path.dirname(dir);
  }
  throw new Error("找不到随附的示例工作簿（samples/）");
}

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
  if (command === "template") return templateCommand(args, process.stdout);
  if (command !== "check") {
    process.stderr.write(`未知命令“${command}”。\n\n${USAGE}\n`);
    return 2;
  }
  let json = false;
  let profile: string | undefined;
  const files: string[] = [];
  while (args.length) {
    const a = args.shift()!;
    if (a === "--json") json = true;
    else if (a === "--profile") {
      profile = args.shift();
      if (!profile || !findProfile(profile)) {
        process.stderr.write(`未知的评分方案“${profile ?? ""}”。可选：${Object.keys(PROFILES).join("、")}。\n`);
        return 2;
      }
    } else if (a.startsWith("--")) {
      process.stderr.write(`未知选项“${a}”。\n\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  let note = "";
  if (files.length === 0) {
    const sample = samplePath();
    files.push(sample);
    note = `未指定文件，校验随附的示例工作簿：${sample}\n\n`;
  }
  const results = await check(files, profile);
  if (json) process.stdout.write(JSON.stringify({ files: results, ...(note ? { sample: true } : {}) }, null, 2) + "\n");
  else process.stdout.write(note + formatText(results) + "\n");
  if (note && json) process.stderr.write(note);
  if (results.some((r) => r.error)) return 2;
  return results.some((r) => r.sheets.some((s) => s.findings.some((f) => f.severity === "error"))) ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    // No process.exit(): a pipe would get only the first 64 KiB of a long report. The process ends by itself.
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`内部错误：${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
