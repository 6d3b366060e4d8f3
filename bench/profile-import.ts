import fs from 'node:fs';
import { reachOf, type Grant } from '../src/core/auth/roles.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { importRoster } from '../src/modules/registry/import.ts';
import { createSecrets } from '../src/server/secrets.ts';
import { rosterColumns } from '../src/core/registry/roster.ts';
import { computeCheckCharacter } from '../src/core/ids/idNumber.ts';

const db = await openPostgres('postgres://postgres@127.0.0.1:5432/xf_prof', 2);
const times = new Map<string, number>();
const origTx = db.transaction.bind(db);
(db as { transaction: typeof db.transaction }).transaction = (fn) => origTx((tx) => fn({
  exec: tx.exec,
  async query(sql, params) {
    const t = performance.now();
    try { return await tx.query(sql, params); } finally {
      const key = sql.replace(/\s+/g, ' ').slice(0, 60);
      times.set(key, (times.get(key) ?? 0) + performance.now() - t);
    }
  },
}));
const lines = [rosterColumns.map((c) => c.header).join(',')];
for (let i = 0; i < 5000; i++) {
  const birth = `19${String(50 + (i % 40)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
  const f = `120114${birth.replaceAll('-', '')}${String(100 + (i % 800)).padStart(3, '0')}`;
  lines.push([`P-${Math.floor(i / 3)}`, '和平里社区', '地址', '王建' + '国军强华明'[i % 5], '户主', '', '', f + computeCheckCharacter(f), '农业', '', '', '', '', ''].join(','));
}
fs.writeFileSync('/tmp/prof/p.csv', lines.join('\n'));
const grants: Grant[] = [{ role: 'township', township: '120114001', village: null, department: null }];
const t0 = performance.now();
const r = await importRoster(db, createSecrets(Buffer.alloc(32, 7)), { district: '120114', userId: '', username: 'p', grants, reach: reachOf(grants), ip: null }, '/tmp/prof/p.csv', { township: '120114001' });
console.log('total ms', Math.round(performance.now() - t0), r.imported, r.rejected, JSON.stringify(r.errors.slice(0, 2)));
console.log([...times].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${Math.round(v)}ms ${k}`).join('\n'));
await db.close();
