#!/usr/bin/env node
/**
 * npm stop: ends the dev server that npm start started (by the process id it recorded, never by
 * name) and, on Windows and macOS, unregisters the sideloaded add-in via office-addin-debugging.
 */
const { spawnSync } = require("child_process");
const path = require("path");
const { usageDataOff } = require("./usage-data");
const { clearState, isAlive, readState } = require("./dev-server-state");

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
  usageDataOff();
  if (process.platform === "win32" || process.platform === "darwin") {
    const cli = require.resolve("office-addin-debugging/cli.js");
    spawnSync(process.execPath, [cli, "stop", path.join(ROOT, "manifest.xml")], { cwd: ROOT, stdio: "inherit" });
  }
  if (stopRecorded()) console.log("已停止开发服务。The dev server has been stopped.");
  else console.log("没有正在运行的开发服务。No dev server started by npm start is running.");
}

main();
