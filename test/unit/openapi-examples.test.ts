import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { nikProblems } from '../../functions/businesses/rules.ts';
import { KECAMATAN } from '../../functions/regions/regions.ts';
import { routes } from '../../functions/routes.ts';
import { FIELDS, usedFields } from '../../lib/openapi-fields.ts';
import { openApiDocument } from '../../lib/openapi.ts';
import { packageVersion } from '../../lib/package-info.ts';

/*
 * The document's examples and descriptions stay true: every body has an example, every example is valid
 * for its schema (and a request body's for the route's own zod schema, so the server would take it), NIKs
 * in examples pass the product's NIK rule, region codes exist, and every field says what it is.
 */

type Json = Record<string, unknown>;
type Content = Record<string, { schema: Json; example?: unknown; examples?: Record<string, Json> }>;
type Operation = {
  operationId: string;
  parameters: { name: string; in: string; description?: string }[];
  requestBody?: { content: Content };
  responses: Record<string, { content?: Content }>;
};

const document = JSON.parse(JSON.stringify(openApiDocument(packageVersion))) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; examples: Record<string, { value: unknown }> };
};
/** A schema or example the document names by `$ref` (`#/components/…`), or the node itself. */
const resolved = <T>(node: T): T => {
  const ref = (node as Json | undefined)?.$ref;
  if (typeof ref !== 'string') return node;
  const [, , group = '', name = ''] = ref.split('/');
  return (document.components as unknown as Record<string, Record<string, T>>)[group]?.[name] as T;
};
const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
const routeOf = (id: string) => routes.find((route) => route.id === id)!;

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

/** Every body of the document: request bodies and every answer (success and error), per media type. */
const bodies = operations.flatMap((operation) => [
  ...Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => ({
    operation,
    where: `${operation.operationId} request ${type}`,
    type,
    media,
    request: true,
  })),
  ...Object.entries(operation.responses).flatMap(([status, response]) =>
    Object.entries(response.content ?? {}).map(([type, media]) => ({
      operation,
      where: `${operation.operationId} ${status} ${type}`,
      type,
      media,
      request: false,
    })),
  ),
]);
/** Images and spreadsheets are bytes: no example is written for them. */
const described = bodies
  .filter(({ media }) => media.schema.format !== 'binary')
  .flatMap((body) => {
    const schema = resolved(body.media.schema);
    // The media type's example, its named examples, or else the schema's own (zod meta `examples`).
    const examples =
      body.media.example !== undefined
        ? [body.media.example]
        : body.media.examples
          ? Object.values(body.media.examples).map((example) => resolved(example).value)
          : ((schema.examples as unknown[] | undefined) ?? []).slice(0, 1);
    return (examples.length > 0 ? examples : [undefined]).map((example) => ({ ...body, schema, example }));
  });
const compiled = new Map<Json, ReturnType<typeof ajv.compile>>();
const validatorOf = (schema: Json) => {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate;
};

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
    const missing = described.filter(({ example }) => example === undefined).map(({ where }) => where);
    expect(missing).toEqual([]);
  });

  it('has examples that validate against their own schema (Ajv, JSON Schema 2020-12)', () => {
    const invalid = described.flatMap(({ where, type, schema, example }) => {
      if (example === undefined) return [];
      if (
        !type.includes('json') &&
        type !== 'application/x-www-form-urlencoded' &&
        type !== 'multipart/form-data'
      )
        return typeof example === 'string' && example.length > 0 ? [] : [`${where}: not a text`];
      const validate = validatorOf(schema);
      return validate(example)
        ? []
        : [`${where}: ${ajv.errorsText(validate.errors, { dataVar: 'example' })}`];
    });
    expect(invalid).toEqual([]);
    // Compiling some ninety schemas takes seconds on a busy machine.
  }, 60_000);

  it('has field examples (a schema’s own `examples`, at any depth) that validate against that schema', () => {
    const invalid: string[] = [];
    const check = (node: unknown, pointer: string) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((child, index) => check(child, `${pointer}/${index}`));
      const { example: _example, examples, ...schema } = node as Json;
      if (Array.isArray(examples) && typeof schema.type === 'string') {
        const validate = ajv.compile(schema);
        examples.forEach((value, index) => {
          if (!validate(value))
            invalid.push(`${pointer}/examples/${index}: ${ajv.errorsText(validate.errors)}`);
        });
      }
      for (const [key, child] of Object.entries(schema)) check(child, `${pointer}/${key}`);
    };
    check(document.paths, '#/paths');
    expect(invalid).toEqual([]);
  }, 60_000);

  it('has request examples the route’s own zod schema accepts (the server would take them)', () => {
    const refused = described
      .filter(({ request, example }) => request && example !== undefined)
      .flatMap(({ where, operation, example }) => {
        const schema = routeOf(operation.operationId).request.body!;
        const parsed = schema.safeParse(example);
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
    const problems = described.flatMap(({ where, example }) =>
      [...walk(example, '')].flatMap(([pointer, value]) => {
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
    const unknown = described.flatMap(({ where, example }) =>
      [...walk(example, '')].flatMap(([pointer, value]) =>
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

  it('has no entry in lib/openapi-fields.ts that no field uses (a misspelt context, a removed field)', () => {
    expect(Object.keys(FIELDS).filter((key) => !usedFields.has(key))).toEqual([]);
  });
});
