/**
 * Workaround for the cost of fontkit 2's CFF subsetter: it keeps every entry of the subroutine
 * indexes of the font dictionaries a subset uses, so that subroutine numbers stay valid, and
 * writes each unused one as a `return` stub. The CJK font has about 23,000 subroutines in the
 * dictionaries of Chinese glyphs, so every PDF sized and wrote 23,000-entry indexes several
 * times over (about 60 % of a certificate's CPU). The patched subsetter writes flattened
 * charstrings (documents/charstring-flatten.ts) and no subroutines at all; a glyph is flattened
 * once per font object (per thread) and reused by every later document.
 */
import { type Subroutines, flattenCharstring } from './charstring-flatten';

/** The parts of fontkit's CFF table (`font['CFF ']`) the patch reads. */
interface CffTable {
  stream: { pos: number; readBuffer(length: number): Uint8Array };
  globalSubrIndex?: IndexEntry[];
  getCharString(gid: number): Uint8Array;
  privateDictForGlyph(gid: number): { Subrs?: IndexEntry[] } | null;
}

interface IndexEntry {
  offset: number;
  length: number;
}

/** The parts of fontkit's CFFSubset the patch replaces or reads. */
interface CffSubset {
  cff: CffTable;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetSubrs(subrs: IndexEntry[], used: Record<number, boolean>): Uint8Array[] | null;
}

const PATCHED = Symbol('flattened charstrings');
const flattened = new WeakMap<CffTable, Map<number, Uint8Array>>();

/**
 * Makes the subsets of `font`'s kind (a CFF-flavoured OpenType font) write flattened
 * charstrings without subroutines. Leaves a subsetter it does not recognise (another fontkit)
 * as it is.
 */
export function flattenSubsetCharstrings(font: { createSubset(): object }): void {
  const prototype = Object.getPrototypeOf(font.createSubset()) as Partial<CffSubset> & {
    [PATCHED]?: true;
  };
  if (
    prototype[PATCHED] ||
    typeof prototype.subsetCharstrings !== 'function' ||
    typeof prototype.subsetSubrs !== 'function'
  ) {
    return;
  }
  prototype.subsetCharstrings = function (this: CffSubset) {
    this.charstrings = this.glyphs.map((gid) => flatCharstring(this.cff, gid));
    this.gsubrs = [];
  };
  // Called for each font dictionary's local subroutines: none are needed any more, and a
  // private dictionary without Subrs is what a font without subroutines has.
  prototype.subsetSubrs = () => null;
  prototype[PATCHED] = true;
}

function flatCharstring(cff: CffTable, gid: number): Uint8Array {
  let glyphs = flattened.get(cff);
  if (!glyphs) flattened.set(cff, (glyphs = new Map()));
  let flat = glyphs.get(gid);
  if (!flat) {
    const local = subroutines(cff, cff.privateDictForGlyph(gid)?.Subrs ?? []);
    const global = subroutines(cff, cff.globalSubrIndex ?? []);
    flat = flattenCharstring(cff.getCharString(gid), local, global);
    glyphs.set(gid, flat);
  }
  return flat;
}

function subroutines(cff: CffTable, index: IndexEntry[]): Subroutines {
  return {
    length: index.length,
    get(i) {
      cff.stream.pos = index[i].offset;
      return cff.stream.readBuffer(index[i].length);
    },
  };
}
