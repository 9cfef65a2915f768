import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { nikProblems } from '../../functions/businesses/rules.ts';
import { KECAMATAN } from '../../functions/regions/regions.ts';
import { routes } from '../../functions/routes.ts';
import { openApiDocument } from '../../lib/openapi.ts';
import { packageVersion } from '../../lib/package-info.ts';

/*
 * The document's examples and descriptions stay true: every body has an example, every example is valid
 * for its schema (and a request body's for the route's own zod schema, so the server would take it), NIKs
 * in examples pass the product's NIK rule, region codes exist, and every field says what it is.
 */

type Json = Record<string, unknown>;
type Content = Record<string, { schema: Json; example?: unknown }>;
type Operation = {
  operationId: string;
  parameters: { name: string; in: string; description?: string }[];
  requestBody?: { content: Content };
  responses: Record<string, { content?: Content }>;
};

const document = JSON.parse(JSON.stringify(openApiDocument(packageVersion))) as {
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
const routeOf = (id: string) => routes.find((route) => route.id === id)!;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

/** Every body of the document: request bodies and success (2xx/3xx) answers, per media type. */
const bodies = operations.flatMap((operation) => [
  ...Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => ({
    operation,
    where: `${operation.operationId} request ${type}`,
    type,
    media,
    request: true,
  })),
  ...Object.entries(operation.responses)
    .filter(([status]) => Number(status) < 400)
    .flatMap(([status, response]) =>
      Object.entries(response.content ?? {}).map(([type, media]) => ({
        operation,
        where: `${operation.operationId} ${status} ${type}`,
        type,
        media,
        request: false,
      })),
    ),
]);
/** Images are bytes: no example is written for them. */
const described = bodies.filter(({ media }) => media.schema.format !== 'binary');

/** Every value in an example, with its JSON pointer. */
function* walk(value: unknown, pointer: string): Generator<[string, unknown]> {
  yield [pointer, value];
  if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) yield* walk(child, `${pointer}/${key}`);
}

/** Every property of every schema in the document (components, inline, parameters) lacking a description. */
function undescribed(node: unknown, pointer: string, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child, index) => undescribed(child, `${pointer}/${index}`, found));
  if (!node || typeof node !== 'object' || Array.isArray(node)) return found;
  const object = node as Json;
  // `example`s are data, not schemas.
  const { example: _example, examples: _examples, ...rest } = object;
  if (rest.properties && typeof rest.properties === 'object')
    for (const [name, property] of Object.entries(rest.properties as Record<string, Json>))
      if (typeof property.description !== 'string' || property.description.trim() === '')
        found.push(`${pointer}/properties/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`);
  if (rest.in && rest.name && typeof rest.description !== 'string') found.push(pointer);
  for (const [key, child] of Object.entries(rest))
    undescribed(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, found);
  return found;
}

const KNOWN_CODES = new Set(
  KECAMATAN.flatMap((kecamatan) => [
    kecamatan.code,
    ...kecamatan.kelurahan.map((kelurahan) => kelurahan.code),
  ]),
);

describe('the OpenAPI document’s examples', () => {
  it('covers every route', () => {
    expect(operations.length).toBe(routes.length);
    expect(described.length).toBeGreaterThan(routes.length);
  });

  it('has an example for every request and response body', () => {
    const missing = described.filter(({ media }) => media.example === undefined).map(({ where }) => where);
    expect(missing).toEqual([]);
  });

  it('has examples that validate against their own schema (Ajv, JSON Schema 2020-12)', () => {
    const invalid = described.flatMap(({ where, type, media }) => {
      if (media.example === undefined) return [];
      if (
        !type.includes('json') &&
        type !== 'application/x-www-form-urlencoded' &&
        type !== 'multipart/form-data'
      )
        return typeof media.example === 'string' && media.example.length > 0 ? [] : [`${where}: not a text`];
      const validate = ajv.compile(media.schema);
      return validate(media.example)
        ? []
        : [`${where}: ${ajv.errorsText(validate.errors, { dataVar: 'example' })}`];
    });
    expect(invalid).toEqual([]);
    // Compiling some ninety schemas takes seconds on a busy machine.
  }, 60_000);

  it('has request examples the route’s own zod schema accepts (the server would take them)', () => {
    const refused = described
      .filter(({ request, media }) => request && media.example !== undefined)
      .flatMap(({ where, operation, media }) => {
        const schema = routeOf(operation.operationId).request.body!;
        const parsed = schema.safeParse(media.example);
        return parsed.success
          ? []
          : [
              `${where}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
            ];
      });
    expect(refused).toEqual([]);
  });

  it('has NIKs that pass the product’s NIK rule: a Kota Bekasi code, the birth date and gender they encode', () => {
    const checked: string[] = [];
    const problems = described.flatMap(({ where, media }) =>
      [...walk(media.example, '')].flatMap(([pointer, value]) => {
        if (!value || typeof value !== 'object' || typeof (value as Json).nik !== 'string') return [];
        const { nik, dateOfBirth, gender } = value as {
          nik: string;
          dateOfBirth?: string;
          gender?: 'female' | 'male';
        };
        checked.push(nik);
        const found = nikProblems(nik, dateOfBirth, gender);
        if (!nik.startsWith('3275')) found.push('not a Kota Bekasi NIK (3275…)');
        return found.map((problem) => `${where} ${pointer}/nik: ${problem}`);
      }),
    );
    expect(problems).toEqual([]);
    expect(new Set(checked).size).toBeGreaterThanOrEqual(2);
  });

  it('uses only kecamatan and kelurahan codes of the reference data', () => {
    const unknown = described.flatMap(({ where, media }) =>
      [...walk(media.example, '')].flatMap(([pointer, value]) =>
        typeof value === 'string' && /^32\.75\.\d{2}(\.\d{4})?$/.test(value) && !KNOWN_CODES.has(value)
          ? [`${where} ${pointer}: ${value}`]
          : [],
      ),
    );
    expect(unknown).toEqual([]);
  });
});

describe('the OpenAPI document’s descriptions', () => {
  it('describe every property of every schema and every parameter (naming the JSON pointer)', () => {
    expect(undescribed(document, '#')).toEqual([]);
  });
});
