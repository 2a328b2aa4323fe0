/**
 * Word constructs LibreOffice does not write when it saves a table (rows that start late, the old
 * w:hMerge, content controls, tracked changes, text boxes, nested tables), on document.xml
 * text the way Word writes it. The whole-file path is tested on real .docx in formats.test.ts.
 */
import { DOCX_LIMITS, parseDocumentXml } from "../../src/readers/docx";
import { ReadError } from "../../src/readers/read-error";

const doc = (body: string, prefix = "w") =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${prefix}:document xmlns:${prefix}="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`;
const p = (...runs: string[]) => `<w:p>${runs.map((r) => `<w:r><w:t xml:space="preserve">${r}</w:t></w:r>`).join("")}</w:p>`;
const tc = (props: string, ...paras: string[]) => `<w:tc><w:tcPr>${props}</w:tcPr>${paras.length ? paras.join("") : "<w:p/>"}</w:tc>`;
const tr = (cells: string, trPr = "") => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ""}${cells}</w:tr>`;
const tbl = (cols: number, rows: string) => `<w:tbl><w:tblGrid>${"<w:gridCol/>".repeat(cols)}</w:tblGrid>${rows}</w:tbl>`;

test("gridSpan, vMerge restart/continue and gridBefore place cells on the table's grid", () => {
  const d = parseDocumentXml(
    doc(
      p("2021年度项目支出绩效自评表") +
        tbl(
          4,
          tr(tc('<w:gridSpan w:val="4"/>', p("标题"))) +
            tr(tc('<w:vMerge w:val="restart"/>', p("一级指标")) + tc("", p("A")) + tc('<w:gridSpan w:val="2"/>', p("B"))) +
            tr(tc("<w:vMerge/>") + tc("", p("C")) + tc("", p("D")) + tc("", p("E"))) +
            tr(tc("", p("F")) + tc('<w:vMerge w:val="continue"/>', p("G")), '<w:gridBefore w:val="2"/>'),
        ),
    ),
  );
  expect(d.grids).toHaveLength(1);
  const g = d.grids[0];
  expect(g.sheet).toBe("2021年度项目支出绩效自评表");
  expect(g.values).toEqual([
    ["标题", null, null, null],
    ["一级指标", "A", "B", null],
    [null, "C", "D", "E"],
    [null, null, "F", null],
  ]);
  // The last row's continued cell at column D has no area above starting there: E3 is its own
  // cell, so D4 joins it; the first column's merge runs down two rows.
  expect([...g.merges].sort()).toEqual(["A1:D1", "A2:A3", "C2:D2", "D3:D4"]);
});

test("the older w:hMerge joins cells across; a vMerge continue under a cell of other columns stands alone", () => {
  const g = parseDocumentXml(
    doc(tbl(3, tr(tc('<w:hMerge w:val="restart"/>', p("合计")) + tc('<w:hMerge w:val="continue"/>') + tc("", p("100"))) + tr(tc("<w:vMerge/>", p("x")) + tc("", p("y")) + tc("", p("z"))))),
  ).grids[0];
  expect(g.values).toEqual([
    ["合计", null, "100"],
    ["x", "y", "z"],
  ]);
  expect(g.merges).toEqual(["A1:B1"]);
});

test("text as Word shows it: paragraphs by line breaks, tabs and breaks, no deletions, field codes or text boxes", () => {
  const cell =
    `<w:p><w:r><w:t>执行率</w:t></w:r><w:r><w:tab/><w:t>99.96%</w:t></w:r><w:r><w:br/><w:t>（20分）</w:t></w:r></w:p>` +
    `<w:p><w:del><w:r><w:delText>99.99%</w:delText></w:r></w:del><w:ins><w:r><w:t>新</w:t></w:r></w:ins>` +
    `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
    `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:t>旧</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
    `<w:p/>`;
  const d = parseDocumentXml(doc(`<w:sdt><w:sdtContent>${p("正文一")}</w:sdtContent></w:sdt>` + tbl(1, tr(`<w:tc>${cell}</w:tc>`)) + p("正文", "二")));
  expect(d.grids[0].values).toEqual([["执行率\t99.96%\n（20分）\n新3"]]);
  expect(d.blocks).toEqual([
    { kind: "paragraph", text: "正文一" },
    { kind: "table", index: 0 },
    { kind: "paragraph", text: "正文二" },
  ]);
  // No caption before it: the table is named by its place.
  expect(d.grids[0].sheet).toBe("表1");
});

test("a table nested in a cell is that cell's text; only top-level tables are grids", () => {
  const inner = tbl(2, tr(tc("", p("a")) + tc("", p("b"))) + tr(tc("", p("c")) + tc("", p("d"))));
  const d = parseDocumentXml(doc(tbl(2, tr(tc("", p("外"), inner) + tc("", p("右"))))));
  expect(d.grids).toHaveLength(1);
  expect(d.grids[0].values).toEqual([["外\na\tb\nc\td", "右"]]);
});

test("any prefix bound to WordprocessingML is read; repeated captions are told apart", () => {
  const body = (t: string) => p("附件：2021年度项目支出绩效自评表") + tbl(1, tr(tc("", p(t))));
  const d = parseDocumentXml(doc(body("一") + body("二"), "w").replace(/w:/g, "wp:").replace(/xmlns:w=/, "xmlns:wp="), );
  expect(d.grids.map((g) => [g.sheet, g.values[0][0]])).toEqual([
    ["附件：2021年度项目支出绩效自评表", "一"],
    ["附件：2021年度项目支出绩效自评表（表2）", "二"],
  ]);
});

test("XML that is not well formed is a damaged document, in Chinese", () => {
  expect(() => parseDocumentXml(doc(tbl(1, tr(tc("", p("x"))))).replace("</w:tbl>", ""))).toThrow(ReadError);
  expect(() => parseDocumentXml(doc(p("&lol;")))).toThrow("Word 文档内容已损坏（正文的 XML 格式错误）");
});

test("by namespace, not prefix: the default namespace, unprefixed attributes, a prefix rebound below", () => {
  const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  const d = parseDocumentXml(
    `<document xmlns="${W}"><body><p><r><t>附件：项目支出绩效自评表</t></r></p>` +
      `<tbl><tr><tc><tcPr><gridSpan val="2"/></tcPr><p><r><t>标题</t></r></p></tc></tr><tr><tc><p><r><t>a</t></r></p></tc><tc><p><r><t>b</t></r></p></tc></tr></tbl>` +
      `<w:p xmlns:w="urn:not-word"><w:r><w:t>不是正文</w:t></w:r></w:p></body></document>`,
  );
  expect(d.grids.map((g) => [g.sheet, g.values, g.merges])).toEqual([["附件：项目支出绩效自评表", [["标题", null], ["a", "b"]], ["A1:B1"]]]);
  expect(d.blocks.filter((b) => b.kind === "paragraph")).toEqual([{ kind: "paragraph", text: "附件：项目支出绩效自评表" }]);
});

test("tables with no text are not grids, and a table is named by its place in the document", () => {
  const d = parseDocumentXml(doc(tbl(1, tr(tc("", "<w:p/>"))) + "<w:tbl/>" + tbl(1, tr(tc("", p("有字"))))));
  expect(d.grids.map((g) => [g.sheet, g.values])).toEqual([["表3", [["有字"]]]]);
});

test("tables nested deeper than the limit give their text to the cell they sit in", () => {
  const depth = DOCX_LIMITS.nesting + 5;
  const nest = "<w:tbl><w:tr><w:tc>".repeat(depth) + p("深") + "</w:tc></w:tr></w:tbl>".repeat(depth);
  const d = parseDocumentXml(doc(tbl(1, tr(tc("", p("外"), nest)))));
  expect(d.grids).toHaveLength(1);
  expect(d.grids[0].values).toEqual([["外\n深"]]);
});

test("a paragraph or cell longer than the limit is cut, and the cut is noted", () => {
  const long = "字".repeat(DOCX_LIMITS.chars + 10);
  const d = parseDocumentXml(doc(p(long) + tbl(1, tr(tc("", p(long), p("下一段"))))));
  expect(d.blocks[0]).toEqual({ kind: "paragraph", text: long.slice(0, DOCX_LIMITS.chars) });
  expect(String(d.grids[0].values[0][0])).toHaveLength(DOCX_LIMITS.chars);
  expect(d.notes.join("")).toContain(`超过 ${DOCX_LIMITS.chars} 个字符`);
});
