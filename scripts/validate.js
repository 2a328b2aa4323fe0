#!/usr/bin/env node
/**
 * npm run validate [清单路径] [--online]
 *
 * Offline, always: the checks of scripts/manifest-check.js (well-formed XML, the schema's element
 * order and required children, one override per language and none for the default locale, every
 * resid defined, HTTPS URLs). Microsoft does not publish the manifest's XSD in any package this
 * project can install, so this is the documented rules as transcribed, not the official schema.
 *
 * --online: also Microsoft's validation service (office-addin-manifest validate), which uploads
 * the manifest and needs the network. Its failures are said in Chinese; no stack is ever printed.
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.join(__dirname, "..");

/** What the online tool's output means, in Chinese. */
function explainOnline(status, output) {
  if (status === 0) return { ok: true, text: "微软验证服务：清单有效。" };
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|fetch failed|getaddrinfo|network|socket hang up/i.test(output))
    return { ok: false, offline: true, text: "无法连接微软的清单验证服务：此检查需要联网（离线检查已在上面完成）。请在能访问互联网的电脑上再运行 npm run validate -- --online。" };
  if (/Cannot find module|MODULE_NOT_FOUND/.test(output))
    return { ok: false, text: "微软的验证工具（office-addin-manifest）未能加载：缺少它依赖的模块。请重新运行 npm ci。" };
  return { ok: false, text: "微软验证服务认为清单有问题，见下方原文（英文）：" };
}

function main(argv) {
  const online = argv.includes("--online");
  const file = argv.find((a) => !a.startsWith("--")) || path.join(ROOT, "manifest.xml");
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return { code: 2, lines: [`无法读取清单文件：${file}`] };
  }
  let problems;
  try {
    problems = require("./manifest-check").checkManifest(text);
  } catch {
    return { code: 2, lines: ["离线检查未能运行：缺少 @xmldom/xmldom。请先运行 npm ci。"] };
  }
  const lines = [`离线检查 ${path.relative(process.cwd(), file) || file}：${problems.length === 0 ? "通过。" : `发现 ${problems.length} 个问题：`}`, ...problems.map((p) => `  - ${p}`)];
  if (!online) {
    lines.push("（微软的在线验证需要联网，未运行；需要时用 npm run validate -- --online。）");
    return { code: problems.length ? 1 : 0, lines };
  }
  require("./usage-data").usageDataOff();
  let r;
  try {
    r = spawnSync(process.execPath, [require.resolve("office-addin-manifest/cli.js"), "validate", file], { cwd: ROOT, encoding: "utf8", timeout: 120000 });
  } catch {
    return { code: 2, lines: [...lines, "微软的验证工具（office-addin-manifest）未安装。请重新运行 npm ci。"] };
  }
  const output = `${r.stdout || ""}${r.stderr || ""}${r.error ? String(r.error.message) : ""}`;
  const said = explainOnline(r.status, output);
  lines.push(said.text);
  // Microsoft's own report is English; shown only when the service answered.
  if (!said.ok && !said.offline && !/Cannot find module/.test(output)) lines.push(...(r.stdout || "").split("\n").filter((l) => l.trim() && !/^\s+at /.test(l)));
  return { code: problems.length || !said.ok ? (said.offline ? 2 : 1) : 0, lines };
}

if (require.main === module) {
  let result;
  try {
    result = main(process.argv.slice(2));
  } catch (e) {
    result = { code: 2, lines: [`验证未完成：出现了未预料的问题（${e && e.code ? e.code : "未知"}）。`] };
  }
  process.stdout.write(`${result.lines.join("\n")}\n`, () => {
    process.exitCode = result.code;
  });
}

module.exports = { main, explainOnline };
