import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * scripts/sideload.js, which npm start and npm stop use on Windows and macOS instead of
 * office-addin-debugging. Desktop Excel is not here: each step is checked against the command
 * it runs (Windows) or the files it leaves (macOS, in a temporary home folder).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sideload = require("../../scripts/sideload.js");

const ROOT = path.join(__dirname, "..", "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const ID = /<Id>([^<]+)<\/Id>/.exec(fs.readFileSync(MANIFEST, "utf8"))![1];

type Run = (cmd: string, args: string[]) => { status: number | null; stderr?: string; error?: Error };

function recorder(answer: ReturnType<Run> = { status: 0 }): { run: Run; calls: [string, string[]][] } {
  const calls: [string, string[]][] = [];
  return { calls, run: (cmd, args) => (calls.push([cmd, args]), answer) };
}

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-sideload-"));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

test("the manifest's id is read, and a manifest without one is refused in Chinese", () => {
  expect(sideload.manifestId(fs.readFileSync(MANIFEST, "utf8"))).toBe(ID);
  expect(() => sideload.manifestId("<OfficeApp></OfficeApp>")).toThrow(/没有有效的 <Id>/);
});

test("Windows: the manifest's path is registered under WEF\\Developer by its id, and removed again", () => {
  const r = recorder();
  expect(sideload.register({ platform: "win32", home, manifestPath: MANIFEST, run: r.run })).toBeNull();
  expect(sideload.unregister({ platform: "win32", home, manifestPath: MANIFEST, run: r.run })).toBeNull();
  expect(r.calls).toEqual([
    ["reg", ["add", "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer", "/v", ID, "/t", "REG_SZ", "/d", MANIFEST, "/f"]],
    ["reg", ["delete", "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer", "/v", ID, "/f"]],
  ]);
});

test("Windows: a failing reg.exe is said in Chinese; a value already gone is not a failure", () => {
  const denied = recorder({ status: 5, stderr: "ERROR: Access is denied." });
  expect(sideload.register({ platform: "win32", home, manifestPath: MANIFEST, run: denied.run })).toBe("未能在注册表中登记加载项（ERROR: Access is denied.）。");
  const missing = recorder({ status: null, error: new Error("spawn reg ENOENT") });
  expect(sideload.register({ platform: "win32", home, manifestPath: MANIFEST, run: missing.run })).toContain("spawn reg ENOENT");
  expect(sideload.unregister({ platform: "win32", home, manifestPath: MANIFEST, run: recorder({ status: 1 }).run })).toBeNull();
  expect(sideload.openExcel({ platform: "win32", run: missing.run })).toMatch(/^未能启动 Excel.*请手动打开。$/);
});

test("macOS: the manifest is copied into Excel's wef folder by its id, and removed again", () => {
  const r = recorder();
  const target = path.join(home, "Library", "Containers", "com.microsoft.Excel", "Data", "Documents", "wef", `${ID}.manifest.xml`);
  expect(sideload.register({ platform: "darwin", home, manifestPath: MANIFEST, run: r.run })).toBeNull();
  expect(fs.readFileSync(target, "utf8")).toBe(fs.readFileSync(MANIFEST, "utf8"));
  expect(sideload.unregister({ platform: "darwin", home, manifestPath: MANIFEST, run: r.run })).toBeNull();
  expect(fs.existsSync(target)).toBe(false);
  expect(sideload.openExcel({ platform: "darwin", run: r.run })).toBeNull();
  expect(r.calls).toEqual([["open", ["-a", "Microsoft Excel"]]]);
});

test("elsewhere: no desktop Excel, said plainly; the manual steps are Chinese", () => {
  expect(sideload.canSideload("linux")).toBe(false);
  expect(sideload.register({ platform: "linux", home, manifestPath: MANIFEST, run: recorder().run })).toBe("本机（linux）没有桌面版 Excel，无法旁加载。");
  for (const p of ["win32", "darwin"]) {
    const steps: string[] = sideload.manualSteps(p, MANIFEST);
    expect(steps[0]).toMatch(/^手动旁加载/);
    expect(steps.join("\n")).toMatch(/加载项/);
  }
});
