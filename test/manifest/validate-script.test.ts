/**
 * Issue 16 point 11: npm run validate runs offline without an English stack; the online step's
 * failures are said in Chinese. The online service itself is never called here (no network in tests).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "validate.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { explainOnline } = require("../../scripts/validate.js") as { explainOnline: (status: number | null, out: string) => { ok: boolean; text: string } };

const runValidate = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: "utf8" });

test("offline: the project's manifest passes, in Chinese, exit 0, no stack", () => {
  const r = runValidate();
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("离线检查 manifest.xml：通过。");
  expect(r.stdout).toContain("微软的在线验证需要联网，未运行");
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at |Error:|Cannot find module/);
});

test("offline: a broken manifest is named problem by problem, exit 1", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-validate-"));
  try {
    const text = fs
      .readFileSync(path.join(ROOT, "manifest.xml"), "utf8")
      .replace('<bt:Override Locale="en-US" Value="https://localhost:3000/functions.json"/>', '<bt:Override Locale="zh-CN" Value="https://localhost:3000/functions.json"/>')
      .replace('DefaultValue="https://localhost:3000/assets/icon-16.png"', 'DefaultValue="http://localhost:3000/assets/icon-16.png"');
    const file = path.join(dir, "manifest.xml");
    fs.writeFileSync(file, text);
    const r = runValidate(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Functions.Metadata.Url 有默认语言 zh-cn 的 Override（默认语言不能再覆盖）。");
    expect(r.stdout).toContain("网址 http://localhost:3000/assets/icon-16.png 不是 HTTPS。");
    fs.writeFileSync(file, "<OfficeApp>");
    const broken = runValidate(file);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/XML 格式错误/);
    expect(`${broken.stdout}${broken.stderr}`).not.toMatch(/\n\s+at /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("online: what the service's failures mean, in Chinese", () => {
  expect(explainOnline(1, "FetchError: request to https://x failed, reason: getaddrinfo ENOTFOUND").text).toMatch(/^无法连接微软的清单验证服务：此检查需要联网/);
  expect(explainOnline(1, "Error: Cannot find module 'fs-extra'").text).toMatch(/未能加载.*npm ci/);
  expect(explainOnline(0, "The manifest is valid.")).toEqual({ ok: true, text: "微软验证服务：清单有效。" });
});

test("the online tool loads (the missing fs-extra is declared now), without calling the service", () => {
  const r = spawnSync(process.execPath, ["-e", "require('office-addin-manifest/lib/manifestOperations'); process.stdout.write('ok')"], { cwd: ROOT, encoding: "utf8" });
  expect(r.stdout).toBe("ok");
});
