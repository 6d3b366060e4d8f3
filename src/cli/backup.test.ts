import { describe, expect, it } from 'vitest';
import { libpqEnvironment } from './backup.ts';

describe('the server address for pg_dump and pg_restore', () => {
  it('goes through the environment, password included, never the command line', () => {
    expect(libpqEnvironment('postgres://xingfu:s%40cret@db.example:6432/xingfu_prod?sslmode=require')).toEqual({
      PGHOST: 'db.example',
      PGPORT: '6432',
      PGUSER: 'xingfu',
      PGPASSWORD: 's@cret',
      PGDATABASE: 'xingfu_prod',
      PGSSLMODE: 'require',
    });
    expect(libpqEnvironment('postgresql://postgres@127.0.0.1/test')).toEqual({ PGHOST: '127.0.0.1', PGUSER: 'postgres', PGDATABASE: 'test' });
  });
});
