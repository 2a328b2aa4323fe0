/**
 * The office-addin-* tools our scripts run (office-addin-dev-certs, -manifest) report through
 * office-addin-usage-data. Its documented non-interactive opt-out is the `off` command, which
 * records usageDataLevel "off" in ~/office-addin-usage-data.json; every script here turns it off
 * before calling those tools. (The versions installed now have reporting removed altogether:
 * test/build/usage-data.test.ts checks that every installed copy stays off.)
 */
function usageDataOff() {
  try {
    const { turnUsageDataOff } = require("office-addin-usage-data/lib/command");
    const log = console.log;
    console.log = () => {}; // its English confirmation adds nothing for the person running npm start
    try {
      turnUsageDataOff();
    } finally {
      console.log = log;
    }
  } catch {
    // The package is absent: then nothing can report either.
  }
}

module.exports = { usageDataOff };
