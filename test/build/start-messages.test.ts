/**
 * What `npm start` prints once the add-in is served (scripts/start-messages.js): besides the steps
 * for Excel, the page that runs without Excel, preview.html (issue 18 §10). taskpane.html alone
 * only says it cannot run outside Office.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const messages = require("../../scripts/start-messages.js");

const BASE = "https://localhost:3000/";
const MANIFEST = "/srv/jxzp/manifest.xml";

test.each([
  ["Excel on the web, no desktop Excel", messages.sideloadHelp({ base: BASE, manifest: MANIFEST, platform: "linux", desktop: false })],
  ["Excel on the web after desktop sideloading failed", messages.sideloadHelp({ base: BASE, manifest: MANIFEST, platform: "win32", desktop: true })],
  ["desktop Excel sideloaded", messages.sideloadedMessage({ base: BASE, manifest: MANIFEST, notOpened: null })],
])("%s: names preview.html, in Chinese and in English", (_, text: string) => {
  const lines = text.split("\n");
  const zh = lines.slice(0, lines.findIndex((l) => /^[A-Z━]/.test(l) && !/[\u4e00-\u9fff]/.test(l.replace(/绩效自评/g, ""))));
  expect(zh.join("\n")).toContain(`${BASE}preview.html`);
  expect(zh.join("\n")).toMatch(/不用 Excel 也可以先试/);
  expect(text).toMatch(/To try it without Excel: open https:\/\/localhost:3000\/preview\.html/);
  expect(text).toContain(MANIFEST);
});

test("the Excel-on-the-web steps say why taskpane.html is opened, and that it shows only a note outside Office", () => {
  const text = messages.sideloadHelp({ base: BASE, manifest: MANIFEST, platform: "linux", desktop: false });
  expect(text).toContain(`${BASE}taskpane.html`);
  expect(text).toMatch(/在 Office 之外这一页只显示一段说明/);
  expect(text).toMatch(/outside Office that page only shows a note/);
  expect(text).toContain("本机（linux）没有桌面版 Excel");
});
