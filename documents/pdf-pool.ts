/**
 * Certificate PDFs rendered on worker threads, so the CPU-bound subsetting and compression of a
 * PDF (tens of ms each) runs on the other cores instead of the one event loop that also serves
 * the API, the engine and the job workers. Rendering is pure: a job awaits the bytes and writes
 * them in its transaction as before, and a retried job simply renders again.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Piscina from 'piscina';
import { CertificatePdfInput, renderCertificatePdf } from './certificate-pdf';

/**
 * Threads of the pool: `PDF_THREADS` when set (0 renders on the calling thread), else one less
 * than the cores, at least one, so the main thread keeps a core for itself.
 */
export function pdfThreadCount(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.PDF_THREADS?.trim();
  if (configured) {
    const count = Number(configured);
    if (!Number.isInteger(count) || count < 0) {
      throw new Error(`PDF_THREADS must be a whole number of threads, got "${configured}"`);
    }
    return count;
  }
  return Math.max(availableParallelism() - 1, 1);
}

/** A fixed set of threads rendering certificates; `threads` 0 renders in the calling thread. */
export class PdfPool {
  private readonly pool: Piscina<CertificatePdfInput, Uint8Array> | null;

  constructor(readonly threads: number) {
    this.pool =
      threads === 0
        ? null
        : new Piscina({
            filename: path.join(__dirname, 'pdf-render-thread.ts'),
            minThreads: threads,
            maxThreads: threads,
            // Threads live as long as the pool: each one parses the 8 MB font once.
            idleTimeout: Infinity,
            // Worker threads do not inherit a TypeScript loader from ts-jest, nor always from
            // tsx's launcher: each thread registers tsx itself to load the .ts entry.
            execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
          });
  }

  /** The PDF bytes of one certificate, as renderCertificatePdf makes them. */
  async render(input: CertificatePdfInput): Promise<Buffer> {
    if (!this.pool) return renderCertificatePdf(input);
    const pdf = await this.pool.run(input);
    return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }

  /** Ends the threads; rendering afterwards fails. */
  async close(): Promise<void> {
    await this.pool?.close();
  }
}

let shared: PdfPool | undefined;

/** The process's pool, started on first use with pdfThreadCount() threads. */
export function sharedPdfPool(): PdfPool {
  shared ??= new PdfPool(pdfThreadCount());
  return shared;
}

/** Ends the process's pool if one was started (idle threads never keep the process alive). */
export async function closeSharedPdfPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
