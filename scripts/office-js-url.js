/**
 * Where taskpane.html loads Office.js from. By default Microsoft's CDN, as the documentation asks
 * (referencing-the-javascript-api-for-office-library-from-its-cdn.md). An intranet without internet
 * can serve its own copy (the npm package @microsoft/office-js is "a copy of what gets published to
 * the official CDN"; the docs allow local references "only for internal, development, and debugging
 * scenarios"): OFFICE_JS_URL=https://内网/office-js/office.js npm run build, or a path on the
 * add-in's own site (office-js/office.js). The page's Content-Security-Policy follows.
 */
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const CDN_ORIGIN = "https://appsforoffice.microsoft.com";

/** The URL as given, checked: https, or a relative path on the add-in's own site. */
function officeJsUrl(value) {
  if (value === undefined || value.trim() === "") return CDN;
  const v = value.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(v) || v.startsWith("//")) {
    let url;
    try {
      url = new URL(v.startsWith("//") ? `https:${v}` : v);
    } catch {
      throw new Error(`OFFICE_JS_URL 不是有效的网址：${value}`);
    }
    if (url.protocol !== "https:") throw new Error(`OFFICE_JS_URL 必须以 https:// 开头，或是加载项站点上的相对路径：${value}`);
    return url.href;
  }
  if (/["'<>\s]/.test(v)) throw new Error(`OFFICE_JS_URL 含有不允许的字符：${value}`);
  return v;
}

/** taskpane.html loading Office.js from `url`, its CSP allowing exactly that origin (or only 'self'). */
function withOfficeJs(html, url) {
  if (url === CDN) return html;
  const absolute = /^https:/i.test(url);
  const origin = absolute ? new URL(url).origin : null;
  const out = html
    .split(`src="${CDN}"`)
    .join(`src="${url}"`)
    .replace(/(script-src 'self') https:\/\/appsforoffice\.microsoft\.com/, origin ? `$1 ${origin}` : "$1");
  if (out.includes(CDN_ORIGIN)) throw new Error("taskpane.html 中仍有微软 CDN 的地址，未能替换 Office.js 的来源。");
  return out;
}

/** Webpack plugin: rewrites taskpane.html as html-webpack-plugin emits it. */
class OfficeJsUrlPlugin {
  constructor(url) {
    this.url = url;
  }
  apply(compiler) {
    const HtmlWebpackPlugin = require("html-webpack-plugin");
    compiler.hooks.compilation.tap("OfficeJsUrlPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap("OfficeJsUrlPlugin", (data) => {
        if (data.outputName === "taskpane.html") data.html = withOfficeJs(data.html, this.url);
        return data;
      });
    });
  }
}

module.exports = { CDN, officeJsUrl, withOfficeJs, OfficeJsUrlPlugin };
