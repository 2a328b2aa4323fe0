/**
 * The .xlsx parts' XML scanner: what it reads (names without prefixes, attributes, texts decoded
 * from UTF-8 bytes, entities, CDATA, line ends, byte-order marks, UTF-16) and what it refuses
 * (anything not well-formed, a DOCTYPE, control characters), in time proportional to the part.
 */
import { performance } from "perf_hooks";
import { ReadError } from "../../src/readers/read-error";
import { scanXml } from "../../src/readers/xml-scan";

type Event = ["open", string, Record<string, string>] | ["close", string] | ["text", string];

function events(part: Uint8Array | string): Event[] {
  const out: Event[] = [];
  scanXml(part, "测试部件 ", {
    open(name, attrs) {
      const a: Record<string, string> = {};
      for (let i = 0; i < attrs.count; i++) a[attrs.name(i)] = attrs.value(i);
      out.push(["open", name, a]);
    },
    close: (name) => out.push(["close", name]),
    text: (t) => out.push(["text", t]),
  });
  return out;
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

function refusal(part: Uint8Array | string): string {
  try {
    events(part);
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    return (e as Error).message;
  }
  throw new Error("accepted");
}

test("tags, prefixes, attributes in either quote, self-closing tags, texts", () => {
  expect(events(utf8(`<?xml version="1.0"?>\n<x:a xmlns:x="u" k='v 1'><b r="A1"/>文字 &amp; &lt;b&gt; &#x4E2D;&#25991;<c>x</c></x:a>`))).toEqual([
    ["open", "a", { "xmlns:x": "u", k: "v 1" }],
    ["open", "b", { r: "A1" }],
    ["close", "b"],
    ["text", "文字 & <b> 中文"],
    ["open", "c", {}],
    ["text", "x"],
    ["close", "c"],
    ["close", "a"],
  ]);
});

test("an attribute by its local name, whatever its prefix; xmlns declarations are not attributes", () => {
  const got: (string | undefined)[] = [];
  scanXml(utf8('<sheet xmlns:r="ns" name="表" r:id="rId3"/>'), "", { open: (_, a) => got.push(a.get("id"), a.get("name"), a.get("r")) });
  expect(got).toEqual(["rId3", "表", undefined]);
});

test("the same text from UTF-8 with and without a byte-order mark, from UTF-16 either way round, and from a string", () => {
  const xml = '<?xml version="1.0"?><t a="甲">乙&#x1F61C;丙</t>';
  const expected = events(xml);
  expect(expected[1]).toEqual(["text", "乙😜丙"]);
  const le = Buffer.from(xml, "utf16le");
  const be = Buffer.from(le).swap16();
  for (const part of [utf8(xml), new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(xml)]), new Uint8Array([0xff, 0xfe, ...le]), new Uint8Array(le), new Uint8Array([0xfe, 0xff, ...be]), new Uint8Array(be)])
    expect(events(part)).toEqual(expected);
  // A Uint8Array that is not a Node Buffer (the browser's case) reads the same.
  expect(events(new Uint8Array(utf8(xml)))).toEqual(expected);
});

test("CDATA is text as it stands; comments and processing instructions are passed over; line ends become \\n", () => {
  expect(events(utf8("<a><!-- 注释 --><![CDATA[<b>&amp;乙]]><?pi x?>x\r\ny\rz</a>"))).toEqual([
    ["open", "a", {}],
    ["text", "<b>&amp;乙"],
    ["text", "x\ny\nz"],
    ["close", "a"],
  ]);
  // Attribute values: line ends and tabs are spaces; a character reference keeps its character.
  expect(events('<a v="1\r\n2\t3&#10;4"/>')[0]).toEqual(["open", "a", { v: "1 2 3\n4" }]);
});

test.each([
  ["an unclosed tag", "<a><b></a>"],
  ["a truncated part", "<a><b>text"],
  ["a closing tag of another name", "<a></b>"],
  ["two roots", "<a/><b/>"],
  ["text outside the root", "<a/>garbage"],
  ["no root at all", "   "],
  ["an unquoted attribute", "<a v=1/>"],
  ["< in an attribute value", '<a v="<"/>'],
  ["an unknown entity", "<a>&nbsp;</a>"],
  ["an entity without its semicolon", "<a>&amp</a>"],
  ["a reference to no character", "<a>&#0;</a>"],
  ["a raw control character", "<a>\u0001</a>"],
  ["an unterminated comment", "<a><!-- </a>"],
  ["an unterminated CDATA section", "<a><![CDATA[ </a>"],
])("%s is not well-formed", (_, xml) => {
  expect(refusal(utf8(xml))).toContain("测试部件 的 XML 格式错误");
});

test("a DOCTYPE is refused, whatever it declares", () => {
  expect(refusal(utf8('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'))).toContain("不允许的文档类型声明");
});

test("time in proportion to the part: 300,000 cells, an unclosed quote, 200,000 attributes before a megabyte of text, a 10 MB text", () => {
  const cells = `<sheetData><row r="1">${'<c r="A1" s="1" t="s"><v>0</v></c>'.repeat(300000)}</row></sheetData>`;
  const manyAttributes = `<a ${Array.from({ length: 200000 }, (_, i) => `a${i}="v"`).join(" ")}>${"x".repeat(1000000)}`;
  const hostile = [utf8(cells), utf8(`<a b="${"<a ".repeat(200000)}`), utf8(manyAttributes), utf8(`<a>${"文".repeat(3500000)}</a>`)];
  const t = performance.now();
  let opened = 0;
  for (const part of hostile) {
    try {
      scanXml(part, "", { open: () => opened++ });
    } catch (e) {
      expect(e).toBeInstanceOf(ReadError);
    }
  }
  expect(opened).toBeGreaterThanOrEqual(600004);
  // Linear work is a second or two on a busy machine; a quadratic scan of these takes hours.
  expect(performance.now() - t).toBeLessThan(20000);
});
