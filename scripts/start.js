#!/usr/bin/env node
/**
 * npm start: serve the add-in on https://localhost:3000 and load it into Excel.
 * Windows and macOS: office-addin-debugging starts the dev server and sideloads the manifest
 * into desktop Excel. Elsewhere (Linux has no desktop Excel) the dev server runs here in the
 * foreground and we print how to sideload into Excel on the web. `npm stop` ends either.
 */
const { spawn } = require("child_process");
const https = require("https");
const path = require("path");
const { usageDataOff } = require("./usage-data");
const { clearState, isAlive, readState, saveState } = require("./dev-server-state");

const ROOT = path.join(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const PORT = 3000;
const BASE = `https://localhost:${PORT}/`;
const WEBPACK = require.resolve("webpack-cli/bin/cli.js");
const DEBUGGING = require.resolve("office-addin-debugging/cli.js");

function sideloadHelp() {
  return [
    "",
    "━━ 在 Excel 网页版中旁加载 ━━",
    `本机（${process.platform}）没有桌面版 Excel，加载项服务已在 ${BASE} 运行。`,
    `  1. 先在浏览器打开 ${BASE}taskpane.html；如提示证书不受信任，请信任开发证书`,
    "     （~/.office-addin-dev-certs/ca.crt）后刷新，直到页面不再报证书错误；",
    "  2. 在 Excel 网页版中打开或新建一个工作簿；",
    "  3. 「开始」→「加载项」→「更多设置/高级」→「上传我的加载项」；",
    `  4. 选择清单文件 ${MANIFEST} 并上传；`,
    "  5. 「开始」选项卡出现「绩效自评」组；单元格中可输入 =JXZP.执行率(2060,2059.18)。",
    "停止服务：按 Ctrl+C，或在另一个终端运行 npm stop。",
    "",
    "━━ Sideload into Excel on the web ━━",
    `There is no desktop Excel on ${process.platform}; the add-in is being served at ${BASE}.`,
    `  1. Open ${BASE}taskpane.html in the browser and trust the dev certificate`,
    "     (~/.office-addin-dev-certs/ca.crt) if it warns, then reload;",
    "  2. Open or create a workbook in Excel on the web;",
    "  3. Home → Add-ins → More settings/Advanced → Upload My Add-in;",
    `  4. Choose the manifest ${MANIFEST} and upload it;`,
    "  5. The Home tab shows the 绩效自评 group; in a cell try =JXZP.EXECRATE(2060,2059.18).",
    "Stop: press Ctrl+C, or run npm stop in another terminal.",
    "",
  ].join("\n");
}

/** Resolves true once the server answers (any HTTP status) or false after `ms`. */
function waitForServer(ms) {
  const deadline = Date.now() + ms;
  return new Promise((resolve) => {
    const attempt = () => {
      // Only a liveness probe of our own server on this machine; the certificate may not be trusted yet.
      const req = https.get(`${BASE}taskpane.html`, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on("error", retry);
      req.on("timeout", () => req.destroy());
    };
    const retry = () => (Date.now() > deadline ? resolve(false) : setTimeout(attempt, 1000));
    attempt();
  });
}

function startDesktop() {
  console.log("正在构建并旁加载到桌面版 Excel…（Building and sideloading into desktop Excel…）");
  const child = spawn(
    process.execPath,
    [DEBUGGING, "start", MANIFEST, "desktop", "--app", "excel", "--dev-server", "npm run dev-server", "--dev-server-port", String(PORT)],
    { cwd: ROOT, stdio: "inherit" },
  );
  child.on("exit", (code) => {
    if (code === 0) console.log(`\n加载项已在 ${BASE} 运行并已旁加载到 Excel；运行 npm stop 停止。\nThe add-in is served at ${BASE} and sideloaded into Excel; run npm stop to stop.`);
    process.exit(code ?? 1);
  });
}

async function startServing() {
  const running = readState();
  if (running && isAlive(running.serverPid)) {
    console.log(`开发服务已在运行（进程 ${running.serverPid}）；先运行 npm stop。\nThe dev server is already running (process ${running.serverPid}); run npm stop first.`);
    process.exit(1);
  }
  console.log(`正在构建并启动 ${BASE} …（Building and serving ${BASE}…）`);
  const server = spawn(process.execPath, [WEBPACK, "serve", "--mode", "development"], { cwd: ROOT, stdio: "inherit" });
  saveState({ startPid: process.pid, serverPid: server.pid });

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    if (isAlive(server.pid)) server.kill(signal === "SIGINT" ? "SIGINT" : "SIGTERM");
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  server.on("exit", (code, signal) => {
    clearState();
    if (!stopping) console.error(`开发服务已退出（${signal ?? code}）。The dev server exited (${signal ?? code}).`);
    else console.log("开发服务已停止。The dev server has stopped.");
    process.exit(stopping ? 0 : (code ?? 1));
  });

  if (await waitForServer(5 * 60 * 1000)) console.log(sideloadHelp());
  else if (!stopping) console.error(`等待 ${BASE} 超时。Timed out waiting for ${BASE}.`);
}

function main() {
  usageDataOff();
  const desktop = process.platform === "win32" || process.platform === "darwin";
  if (desktop && !process.argv.includes("--serve-only")) startDesktop();
  else void startServing();
}

main();
