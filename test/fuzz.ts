/**
 * A small seeded generator of bad requests from the app's OpenAPI document: a plausible value for
 * each schema, then one part of it (or of the query string, or a route parameter) replaced by
 * something a client should never send. Deterministic for a seed, so a failure can be replayed.
 */

export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG, good enough to pick cases. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

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

/** Values for the patterns the schemas use (a generator of strings from any regex is not needed). */
const byPattern: Record<string, string> = {
  '^\\d{9}$': '120114001',
  '^\\d{12}$': '120114001201',
  '^\\d{6}$': '120114',
  '^[a-z][a-z0-9-]*$': 'agri-tech',
  '^[a-z][a-z0-9_]{1,39}$': 'agri_consultations',
  '^[a-z0-9][a-z0-9._-]{2,39}$': 'fuzz.user',
  '^[0-9 ]{12,30}$': '6228 4800 1234 4567',
  '^[a-z_.]+$': 'registry.create',
  '^[a-z_]+$': 'person',
  '^[a-z0-9-]{1,20}$': 'room-a',
  '^[a-zA-Z][a-zA-Z0-9]*$': 'amount',
  '^\\d{4}-\\d{2}$': '2011-10',
};

const dayLike = /(date|On|From|Until|^from$|^to$|^day$)$/;
const monthLike = /(Month|^period$|^month$)$/;

/** A plausible value of a schema: what a correct client would send. */
export function sample(schema: JsonSchema | undefined, rng: Rng, name = '', depth = 0): unknown {
  if (!schema || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(rng, schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return sample(pick(rng, alternatives.filter((s) => s.type !== 'null')), rng, name, depth + 1);
  if (schema.allOf?.[0]) return sample(schema.allOf[0], rng, name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return crypto.randomUUID();
      if (schema.format === 'date-time' || schema.pattern?.includes('T(?:')) return '2030-03-01T09:00:00+08:00';
      if (schema.pattern && byPattern[schema.pattern]) return byPattern[schema.pattern];
      if (schema.format === 'date' || dayLike.test(name)) return '2011-06-15';
      if (monthLike.test(name)) return '2011-10';
      const length = Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 8, 8));
      return '测试文字甲乙丙丁'.repeat(2).slice(0, Math.max(length, 2));
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1);
      const max = schema.maximum ?? min + 10;
      // Wide ranges (versions, sort orders) get small numbers, as real clients send.
      return max - min > 1000 ? Math.max(min, 1) + Math.floor(rng() * 3) : Math.floor(min + (max - min) * rng());
    }
    case 'boolean':
      return rng() < 0.5;
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: n }, () => sample(schema.items, rng, name, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || rng() < 0.5) out[key] = sample(prop, rng, key, depth + 1);
      }
      return out;
    }
    default:
      return null;
  }
}

/** What PostgreSQL itself refuses (22021, 22P05, 22P02, 22003, 22008): sent half the time. */
const refusedByPostgres: unknown[] = ['a\u0000b', 'a\ud800b', 2_147_483_648, -2_147_483_649, '0000-01-01', '0000-01-01T00:00:00Z', '0000-01', 1e300];

/** What no client should send: bytes PostgreSQL refuses, numbers past int4, impossible dates, wrong shapes. */
export function badValue(rng: Rng): unknown {
  if (rng() < 0.5) return pick(rng, refusedByPostgres);
  const deep = (n: number) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown;
  const makers: (() => unknown)[] = [
    () => 'a\u0000b', () => '\u0000', () => 'a\ud800b', () => '\udfff', () => 'x\u0007y', () => '\u001b[2J', () => 'tab\there', () => 'line\nbreak',
    () => 'x'.repeat(1 + Math.floor(rng() * 120_000)), () => '测'.repeat(1 + Math.floor(rng() * 60_000)),
    () => 2_147_483_648, () => -2_147_483_649, () => 9_007_199_254_740_993, () => 1e300, () => -1e300, () => 1.5, () => -1, () => 0, () => 1e-300,
    () => '0000-01-01', () => '2011-02-30', () => '2011-13-01', () => '+02011-06-15', () => '0000-01-01T00:00:00Z', () => '2011-06-15T25:00:00Z', () => '0000-01',
    () => '0000', () => '0000-Q1', () => '9999-12-31', () => '2147483648', () => '1e3', () => ' ', () => '',
    () => null, () => true, () => [], () => ({}), () => ({ '\u0000': 1 }), () => ({ ['\ud800']: 'x' }), () => [['\u0000']], () => deep(33 + Math.floor(rng() * 400)),
    () => '00000000-0000-0000-0000-000000000000', () => '../../etc/passwd', () => "'; DROP TABLE person; --",
  ];
  return pick(rng, makers)();
}

/** Raw query-string values, percent-encoded as a client could send them (invalid UTF-8 included). */
export const badQueryValues = ['%00', 'a%00b', '%ED%A0%80', '%FF%FE', '%C0%80', '2147483648', '-2147483649', '1e400', '0000-01-01', '0000-01-01T00:00:00Z', '2011-13',
  'x'.repeat(5000), '%E6%B5%8B'.repeat(2000), '', '%20', 'NaN', 'Infinity', '[]', '{}', '1&page=2&page=3'];

/** A path to mutate: mostly a leaf (a field a form fills in), sometimes an object, an array or the whole body. */
export function pickPath(rng: Rng, value: unknown): (string | number)[] {
  const all = paths(value);
  const leaves = all.filter((p) => {
    const node = p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
    return typeof node !== 'object' || node === null;
  });
  return pick(rng, leaves.length > 0 && rng() < 0.8 ? leaves : all);
}

/** The paths to every leaf and inner node of a JSON value (empty path: the value itself). */
export function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** The value with the node at `path` replaced (or, for an object, a key added beside it). */
export function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  if (typeof value === 'object' && value !== null) return { ...value, [head]: replaceAt((value as Record<string, unknown>)[head], rest, replacement) };
  return value;
}
