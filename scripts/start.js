#!/usr/bin/env node
/**
 * npm start: serve the add-in on https://localhost:3000 and load it into Excel.
 * The dev server runs here in the foreground on every system. Windows and macOS: once it
 * answers, the manifest is sideloaded into desktop Excel (scripts/sideload.js) and Excel is
 * started; if that fails we say what failed and how to do it by hand, and keep serving.
 * Elsewhere (Linux has no desktop Excel) we print how to sideload into Excel on the web.
 * `npm stop` ends the server and takes the sideloaded manifest away again.
 */
const { spawn, spawnSync } = require("child_process");
const https = require("https");
const os = require("os");
const path = require("path");
const { usageDataOff } = require("./usage-data");
const { clearState, isAlive, readState, saveState } = require("./dev-server-state");
const sideload = require("./sideload");
const messages = require("./start-messages");

const ROOT = path.join(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const PORT = 3000;
const BASE = `https://localhost:${PORT}/`;
const WEBPACK = require.resolve("webpack-cli/bin/cli.js");

function sideloadHelp(desktop) {
  return messages.sideloadHelp({ base: BASE, manifest: MANIFEST, platform: process.platform, desktop });
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

const sideloadEnv = () => ({ platform: process.platform, home: os.homedir(), manifestPath: MANIFEST, run: (cmd, args) => spawnSync(cmd, args, { encoding: "utf8" }) });

/** Windows and macOS: registers the manifest with desktop Excel and starts Excel, or says what is missing. True when registered. */
function sideloadDesktop() {
  const env = sideloadEnv();
  const problem = sideload.register(env);
  if (problem) {
    console.error(["", `无法自动旁加载到桌面版 Excel：${problem}`, ...sideload.manualSteps(process.platform, MANIFEST), `加载项服务仍在 ${BASE} 运行；也可以按下面的步骤在 Excel 网页版中使用。`].join("\n"));
    console.log(sideloadHelp(true));
    return false;
  }
  const notOpened = sideload.openExcel(env);
  console.log(messages.sideloadedMessage({ base: BASE, manifest: MANIFEST, notOpened }));
  return true;
}

/** Writes the last words, then exits once they are out (a pipe may still be flushing). */
function finish(text, code, stream = process.stdout) {
  stream.write(`${text}\n`, () => process.exit(code));
}

async function startServing(desktop) {
  const running = readState();
  if (running && isAlive(running.serverPid)) {
    finish(`开发服务已在运行（进程 ${running.serverPid}）；先运行 npm stop。\nThe dev server is already running (process ${running.serverPid}); run npm stop first.`, 1);
    return;
  }
  console.log(`正在构建并启动 ${BASE} …（Building and serving ${BASE}…）`);
  const server = spawn(process.execPath, [WEBPACK, "serve", "--mode", "development"], { cwd: ROOT, stdio: "inherit" });
  saveState({ startPid: process.pid, serverPid: server.pid });

  let stopping = false;
  let sideloaded = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    if (isAlive(server.pid)) server.kill(signal === "SIGINT" ? "SIGINT" : "SIGTERM");
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  server.on("exit", (code, signal) => {
    clearState();
    const left = sideloaded ? sideload.unregister(sideloadEnv()) : null;
    if (left) console.error(left);
    if (!stopping) finish(`开发服务已退出（${signal ?? code}）。The dev server exited (${signal ?? code}).`, code ?? 1, process.stderr);
    else finish(sideloaded && !left ? "开发服务已停止，已移除旁加载的加载项。The dev server has stopped; the add-in is unregistered." : "开发服务已停止。The dev server has stopped.", 0);
  });

  if (!(await waitForServer(5 * 60 * 1000))) {
    if (!stopping) console.error(`等待 ${BASE} 超时。Timed out waiting for ${BASE}.`);
  } else if (stopping) {
    // Ctrl+C while building: nothing to load.
  } else if (desktop) sideloaded = sideloadDesktop();
  else console.log(sideloadHelp(false));
}

function main() {
  usageDataOff();
  void startServing(sideload.canSideload(process.platform) && !process.argv.includes("--serve-only"));
}

main();
