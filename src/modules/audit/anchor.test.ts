import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkpointLine, deriveAuditKeys, parseCheckpointLine, sealMatches, sealOf, type Checkpoint } from './anchor.ts';

const keys = deriveAuditKeys(Buffer.alloc(32, 7));
const otherKeys = deriveAuditKeys(randomBytes(32));
const head = 'ab'.repeat(32);
const checkpoint: Checkpoint = { district: '120114', seq: 42, head, sealedFrom: 17, at: '2026-12-07T15:00:00.000Z' };

describe('audit seals', () => {
  it('derive two different keys from the secret key, the same every time', () => {
    expect(keys.seal.equals(keys.checkpoint)).toBe(false);
    expect(deriveAuditKeys(Buffer.alloc(32, 7)).seal.equals(keys.seal)).toBe(true);
    expect(keys.seal.equals(Buffer.alloc(32, 7))).toBe(false);
  });

  it('bind an entry’s district, number and hash under the key', () => {
    const mac = sealOf(keys, '120114', 5, head);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(sealMatches(keys, '120114', 5, head, mac)).toBe(true);
    expect(sealMatches(keys, '120114', 6, head, mac)).toBe(false);
    expect(sealMatches(keys, '120115', 5, head, mac)).toBe(false);
    expect(sealMatches(keys, '120114', 5, 'cd'.repeat(32), mac)).toBe(false);
    expect(sealMatches(otherKeys, '120114', 5, head, mac)).toBe(false);
    expect(sealMatches(keys, '120114', 5, head, mac.slice(1))).toBe(false);
  });
});

describe('audit checkpoints', () => {
  it('read back as they were signed', () => {
    const line = checkpointLine(keys, checkpoint);
    expect(line).not.toContain('\n');
    expect(parseCheckpointLine(keys, line)).toEqual({ ...checkpoint, sig: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const first = checkpointLine(keys, { ...checkpoint, sealedFrom: null });
    expect(parseCheckpointLine(keys, first)).toMatchObject({ sealedFrom: null });
  });

  it('refuse a line whose any field was changed, or signed with another key', () => {
    const signed = JSON.parse(checkpointLine(keys, checkpoint)) as Record<string, unknown>;
    for (const change of [
      { seq: 41 },
      { head: 'cd'.repeat(32) },
      { district: '120115' },
      { sealedFrom: null },
      { sealedFrom: 18 },
      { at: '2026-12-08T15:00:00.000Z' },
    ]) {
      expect(parseCheckpointLine(keys, JSON.stringify({ ...signed, ...change })), JSON.stringify(change)).toBe('signature');
    }
    expect(parseCheckpointLine(keys, checkpointLine(otherKeys, checkpoint))).toBe('signature');
  });

  it('refuse a line that is not a checkpoint', () => {
    const signed = JSON.parse(checkpointLine(keys, checkpoint)) as Record<string, unknown>;
    for (const line of [
      '',
      'not json',
      '[]',
      'null',
      JSON.stringify({ ...signed, seq: '42' }),
      JSON.stringify({ ...signed, seq: -1 }),
      JSON.stringify({ ...signed, sig: undefined }),
    ]) {
      expect(parseCheckpointLine(keys, line), line).toBe('format');
    }
  });
});
