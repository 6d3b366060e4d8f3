import fc from 'fast-check';

/**
 * fast-check arbitraries built from the app's OpenAPI document: a plausible value for each schema,
 * then the same value with one part made bad (a node replaced by something a client should never
 * send, or a key added beside it). Seeded by the caller, so a failure can be replayed.
 */

export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/**
 * Known-good values for the patterns that name things in the demo district (a township, a
 * department, an indicator): a random string of the right shape is sent too, but mostly gets 404.
 */
const knownByPattern: Record<string, string> = {
  '^\\d{9}$': '120114001',
  '^\\d{12}$': '120114001201',
  '^\\d{6}$': '120114',
  '^[a-z][a-z0-9-]*$': 'agri-tech',
  '^[a-z][a-z0-9_]{1,39}$': 'agri_consultations',
  '^[a-z0-9-]{1,20}$': 'room-a',
  '^\\d{4}-\\d{2}$': '2011-10',
};

const dayLike = /(date|On|From|Until|^from$|^to$|^day$)$/;
const monthLike = /(Month|^period$|^month$)$/;

/** Days and months around the demo's business date (2011), as a form would send them. */
const day = fc
  .date({ min: new Date('2009-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const plausibleDay = fc.oneof({ weight: 3, arbitrary: fc.constant('2011-06-15') }, { weight: 1, arbitrary: day });
const plausibleMonth = fc.oneof({ weight: 3, arbitrary: fc.constant('2011-10') }, { weight: 1, arbitrary: day.map((d) => d.slice(0, 7)) });
const plausibleInstant = fc.oneof(
  { weight: 3, arbitrary: fc.constant('2030-03-01T09:00:00+08:00') },
  {
    weight: 1,
    arbitrary: fc.date({ min: new Date('2011-01-01T00:00:00Z'), max: new Date('2031-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  },
);
const chineseText = fc.constantFrom(...'测试文字甲乙丙丁张王李赵杨村街道');

const withoutNull = (schemas: JsonSchema[]) => schemas.filter((s) => s.type !== 'null');

/** A plausible value of a schema: what a correct client would send. */
export function validValue(schema: JsonSchema | undefined, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && withoutNull(alternatives).length > 0) return fc.oneof(...withoutNull(alternatives).map((s) => validValue(s, name, depth + 1)));
  if (schema.allOf?.[0]) return validValue(schema.allOf[0], name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return validString(schema, name);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1);
      const max = schema.maximum ?? min + 10;
      // Wide ranges (versions, sort orders, days) get small numbers, as real clients send.
      return max - min > 1000 ? fc.integer({ min: Math.max(min, 1), max: Math.max(min, 1) + 2 }) : fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = Math.max(schema.minItems ?? 0, 1);
      return fc.array(validValue(schema.items, name, depth + 1), { minLength, maxLength: Math.min(schema.maxItems ?? minLength + 1, minLength + 1) });
    }
    case 'object': {
      const entries = Object.entries(schema.properties ?? {});
      const model = Object.fromEntries(entries.map(([key, prop]) => [key, validValue(prop, key, depth + 1)]));
      return fc.record(model, { requiredKeys: entries.map(([key]) => key).filter((key) => schema.required?.includes(key)) });
    }
    default:
      return fc.constant(null);
  }
}

function validString(schema: JsonSchema, name: string): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time' || schema.pattern?.includes('T(?:')) return plausibleInstant;
  if (schema.pattern) {
    const shaped = fc
      .stringMatching(new RegExp(schema.pattern), { maxLength: schema.maxLength ?? 40 })
      .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity));
    const known = knownByPattern[schema.pattern];
    return known === undefined ? shaped : fc.oneof({ weight: 3, arbitrary: fc.constant(known) }, { weight: 1, arbitrary: shaped });
  }
  if (schema.format === 'date' || dayLike.test(name)) return plausibleDay;
  if (monthLike.test(name)) return plausibleMonth;
  const minLength = Math.max(schema.minLength ?? 0, 2);
  return fc.string({ unit: chineseText, minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 12, 12)) });
}

