/**
 * Sideloading manifest.xml into desktop Excel, done here in a few lines instead of through
 * office-addin-debugging: that tool pulls in keytar, a native module that compiles against
 * libsecret, only for Microsoft 365 account sign-in that an XML manifest never needs.
 * What it did for an XML manifest, we do the same way:
 *   Windows  a string value under HKCU\...\16.0\WEF\Developer, named by the manifest's <Id>,
 *            holding the manifest's path (written with the system's reg.exe);
 *   macOS    a copy of the manifest, named <Id>.manifest.xml, in Excel's wef folder.
 * Every function takes its platform, home folder and command runner as arguments, so the
 * tests can check each step on Linux.
 */
const fs = require("fs");
const path = require("path");

const DEVELOPER_KEY = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer";

/** The add-in's <Id> from the manifest's text. */
function manifestId(xml) {
  const m = /<Id>\s*([0-9A-Fa-f-]{36})\s*<\/Id>/.exec(xml);
  if (!m) throw new Error("清单 manifest.xml 中没有有效的 <Id>。");
  return m[1];
}

/** Excel's sideload folder on macOS. */
function macWefDir(home) {
  return path.join(home, "Library", "Containers", "com.microsoft.Excel", "Data", "Documents", "wef");
}

/** Whether this platform has a desktop Excel we know how to sideload into. */
function canSideload(platform) {
  return platform === "win32" || platform === "darwin";
}

/**
 * The commands each step runs: [program, args]. Windows only (macOS needs none but `open`).
 */
function windowsCommands(id, manifestPath) {
  return {
    register: ["reg", ["add", DEVELOPER_KEY, "/v", id, "/t", "REG_SZ", "/d", manifestPath, "/f"]],
    unregister: ["reg", ["delete", DEVELOPER_KEY, "/v", id, "/f"]],
    // `start` finds Excel through its registered App Path.
    open: ["cmd", ["/c", "start", "excel"]],
  };
}

function failed(r) {
  if (r.error) return r.error.message;
  if (r.status !== 0) return `${String(r.stderr ?? "").trim() || `退出码 ${r.status}`}`;
  return null;
}

/**
 * Registers the manifest with desktop Excel. Returns null when done, else a Chinese sentence
 * saying what could not be done (the caller prints it with the manual steps).
 */
function register({ platform, home, manifestPath, run }) {
  const id = manifestId(fs.readFileSync(manifestPath, "utf8"));
  if (platform === "win32") {
    const [cmd, args] = windowsCommands(id, manifestPath).register;
    const why = failed(run(cmd, args));
    return why ? `未能在注册表中登记加载项（${why}）。` : null;
  }
  if (platform === "darwin") {
    try {
      const dir = macWefDir(home);
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(manifestPath, path.join(dir, `${id}.manifest.xml`));
      return null;
    } catch (e) {
      return `未能把清单复制到 Excel 的旁加载文件夹（${e instanceof Error ? e.message : e}）。`;
    }
  }
  return `本机（${platform}）没有桌面版 Excel，无法旁加载。`;
}

/** Undoes register(); returns null when done or nothing was registered, else a Chinese sentence. */
function unregister({ platform, home, manifestPath, run }) {
  const id = manifestId(fs.readFileSync(manifestPath, "utf8"));
  if (platform === "win32") {
    const [cmd, args] = windowsCommands(id, manifestPath).unregister;
    const r = run(cmd, args);
    // reg.exe answers 1 when the value is not there: nothing to remove is not a failure.
    if (r.status === 1 && !r.error) return null;
    const why = failed(r);
    return why ? `未能从注册表中移除加载项（${why}）。` : null;
  }
  if (platform === "darwin") {
    try {
      fs.rmSync(path.join(macWefDir(home), `${id}.manifest.xml`), { force: true });
      return null;
    } catch (e) {
      return `未能移除旁加载的清单（${e instanceof Error ? e.message : e}）。`;
    }
  }
  return null;
}

/** Starts desktop Excel; returns null when started, else a Chinese sentence. */
function openExcel({ platform, run }) {
  const [cmd, args] = platform === "win32" ? windowsCommands("", "").open : ["open", ["-a", "Microsoft Excel"]];
  const why = failed(run(cmd, args));
  return why ? `未能启动 Excel（${why}），请手动打开。` : null;
}

/** What the person does by hand when automatic sideloading is not possible on Windows or macOS. */
function manualSteps(platform, manifestPath) {
  if (platform === "win32")
    return [
      "手动旁加载（Windows）：",
      `  1. 把 ${path.dirname(manifestPath)} 设为共享文件夹；`,
      "  2. Excel →「文件」→「选项」→「信任中心」→「信任中心设置」→「受信任的加载项目录」，添加该共享文件夹的网络路径并勾选「显示在菜单中」；",
      "  3. 重启 Excel →「开始」→「加载项」→「更多加载项」→「共享文件夹」→ 选择「绩效自评助手」。",
    ];
  return [
    "手动旁加载（macOS）：",
    `  1. 把 ${manifestPath} 复制到 ${macWefDir("~")}（文件夹不存在时新建）；`,
    "  2. 重启 Excel →「开始」→「加载项」→ 在「开发人员加载项」中选择「绩效自评助手」。",
  ];
}

module.exports = { DEVELOPER_KEY, manifestId, macWefDir, canSideload, windowsCommands, register, unregister, openExcel, manualSteps };
