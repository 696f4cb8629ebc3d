import type { Route } from '../../../api/route';
import { apiRoutes } from '../../../api/routes';
import type { JsonSchema } from '../../../api/schemas/json-schema';
import type { UseCaseContext } from '../../../api/use-cases/context';

/** The schemas a request is checked against: parameters, query and JSON bodies. */
function requestSchemas(r: Route): Array<[string, JsonSchema]> {
  const out: Array<[string, JsonSchema | undefined]> = [
    ['params', r.params],
    ['query', r.query],
    ['body', r.body],
    ['body', r.rawBody?.content['application/json']?.schema],
  ];
  return out.filter((x): x is [string, JsonSchema] => x[1] !== undefined);
}

const types = (s: JsonSchema) => ([] as string[]).concat(s.type ?? []);

/** Strings without a bound and arrays without maxItems, as dotted paths. */
function unbounded(schema: JsonSchema, path: string): string[] {
  const found: string[] = [];
  const t = types(schema);
  const fixedShape = schema.format === 'date' || schema.format === 'date-time';
  if (t.includes('string') && schema.maxLength === undefined && !schema.enum && !fixedShape)
    found.push(`${path} (string without maxLength)`);
  if (t.includes('array') && schema.maxItems === undefined)
    found.push(`${path} (array without maxItems)`);
  for (const [k, s] of Object.entries(schema.properties ?? {}))
    found.push(...unbounded(s, `${path}.${k}`));
  if (schema.items) found.push(...unbounded(schema.items, `${path}[]`));
  if (typeof schema.additionalProperties === 'object')
    found.push(...unbounded(schema.additionalProperties, `${path}.*`));
  return found;
}

/* Every request string and array is bounded, so no new route can let a huge one through. */
describe('api/routes - request schemas are bounded', () => {
  const routes = apiRoutes({} as UseCaseContext);

  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r]))(
    'should bound every string and array of %s',
    (_, r) => {
      const found = requestSchemas(r as Route).flatMap(([part, s]) => unbounded(s, part));
      expect(found).toEqual([]);
    },
  );

  it('should bound every date to the range the domain and PostgreSQL know', () => {
    const dates: JsonSchema[] = [];
    const collect = (s: JsonSchema) => {
      if (s.format === 'date' || s.format === 'date-time') dates.push(s);
      Object.values(s.properties ?? {}).forEach(collect);
      if (s.items) collect(s.items);
    };
    routes.forEach((r) => requestSchemas(r).forEach(([, s]) => collect(s)));
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) {
      expect(d.formatMinimum).toMatch(/^1900-01-01/);
      expect(d.formatMaximum).toMatch(/^2199-12-31/);
    }
  });
});
