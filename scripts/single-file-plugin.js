/**
 * Turns the web page's compilation into one HTML file: the page's script inline (allowed by its
 * SHA-256 in the Content-Security-Policy, so no other script can run), the worker's script inline
 * as base64 text that the page turns into a Blob URL, and no other asset. The policy allows no
 * connection of any kind (connect-src, img-src, font-src … 'none'): the page cannot fetch, post
 * or load anything, whatever a workbook holds.
 */
const fs = require("fs");
const { createHash } = require("crypto");

const WEB_PAGE_FILE = "绩效自评助手.html";

/** Inline script text cannot hold `</script` or `<!--`; in JavaScript both survive escaping the slash or bang. */
function inlineScript(js) {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

function sha256(text) {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

/** The page's policy: its own script by hash, styles inline (Fluent UI inserts its rules at run time), workers from Blob URLs, nothing else. */
function policy(scriptHash) {
  return [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'`,
    "style-src 'unsafe-inline'",
    "worker-src blob:",
    "img-src data:",
    "font-src 'none'",
    "connect-src 'none'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

class SingleFilePlugin {
  constructor({ template, worker, output }) {
    this.template = template;
    this.worker = worker;
    this.output = output;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("SingleFilePlugin", (compilation) => {
      compilation.fileDependencies.add(this.template);
      compilation.hooks.processAssets.tap({ name: "SingleFilePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        const scripts = Object.keys(assets).filter((n) => n.endsWith(".js"));
        if (scripts.length !== 1) {
          compilation.errors.push(new Error(`网页版应只有一个脚本，实际有 ${scripts.length} 个：${scripts.join("、")}`));
          return;
        }
        if (!fs.existsSync(this.worker)) {
          compilation.errors.push(new Error(`找不到工作线程的脚本：${this.worker}`));
          return;
        }
        const pkg = JSON.parse(fs.readFileSync(require.resolve("../package.json"), "utf8"));
        const script = inlineScript(assets[scripts[0]].source().toString()).replace(/\r\n?/g, "\n");
        const worker = fs.readFileSync(this.worker).toString("base64").replace(/(.{120})/g, "$1\n");
        // The packages' licence comments, which the minimizer moved to *.LICENSE.txt, go into the one file.
        const licences = [
          ...Object.keys(assets).filter((n) => n.endsWith(".LICENSE.txt")).map((n) => assets[n].source().toString()),
          ...(fs.existsSync(`${this.worker}.LICENSE.txt`) ? [fs.readFileSync(`${this.worker}.LICENSE.txt`, "utf8")] : []),
        ];
        const html = fs
          .readFileSync(this.template, "utf8")
          .replace("%LICENSES%", () => licences.join("\n").replace(/--/g, "- -"))
          .replace("%CSP%", policy(sha256(script)))
          .replace(/%VERSION%/g, pkg.version)
          .replace("%WORKER%", () => worker)
          .replace("%SCRIPT%", () => script);
        for (const name of Object.keys(assets)) compilation.deleteAsset(name);
        // Already final: a minimizer (webpack minifies HTML in production) must not touch it, or the script
        // would no longer match its hash in the policy.
        compilation.emitAsset(this.output, new sources.RawSource(html), { minimized: true });
        // What a recipient compares (sha256sum's format: `hash  name`).
        const digest = createHash("sha256").update(html, "utf8").digest("hex");
        compilation.emitAsset(`${this.output}.sha256`, new sources.RawSource(`${digest}  ${this.output}\n`), { minimized: true });
        compilation.getLogger("SingleFilePlugin").info(`${this.output} SHA-256 ${digest}`);
        process.stdout.write(`网页版：${this.output}，SHA-256 ${digest}\n`);
      });
    });
  }
}

module.exports = { SingleFilePlugin, WEB_PAGE_FILE, inlineScript, policy };
