/**
 * CPU per certificate PDF, in-thread and through the worker-thread pool (`npx tsx
 * test/documents/pdf-benchmark.ts [count]`): the figures of docs/benchmarks.md, "Certificate
 * PDF". The photo is the stored kind, the upload normalised to a 413×578 JPEG; holders' names
 * differ between certificates.
 */
import { performance } from 'node:perf_hooks';
import { normaliseIdPhoto } from '../../api/use-cases/uploaded-files';
import { CertificatePdfInput, renderCertificatePdf } from '../../documents/certificate-pdf';
import { PdfPool, pdfThreadCount } from '../../documents/pdf-pool';
import { sampleCertificate, samplePhotoPng } from './certificate-fixture';

const WARM_UP = 5;
const CONCURRENCY = 16;

// Holders' names vary from one certificate to the next, so every PDF has glyphs (and text runs)
// that the one before did not: a benchmark of one name would flatter the per-thread caches.
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂';

function inputs(count: number, photo: Buffer): CertificatePdfInput[] {
  return Array.from({ length: count }, (_, i) =>
    sampleCertificate({
      photo,
      holderName: SURNAMES[i % 20] + GIVEN[(i * 7) % 25] + GIVEN[(i * 11 + 3) % 25],
      certificateNumber: `青C04202600${String(i).padStart(4, '0')}`,
    }),
  );
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100);
  const photo = (await normaliseIdPhoto(samplePhotoPng(), 'image/png')).data;

  for (const input of inputs(WARM_UP, photo)) await renderCertificatePdf(input);
  let cpu = process.cpuUsage();
  let start = performance.now();
  let bytes = 0;
  for (const input of inputs(count, photo)) bytes = (await renderCertificatePdf(input)).length;
  const inThread = {
    cpuMsPerPdf: cpuMs(cpu) / count,
    wallMsPerPdf: (performance.now() - start) / count,
    bytes,
  };

  const threads = pdfThreadCount();
  const pool = new PdfPool(threads);
  await Promise.all(inputs(WARM_UP * Math.max(threads, 1), photo).map((i) => pool.render(i)));
  const queue = inputs(count, photo);
  cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let input = queue.shift(); input; input = queue.shift()) await pool.render(input);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const mainLoop = performance.eventLoopUtilization(loop);
  const pooled = {
    threads,
    pdfsPerSecond: count / seconds,
    // Every thread of the process; the main thread alone is its event loop's active time.
    processCpuMsPerPdf: cpuMs(cpu) / count,
    mainThreadMsPerPdf: (mainLoop.active / count) as number,
  };
  await pool.close();

  console.log(`in-thread: ${inThread.cpuMsPerPdf.toFixed(1)} ms CPU per PDF`);
  console.log(
    `pool of ${threads}: ${pooled.pdfsPerSecond.toFixed(1)} PDFs/s, ` +
      `${pooled.mainThreadMsPerPdf.toFixed(2)} ms of the main thread per PDF`,
  );
  console.log(JSON.stringify({ count, inThread, pooled }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
