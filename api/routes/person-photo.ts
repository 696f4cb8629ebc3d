import express, { RequestHandler } from 'express';
import { AppError } from '../app-error';
import { personIdOf, principalOf } from '../auth/policy';
import { route } from '../route';
import { object } from '../schemas/json-schema';
import type { UseCaseContext } from '../use-cases/context';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, photoOf, uploadPhoto } from '../use-cases/photo';
import { PHOTO_LIMITS as L } from '../use-cases/uploaded-files';
import { ok, problems } from './responses';

const PERSON = { roles: ['person'] } as const;
const image = { type: 'string', contentMediaType: 'image/jpeg' };

const rawImage = express.raw({ type: [...PHOTO_TYPES], limit: PHOTO_MAX_BYTES });

/** Reads the raw image: up to 2 MB (a larger one is refused from its Content-Length). */
const readImage: RequestHandler = (req, res, next) =>
  rawImage(req, res, (err?: unknown) =>
    next(
      (err as { type?: string })?.type === 'entity.too.large'
        ? new AppError(413, 'photo-too-large', '证件照不能超过 2 MB')
        : err,
    ),
  );

export function personPhotoRoutes(ctx: UseCaseContext) {
  return [
    route({
      method: 'put',
      path: '/api/persons/me/photo',
      operationId: 'putMyPhoto',
      tag: '从业人员',
      summary: '上传证件照',
      description:
        '请求体为图片原始字节，Content-Type 为 image/jpeg、image/png 或 image/webp，不超过 2 MB。' +
        `须为竖版证件照（至少 ${L.minWidth}×${L.minHeight} 像素，宽高比 ${L.minAspect}～${L.maxAspect}），` +
        `保存为打印用的 ${L.printWidth}×${L.printHeight} JPEG` +
        '（按 EXIF 方向摆正、居中裁切为 5:7、去除元数据），下载和证书打印的都是这张。',
      access: PERSON,
      rawBody: {
        parser: readImage,
        content: {
          'image/jpeg': { schema: image },
          'image/png': { schema: { ...image, contentMediaType: 'image/png' } },
          'image/webp': { schema: { ...image, contentMediaType: 'image/webp' } },
        },
      },
      responses: {
        200: ok(
          '已保存（规范化后的 JPEG）',
          object(
            {
              mime: { type: 'string' },
              size: { type: 'integer' },
              width: { type: 'integer' },
              height: { type: 'integer' },
            },
            ['mime', 'size', 'width', 'height'],
          ),
        ),
        ...problems(400, 401, 403, 413, 415, 422),
      },
      handle: async ({ req }) => ({
        body: await uploadPhoto(
          ctx,
          personIdOf(principalOf(req)),
          req.get('content-type'),
          req.body,
        ),
      }),
    }),
    route({
      method: 'get',
      path: '/api/persons/me/photo',
      operationId: 'getMyPhoto',
      tag: '从业人员',
      summary: '下载证件照',
      access: PERSON,
      responses: {
        200: { description: '证件照', contentType: 'image/*', schema: { type: 'string' } },
        ...problems(401, 403, 404),
      },
      handle: async ({ req, res }) => {
        const photo = await photoOf(ctx, personIdOf(principalOf(req)));
        res
          .type(photo.mime)
          .set('Cache-Control', 'private, no-cache')
          .set('Last-Modified', new Date(photo.updatedAt).toUTCString())
          .send(photo.data);
        return undefined;
      },
    }),
  ];
}
