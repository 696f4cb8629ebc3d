/**
 * Workaround for the cost of fontkit 2's CFF subsetter (`subsetSubrs`): it keeps every entry of
 * the subroutine indexes of the font dictionaries a subset uses, so that subroutine numbers stay
 * valid, and writes each unused one as a one-byte `return` — a new Uint8Array per entry. The
 * CJK font has about 23,000 subroutines in the dictionaries of Chinese glyphs, so every PDF made
 * 23,000 typed arrays (slow to allocate, and garbage). One shared stub writes the same bytes.
 */

/** The parts of fontkit's CFFSubset that `subsetSubrs` reads. */
interface CffSubset {
  cff: { stream: { pos: number; readBuffer(length: number): Uint8Array } };
  subsetSubrs(subrs: SubrEntry[], used: Record<number, boolean>): Uint8Array[];
}

interface SubrEntry {
  offset: number;
  length: number;
}

/** The CFF `return` operator: the whole body of an unused subroutine. */
const RETURN = new Uint8Array([11]);

const PATCHED = Symbol('shared subroutine stubs');

/**
 * Makes the subsets of `font`'s kind (a CFF-flavoured OpenType font) share one stub for unused
 * subroutines. Leaves a subsetter it does not recognise (another fontkit) as it is.
 */
export function shareUnusedSubroutineStubs(font: { createSubset(): object }): void {
  const prototype = Object.getPrototypeOf(font.createSubset()) as Partial<CffSubset> & {
    [PATCHED]?: true;
  };
  if (prototype[PATCHED] || typeof prototype.subsetSubrs !== 'function') return;
  prototype.subsetSubrs = function (this: CffSubset, subrs, used) {
    const kept: Uint8Array[] = [];
    for (let i = 0; i < subrs.length; i++) {
      if (!used[i]) {
        kept.push(RETURN);
        continue;
      }
      this.cff.stream.pos = subrs[i].offset;
      kept.push(this.cff.stream.readBuffer(subrs[i].length));
    }
    return kept;
  };
  prototype[PATCHED] = true;
}
