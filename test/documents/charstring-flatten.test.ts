import { Subroutines, flattenCharstring, subroutineBias } from '../../documents/charstring-flatten';
import { loadCjkFont } from '../../documents/cjk-font';

/** Subroutines from byte lists. */
function subrs(...bodies: number[][]): Subroutines {
  return { length: bodies.length, get: (i) => Uint8Array.from(bodies[i]) };
}

const NONE = subrs();
/** The one-byte operand that names subroutine `index` of a set of fewer than 1240 (bias 107). */
const op = (index: number): number => index - 107 + 139;

describe('documents/charstring-flatten - subroutine bias', () => {
  it.each([
    [0, 107],
    [1239, 107],
    [1240, 1131],
    [22293, 1131],
    [33899, 1131],
    [33900, 32768],
  ])('should bias %i subroutines by %i', (count, bias) => {
    expect(subroutineBias(count)).toBe(bias);
  });
});

describe('documents/charstring-flatten - flattening', () => {
  const local = subrs([139, 139, 5, 11], [op(0), 29, 11], [150, 14]);
  const global = subrs([140, 6, 11], [op(0), 10, 11]);

  it.each<[string, number[], number[]]>([
    ['a charstring without calls stays as it is', [139, 140, 21, 14], [139, 140, 21, 14]],
    ['a local call becomes the body without its return', [op(0), 10, 14], [139, 139, 5, 14]],
    // Subroutine 1 calls global subroutine 0: both bodies end up inline, in order.
    ['nested calls are inlined in order', [op(1), 10, 14], [140, 6, 14]],
    ['a global call that calls a local one', [op(1), 29, 14], [139, 139, 5, 14]],
    // Operands pushed before a call stay on the stack for the called body.
    ['operands before a call stay', [200, op(0), 10, 14], [200, 139, 139, 5, 14]],
    ['endchar inside a subroutine ends the glyph', [op(2), 10, 139, 21], [150, 14]],
    // Two stems (4 operands), then a hint mask of one byte that happens to read as callsubr.
    [
      'hint mask bytes are copied, not read',
      [139, 140, 141, 142, 1, 19, 10, 14],
      [139, 140, 141, 142, 1, 19, 10, 14],
    ],
    // Nine stems: two operands before hintmask are an implicit vstem, and the mask has 2 bytes.
    [
      'an implicit vstem before a mask widens it',
      [...Array(16).fill(139), 18, 139, 140, 19, 0xff, 10, 14],
      [...Array(16).fill(139), 18, 139, 140, 19, 0xff, 10, 14],
    ],
    [
      'a 3-byte and a 2-byte operand are copied whole',
      [28, 0, 10, 247, 10, 21, 14],
      [28, 0, 10, 247, 10, 21, 14],
    ],
    [
      'flex operators are copied',
      [...Array(13).fill(139), 12, 35, 14],
      [...Array(13).fill(139), 12, 35, 14],
    ],
  ])('%s', (_, charstring, flat) => {
    expect([...flattenCharstring(Uint8Array.from(charstring), local, global)]).toEqual(flat);
  });

  it('should read a subroutine number written as a 2-byte or 3-byte operand', () => {
    // given: 1240 subroutines (bias 1131), the last one called as 1239 − 1131 = 108 (2 bytes)
    const many = subrs(...Array.from({ length: 1240 }, (_, i) => [i === 1239 ? 150 : 139, 11]));
    // when
    const twoBytes = flattenCharstring(Uint8Array.from([247, 0, 10, 14]), many, NONE);
    const threeBytes = flattenCharstring(Uint8Array.from([28, 0, 108, 10, 14]), many, NONE);
    // then
    expect([...twoBytes]).toEqual([150, 14]);
    expect([...threeBytes]).toEqual([150, 14]);
  });

  it.each<[string, number[]]>([
    ['a call without an operand', [10, 14]],
    ['a call of a subroutine that does not exist', [op(5), 10, 14]],
    ['an arithmetic operator', [139, 140, 12, 10, 14]],
  ])('should refuse %s', (_, charstring) => {
    expect(() => flattenCharstring(Uint8Array.from(charstring), local, global)).toThrow();
  });

  it('should refuse a subroutine that calls itself', () => {
    const recursive = subrs([op(0), 10, 11]);
    expect(() => flattenCharstring(Uint8Array.from([op(0), 10, 14]), recursive, NONE)).toThrow(
      /depth/,
    );
  });
});

describe('documents/charstring-flatten - the packaged CJK font', () => {
  it('should flatten every glyph into a charstring that calls nothing', async () => {
    // given
    const font = (await loadCjkFont()) as unknown as {
      numGlyphs: number;
      'CFF ': {
        stream: { pos: number; readBuffer(length: number): Uint8Array };
        globalSubrIndex?: Array<{ offset: number; length: number }>;
        getCharString(gid: number): Uint8Array;
        privateDictForGlyph(gid: number): { Subrs?: Array<{ offset: number; length: number }> };
      };
    };
    const cff = font['CFF '];
    const read = (index: Array<{ offset: number; length: number }>): Subroutines => ({
      length: index.length,
      get(i) {
        cff.stream.pos = index[i].offset;
        return cff.stream.readBuffer(index[i].length);
      },
    });
    const global = read(cff.globalSubrIndex ?? []);
    let calls = 0;
    for (let gid = 0; gid < font.numGlyphs; gid++) {
      // when
      const flat = flattenCharstring(
        cff.getCharString(gid),
        read(cff.privateDictForGlyph(gid).Subrs ?? []),
        global,
      );
      // then: flattening again without any subroutine changes nothing (a call would throw)
      const again = flattenCharstring(flat, { length: 0, get: () => new Uint8Array() }, NONE);
      if (Buffer.compare(again, flat) !== 0 || flat[flat.length - 1] !== 14) calls++;
    }
    expect(calls).toBe(0);
  }, 60_000);
});
