import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import rawRejections from '../../core/benefits/invalid-situations.json' with { type: 'json' };
import { parseSituation } from '../../core/benefits/types.ts';
import { situationBody } from './schemas.ts';

/**
 * POST /api/benefits/evaluate: the body schema describes the family's shape and lets every
 * situation the engine accepts through unchanged, so parseSituation still decides, and still
 * answers with the paths of the fields at fault.
 */
const casesDir = new URL('../../core/benefits/cases/', import.meta.url);
const accepted = fs
  .readdirSync(casesDir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((file) => {
    const cases = JSON.parse(fs.readFileSync(new URL(file, casesDir), 'utf8')) as Array<{ name: string; situation?: unknown }>;
    return cases.filter((c) => c.situation !== undefined).map((c) => ({ name: `${file}: ${c.name}`, situation: c.situation }));
  });
const rejections = rawRejections as Array<{ name: string; situation: unknown }>;

describe('the evaluation body', () => {
  it('passes every reference situation through unchanged', () => {
    expect(accepted.length).toBeGreaterThan(20);
    for (const c of accepted) {
      expect(parseSituation(c.situation).ok, c.name).toBe(true);
      const body = situationBody.safeParse(c.situation);
      expect(body.success, c.name).toBe(true);
      expect(body.data, c.name).toEqual(c.situation);
    }
  });

  it('leaves unknown fields to parseSituation, which refuses them as before', () => {
    const c = accepted[0]!.situation as Record<string, unknown>;
    const extra = { ...c, surplus: 1 };
    expect(situationBody.parse(extra)).toEqual(extra);
    expect(parseSituation(extra).ok).toBe(false);
  });

  it('lets no invalid situation through: refused by the body schema or by parseSituation', () => {
    for (const r of rejections) {
      const body = situationBody.safeParse(r.situation);
      expect(body.success && parseSituation(body.data).ok, r.name).toBe(false);
    }
  });
});
