/**
 * Type 2 charstrings (the glyph programs of a CFF font) with every subroutine call replaced by
 * the subroutine's body. A subset built from flattened charstrings needs no subroutine indexes:
 * the CJK font's dictionary of Chinese glyphs has 22,293 local subroutines, and a subset that
 * keeps them (so that their numbers stay valid, as fontkit's does) spends most of a PDF's CPU
 * writing them. The outline is the same program run in the same order, so it renders the same.
 */

/** Subroutine bodies by index as stored (before the bias the charstring's operand adds). */
export interface Subroutines {
  readonly length: number;
  get(index: number): Uint8Array;
}

const CALLSUBR = 10;
const RETURN = 11;
const ESCAPE = 12;
const ENDCHAR = 14;
const HINTMASK = 19;
const CNTRMASK = 20;
const SHORTINT = 28;
const CALLGSUBR = 29;
/** Stem hints: each pair of operands is one stem, which sizes later hint masks. */
const STEM_OPERATORS = new Set([1, 3, 18, 23]);
/** Escaped operators that clear the stack like any path operator: hflex, flex, hflex1, flex1. */
const ESCAPED_FLEX = new Set([34, 35, 36, 37]);
/** Type 2 allows 10 nested calls; a deeper one means a broken font, not a deep glyph. */
const MAX_NESTING = 10;

/** The bias added to a subroutine operand, by the number of subroutines (Type 2 §4.7). */
export function subroutineBias(count: number): number {
  if (count < 1240) return 107;
  if (count < 33900) return 1131;
  return 32768;
}

/**
 * The charstring with each `callsubr`/`callgsubr` (and the operand naming the subroutine)
 * replaced by the called body without its `return`. Throws on what a compiled font does not
 * contain (a computed subroutine number, arithmetic operators), rather than guess.
 */
export function flattenCharstring(
  charstring: Uint8Array,
  local: Subroutines,
  global: Subroutines,
): Uint8Array {
  const out: number[] = [];
  // Output offsets of the operands on the argument stack, so a call can drop its own operand.
  let operands: number[] = [];
  let stems = 0;
  let ended = false;

  const run = (code: Uint8Array, depth: number): void => {
    let i = 0;
    while (i < code.length && !ended) {
      const b0 = code[i];
      if (b0 >= 32 || b0 === SHORTINT) {
        const length = b0 === SHORTINT ? 3 : b0 <= 246 ? 1 : b0 <= 254 ? 2 : 5;
        operands.push(out.length);
        for (let k = 0; k < length; k++) out.push(code[i + k]);
        i += length;
        continue;
      }
      if (b0 === CALLSUBR || b0 === CALLGSUBR) {
        const start = operands.pop();
        if (start === undefined) throw new Error('Subroutine call without an operand');
        const subrs = b0 === CALLSUBR ? local : global;
        const index = decodeInteger(out, start) + subroutineBias(subrs.length);
        out.length = start;
        if (index < 0 || index >= subrs.length || depth >= MAX_NESTING) {
          throw new Error(`Bad subroutine call ${index} of ${subrs.length} at depth ${depth}`);
        }
        run(subrs.get(index), depth + 1);
        i += 1;
        continue;
      }
      if (b0 === RETURN) return;
      if (b0 === ENDCHAR) {
        out.push(b0);
        ended = true;
        return;
      }
      if (b0 === HINTMASK || b0 === CNTRMASK) {
        // Operands before a mask are an implicit vstem; the mask has one bit per stem.
        stems += operands.length >> 1;
        operands = [];
        const length = 1 + ((stems + 7) >> 3);
        for (let k = 0; k < length; k++) out.push(code[i + k]);
        i += length;
        continue;
      }
      if (b0 === ESCAPE) {
        if (!ESCAPED_FLEX.has(code[i + 1])) {
          throw new Error(`Unsupported charstring operator 12 ${code[i + 1]}`);
        }
        out.push(b0, code[i + 1]);
        operands = [];
        i += 2;
        continue;
      }
      if (STEM_OPERATORS.has(b0)) stems += operands.length >> 1;
      out.push(b0);
      operands = [];
      i += 1;
    }
  };

  run(charstring, 0);
  return Uint8Array.from(out);
}

/** The integer operand encoded at `bytes[at]` (a subroutine number is never a 16.16 fixed). */
function decodeInteger(bytes: number[], at: number): number {
  const b0 = bytes[at];
  if (b0 === SHORTINT) return ((bytes[at + 1] << 24) | (bytes[at + 2] << 16)) >> 16;
  if (b0 <= 246) return b0 - 139;
  if (b0 <= 250) return (b0 - 247) * 256 + bytes[at + 1] + 108;
  if (b0 <= 254) return -(b0 - 251) * 256 - bytes[at + 1] - 108;
  throw new Error('Subroutine number encoded as a fixed-point value');
}
