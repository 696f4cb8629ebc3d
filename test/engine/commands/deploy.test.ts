import { repairDoubleUtf8 } from '../../../engine/commands/deploy';

describe('engine/commands/deploy - the SDK double UTF-8 encoding', () => {
  it.each(['Prüfung', '证书', 'plain ascii', 'Ünïcödé and 燃气'])('should restore %s', (text) => {
    const double = Buffer.from(Buffer.from(text, 'utf8').toString('latin1'), 'utf8');
    expect(repairDoubleUtf8(double)).toBe(text);
  });

  it.each(['Prüfung', '证书', 'Ã© stays when it is real text: 燃'])(
    'should keep correct UTF-8 %s',
    (text) => {
      expect(repairDoubleUtf8(Buffer.from(text, 'utf8'))).toBe(text);
    },
  );
});
