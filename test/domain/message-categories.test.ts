import fs from 'node:fs';
import path from 'node:path';
import { MESSAGE_CATEGORY_NAMES, messageCategoryName } from '../../domain/message-categories';

describe('domain/message-categories - the Chinese names of message categories', () => {
  it('should name every category a diagram sends messages in', () => {
    // given the category headers of every message task in processes/
    const dir = path.join(__dirname, '..', '..', 'processes');
    const sent = new Set<string>();
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.bpmn')))
      for (const m of fs
        .readFileSync(path.join(dir, f), 'utf8')
        .matchAll(/key="category" value="([^"]+)"/g))
        sent.add(m[1]);
    // then each has a name of its own
    expect(sent.size).toBeGreaterThan(0);
    expect([...sent].filter((c) => !(c in MESSAGE_CATEGORY_NAMES))).toEqual([]);
  });

  it('should read an unknown category as 其他', () => {
    expect(messageCategoryName('employment')).toBe('聘用关系');
    expect(messageCategoryName('something-new')).toBe('其他');
  });
});
