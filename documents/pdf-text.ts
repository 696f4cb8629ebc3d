/** Text placement helpers for single-page documents drawn with pdfkit at absolute positions. */

export type Doc = PDFKit.PDFDocument;

/** Stroke width, as a share of the font size, that makes the regular weight read as bold. */
const BOLD_STROKE = 0.025;

/**
 * Text vertically centred in a cell: one line, shrunk down to 10 pt; a longer text (a long unit
 * name) wraps onto two lines, shrunk further as needed, rather than being cut.
 */
export function cellText(
  doc: Doc,
  text: string,
  x: number,
  top: number,
  width: number,
  height: number,
  size: number,
): void {
  for (let fitted = size; fitted >= 10; fitted -= 0.5) {
    doc.fontSize(fitted);
    if (doc.widthOfString(text) <= width) {
      doc.text(text, x, top + (height - doc.currentLineHeight()) / 2, { lineBreak: false });
      return;
    }
  }
  let fitted = size;
  let textHeight: number;
  do {
    fitted -= 0.5;
    doc.fontSize(fitted);
    textHeight = doc.heightOfString(text, { width, lineGap: 0 });
  } while (fitted > 6 && textHeight > height - 4);
  doc.text(text, x, top + (height - textHeight) / 2, { width, lineGap: 0 });
}

/** Size and colours for text drawn with `fill` and `stroke` (rendering mode 2): a faux bold. */
export function emboldened(doc: Doc, size: number, color: string): void {
  doc
    .fontSize(size)
    .fillColor(color)
    .strokeColor(color)
    .lineWidth(BOLD_STROKE * size);
}

/** One line centred across the page. */
export function centered(
  doc: Doc,
  text: string,
  y: number,
  options: PDFKit.Mixins.TextOptions = {},
): void {
  const width = doc.widthOfString(text, options);
  doc.text(text, (doc.page.width - width) / 2, y, { ...options, lineBreak: false });
}

/** One line ending at `right`. */
export function rightAligned(
  doc: Doc,
  text: string,
  right: number,
  y: number,
  options: PDFKit.Mixins.TextOptions = {},
): void {
  doc.text(text, right - doc.widthOfString(text, options), y, { ...options, lineBreak: false });
}
