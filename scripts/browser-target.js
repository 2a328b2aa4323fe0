/**
 * The one browser target of the single-file web page (网页版, dist/绩效自评助手.html) and of the
 * WPS task pane (h-wps's pane builds with these same settings): the oldest engine either must serve.
 * Change it here only; webpack.web.js transpiles to it, test/build/browser-target.test.ts parses
 * the built bundles at `ecmaVersion` and checks the APIs below, and the README states it.
 *
 * Why Chromium 69: the oldest engine seen in use on 信创 desktops is 奇安信可信浏览器 on
 * Kylin/UOS reporting `Chrome/69.0.3497.128 … Qaxbrowser` (2021 server logs kept in public
 * repositories); later builds report 83, 86, 90, 102. UOS 浏览器 reports `Chrome/83.0.4103.116 … UOS`
 * and `Chrome/91.0.4472.124 … UOSBrowser/6.0.1`; 360 安全浏览器 and 奇安信 on Windows 7 report 86.
 * WPS's embedded Chromium (Windows, WPS 12.1) reports `Chrome/104.0.5112.102 … WpsOfficeApp/12.1.0`,
 * newer than 69. Firefox 78 ESR is the Firefox shipped on Kylin V10 desktops; Edge 79 is the first
 * Chromium Edge. If h-wps finds a WPS build with an older engine, lower `chromium` here.
 */
const chromium = 69;

module.exports = {
  chromium,
  /** For Babel's preset-env (and browserslist-aware tools). */
  browserslist: [`chrome >= ${chromium}`, "edge >= 79", "firefox >= 78"],
  /**
   * The newest ECMAScript syntax every target parses: Chrome 69 has all of ES2019's syntax
   * (optional catch binding since 66) and none of ES2020's (`?.` and `??` came in 80).
   */
  ecmaVersion: 2019,
  /**
   * Built-ins newer than the target that code might call, with the Chrome version that brought
   * each (MDN browser-compat-data). src/web/polyfills.ts supplies those marked `polyfilled`;
   * the test fails if the bundle names any other one. A static one (`of` an object such as
   * Promise) is found as `Promise.any`; a prototype method by its name alone, except the
   * `generic` names other objects also have (`.text`, `.findLast`), which only the old-engine
   * browser test (test/e2e/web-old-engine.test.ts, the built-ins removed) can judge.
   */
  lateApis: [
    { name: "globalThis", chrome: 71, polyfilled: true },
    { name: "queueMicrotask", chrome: 71, polyfilled: true },
    { name: "fromEntries", of: "Object", chrome: 73, polyfilled: true },
    { name: "matchAll", of: "String.prototype", chrome: 73, polyfilled: true },
    { name: "allSettled", of: "Promise", chrome: 76, polyfilled: true },
    { name: "arrayBuffer", of: "Blob.prototype", chrome: 76, polyfilled: true },
    { name: "text", of: "Blob.prototype", chrome: 76, polyfilled: false, generic: true },
    { name: "replaceAll", of: "String.prototype", chrome: 85, polyfilled: true },
    { name: "any", of: "Promise", chrome: 85, polyfilled: false },
    // Fluent UI's focus handling (tabster, keyborg) calls `new WeakRef` unguarded.
    { name: "WeakRef", chrome: 84, polyfilled: true },
    { name: "FinalizationRegistry", chrome: 84, polyfilled: false },
    { name: "replaceChildren", of: "Element.prototype", chrome: 86, polyfilled: false },
    { name: "at", of: "Array.prototype", chrome: 92, polyfilled: true, generic: true },
    { name: "hasOwn", of: "Object", chrome: 93, polyfilled: true },
    { name: "findLast", of: "Array.prototype", chrome: 97, polyfilled: false, generic: true },
    { name: "findLastIndex", of: "Array.prototype", chrome: 97, polyfilled: false, generic: true },
    { name: "structuredClone", chrome: 98, polyfilled: false },
    { name: "randomUUID", of: "crypto", chrome: 92, polyfilled: false },
    { name: "Segmenter", of: "Intl", chrome: 87, polyfilled: false },
    { name: "toSorted", of: "Array.prototype", chrome: 110, polyfilled: false },
    { name: "groupBy", of: "Object", chrome: 117, polyfilled: false },
    { name: "withResolvers", of: "Promise", chrome: 119, polyfilled: false },
  ],
};
