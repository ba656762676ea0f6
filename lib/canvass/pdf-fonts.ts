/**
 * The canvass sheet's fonts. pdfkit's built-in Helvetica only knows
 * Windows-1252, so "Pérez" or "Nguyễn" would lose their accents on paper;
 * DejaVu Sans (embedded and subset by pdfkit) covers Latin, Greek and
 * Cyrillic. Characters it has no glyph for (CJK, say) are printed as "?"
 * rather than as invisible .notdef boxes, so a missing character is visible.
 */
import fs from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";

export const PDF_FONT = "SightlineSans";
export const PDF_FONT_BOLD = "SightlineSans-Bold";

// Read from the package directory at run time: the files are data, not modules,
// so neither turbopack nor tsx should bundle them (process.cwd() is the project
// root for `next start`, the CLI scripts and the tests alike).
const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");

interface LoadedFonts {
  regular: Buffer;
  bold: Buffer;
  hasGlyph: (codePoint: number) => boolean;
}

let loaded: LoadedFonts | undefined;

function loadFonts(): LoadedFonts {
  if (loaded) return loaded;
  const regular = fs.readFileSync(path.join(FONT_DIR, "DejaVuSans.ttf"));
  const bold = fs.readFileSync(path.join(FONT_DIR, "DejaVuSans-Bold.ttf"));
  const face = fontkit.create(regular);
  if (!("hasGlyphForCodePoint" in face)) throw new Error("DejaVuSans.ttf is not a single font face");
  // Remembered per code point: a sheet asks about the same few dozen characters thousands of times.
  const known = new Map<number, boolean>();
  const hasGlyph = (cp: number) => {
    let has = known.get(cp);
    if (has === undefined) {
      has = face.hasGlyphForCodePoint(cp);
      known.set(cp, has);
    }
    return has;
  };
  loaded = { regular, bold, hasGlyph };
  return loaded;
}

/** Registers the sheet's two fonts on a pdfkit document. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  const fonts = loadFonts();
  doc.registerFont(PDF_FONT, fonts.regular);
  doc.registerFont(PDF_FONT_BOLD, fonts.bold);
}

/** Text as it can be printed: composed (NFC), and "?" for what the font cannot draw. */
export function toPdfText(value: string): string {
  const { hasGlyph } = loadFonts();
  let out = "";
  for (const ch of value.normalize("NFC")) {
    const cp = ch.codePointAt(0)!;
    out += cp === 0x0a || hasGlyph(cp) ? ch : "?";
  }
  return out;
}
