/**
 * Builds dist/ for the add-in:
 *   taskpane.html  the shared runtime: Office.js, the JXZP functions bundle and the pane bundle
 *   preview.html   the pane beside an in-memory workbook, no Office.js (a browser preview)
 *   functions.js, functions.json (from the JSDoc) and functions.zh-CN.json (derived by id)
 *   assets/icon-*.png, manifest.xml (URLs rewritten from ADDIN_URL in production)
 * `webpack --mode production` minifies and writes no source maps; development writes
 * separate .map files (never eval or inline: the pages' Content-Security-Policy forbids eval).
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { ExplicitAssociatePlugin } = require("./scripts/explicit-associate-plugin");
const { FunctionsLocalePlugin } = require("./scripts/functions-locale");
const { CDN, officeJsUrl, OfficeJsUrlPlugin } = require("./scripts/office-js-url");
const { DEV_URL, addinUrl, rewriteManifest } = require("./scripts/addin-url");
const { httpsOptions } = require("./scripts/dev-certs");
const { usageDataOff } = require("./scripts/usage-data");

const PORT = 3000;

/** Webpack's own output for the Excel pane and the preview (Office.js needs a current engine anyway). */
const TARGET = ["web", "es2021"];

/**
 * The WPS pages go down to the one browser target of the web page and the WPS pane
 * (scripts/browser-target.js), with the same Babel rules as the web page (scripts/browser-babel.js).
 */
const { browserBabelRules } = require("./scripts/browser-babel");

const tsRule = (dev) => ({
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: {
    loader: "ts-loader",
    // Type checking runs separately (npm run typecheck); here only transpile, as ES modules for tree shaking.
    options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: dev } },
  },
});

/**
 * The WPS 表格 add-in (`npm run build:wps`, scripts/build-wps.js): one folder WPS loads as it is —
 * main.js (ribbon callbacks and the JXZP functions; WPS makes the index.html that loads it),
 * ribbon.xml, taskpane.html with its script, and the icons. Nothing in it is fetched from anywhere.
 */
function wpsConfig(dev, outDir) {
  return {
    name: "wps",
    mode: dev ? "development" : "production",
    target: ["web", "es5"],
    devtool: dev ? "source-map" : false,
    // The built-ins newer than the target, installed first where missing (src/web/polyfills.ts).
    entry: { main: ["./src/web/polyfills.ts", "./src/wps/main.ts"], taskpane: ["./src/web/polyfills.ts", "./src/wps/wps-taskpane.ts"] },
    output: { path: outDir, filename: "[name].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: { rules: browserBabelRules("jxzp-babel-wps") },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/wps/taskpane.html", chunks: ["taskpane"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/wps/ribbon.xml", to: "ribbon.xml" },
          { from: "assets/icon-32.png", to: "images/icon-32.png" },
          { from: "assets/icon-64.png", to: "images/icon-64.png" },
        ],
      }),
    ],
    performance: { hints: false },
  };
}

/** Only when serving: office-addin-dev-certs makes (once) and trusts a localhost certificate. */
async function serverOptions(env) {
  if (!env.WEBPACK_SERVE) return undefined;
  usageDataOff();
  return httpsOptions();
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  if (env.wps) return wpsConfig(dev, path.resolve(__dirname, env.wpsOut || "dist-wps/addin"));
  const base = dev ? DEV_URL : addinUrl(process.env.ADDIN_URL);
  // An intranet's own copy of Office.js (README: 内网部署); Microsoft's CDN otherwise.
  const officeJs = officeJsUrl(process.env.OFFICE_JS_URL);
  if (!dev && base === DEV_URL)
    console.warn(
      "注意：未设置 ADDIN_URL，生产构建的清单仍指向 https://localhost:3000/。\n" +
        "Note: ADDIN_URL is not set; the production manifest still points to https://localhost:3000/.",
    );

  return {
    mode: dev ? "development" : "production",
    target: TARGET,
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.tsx",
      preview: "./src/taskpane/preview/preview.tsx",
      // The WPS pane beside a fake WPS, for the browser tests and the README's pictures (development builds only).
      ...(dev ? { "wps-preview": "./test/wps/wps-preview.tsx" } : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // The web page (webpack.web.js, built after this) lives in dist/ too.
      clean: { keep: /绩效自评助手\.html/ },
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [tsRule(dev)],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      // After the metadata plugin, so that its loader is there to be taken off.
      new ExplicitAssociatePlugin(),
      new FunctionsLocalePlugin({ source: "functions.json", output: "functions.zh-CN.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Functions first: they are associated before the pane starts, in the one shared runtime.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      ...(officeJs === CDN ? [] : [new OfficeJsUrlPlugin(officeJs)]),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/taskpane/preview/preview.html",
        chunks: ["preview"],
      }),
      ...(dev ? [new HtmlWebpackPlugin({ filename: "wps-preview.html", template: "./src/wps/taskpane.html", chunks: ["wps-preview"] })] : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (dev ? content : Buffer.from(rewriteManifest(content.toString(), base))),
          },
        ],
      }),
    ],
    performance: { hints: dev ? false : "warning", maxAssetSize: 3 * 1024 * 1024, maxEntrypointSize: 3 * 1024 * 1024 },
    devServer: {
      port: PORT,
      // Only this machine: the dev server is for sideloading here, not for the network.
      host: "localhost",
      // Excel (desktop and web) fetches functions.json and the pages from another origin.
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await serverOptions(env) },
      static: false,
      // No live-reload client: nothing in the pages opens a socket; reload the pane after a change.
      client: false,
      hot: false,
      liveReload: false,
      devMiddleware: { writeToDisk: true },
    },
  };
};
