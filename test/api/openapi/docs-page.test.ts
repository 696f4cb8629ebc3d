import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { openApiDocument } from '../../../api/openapi/openapi-document';
import { apiRoutes } from '../../../api/routes';
import type { UseCaseContext } from '../../../api/use-cases/context';

/** Just enough DOM for the page's script: elements that hold children, attributes and text. */
class FakeElement {
  children: FakeElement[] = [];
  attributes: Record<string, string> = {};
  text = '';
  value = '';
  files: unknown[] = [];
  onclick?: () => Promise<void>;
  constructor(readonly tag: string) {}
  setAttribute(k: string, v: string) {
    this.attributes[k] = v;
  }
  append(...nodes: (FakeElement | string)[]) {
    for (const n of nodes) {
      if (typeof n === 'string') this.text += n;
      else this.children.push(n);
    }
  }
  addEventListener() {}
  set textContent(v: string) {
    this.text = v;
    this.children = [];
  }
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  all(tag: string): FakeElement[] {
    return this.children.flatMap((c) => [...(c.tag === tag ? [c] : []), ...c.all(tag)]);
  }
}

const routes = apiRoutes({} as UseCaseContext);
const doc = openApiDocument(routes);
const html = readFileSync(path.join(__dirname, '../../../api/openapi/docs-page.html'), 'utf8');
const script = html.split('<script>')[1].split('</script>')[0];

function loadPage(token: string) {
  const root = new FakeElement('main');
  const tokenInput = new FakeElement('input');
  const requests: { url: string; init: { method: string; headers: Record<string, string> } }[] = [];
  const reply = (body: unknown) => ({
    status: 200,
    statusText: 'OK',
    headers: { get: () => 'application/json' },
    json: async () => body,
  });
  const context = {
    document: {
      createElement: (tag: string) => new FakeElement(tag),
      getElementById: (id: string) => (id === 'root' ? root : tokenInput),
    },
    sessionStorage: { getItem: () => token, setItem: () => undefined },
    URLSearchParams,
    fetch: async (url: string, init: { method: string; headers: Record<string, string> }) => {
      if (url === '/openapi.json') return { json: async () => doc };
      requests.push({ url, init });
      return reply({ accessToken: 'new-token' });
    },
  };
  vm.runInNewContext(script, context);
  return { root, tokenInput, requests };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('api/openapi/docs-page - the browsable page', () => {
  it('should render one section per operation of the document', async () => {
    // when
    const { root } = loadPage('');
    await settle();
    // then
    const sections = root.all('details');
    expect(sections).toHaveLength(routes.length);
    expect(sections.map((d) => d.attributes.id)).toContain('registerPerson');
    expect(root.textContent).toContain('/api/persons/me/resume/{id}');
  });

  it('should send the token to protected operations only, and keep a new one after login', async () => {
    // given a stale token in the page
    const { root, tokenInput, requests } = loadPage('stale');
    await settle();
    const section = (id: string) => root.all('details').find((d) => d.attributes.id === id)!;
    const send = (id: string) => section(id).all('button')[0].onclick!();
    // when
    await send('createToken');
    await send('getMyPerson');
    // then
    expect(requests[0]).toMatchObject({ url: '/api/auth/token', init: { method: 'POST' } });
    expect(requests[0].init.headers.Authorization).toBeUndefined();
    expect(tokenInput.value).toBe('new-token');
    expect(requests[1].init.headers.Authorization).toBe('Bearer new-token');
  });
});
