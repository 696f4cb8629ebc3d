import { findPhoto, savePhoto } from '../../repositories/persons';
import { notifyDataChanged } from './data-changed';
import { AppError } from '../app-error';
import { notFound } from '../auth/policy';
import type { UseCaseContext } from './context';
import { normaliseIdPhoto } from './uploaded-files';

/** ID photos are at most 2 MB. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** What a person may upload; every one is stored as the normalised JPEG the certificate prints. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Stores the photo, normalised for printing, when the bytes decode as the image declared. */
export async function uploadPhoto(
  ctx: UseCaseContext,
  personId: string,
  declared: string | undefined,
  data: unknown,
): Promise<{ mime: string; size: number; width: number; height: number }> {
  const mime = declared?.split(';')[0].trim().toLowerCase();
  if (!mime || !(PHOTO_TYPES as readonly string[]).includes(mime) || !Buffer.isBuffer(data))
    throw new AppError(
      415,
      'photo-unsupported-type',
      '证件照须为 JPEG、PNG 或 WebP 图片（Content-Type: image/jpeg、image/png 或 image/webp）',
    );
  if (data.length === 0) throw new AppError(400, 'photo-empty', '证件照内容为空');
  const photo = await normaliseIdPhoto(data, mime);
  await savePhoto(ctx.db, personId, photo.mime, photo.data);
  await notifyDataChanged(ctx, { personIds: [personId] });
  return { mime: photo.mime, size: photo.data.length, width: photo.width, height: photo.height };
}

export async function photoOf(ctx: UseCaseContext, personId: string) {
  const photo = await findPhoto(ctx.db, personId);
  if (!photo) throw notFound('证件照');
  return photo;
}
