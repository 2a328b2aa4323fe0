// Preloaded (node -r) into a CLI process under test, and passed on to its checking processes: on
// exit each writes the largest peak resident memory in kilobytes seen so far (its own or the
// file's) to the file JXZP_PEAK_RSS_FILE names. The checkers exit before the main process, so the
// figure is the largest of the run's processes. Test-only; the CLI knows nothing of it.
// VmHWM, not resourceUsage().maxRSS: the latter keeps the forking parent's (jest's) peak across exec.
const fs = require("fs");
process.on("exit", () => {
  const file = process.env.JXZP_PEAK_RSS_FILE;
  if (!file) return;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  const own = hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS;
  let before = 0;
  try {
    before = Number(fs.readFileSync(file, "utf8")) || 0;
  } catch {
    // The first process of the run to end.
  }
  fs.writeFileSync(file, String(Math.max(own, before)));
});