/** A year PostgreSQL or the schemas cannot take: 0, negative, or past 9999. */
const badYear = fc.oneof(fc.constant(0), fc.integer({ min: 10_000, max: 99_999 }), fc.integer({ min: -9_999, max: -1 }));
const yearText = (y: number) => (y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0'));

/** Dates and instants no calendar has, or PostgreSQL refuses (22008). */
export const badDate: fc.Arbitrary<string> = fc.oneof(
  badYear.map((y) => `${yearText(y)}-06-15`),
  badYear.map((y) => `${yearText(y)}-01-01T00:00:00Z`),
  badYear.map((y) => `${yearText(y)}-01`),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2011-02-30', '2011-13-01', '2011-00-10', '+02011-06-15', '2011-6-5', '2011-06-15T25:00:00Z', '0000', '0000-Q1', '9999-12-31', '2011-13'),
);

/** Integers past int4 and int8 (a bigint is written to JSON as its exact digits), and floats far out. */
export const hugeInteger: fc.Arbitrary<number | bigint> = fc.oneof(
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53 + 2, 1e300, -1e300),
  fc.bigInt({ min: 2n ** 31n, max: 2n ** 80n }),
  fc.bigInt({ min: -(2n ** 80n), max: -(2n ** 31n) - 1n }),
);

const around = (core: fc.Arbitrary<string>) => fc.tuple(fc.string({ maxLength: 4 }), core, fc.string({ maxLength: 4 })).map(([a, b, c]) => a + b + c);
const nul = around(fc.constant('\u0000'));
const loneSurrogate = around(fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)));
const control = around(fc.integer({ min: 1, max: 31 }).map((c) => String.fromCharCode(c)));
const overLong = fc.tuple(fc.constantFrom('x', '测', 'é'), fc.integer({ min: 1_000, max: 120_000 })).map(([c, n]) => c.repeat(n));
const deep = fc
  .tuple(fc.boolean(), fc.integer({ min: 33, max: 2_000 }))
  .map(([arrays, n]) => JSON.parse(arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`) as unknown);
const wrongType = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e-300, '', ' ', [], {}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', '../../etc/passwd', "'; DROP TABLE person; --", '\u001b[2J', 'NaN', 'Infinity', '1e3', '2147483648'),
);
/** Keys no schema has, and those that reach an object's prototype if copied carelessly. */
export const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '\u0000', '\ud800', '', 'x'.repeat(300)),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** What no client should send; half of it what PostgreSQL itself refuses (22021, 22P05, 22003, 22008). */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: nul },
  { weight: 2, arbitrary: loneSurrogate },
  { weight: 3, arbitrary: hugeInteger },
  { weight: 3, arbitrary: badDate },
  { weight: 1, arbitrary: control },
  { weight: 2, arbitrary: wrongType },
  { weight: 1, arbitrary: overLong },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: oddString },
  { weight: 1, arbitrary: fc.dictionary(oddKey, wrongType, { maxKeys: 2 }) },
);

const percentEncoded = (bytes: Uint8Array) => Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

/** Raw query-string or path values, percent-encoded as a client could send them (invalid UTF-8 included). */
export const badRawValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    'a%00b',
    '%ED%A0%80',
    '%FF%FE',
    '%C0%80',
    '',
    '%20',
    'NaN',
    'Infinity',
    '-0',
    '0x10',
    '1e400',
    '[]',
    '{}',
    '1&page=2&page=3',
    '..',
    '%2e%2e%2f',
    '%',
  ),
  fc.uint8Array({ minLength: 1, maxLength: 12 }).map(percentEncoded),
  hugeInteger.map(String),
  badDate.map(encodeURIComponent),
  fc.integer({ min: 1_000, max: 8_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 300, max: 2_000 }).map((n) => '%E6%B5%8B'.repeat(n)),
);

/** Raw request bodies that are not the JSON object a route expects, with the content type sent. */
export const badRawBody: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.constantFrom<[string, string]>(
    ['{"a":', 'application/json'],
    ['\u0000', 'application/json'],
    ['"\\ud800"', 'application/json'],
    ['[1,2]', 'application/json'],
    ['null', 'application/json'],
    ['a=b', 'application/x-www-form-urlencoded'],
    ['{}', 'text/plain'],
    ['{"x":"\\u0000"}', 'application/json; charset=latin1'],
    ['{"__proto__":{"admin":true}}', 'application/json'],
    ['{"a":1,"a":2}', 'application/json'],
    ['\ufeff{}', 'application/json'],
  ),
  fc.jsonValue().map((v): [string, string] => [JSON.stringify(v), 'application/json']),
  fc.uint8Array({ maxLength: 40 }).map((b): [string, string] => [Buffer.from(b).toString('latin1'), 'application/json']),
);

const BIG = '\u0001bigint:';

/** JSON text of a value; a bigint is written as its exact digits, as no JSON.stringify can. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${BIG}${v}` : v)).replace(/"\\u0001bigint:(-?\d+)"/g, '$1');
}

