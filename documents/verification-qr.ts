/**
 * The QR code of a certificate's public verification URL, drawn as vector squares so it stays
 * sharp at any zoom or print resolution and adds no image to the PDF.
 */
import QRCode from 'qrcode';

/** Dark/light modules of a QR symbol, without the quiet zone. */
export interface QrMatrix {
  size: number;
  isDark(row: number, col: number): boolean;
}

/** Minimal PDF drawing surface the QR needs (a pdfkit document satisfies it). */
export interface RectCanvas {
  rect(x: number, y: number, w: number, h: number): unknown;
  fill(color: string): unknown;
}

/** The QR symbol of the URL; level M survives a smudge or a fold of a printed copy. */
export function verificationQrMatrix(url: string): QrMatrix {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, col) => modules.get(row, col) === 1 };
}

/**
 * Draws the symbol in a square of `size` points at (x, y); the caller keeps a light margin around
 * it as the quiet zone. Runs of dark modules in a row become one rectangle to keep the stream small.
 */
export function drawQrMatrix(
  canvas: RectCanvas,
  matrix: QrMatrix,
  x: number,
  y: number,
  size: number,
  color = '#000000',
): void {
  const unit = size / matrix.size;
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      canvas.rect(x + start * unit, y + row * unit, (col - start) * unit, unit);
    }
  }
  canvas.fill(color);
}
