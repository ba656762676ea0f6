/**
 * A PDF's text and page count with a JavaScript reader (unpdf, a build of
 * Mozilla's PDF.js), so `npm test` needs no poppler-utils. Rendering the pages
 * to images stays in the end-to-end suite (tests/e2e/canvass.e2e.ts).
 */
import { extractText, getDocumentProxy } from "unpdf";

export async function readPdfText(pdf: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const { totalPages, text } = await extractText(doc, { mergePages: true });
    return { pages: totalPages, text };
  } finally {
    await doc.destroy();
  }
}
