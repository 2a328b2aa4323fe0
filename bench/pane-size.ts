import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import * as zlib from "zlib";
import type { Configuration, Stats } from "webpack";

/** The bar for the production task-pane bundle (issue 4). */
const LIMIT_KB = 300;

/** The project root, from the source (bench/) or the compiled copy (lib/bench/). */
function projectRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, "webpack.config.js"))) return dir;
  }
  throw new Error("找不到项目根目录（webpack.config.js）");
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/**
 * Builds the task pane alone with the project's webpack config in production mode (into a
 * temporary directory, so dist/ is left as it is) and reports the gzip size of what taskpane.html
 * loads for the pane: every JS file of the `taskpane` entry point.
 */
export async function benchPaneSize(): Promise<string[]> {
  const root = projectRoot(__dirname);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require(path.join(root, "node_modules", "webpack")) as typeof import("webpack");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, "webpack.config.js")) as (env: object, argv: object) => Promise<Configuration>;
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "jxzp-pane-size-"));
  const cwd = process.cwd();
  const t = performance.now();
  process.chdir(root);
  try {
    const config = await makeConfig({}, { mode: "production" });
    const entry = (config.entry as Record<string, string>).taskpane;
    config.entry = { taskpane: entry };
    config.output = { ...config.output, path: outDir };
    config.infrastructureLogging = { level: "error" };
    const stats = await new Promise<Stats>((resolve, reject) =>
      webpack(config, (err, s) => {
        if (err || !s) return reject(err ?? new Error("webpack 没有返回结果"));
        if (s.hasErrors()) return reject(new Error(s.toString({ all: false, errors: true })));
        resolve(s);
      }),
    );
    const files = (stats.toJson({ all: false, entrypoints: true }).entrypoints?.taskpane?.assets ?? []).map((a) => a.name).filter((n) => n.endsWith(".js"));
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const buf = fs.readFileSync(path.join(outDir, f));
      raw += buf.length;
      gz += zlib.gzipSync(buf, { level: 9 }).length;
    }
    const secs = ((performance.now() - t) / 1000).toFixed(0);
    const verdict = gz / 1024 <= LIMIT_KB ? "达标" : "超出";
    return [`任务窗格生产包：${files.join("、")} 共 ${kb(raw)} KB，gzip 后 ${kb(gz)} KB（上限 ${LIMIT_KB} KB，${verdict}；构建 ${secs} 秒）`];
  } finally {
    process.chdir(cwd);
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
