// Preloaded (node -r) into a CLI process under test: on exit it writes the process's peak
// resident memory in kilobytes to the file JXZP_PEAK_RSS_FILE names. Test-only; the CLI knows nothing of it.
// VmHWM, not resourceUsage().maxRSS: the latter keeps the forking parent's (jest's) peak across exec.
const fs = require("fs");
process.on("exit", () => {
  const file = process.env.JXZP_PEAK_RSS_FILE;
  if (!file) return;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  fs.writeFileSync(file, hwm ? hwm[1] : String(process.resourceUsage().maxRSS));
});