type Path = (string | number)[];

const nodeAt = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value with one part made bad: mostly a leaf (a field a form fills in) replaced, sometimes an inner node, or a key added to an object. */
export function withOneBadPart(value: unknown): fc.Arbitrary<unknown> {
  const all = paths(value);
  const leaves = all.filter((p) => typeof nodeAt(value, p) !== 'object' || nodeAt(value, p) === null);
  const objects = all.filter((p) => isPlainObject(nodeAt(value, p)));
  const at =
    leaves.length > 0
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...leaves) }, { weight: 1, arbitrary: fc.constantFrom(...all) })
      : fc.constantFrom(...all);
  const replaced = fc.tuple(at, badValue).map(([p, bad]) => replaceAt(value, p, bad));
  if (objects.length === 0) return replaced;
  const added = fc
    .tuple(fc.constantFrom(...objects), oddKey, fc.oneof(badValue, fc.jsonValue({ maxDepth: 2 })))
    .map(([p, key, extra]) => replaceAt(value, p, { ...(nodeAt(value, p) as Record<string, unknown>), [key]: extra }));
  return fc.oneof({ weight: 4, arbitrary: replaced }, { weight: 1, arbitrary: added });
}

/** The paths to every leaf and inner node of a JSON value (empty path: the value itself). */
export function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** The value with the node at `path` replaced. */
export function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  if (isPlainObject(value)) return { ...value, [head]: replaceAt(value[head], rest, replacement) };
  return value;
}

/** A multipart upload gone wrong: odd boundaries, names and file names, NUL bytes, huge parts, no closing line, cut short. */
export interface Upload {
  target: 'import' | 'attachment';
  contentType: string;
  body: Buffer;
}

const uploadPart = fc.record({
  file: fc.boolean(),
  name: fc.constantFrom('file', 'township', '__proto__', 'x\u0000', 'f'.repeat(200), ''),
  filename: fc.constantFrom('a.csv', 'a\u0000.csv', 'a\u0007.xlsx', '测试.xlsx', 'x'.repeat(300), '../../x.csv'),
  type: fc.option(fc.constantFrom('text/csv', 'text/\u0000x', 'application/json', '')),
  content: fc.oneof(
    fc.constantFrom('abc', '120114001', '{"a":', '\u0000\u0001'),
    fc.integer({ min: 0, max: 70_000 }).map((n) => 'z'.repeat(n)),
  ),
});

export const badUpload: fc.Arbitrary<Upload> = fc
  .record({
    target: fc.constantFrom<Upload['target']>('import', 'attachment'),
    boundary: fc.constantFrom('b0undary', 'x'.repeat(70), 'y'.repeat(300), '', '"quoted"', 'a b'),
    contentType: fc.constantFrom(
      'multipart/form-data; boundary=%s',
      'multipart/form-data',
      'multipart/form-data; boundary="%s"',
      'multipart/mixed; boundary=%s',
    ),
    parts: fc.array(uploadPart, { maxLength: 24 }),
    preamble: fc.boolean(),
    closed: fc.boolean(),
    cutAt: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }),
  })
  .map(({ target, boundary, contentType, parts, preamble, closed, cutAt }) => {
    const text = parts
      .map((p) => {
        const disposition = `Content-Disposition: form-data; name="${p.name}"${p.file ? `; filename="${p.filename}"` : ''}\r\n`;
        return `--${boundary}\r\n${disposition}${p.type === null ? '' : `Content-Type: ${p.type}\r\n`}\r\n${p.content}\r\n`;
      })
      .join('');
    const body = `${preamble ? 'preamble\r\n' : ''}${text}${closed ? `--${boundary}--\r\n` : ''}`;
    return {
      target,
      contentType: contentType.replace('%s', boundary),
      body: Buffer.from(cutAt === null ? body : body.slice(0, Math.floor(cutAt * body.length)), 'utf8'),
    };
  });
