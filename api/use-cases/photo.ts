import { findPhoto, savePhoto } from '../../repositories/persons';
import { notifyDataChanged } from './data-changed';
import { AppError } from '../app-error';
import { notFound } from '../auth/policy';
import type { UseCaseContext } from './context';

/** ID photos are at most 2 MB. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image type the bytes really are (magic bytes), whatever the client declared. */
export function sniffImageType(data: Buffer): 'image/jpeg' | 'image/png' | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
    return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  return undefined;
}

/** Stores the photo when the bytes are the JPEG or PNG the client declared. */
export async function uploadPhoto(
  ctx: UseCaseContext,
  personId: string,
  declared: string | undefined,
  data: unknown,
): Promise<{ mime: string; size: number }> {
  const mime = declared?.split(';')[0].trim().toLowerCase();
  if (!mime || !(PHOTO_TYPES as readonly string[]).includes(mime) || !Buffer.isBuffer(data))
    throw new AppError(
      415,
      'photo-unsupported-type',
      '证件照须为 JPEG 或 PNG 图片（Content-Type: image/jpeg 或 image/png）',
    );
  if (data.length === 0) throw new AppError(400, 'photo-empty', '证件照内容为空');
  const actual = sniffImageType(data);
  if (actual !== mime)
    throw new AppError(
      400,
      'photo-not-image',
      `上传的内容不是有效的${mime === 'image/png' ? 'PNG' : 'JPEG'}图片`,
    );
  await savePhoto(ctx.db, personId, actual, data);
  await notifyDataChanged(ctx, { personIds: [personId] });
  return { mime: actual, size: data.length };
}

export async function photoOf(ctx: UseCaseContext, personId: string) {
  const photo = await findPhoto(ctx.db, personId);
  if (!photo) throw notFound('证件照');
  return photo;
}
