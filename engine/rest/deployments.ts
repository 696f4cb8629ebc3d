import { Router } from 'express';
import busboy from 'busboy';
import type { Request } from 'express';
import type { Engine } from '../engine';
import { deploy, Resource } from '../commands/deploy';
import { deleteResource } from '../commands/delete-resource';
import { EngineError, invalidArgument } from './engine-error';
import { keyParam } from './key-param';

function readMultipart(req: Request): Promise<{ resources: Resource[]; tenantId?: string }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, defParamCharset: 'utf8' });
    } catch {
      reject(new EngineError(400, 'Bad Request', 'Expected a multipart/form-data request'));
      return;
    }
    const resources: Resource[] = [];
    let tenantId: string | undefined;
    bb.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () =>
        resources.push({ name: info.filename ?? 'resource', content: Buffer.concat(chunks) }),
      );
    });
    bb.on('field', (name, value) => {
      if (name === 'tenantId') tenantId = value;
    });
    bb.on('close', () => resolve({ resources, tenantId }));
    bb.on('error', reject);
    req.pipe(bb);
  });
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/create-deployment/ */
export function deploymentsRouter(engine: Engine): Router {
  const r = Router();
  r.param('key', keyParam);
  r.post('/deployments', async (req, res) => {
    const { resources, tenantId } = await readMultipart(req);
    if (tenantId && tenantId !== '<default>')
      throw invalidArgument(
        `Expected to handle request Deploy Resources with tenant identifier '${tenantId}', but multi-tenancy is disabled`,
      );
    res.json(await deploy(engine.ctx, resources, '<default>'));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/delete-resource/
  r.post('/resources/:key/deletion', async (req, res) => {
    await deleteResource(engine, req.params.key);
    res.status(204).end();
  });
  return r;
}
