/**
 * Builds the web page (网页版): one self-contained HTML file, dist/绩效自评助手.html, that opens
 * from file:// with no server and no network. Two compilations:
 *   web-worker  the checking worker (readers + core + review rows), kept out of dist/
 *   web         the page (the pane, the grid, the batch review), which inlines its own script, its
 *               styles and the worker's script (the page starts the worker from a Blob URL:
 *               file:// allows that, not a worker loaded from a file URL)
 * Everything is transpiled to scripts/browser-target.js, node_modules included (scripts/browser-babel.js, the
 * rules the WPS pane uses too), and put in one chunk.
 * `npm run build` runs this after the add-in's webpack.config.js (which keeps this file in dist/).
 */
const path = require("path");
const os = require("os");
const webpack = require("webpack");
const { SingleFilePlugin, WEB_PAGE_FILE } = require("./scripts/single-file-plugin");
const { browserBabelRules } = require("./scripts/browser-babel");

const ROOT = __dirname;

function common(mode) {
  return {
    mode,
    context: ROOT,
    devtool: false,
    // webpack's own runtime code, written for the same engines.
    target: ["web", "es5"],
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      // ExcelJS's own browser bundle, without its polyfills: the page is for engines that need none of them.
      alias: { exceljs$: path.join(ROOT, "node_modules/exceljs/dist/exceljs.bare.min.js") },
      // Node's modules have no place in a page; the shared code that imports them is never called there.
      fallback: { fs: false, path: false, os: false, crypto: false, worker_threads: false, stream: false },
    },
    // ExcelJS's browser build is already ES5 (and a megabyte: Babel would only slow the build).
    module: { rules: browserBabelRules("jxzp-babel-web", /node_modules[\\/](exceljs[\\/]dist|core-js)/) },
    plugins: [
      new webpack.DefinePlugin({ "process.env.NODE_ENV": JSON.stringify(mode) }),
      // One file: a dynamic import (ExcelJS is loaded when writing) stays in the same chunk.
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
    ],
    performance: { hints: false },
    infrastructureLogging: { level: "warn" },
  };
}

const WORKER_DIR = path.join(os.tmpdir(), "jxzp-web-worker");

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const out = env.outDir ? path.resolve(env.outDir) : path.join(ROOT, "dist");
  const workerDir = env.outDir ? path.join(path.resolve(env.outDir), ".web-worker") : WORKER_DIR;
  return [
    {
      ...common(mode),
      name: "web-worker",
      target: ["webworker", "es5"],
      entry: { worker: "./src/web/worker/check-worker.ts" },
      output: { path: workerDir, filename: "[name].js", clean: true },
    },
    {
      ...common(mode),
      name: "web",
      dependencies: ["web-worker"],
      entry: { web: ["./src/web/polyfills.ts", "./src/web/index.tsx"] },
      output: { path: out, filename: "web.[contenthash].js", clean: false },
      plugins: [
        ...common(mode).plugins,
        new SingleFilePlugin({ template: path.join(ROOT, "src/web/web.html"), worker: path.join(workerDir, "worker.js"), output: WEB_PAGE_FILE }),
      ],
    },
  ];
};
