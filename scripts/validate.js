#!/usr/bin/env node
/**
 * npm run validate: Microsoft's manifest validation (office-addin-manifest validate). It sends
 * manifest.xml to Microsoft's online validation service, so it needs the network; the offline
 * structure checks are in test/manifest.
 */
const { spawnSync } = require("child_process");
const path = require("path");
const { usageDataOff } = require("./usage-data");

const ROOT = path.join(__dirname, "..");
const manifest = process.argv[2] ?? path.join(ROOT, "manifest.xml");

console.log(
  [
    "注意：此检查会把清单上传到微软的在线验证服务，需要联网；离线的结构检查见 npx jest test/manifest。",
    "Note: this check sends the manifest to Microsoft's online validation service and needs the network;",
    "the offline structure checks are in npx jest test/manifest.",
    "",
  ].join("\n"),
);
usageDataOff();
const cli = require.resolve("office-addin-manifest/cli.js");
const r = spawnSync(process.execPath, [cli, "validate", manifest], { cwd: ROOT, stdio: "inherit" });
if (r.status !== 0) console.error("\n验证未通过或无法连接验证服务（见上方输出）。Validation failed or the service could not be reached (see above).");
process.exit(r.status ?? 1);
