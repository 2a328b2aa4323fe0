import * as fs from "fs";
import * as path from "path";

/**
 * No usage data leaves the machine through the office-addin-* tools our scripts run. Every
 * installed copy of office-addin-usage-data must be one that stays off (the current releases
 * removed reporting), and every script that calls those tools turns usage data off first.
 */
const ROOT = path.join(__dirname, "..", "..");

function copiesOf(pkg: string, dir = path.join(ROOT, "node_modules"), depth = 0): string[] {
  const found: string[] = [];
  const here = path.join(dir, pkg);
  if (fs.existsSync(path.join(here, "package.json"))) found.push(here);
  if (depth > 4 || !fs.existsSync(dir)) return found;
  for (const name of fs.readdirSync(dir)) {
    const scoped = name.startsWith("@") ? fs.readdirSync(path.join(dir, name)).map((n) => path.join(name, n)) : [name];
    for (const s of scoped) {
      const nested = path.join(dir, s, "node_modules");
      if (fs.existsSync(nested)) found.push(...copiesOf(pkg, nested, depth + 1));
    }
  }
  return found;
}

test("every installed office-addin-usage-data stays off, even when asked to turn on", async () => {
  const copies = copiesOf("office-addin-usage-data");
  expect(copies.length).toBeGreaterThan(0);
  for (const dir of copies) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { OfficeAddinUsageData, UsageDataLevel } = require(path.join(dir, "lib", "usageData.js"));
    const u = new OfficeAddinUsageData({ projectName: "jxzp-test", instrumentationKey: "00000000-0000-0000-0000-000000000000", usageDataLevel: UsageDataLevel.on, promptQuestion: "", raisePrompt: false });
    u.setUsageDataOn();
    expect([dir, u.isUsageDataOn(), u.getUsageDataLevel()]).toEqual([dir, false, "off"]);
    await u.reportEvent("jxzp-test", { a: [1, 1] });
    expect([dir, u.getEventsSent()]).toEqual([dir, 0]);
  }
});

test("the scripts that run office-addin tools turn usage data off first", () => {
  // stop.js and sideload.js run no office-addin tool (sideloading is done by scripts/sideload.js itself).
  for (const f of ["scripts/start.js", "scripts/validate.js", "webpack.config.js"]) {
    const src = fs.readFileSync(path.join(ROOT, f), "utf8");
    expect([f, /require\("\.\/(?:scripts\/)?usage-data"\)/.test(src), /usageDataOff\(\)/.test(src)]).toEqual([f, true, true]);
    // The M365 Agents Toolkit CLI (atk) has its own telemetry; nothing here calls it.
    expect([f, /\batk\b|m365agentstoolkit/.test(src)]).toEqual([f, false]);
  }
});
