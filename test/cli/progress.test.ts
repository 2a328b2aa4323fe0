import { duration, Progress } from "../../src/cli/progress";

function terminal() {
  const t = { text: "", write: (s: string) => void (t.text += s) };
  return t;
}

test("a line per redraw: files and forms done, forms per second, time left", () => {
  let now = 0;
  const out = terminal();
  const p = new Progress(out, 10, () => now, 200);
  now = 1000;
  p.fileDone(3);
  expect(out.text).toBe("\r已校验 1/10 个文件（3 张表），每秒 3.0 张表，预计还需 9 秒\x1b[K");
  now = 2000;
  p.fileDone(1);
  expect(p.line()).toBe("已校验 2/10 个文件（4 张表），每秒 2.0 张表，预计还需 8 秒");
});

test("redraws at most every interval, but always the last file", () => {
  let now = 0;
  const out = terminal();
  const p = new Progress(out, 100, () => now, 200);
  for (let i = 0; i < 99; i++) {
    now += 10;
    p.fileDone(1);
  }
  const draws = out.text.split("\r").filter(Boolean).length;
  // 99 files over 990 ms at one draw per 200 ms: the first and then one every 20 files.
  expect(draws).toBe(5);
  now += 10;
  p.fileDone(1);
  expect(out.text.endsWith("\r已校验 100/100 个文件（100 张表），每秒 100.0 张表，用时 1 秒\x1b[K")).toBe(true);
});

test("hide lifts the line, show puts it back, finish leaves the terminal clean", () => {
  let now = 0;
  const out = terminal();
  const p = new Progress(out, 2, () => now);
  p.hide();
  expect(out.text).toBe("");
  now = 500;
  p.fileDone(1);
  out.text = "";
  p.hide();
  expect(out.text).toBe("\r\x1b[K");
  p.show();
  expect(out.text.startsWith("\r\x1b[K\r已校验 1/2 个文件")).toBe(true);
  out.text = "";
  p.finish();
  expect(out.text).toBe("\r\x1b[K");
});

test("durations read as a person says them", () => {
  expect(duration(0)).toBe("0 秒");
  expect(duration(59.4)).toBe("59 秒");
  expect(duration(65)).toBe("1 分 05 秒");
  expect(duration(3600 + 120)).toBe("1 小时 02 分");
});
