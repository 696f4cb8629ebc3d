/**
 * Writes a sample certificate PDF for a visual check (`npx tsx test/documents/render-sample.ts
 * out.pdf [--no-photo]`), then e.g. `pdftoppm -png -r 80 -singlefile out.pdf out`.
 */
import { writeFile } from 'node:fs/promises';
import { renderCertificatePdf } from '../../documents/certificate-pdf';
import { sampleCertificate, samplePhotoPng } from './certificate-fixture';

async function main(): Promise<void> {
  const [out = 'certificate-sample.pdf', flag] = process.argv.slice(2);
  const pdf = await renderCertificatePdf(
    sampleCertificate({ photo: flag === '--no-photo' ? null : samplePhotoPng() }),
  );
  await writeFile(out, pdf);
  console.log(`${out}: ${pdf.length} bytes`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
