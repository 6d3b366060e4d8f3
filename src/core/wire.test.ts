import { describe, expect, it } from 'vitest';
import { noBody } from './wire.ts';

describe('noBody', () => {
  it('takes a write without a body as it arrives over a connection (null) or through inject (undefined), or an empty object', () => {
    for (const body of [null, undefined, {}]) expect(noBody.safeParse(body).success, String(body)).toBe(true);
  });

  it('refuses a body that says something', () => {
    for (const body of [{ reason: 'x' }, [], 'text', 0]) expect(noBody.safeParse(body).success, JSON.stringify(body)).toBe(false);
  });
});
