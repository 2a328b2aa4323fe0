#!/usr/bin/env node
/**
 * npm run build:wps — the WPS 表格 add-in, offline, in dist-wps/:
 *
 *   dist-wps/jxzp_<version>/        the add-in folder WPS loads (main.js, ribbon.xml, taskpane.html …)
 *   dist-wps/publish.xml            the add-in list for one person's jsaddons folder
 *   dist-wps/jsplugins.xml          the add-in list an administrator serves to a whole intranet
 *   dist-wps/jxzp-wps-<version>.zip the two lists and the folder, to carry to machines without internet
 *
 * Where these go and why (README「在 WPS 表格中使用」):
 * - publish.xml in %APPDATA%\kingsoft\wps\jsaddons (Windows) or ~/.local/share/Kingsoft/wps/jsaddons
 *   (Linux), with the folder beside it: wpsjs 2.2.3 src/lib/debug_publish.js (GetPublistXmlPath)
 *   and src/lib/build.js (CreatePublishXml / CreateCopyBat: url is the folder's name, enable
 *   "enable_dev", install "null"). No administrator rights: it is the person's own folder.
 * - jsplugins.xml is what oem.ini's [Server] JSPluginsServer= points WPS at; an online entry
 *   (<jspluginonline name type url>) names the served folder: wpsjs 2.2.3 src/lib/debug_xmlplugin.js.
 *   Set JXZP_WPS_URL to the intranet address the folder is served from.
 * Nothing in the package fetches anything at run time.
 */
const fs = require("fs");
const path = require("path");
const JSZip = require("jszip");

const ROOT = path.resolve(__dirname, "..");
const NAME = "jxzp";

function escapeXml(s) {
  return String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The per-person list: the folder sits beside it in the jsaddons folder. */
function publishXml(version) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jsplugins>
  <jsplugin name="${NAME}" type="et" url="${NAME}_${escapeXml(version)}" version="${escapeXml(version)}" enable="enable_dev" install="null" customDomain=""/>
</jsplugins>
`;
}

/** The intranet list: WPS loads the add-in from the served folder. */
function jspluginsXml(version, url) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<jsplugins>
  <jspluginonline name="${NAME}" type="et" url="${escapeXml(url)}" version="${escapeXml(version)}" enable="enable_dev"/>
</jsplugins>
`;
}

async function runWebpack(outDir, mode) {
  const webpack = require("webpack");
  const makeConfig = require(path.join(ROOT, "webpack.config.js"));
  const config = await makeConfig({ wps: true, wpsOut: outDir }, { mode });
  await new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

async function zipDir(zip, dir, prefix) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await zipDir(zip, p, `${prefix}${e.name}/`);
    else zip.file(`${prefix}${e.name}`, fs.readFileSync(p));
  }
}

async function buildWps({ out = path.join(ROOT, "dist-wps"), mode = "production", url = process.env.JXZP_WPS_URL } = {}) {
  const version = require(path.join(ROOT, "package.json")).version;
  const folder = `${NAME}_${version}`;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await runWebpack(path.join(out, folder), mode);
  // WPS makes index.html itself and loads main.js from it: a shipped index.html would be in the way.
  fs.rmSync(path.join(out, folder, "index.html"), { force: true });
  const served = url ? (url.endsWith("/") ? url : `${url}/`) : `http://127.0.0.1/${folder}/`;
  fs.writeFileSync(path.join(out, "publish.xml"), publishXml(version));
  fs.writeFileSync(path.join(out, "jsplugins.xml"), jspluginsXml(version, served));
  const zip = new JSZip();
  zip.file("publish.xml", publishXml(version));
  zip.file("jsplugins.xml", jspluginsXml(version, served));
  await zipDir(zip, path.join(out, folder), `${folder}/`);
  const zipPath = path.join(out, `${NAME}-wps-${version}.zip`);
  fs.writeFileSync(zipPath, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return { out, folder: path.join(out, folder), zip: zipPath, url: served, defaultUrl: !url };
}

module.exports = { buildWps, publishXml, jspluginsXml };

/** `--out DIR` (default dist-wps). */
function argsOf(argv) {
  const i = argv.indexOf("--out");
  return i >= 0 && argv[i + 1] ? { out: path.resolve(argv[i + 1]) } : {};
}

if (require.main === module) {
  buildWps(argsOf(process.argv.slice(2)))
    .then((r) => {
      process.stdout.write(`已生成 WPS 加载项：${r.folder}\n离线包：${r.zip}\n`);
      if (r.defaultUrl)
        process.stdout.write(`注意：未设置 JXZP_WPS_URL，jsplugins.xml 中的地址是占位的 ${r.url}；内网部署前请设为实际地址后重新生成。\n`);
    })
    .catch((e) => {
      process.stderr.write(`生成 WPS 加载项失败：${e.message}\n`);
      process.exitCode = 1;
    });
}
