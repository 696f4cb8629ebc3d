/**
 * The simplified-Chinese font embedded in generated PDFs: Noto Sans Hans Regular (SIL OFL 1.1,
 * embedding allowed) shipped as a plain OTF file in `@embedpdf/fonts-sc`, so nothing depends on
 * system fonts or a download at run time. pdfkit embeds only the glyphs a document uses.
 * One weight only: subsetting this CID-keyed font costs ~0.2 s and ~50 KB per weight, so
 * headings are emboldened by stroking the glyph outlines instead of embedding the Bold file.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { flattenSubsetCharstrings } from './cff-subset-flat';

/** PostScript name, as it appears (after the subset tag) in the PDF's /BaseFont. */
export const CJK_FONT_NAME = 'NotoSansHans-Regular';

// The package exports only its metadata module, not the font paths: resolve its folder instead.
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

/**
 * The parts of a fontkit font this module relies on. pdfkit's `font()` takes a parsed fontkit
 * font as well as the file's bytes (anything with a `layout` method); its types list bytes only.
 */
export interface ParsedFont {
  postscriptName: string;
  layout(text: string): unknown;
}

// The fontkit pdfkit itself depends on, so the object is one its PDFFontFactory accepts.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
  create(bytes: Uint8Array): ParsedFont & { createSubset(): object };
};

let loading: Promise<ParsedFont> | undefined;

/**
 * The font parsed once per process (per worker thread). fontkit parses its tables lazily and
 * keeps them, and each glyph's outline once read, on this object; passing the bytes instead
 * made pdfkit parse the 8 MB file again for every document. Sharing it is safe: a document only
 * reads it (its subset lives in pdfkit's per-document EmbeddedFont) and pdfkit lays text out
 * synchronously, so two documents never interleave inside a fontkit call.
 */
export function loadCjkFont(): Promise<ParsedFont> {
  loading ??= readFile(path.join(FONT_DIR, `${CJK_FONT_NAME}.otf`)).then((bytes) => {
    const font = fontkit.create(bytes);
    flattenSubsetCharstrings(font);
    return font;
  });
  // A failed read is not cached: the next document tries again.
  loading.catch(() => (loading = undefined));
  return loading;
}

/** pdfkit's per-document font object, where it keeps the text runs it has laid out. */
interface EmbeddedFontCache {
  layoutCache?: Record<string, unknown>;
}

/** Text runs kept across documents; names and unit names vary, so the cache starts afresh. */
const LAYOUT_CACHE_LIMIT = 5000;
let layoutCache: Record<string, unknown> = Object.create(null) as Record<string, unknown>;

/**
 * Lets the document's current font (the shared CJK font) reuse the text runs earlier documents
 * laid out: shaping a string (fontkit's layout, ~1-2 ms per certificate) gives the same glyphs
 * and positions for the same font every time, and pdfkit copies a run before changing it. It
 * keeps one such cache per document by default, so the fixed labels were shaped anew each time.
 */
export function shareLayoutCache(doc: PDFKit.PDFDocument): void {
  const font = (doc as unknown as { _font?: EmbeddedFontCache })._font;
  if (!font?.layoutCache) return;
  if (Object.keys(layoutCache).length > LAYOUT_CACHE_LIMIT) {
    layoutCache = Object.create(null) as Record<string, unknown>;
  }
  font.layoutCache = layoutCache;
}
