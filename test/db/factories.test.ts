import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../src/core/ids/idNumber.ts';
import { makeClient, makeHousehold, makeTownship, makeUser, signIn, type Household, type Township } from '../factories.ts';
import { startTestApp, type TestApp } from '../helpers.ts';

describe('test factories', () => {
  let t: TestApp;
  let township: Township;
  let family: Household;
  beforeAll(async () => {
    t = await startTestApp();
    township = await makeTownship(t.db, { villages: 2 });
    family = await makeHousehold(t.db, {
      village: township.villages[1]?.code as string,
      head: { name: '郝建国', birthDate: '1955-04-02', phone: '13912345678' },
      children: [
        { birthDate: '1982-09-10', deathDate: '2005-01-01' },
        { sex: 'M', adopted: true, disability: { grade: 2, assessedOn: '2010-05-01' } },
      ],
      oneChildCertificate: { number: '津独0001', date: '1983-01-05' },
    });
  });
  afterAll(async () => t.close());

  it('registers a household as the register does: members, spouses, parents and children, deaths and disabilities, searchable and encrypted', async () => {
    const { client } = await makeClient(t.app, t.db, { role: 'township', township: township.code });
    const view = (await client.get(`/api/registry/households/${family.id}`)).json();
    expect(view.village.code).toBe(township.villages[1]?.code);
    expect(view.members.map((m: { name: string; relation: string }) => [m.name, m.relation])).toEqual(
      family.members.map((p, i) => [p.name, ['head', 'spouse', 'child', 'child'][i]]),
    );
    const [head, spouse, dead, adopted] = family.members;
    expect(
      view.relationships
        .map((r: { personId: string; relatedPersonId: string; kind: string; adopted: boolean }) => [r.personId, r.relatedPersonId, r.kind, r.adopted])
        .sort(),
    ).toEqual(
      [
        [head?.id, spouse?.id, 'spouse', false],
        [head?.id, dead?.id, 'child', false],
        [head?.id, adopted?.id, 'child', true],
        [spouse?.id, dead?.id, 'child', false],
        [spouse?.id, adopted?.id, 'child', true],
      ].sort(),
    );
    expect(view.members.find((m: { id: string }) => m.id === dead?.id)).toMatchObject({ alive: false, deathDate: '2005-01-01', sex: 'F' });
    expect(view.members[0]).toMatchObject({
      birthDate: '1955-04-02',
      sex: 'M',
      phone: '139****5678',
      oneChildCertificate: { number: '津独0001', date: '1983-01-05' },
    });
    expect(view.disabilities).toEqual([{ personId: adopted?.id, grade: 2, assessedOn: '2010-05-01' }]);
    for (const p of family.members) expect(checkIdNumber(p.idNumber, new Date('2011-11-30')).valid, p.idNumber).toBe(true);
    const found = (await client.get(`/api/registry/persons?q=${family.head.idNumber}`)).json();
    expect(found.items.map((p: { name: string }) => p.name)).toEqual(['郝建国']);
    expect((await client.post(`/api/registry/persons/${family.head.id}/reveal`, { reason: '核对' })).json()).toEqual({
      idNumber: family.head.idNumber,
      phone: '13912345678',
    });
  });

  it('gives every default a value of its own', async () => {
    const village = township.villages[0]?.code as string;
    const a = await makeHousehold(t.db, { village });
    const b = await makeHousehold(t.db, { village });
    const people = [...a.members, ...b.members];
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(4);
    expect(new Set(people.map((p) => p.name)).size).toBe(4);
    expect(a.number).not.toBe(b.number);
    expect((await makeTownship(t.db)).code).not.toBe(township.code);
  });

  it('makes an account with its grants in effect, or awaiting confirmation behind a temporary password', async () => {
    const village = township.villages[0]?.code as string;
    const worker = await makeUser(t.db, { role: 'village', village });
    const me = (await (await signIn(t.app, worker)).get('/api/auth/me')).json();
    expect(me.grants).toMatchObject([{ role: 'village', confirmed: true, township: { code: township.code }, village: { code: village } }]);
    const newcomer = await makeUser(t.db, { role: 'township', township: township.code, temporaryPassword: true });
    const c = await signIn(t.app, newcomer);
    expect((await c.get('/api/registry/persons')).json().error.code).toBe('password_change_required');
    const grants = await t.db.query('SELECT role, township_code, confirmed_at IS NOT NULL AS confirmed FROM user_grant WHERE user_id = $1', [newcomer.id]);
    expect(grants.rows).toEqual([{ role: 'township', township_code: township.code, confirmed: false }]);
  });
});
