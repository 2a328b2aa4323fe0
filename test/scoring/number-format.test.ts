/**
 * One reading of date formats for the readers and the core (issue 18 §13), linear in the
 * format's length (issue 17 §7), and Excel's serial days with its 1900 leap-year rule (issue 21 §4).
 */
import { performance } from "perf_hooks";
import { isoSerial, serialDateText, serialOf } from "../../src/scoring/grid/excel-date";
import { isDateFormat } from "../../src/scoring/grid/number-format";
import { isDateFormat as readersIsDateFormat } from "../../src/readers/builtin-formats";
import { builtinFormat } from "../../src/readers/builtin-formats";

describe("isDateFormat", () => {
  test.each([
    "yyyy-mm-dd",
    "mm-dd-yy",
    "m/d/yy h:mm",
    'yyyy"年"m"月"d"日"',
    "yyyy年m月d日",
    "[$-804]yyyy\"年\"m\"月\"",
    "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"",
    "[h]:mm:ss",
    "[mm]:ss",
    "h:mm AM/PM",
    "上午/下午h\"时\"mm\"分\"",
    "aaaa",
    "[$-411]ggge\"年\"m\"月\"d\"日\"",
    "dd/mm/yyyy;@",
    "[Red]yyyy-mm-dd",
  ])("%s shows a date or a time", (f) => expect(isDateFormat(f)).toBe(true));

  test.each([
    null,
    "",
    "General",
    "general",
    "0",
    "0.00",
    "#,##0.00",
    "0.00%",
    "0.00E+00",
    "##0.0E+0",
    "#,##0_);[Red](#,##0)",
    '_-* #,##0.00_-;\\-* #,##0.00_-;_-* "-"??_-;_-@_-',
    '0.00"万元"',
    '#,##0.00"元"',
    "0.00\\d",
    "[Red]0.00",
    "[$-804]General",
    "[DBNum2][$-804]General",
    "@",
    '"yyyy"0',
    "[<=100]0;0.0",
  ])("%s is not a date format", (f) => expect(isDateFormat(f)).toBe(false));

  test("every built-in date format (14–22, 27–36, 45–47, 50–58) reads as a date; the number formats do not", () => {
    const dates = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];
    for (const id of dates) expect({ id, date: isDateFormat(builtinFormat(id)) }).toEqual({ id, date: true });
    for (const id of [1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 38, 39, 40, 48, 49]) expect({ id, date: isDateFormat(builtinFormat(id)) }).toEqual({ id, date: false });
  });

  test("the readers and the core use the same function", () => {
    expect(readersIsDateFormat).toBe(isDateFormat);
  });

  test("hostile formats cost time in proportion to their length: 200,000 unclosed [ and quotes", () => {
    const hostile = ["[".repeat(200000), `${"[a".repeat(100000)}y`, '"'.repeat(200001), "\\".repeat(200000), "[h".repeat(100000), `${"_".repeat(200000)}d`];
    const t = performance.now();
    const answers = hostile.map((f) => isDateFormat(f));
    // A quadratic scan of these takes minutes; a linear one, milliseconds.
    expect(performance.now() - t).toBeLessThan(2000);
    expect(answers).toEqual([false, false, false, false, false, true]);
  });
});

describe("Excel's serial days", () => {
  test("1900-01-01 is day 1, the fictitious 1900-02-29 is day 60, 1900-03-01 is day 61", () => {
    expect(serialOf(1900, 1, 1)).toBe(1);
    expect(serialOf(1900, 2, 28)).toBe(59);
    expect(serialOf(1900, 3, 1)).toBe(61);
    expect(serialOf(2021, 1, 1)).toBe(44197);
    expect(serialOf(2021, 2, 30)).toBeNull();
  });

  test("a serial shows as the date Excel shows", () => {
    expect(serialDateText(0)).toBe("1900-01-00");
    expect(serialDateText(1)).toBe("1900-01-01");
    expect(serialDateText(59)).toBe("1900-02-28");
    expect(serialDateText(60)).toBe("1900-02-29");
    expect(serialDateText(61)).toBe("1900-03-01");
    expect(serialDateText(44197)).toBe("2021-01-01");
    expect(serialDateText(44197.5)).toBe("2021-01-01 12:00");
    expect(serialDateText(2958465)).toBe("9999-12-31");
    expect(serialDateText(2958466)).toBeNull();
    expect(serialDateText(-1)).toBeNull();
  });

  test("ISO 8601 dates, date-times and times (Strict workbooks) as serials", () => {
    expect(isoSerial("1900-01-01")).toBe(1);
    expect(isoSerial("1900-01-01T00:00:00")).toBe(1);
    expect(isoSerial("2021-01-01T06:00:00Z")).toBe(44197.25);
    expect(isoSerial("10:59:59.9999999999984025")).toBeCloseTo(11 / 24, 9);
    expect(isoSerial("12:00")).toBe(0.5);
    // Elapsed times ([h]:mm:ss) are written as durations.
    expect(isoSerial("PT24H0M0.000S")).toBe(1);
    expect(isoSerial("PT0H11M0.000S")).toBeCloseTo(11 / 1440, 12);
    expect(isoSerial("P1DT12H")).toBe(1.5);
    expect(isoSerial("P")).toBeNull();
    expect(isoSerial("2021-13-01")).toBeNull();
    expect(isoSerial("25:00")).toBeNull();
    expect(isoSerial("下周")).toBeNull();
    expect(isoSerial("1".repeat(100000))).toBeNull();
  });
});
