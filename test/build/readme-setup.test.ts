/**
 * The README's set-up line (issue 18 §11) runs both in a root shell without `sudo` (a container,
 * a CI runner) and as a user with `sudo`. It is taken from the README itself and run by bash
 * against stand-ins for sudo, apt-get and npm that only record how they were called.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
/** The first bash block after 设置. */
const SETUP = /设置[^\n]*\n+```bash\n([^\n]+)\n```/.exec(README)![1];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-setup-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A folder of stand-in commands that append their name and arguments to calls.log. */
function standIns(dir: string, names: string[]): string {
  const bin = path.join(tmp, dir);
  fs.mkdirSync(bin);
  const log = path.join(tmp, `${dir}.log`);
  for (const name of names) {
    // sudo runs what it is given, as sudo does.
    const body = name === "sudo" ? `echo "sudo $*" >> '${log}'\nexec "$@"` : `echo "${name} $*" >> '${log}'`;
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  return bin;
}

function runSetup(bin: string): { status: number | null; calls: string[] } {
  const r = spawnSync("/bin/bash", ["-c", SETUP], { env: { PATH: bin }, encoding: "utf8" });
  const log = path.join(tmp, `${path.basename(bin)}.log`);
  return { status: r.status, calls: fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [] };
}

test("the line does not start with a bare sudo", () => {
  expect(SETUP).toContain("apt-get install -y chromium fonts-noto-cjk");
  expect(SETUP).toMatch(/npm ci$/);
  expect(SETUP).not.toMatch(/^sudo\s/);
});

test("as root with no sudo installed: apt-get runs directly, then npm ci", () => {
  const r = runSetup(standIns("root", ["apt-get", "npm"]));
  expect(r.status).toBe(0);
  expect(r.calls).toEqual(["apt-get install -y chromium fonts-noto-cjk", "npm ci"]);
});

test("as a user with sudo: apt-get runs through sudo, then npm ci as the user", () => {
  const r = runSetup(standIns("user", ["sudo", "apt-get", "npm"]));
  expect(r.status).toBe(0);
  expect(r.calls[0]).toMatch(/^sudo .*apt-get install -y chromium fonts-noto-cjk$/);
  expect(r.calls.slice(1)).toEqual(["apt-get install -y chromium fonts-noto-cjk", "npm ci"]);
});

test("the English summary gives the same line", () => {
  expect(README).toContain(`Set up: \`${SETUP}\``);
});
