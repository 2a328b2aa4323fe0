/**
 * `npm run screenshots`: the README's screenshots in docs/, taken in Chromium by
 * test/e2e/readme-screenshots.shots.ts. Not part of `npm test`, which writes only to temporary folders.
 */
const base = require("./jest.config.js");

module.exports = { ...base, testMatch: ["**/test/e2e/readme-screenshots.shots.ts", "**/test/e2e/wps-screenshots.shots.ts"], testTimeout: 120000 };
