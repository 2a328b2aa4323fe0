import { buildTemplate } from "../scoring/templates/build";
import { templateProblems, type TemplateOptions } from "../scoring/templates/options";
import { isTemplateKind, TEMPLATE_KINDS, TEMPLATES } from "../scoring/templates/definitions";
import { printable } from "./outputs/printable";
import { templateWorkbookBuffer } from "./template-xlsx";

const KIND_LIST = TEMPLATE_KINDS.map((k) => `  ${k.padEnd(11)}${TEMPLATES[k].label}`).join("\n");

export const TEMPLATE_USAGE = `用法：jxzp template 表样 [--year 年度] [--unit 单位] [--project 项目名称] [--rows 行数] [--profile 方案] > 文件.xlsx

  生成一张空白的绩效自评表（.xlsx），已写好执行率、得分、总分和等级的公式，填入数字即可自动计分。
  内容写到标准输出，请重定向到文件。

表样：
${KIND_LIST}

  --year 年度       自评年度，默认上一年
  --unit 单位       实施单位（部门整体支出表为部门名称）
  --project 名称    项目名称（转移支付表为转移支付名称）
  --rows 行数       每个二级指标下的指标行数（0 到 30），默认按常见表样
  --profile 方案    评分方案（决定默认分值和等级），默认按表样`;

/** A writable that may be a terminal (process.stdout is a tty.WriteStream when it is). */
type Out = NodeJS.WritableStream & { isTTY?: boolean };

/** Says something on stderr; a value the person typed is shown with its control characters escaped. */
const say = (err: NodeJS.WritableStream, text: string): Promise<void> => write(err, printable(text));

function write(out: NodeJS.WritableStream, data: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(data, (err?: Error | null) => (err ? reject(err) : resolve()));
  });
}

/**
 * `jxzp template KIND [options] > file.xlsx`: writes a blank form as .xlsx bytes to `out`.
 * Returns the exit code: 0 written, 2 for a usage problem (messages in Chinese on `err`).
 */
export async function templateCommand(args: string[], out: Out, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const rest = [...args];
  const kind = rest.shift();
  if (!kind || kind === "--help" || kind === "-h" || kind === "help") {
    await write(kind ? out : err, TEMPLATE_USAGE + "\n");
    return kind ? 0 : 2;
  }
  if (!isTemplateKind(kind)) {
    await say(err, `未知的表样“${kind}”。可选的表样：\n${KIND_LIST}\n`);
    return 2;
  }
  const options: TemplateOptions = { year: new Date().getFullYear() - 1 };
  while (rest.length) {
    const flag = rest.shift()!;
    const value = rest.shift();
    if (!["--year", "--unit", "--project", "--rows", "--profile"].includes(flag)) {
      await say(err, `未知选项“${flag}”。\n\n${TEMPLATE_USAGE}\n`);
      return 2;
    }
    if (value === undefined || value.startsWith("--")) {
      await say(err, `选项 ${flag} 后面缺少取值。\n`);
      return 2;
    }
    if (flag === "--year") options.year = value;
    else if (flag === "--unit") options.unit = value;
    else if (flag === "--project") options.project = value;
    else if (flag === "--profile") options.profile = value;
    else if (/^\d+$/.test(value)) options.rowsPerLevel2 = Number(value);
    else {
      await say(err, `--rows 应为 0 到 30 的整数，收到“${value}”。\n`);
      return 2;
    }
  }
  const problems = templateProblems(kind, options);
  if (problems.length) {
    await say(err, problems.map((p) => `错误：${p}`).join("\n") + "\n");
    return 2;
  }
  if (out.isTTY) {
    await say(err, `不能把 .xlsx 文件内容直接输出到终端，请重定向到文件，例如：\n  jxzp template ${kind} > ${TEMPLATES[kind].sheetName}.xlsx\n`);
    return 2;
  }
  const bytes = await templateWorkbookBuffer([buildTemplate(kind, options)]);
  await write(out, bytes);
  return 0;
}
