import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import webpack from "webpack";

/**
 * Runs the project's webpack configuration in production mode with only the functions entry
 * (the pane bundles take over a minute on two cores and are not what these tests check):
 * the same plugins produce functions.js, functions.json, functions.zh-CN.json, the icons and
 * the manifest with its URLs rewritten from ADDIN_URL.
 */
export const ROOT = path.join(__dirname, "..", "..");

type ConfigFn = (env: Record<string, unknown>, argv: Record<string, unknown>) => Promise<webpack.Configuration>;

export async function productionConfig(addinUrl: string | undefined): Promise<webpack.Configuration> {
  const saved = process.env.ADDIN_URL;
  if (addinUrl === undefined) delete process.env.ADDIN_URL;
  else process.env.ADDIN_URL = addinUrl;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const make = require(path.join(ROOT, "webpack.config.js")) as ConfigFn;
    return await make({ WEBPACK_BUILD: true }, { mode: "production" });
  } finally {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  }
}

export async function buildFunctionsOnly(addinUrl: string): Promise<{ dir: string; stats: webpack.Stats }> {
  const config = await productionConfig(addinUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-build-"));
  const entry = config.entry as Record<string, string>;
  config.entry = { functions: entry.functions };
  config.context = ROOT;
  config.output = { ...config.output, path: dir };
  config.plugins = (config.plugins ?? []).filter((p) => p?.constructor?.name !== "HtmlWebpackPlugin");
  config.infrastructureLogging = { level: "error" };
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, s) => (err || !s ? reject(err ?? new Error("no stats")) : resolve(s))),
  );
  return { dir, stats };
}
