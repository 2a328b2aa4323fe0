/**
 * Which dev server `npm start` started, so that `npm stop` ends exactly that process and
 * nothing else: a small JSON file in the temp directory with the process ids.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

const STATE_FILE = path.join(os.tmpdir(), "jxzp-dev-server.json");

function saveState(state) {
  fs.writeFileSync(STATE_FILE, JSON.stringify({ ...state, startedAt: new Date().toISOString() }));
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, "utf8"));
  } catch {
    return null;
  }
}

function clearState() {
  fs.rmSync(STATE_FILE, { force: true });
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

module.exports = { STATE_FILE, saveState, readState, clearState, isAlive };
