/**
 * Uploaded files are what they claim to be. Magic bytes alone let a 3-byte "JPEG" through the
 * photo upload and fail the certificate job at issue, so photos are decoded in full and
 * re-encoded into the JPEG the certificate prints, and contracts must parse as the PDF, JPEG or
 * PNG they are declared as. Only formats we accept ever reach a decoder (no SVG, GIF, TIFF…).
 */
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { AppError } from '../app-error';

export type SniffedType =
  'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'application/pdf';

const SIGNATURES: ReadonlyArray<[SniffedType, (d: Buffer) => boolean]> = [
  ['image/jpeg', (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff],
  ['image/png', (d) => d.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))],
  [
    'image/webp',
    (d) => d.toString('latin1', 0, 4) === 'RIFF' && d.toString('latin1', 8, 12) === 'WEBP',
  ],
  ['image/gif', (d) => /^GIF8[79]a/.test(d.toString('latin1', 0, 6))],
  ['application/pdf', (d) => d.toString('latin1', 0, 5) === '%PDF-'],
];

/** The type the bytes say they are (magic bytes), whatever the client declared. */
export function sniffFileType(data: Buffer): SniffedType | undefined {
  return SIGNATURES.find(([, matches]) => matches(data))?.[0];
}

const NAMES: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'image/webp': 'WebP 图片',
  'image/gif': 'GIF 图片',
  'application/pdf': 'PDF 文件',
};

/** "PNG 图片" for image/png: how a person knows a file type. */
export const typeName = (mime: string): string => NAMES[mime] ?? mime;

/** Decoding stops beyond 40 megapixels, so a small file can't claim a huge image (a bomb). */
export const MAX_INPUT_PIXELS = 40_000_000;

/** Limits of an ID photo and the shape it is printed in (docs/decisions.md, "Uploaded files"). */
export const PHOTO_LIMITS = {
  minWidth: 240,
  minHeight: 320,
  /** width / height: from 二寸 35×53 mm (0.66) to 小二寸 (0.81), with a little room. */
  minAspect: 0.6,
  maxAspect: 0.85,
  /** The printed frame is 5:7 (105×147 pt); 413 px across prints at about 280 dpi. */
  printWidth: 413,
  printHeight: 578,
};

export interface NormalisedPhoto {
  mime: 'image/jpeg';
  data: Buffer;
  width: number;
  height: number;
}

const photoError = (status: number, code: string, detail: string) =>
  new AppError(status, code, detail);

/**
 * Decodes an ID photo the client declared as `declared` (a JPEG, PNG or WebP) and returns the
 * JPEG the certificate prints: turned upright by its EXIF orientation, cropped to the 5:7 frame,
 * sRGB on white, without metadata. Throws AppError 415/422 for anything else.
 */
export async function normaliseIdPhoto(data: Buffer, declared: string): Promise<NormalisedPhoto> {
  const actual = sniffFileType(data);
  if (actual === undefined)
    throw photoError(
      422,
      'photo-unreadable',
      `上传的内容不是有效的${typeName(declared)}，请重新导出证件照后上传`,
    );
  if (actual !== declared)
    throw photoError(
      415,
      'photo-wrong-format',
      `上传的内容是${typeName(actual)}，与声明的类型（${typeName(declared)}）不符`,
    );
  const size = await orientedSize(data);
  if (!size)
    throw photoError(
      422,
      'photo-unreadable',
      `证件照无法读取：${typeName(declared)}已损坏或不完整`,
    );
  const { width, height } = size;
  const L = PHOTO_LIMITS;
  if (width * height > MAX_INPUT_PIXELS)
    throw photoError(
      422,
      'photo-too-many-pixels',
      `证件照像素过多（${width}×${height}），请缩小后上传`,
    );
  if (width < L.minWidth || height < L.minHeight)
    throw photoError(
      422,
      'photo-too-small',
      `证件照尺寸过小（${width}×${height} 像素），至少须为 ${L.minWidth}×${L.minHeight} 像素`,
    );
  const aspect = width / height;
  if (aspect < L.minAspect || aspect > L.maxAspect)
    throw photoError(
      422,
      'photo-wrong-shape',
      `证件照须为竖版（宽高比 ${L.minAspect}～${L.maxAspect}，如一寸、二寸照），上传的为 ${width}×${height} 像素`,
    );
  try {
    const out = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS })
      .autoOrient()
      .resize(L.printWidth, L.printHeight, { fit: 'cover', position: 'centre' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg({ quality: 90 })
      .toBuffer({ resolveWithObject: true });
    return { mime: 'image/jpeg', data: out.data, width: out.info.width, height: out.info.height };
  } catch {
    // Headers can be whole while the pixel data is truncated or corrupt: decoding tells.
    throw photoError(
      422,
      'photo-unreadable',
      `证件照无法读取：${typeName(declared)}已损坏或不完整`,
    );
  }
}

/** Width and height after EXIF orientation, from the header only; undefined when unreadable. */
async function orientedSize(data: Buffer): Promise<{ width: number; height: number } | undefined> {
  try {
    // The header is read without a pixel limit so that a bomb gets its own message.
    const meta = await sharp(data, { limitInputPixels: false }).metadata();
    return meta.autoOrient;
  } catch {
    return undefined;
  }
}

const CONTRACT_FIELD = 'contractFile.contentBase64';

const contractError = (code: string, message: string) =>
  new AppError(422, code, message, [{ field: CONTRACT_FIELD, code, message }]);

/**
 * Checks that a labour contract is the PDF, JPEG or PNG it is declared as and opens: a PDF
 * parses and has a page, an image decodes in full. Throws AppError 422 otherwise.
 */
export async function checkContractFile(data: Buffer, declared: string): Promise<void> {
  const actual = sniffFileType(data);
  if (actual !== undefined && actual !== declared)
    throw contractError(
      'contract-wrong-format',
      `劳动合同文件的内容是${typeName(actual)}，与声明的文件类型（${typeName(declared)}）不符`,
    );
  const readable =
    actual === 'application/pdf' ? await pdfOpens(data) : actual ? await imageDecodes(data) : false;
  if (!readable)
    throw contractError(
      'contract-unreadable',
      `劳动合同文件无法打开：不是有效的${typeName(declared)}，或文件已损坏`,
    );
}

async function pdfOpens(data: Buffer): Promise<boolean> {
  try {
    // Encrypted PDFs are accepted: an owner password (no editing) is common on e-signed
    // contracts, and the page tree is readable without decrypting.
    const doc = await PDFDocument.load(data, { updateMetadata: false, ignoreEncryption: true });
    return doc.getPageCount() > 0;
  } catch {
    return false;
  }
}

async function imageDecodes(data: Buffer): Promise<boolean> {
  try {
    // A tiny thumbnail still reads every byte of the image, so truncation shows.
    await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS })
      .resize(64, 64, { fit: 'inside' })
      .raw()
      .toBuffer();
    return true;
  } catch {
    return false;
  }
}
