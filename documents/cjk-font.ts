/**
 * The simplified-Chinese font embedded in generated PDFs: Noto Sans Hans Regular (SIL OFL 1.1,
 * embedding allowed) shipped as a plain OTF file in `@embedpdf/fonts-sc`, so nothing depends on
 * system fonts or a download at run time. pdfkit embeds only the glyphs a document uses.
 * One weight only: subsetting this CID-keyed font costs ~0.2 s and ~50 KB per weight, so
 * headings are emboldened by stroking the glyph outlines instead of embedding the Bold file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** PostScript name, as it appears (after the subset tag) in the PDF's /BaseFont. */
export const CJK_FONT_NAME = 'NotoSansHans-Regular';

// The package exports only its metadata module, not the font paths: resolve its folder instead.
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

let loading: Promise<Buffer> | undefined;

/** The OTF file (about 8 MB), read once per process. */
export function loadCjkFont(): Promise<Buffer> {
  loading ??= readFile(path.join(FONT_DIR, `${CJK_FONT_NAME}.otf`));
  // A failed read is not cached: the next document tries again.
  loading.catch(() => (loading = undefined));
  return loading;
}
