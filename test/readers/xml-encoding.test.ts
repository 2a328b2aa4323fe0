/** XML parts in the encodings XML allows: by byte-order mark, by how `<?xml` is spelt, by declaration. */
import { decodeXmlBytes } from "../../src/readers/xml-encoding";

const XML = '<?xml version="1.0" encoding="ENC"?><t>自评表</t>';

test("UTF-8 with and without a mark, UTF-16 both ways with and without a mark", () => {
  const utf8 = XML.replace("ENC", "UTF-8");
  const utf16 = XML.replace("ENC", "UTF-16");
  expect(decodeXmlBytes(Buffer.from(utf8))).toBe(utf8);
  expect(decodeXmlBytes(Buffer.from("\ufeff" + utf8))).toBe(utf8);
  expect(decodeXmlBytes(Buffer.from("\ufeff" + utf16, "utf16le"))).toBe(utf16);
  expect(decodeXmlBytes(Buffer.from(utf16, "utf16le"))).toBe(utf16);
  expect(decodeXmlBytes(Buffer.from("\ufeff" + utf16, "utf16le").swap16())).toBe(utf16);
  expect(decodeXmlBytes(Buffer.from(utf16, "utf16le").swap16())).toBe(utf16);
});

test("a declared GBK part is read as GBK; a part that claims UTF-16 but is written in UTF-8 is read as UTF-8", () => {
  const gbk = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="GBK"?><t>'), Buffer.from([0xd7, 0xd4, 0xc6, 0xc0, 0xb1, 0xed]), Buffer.from("</t>")]);
  expect(decodeXmlBytes(gbk)).toBe('<?xml version="1.0" encoding="GBK"?><t>自评表</t>');
  const liar = XML.replace("ENC", "UTF-16");
  expect(decodeXmlBytes(Buffer.from(liar))).toBe(liar);
});
