/**
 * A small WordprocessingML (Office Open XML) writer for the readable contract and its redline: paragraphs with real
 * heading styles, numbered and bulleted lists (one numbering instance per list, so each restarts at 1), tables with a
 * repeated header row, bookmarks for defined terms, tracked insertions and deletions (w:ins / w:del with an author and
 * a date), and the package zipped with fflate. Written by hand rather than with the `docx` package: that package
 * draws ids from nanoid's random source and stamps the current time, and needs Node 22 (its nanoid), where every
 * artifact here must be byte-identical for the same sources on Node 20. Every zip entry has a fixed time.
 */
import { zipSync, strToU8 } from "fflate";

/** Text as XML character data, without the characters XML 1.0 cannot hold. */
export function xml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

/** Run properties. */
export interface RunStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
}

/** A run of text; line breaks in it become w:br. */
export function run(text: string, style: RunStyle = {}, deleted = false): string {
  const props = `${style.bold === true ? "<w:b/>" : ""}${style.italic === true ? "<w:i/>" : ""}`;
  const t = deleted ? "w:delText" : "w:t";
  const parts = text.split("\n").map((line) => `<${t} xml:space="preserve">${xml(line)}</${t}>`);
  return `<w:r>${props === "" ? "" : `<w:rPr>${props}</w:rPr>`}${parts.join("<w:br/>")}</w:r>`;
}

/** A paragraph of runs, with a style and list numbering. */
export function paragraph(runs: string, options: { style?: string; num?: { id: number; level: number } } = {}): string {
  const props =
    (options.style === undefined ? "" : `<w:pStyle w:val="${options.style}"/>`) +
    (options.num === undefined ? "" : `<w:numPr><w:ilvl w:val="${options.num.level}"/><w:numId w:val="${options.num.id}"/></w:numPr>`);
  return `<w:p>${props === "" ? "" : `<w:pPr>${props}</w:pPr>`}${runs}</w:p>`;
}

/** A table with a header row repeated on every page. */
export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  cell: (text: string, column: number) => string,
): string {
  const tr = (cells: readonly string[], header: boolean) =>
    `<w:tr>${header ? "<w:trPr><w:tblHeader/></w:trPr>" : ""}${cells
      .map(
        (c, i) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${header ? paragraph(run(c, { bold: true })) : cell(c, i)}</w:tc>`,
      )
      .join("")}</w:tr>`;
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>${head
    .map(() => "<w:gridCol/>")
    .join("")}</w:tblGrid>${tr(head, true)}${rows.map((r) => tr(r, false)).join("")}</w:tbl>`;
}

/** Numbering instances: each list gets its own, restarting at 1. */
export class Numbering {
  private readonly nums: { id: number; ordered: boolean }[] = [];
  next(ordered: boolean): number {
    const id = this.nums.length + 1;
    this.nums.push({ id, ordered });
    return id;
  }
  xml(): string {
    const level = (fmt: string, text: string) =>
      `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>`;
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="1">${level("decimal", "%1.")}</w:abstractNum><w:abstractNum w:abstractNumId="2">${level("bullet", "•")}</w:abstractNum>${this.nums
      .map(
        (n) =>
          `<w:num w:numId="${n.id}"><w:abstractNumId w:val="${n.ordered ? 1 : 2}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`,
      )
      .join("")}</w:numbering>`;
  }
}

export const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia" w:cs="Georgia"/><w:sz w:val="21"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:i/><w:color w:val="444444"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Reference"><w:name w:val="Rulebook Reference"/><w:basedOn w:val="Normal"/><w:rPr><w:i/><w:color w:val="444444"/><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="DefinedTerm"><w:name w:val="Defined Term"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:color="999999"/><w:left w:val="single" w:sz="4" w:color="999999"/><w:bottom w:val="single" w:sz="4" w:color="999999"/><w:right w:val="single" w:sz="4" w:color="999999"/><w:insideH w:val="single" w:sz="4" w:color="999999"/><w:insideV w:val="single" w:sz="4" w:color="999999"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>`;

/** The .docx package of a document body, its numbering and its title; byte-identical for the same input. */
export function docxPackage(body: string, numbering: Numbering, title: string): Uint8Array {
  const files: Record<string, string> = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    "word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`,
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1020" w:right="850" w:bottom="1020" w:left="850" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`,
    "word/styles.xml": STYLES,
    "word/numbering.xml": numbering.xml(),
    "docProps/core.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${xml(title)}</dc:title><dc:creator>Termsheet</dc:creator></cp:coreProperties>`,
  };
  // A fixed time for every entry, the zip's only clock: DOS times are local, so the date is built from local fields.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [strToU8(v), { mtime, level: 6 }]])));
}
