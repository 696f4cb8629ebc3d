/**
 * What a PDF worker thread of documents/pdf-pool.ts runs: one certificate per task. The thread
 * keeps its own parsed CJK font (documents/cjk-font.ts) for all the tasks it runs.
 */
import { CertificatePdfInput, renderCertificatePdf } from './certificate-pdf';

/** Piscina calls the default export with the task's input and sends back what it returns. */
export default function render(input: CertificatePdfInput): Promise<Buffer> {
  // A Buffer arrives as a plain Uint8Array (structured clone keeps the bytes, not the class).
  const photo = input.photo ? Buffer.from(input.photo) : input.photo;
  return renderCertificatePdf({ ...input, photo });
}
