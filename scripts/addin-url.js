/**
 * Where the add-in is served. Development: https://localhost:3000/ (the dev server). A
 * production build takes ADDIN_URL (e.g. https://example.org/jxzp/) and writes it into the
 * manifest in place of the development URL. Office loads add-ins over HTTPS only.
 */
const DEV_URL = "https://localhost:3000/";

/** The base URL with one trailing slash; throws a Chinese message for anything but https. */
function addinUrl(value) {
  if (value === undefined || value.trim() === "") return DEV_URL;
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`ADDIN_URL 不是有效的网址：${value}（例如 https://example.org/jxzp/）`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL 必须以 https:// 开头（Office 只加载 HTTPS 上的加载项）：${value}`);
  if (url.search || url.hash) throw new Error(`ADDIN_URL 不能带 ? 或 # 部分：${value}`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** The manifest text with the development URL replaced by `base`. */
function rewriteManifest(text, base) {
  return text.split(DEV_URL).join(base);
}

module.exports = { DEV_URL, addinUrl, rewriteManifest };
