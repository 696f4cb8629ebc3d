/**
 * Just enough PDF reading for the certificate tests, on top of pdf-lib's parser: page count, the
 * fonts and images of page 1, its text decoded through each font's ToUnicode map, and the black
 * rectangles it fills (where the QR code is drawn).
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFStream,
  decodePDFRawStream,
} from 'pdf-lib';

export interface PdfFontInfo {
  baseFont: string;
  /** The key of the embedded font program in its descriptor, if any. */
  fontFile: 'FontFile' | 'FontFile2' | 'FontFile3' | null;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface InspectedPdf {
  pageCount: number;
  fonts: PdfFontInfo[];
  images: Array<{ filter: string }>;
  /** Text of page 1, one line per text object. */
  text: string;
  /** Rectangles filled in pure black, in page space with y pointing down. */
  blackRects: Rect[];
}

export async function inspectPdf(bytes: Uint8Array): Promise<InspectedPdf> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const page = pdf.getPage(0).node;
  const resources = page.Resources() ?? PDFDict.withContext(pdf.context);
  const fontDict = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
  const fonts: PdfFontInfo[] = [];
  const cmaps = new Map<string, Map<number, string>>();
  for (const name of fontDict?.keys() ?? []) {
    const font = fontDict!.lookup(name, PDFDict);
    const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray);
    const cid = descendant ? descendant.lookup(0, PDFDict) : font;
    const descriptor = cid.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const fontFile = (['FontFile', 'FontFile2', 'FontFile3'] as const).find((key) =>
      descriptor?.has(PDFName.of(key)),
    );
    fonts.push({
      baseFont: font.lookup(PDFName.of('BaseFont'), PDFName).decodeText(),
      fontFile: fontFile ?? null,
    });
    const toUnicode = font.lookupMaybe(PDFName.of('ToUnicode'), PDFStream);
    if (toUnicode instanceof PDFRawStream)
      cmaps.set(name.decodeText(), parseToUnicode(streamText(toUnicode)));
  }
  const xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const images = (xobjects?.keys() ?? [])
    .map((name) => xobjects!.lookup(name, PDFStream).dict)
    .filter((dict) => dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() === 'Image')
    .map((dict) => ({
      filter: dict.lookupMaybe(PDFName.of('Filter'), PDFName)?.decodeText() ?? '',
    }));
  const contents = page.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
  const content = streams
    .map((stream) => pdf.context.lookup(stream))
    .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
    .map(streamText)
    .join('\n');
  return {
    pageCount: pdf.getPageCount(),
    fonts,
    images,
    text: extractText(content, cmaps),
    blackRects: blackRects(content),
  };
}

function streamText(stream: PDFRawStream): string {
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

function utf16(hex: string): string {
  return Buffer.from(hex, 'hex').swap16().toString('utf16le');
}

/** Code → text from the bfchar and bfrange sections of a ToUnicode CMap. */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of body.matchAll(/<(\w+)>\s*<(\w+)>/g)) {
      map.set(parseInt(code, 16), utf16(text));
    }
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, list, first] of body.matchAll(
      /<(\w+)>\s*<(\w+)>\s*(?:\[([^\]]*)\]|<(\w+)>)/g,
    )) {
      const start = parseInt(lo, 16);
      const end = parseInt(hi, 16);
      const targets = list ? [...list.matchAll(/<(\w+)>/g)].map((m) => utf16(m[1])) : null;
      for (let code = start; code <= end; code++) {
        const base = first ? parseInt(first, 16) + (code - start) : 0;
        const text = targets ? targets[code - start] : String.fromCharCode(base);
        if (text !== undefined) map.set(code, text);
      }
    }
  }
  return map;
}

/** Text shown with Tj/TJ, decoded with the current font's map; two-byte codes (Identity-H). */
function extractText(content: string, cmaps: Map<string, Map<number, string>>): string {
  let cmap = new Map<number, string>();
  let text = '';
  const ops = /\/([\w.-]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<(\w*)>\s*Tj|\bET\b/g;
  for (const [op, font, array, single] of content.matchAll(ops)) {
    if (font !== undefined) cmap = cmaps.get(font) ?? new Map();
    else if (op === 'ET') text += '\n';
    else {
      const hexes =
        array !== undefined ? [...array.matchAll(/<(\w*)>/g)].map((m) => m[1]) : [single];
      for (const hex of hexes) {
        for (let i = 0; i + 4 <= hex.length; i += 4) {
          text += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
        }
      }
    }
  }
  return text;
}

/**
 * Rectangles appended (`re`) before a fill (`f`) whose colour is black. pdfkit flips the page once
 * (`1 0 0 -1 0 h cm`) and draws in top-down coordinates, which is what an image scan expects.
 */
function blackRects(content: string): Rect[] {
  const found: Rect[] = [];
  let path: Rect[] = [];
  let black = false;
  for (const line of content.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const op = parts[parts.length - 1];
    if (op === 're') {
      const [x, y, width, height] = parts.slice(0, 4).map(Number);
      path.push({ x, y, width, height });
    } else if (op === 'scn' || op === 'rg') {
      black = parts.slice(0, -1).every((value) => Number(value) === 0);
    } else if (['f', 'f*', 'S', 'B', 'b', 'n'].includes(op)) {
      if (op.startsWith('f') && black) found.push(...path);
      path = [];
    }
  }
  return found;
}
