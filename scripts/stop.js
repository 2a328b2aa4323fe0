#!/usr/bin/env node
/**
 * npm stop: ends the dev server that npm start started (by the process id it recorded, never by
 * name) and, on Windows and macOS, takes the sideloaded manifest away from desktop Excel
 * (scripts/sideload.js; npm start does the same when it stops, this covers a start that was killed).
 */
const { spawnSync } = require("child_process");
const os = require("os");
const path = require("path");
const { clearState, isAlive, readState } = require("./dev-server-state");
const sideload = require("./sideload");

const ROOT = path.join(__dirname, "..");

function stopRecorded() {
  const state = readState();
  if (!state) return false;
  let stopped = false;
  // The start script stops its server on SIGTERM; the server pid is the fallback if it is gone.
  for (const pid of [state.startPid, state.serverPid]) {
    if (isAlive(pid)) {
      process.kill(pid, "SIGTERM");
      stopped = true;
      break;
    }
  }
  clearState();
  return stopped;
}

function main() {
  if (sideload.canSideload(process.platform)) {
    const problem = sideload.unregister({
      platform: process.platform,
      home: os.homedir(),
      manifestPath: path.join(ROOT, "manifest.xml"),
      run: (cmd, args) => spawnSync(cmd, args, { encoding: "utf8" }),
    });
    console.log(problem ?? "已从桌面版 Excel 移除旁加载的加载项。The sideloaded add-in has been removed from desktop Excel.");
  }
  if (stopRecorded()) console.log("已停止开发服务。The dev server has been stopped.");
  else console.log("没有正在运行的开发服务。No dev server started by npm start is running.");
}

main();
