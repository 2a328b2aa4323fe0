/**
 * Babel rules that bring a bundle down to the one browser target (scripts/browser-target.js):
 * our TypeScript and React, and every package too (Fluent UI ships class static blocks, ES2022).
 * For the pages that must run in old engines: the WPS pane (webpack.config.js, env.wps) and the
 * web page (webpack.web.js). `cache` names the folder under the system's temporary folder where
 * Babel keeps its cache; `skip` matches the packages left as they are (core-js; the web page also
 * skips ExcelJS's browser build, which is ES5 already).
 */
const os = require("os");
const path = require("path");
const target = require("./browser-target");

function browserBabelRules(cache, skip = /node_modules[\\/]core-js/) {
  const env = ["@babel/preset-env", { targets: target.browserslist, modules: false, bugfixes: true }];
  const cacheDirectory = path.join(os.tmpdir(), cache);
  return [
    {
      test: /\.tsx?$/,
      exclude: /node_modules/,
      use: {
        loader: "babel-loader",
        options: {
          configFile: false,
          babelrc: false,
          cacheDirectory,
          presets: [env, ["@babel/preset-typescript", { allowDeclareFields: true }], ["@babel/preset-react", { runtime: "automatic" }]],
        },
      },
    },
    {
      test: /\.[cm]?js$/,
      include: /node_modules/,
      exclude: skip,
      use: { loader: "babel-loader", options: { configFile: false, babelrc: false, sourceType: "unambiguous", cacheDirectory, presets: [env] } },
    },
  ];
}

module.exports = { browserBabelRules };
