import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './helpers.ts';

/**
 * What the input tests send (NUL, lone UTF-16 surrogates, integers beyond 32 bits) and how they
 * check a refusal: answered 400 with a stable code in both languages, and nothing written.
 */

export const NUL = 'a\u0000b';
export const SURROGATE = 'a\ud800b';
export const HIGH = 2147483648;

/** Tables a request could write; the session table moves with every request and is left out. */
const TABLES = [
  'app_user',
  'user_grant',
  'security_policy',
  'audit_log',
  'job',
  'job_file',
  'household',
  'person',
  'relationship',
  'disability_assessment',
  'life_event',
  'registry_history',
  'programme_parameter',
  'ecd_child',
  'ecd_guardian',
  'ecd_measurement',
  'benefit_application',
  'benefit_application_step',
  'benefit_objection',
  'benefit_enrolment',
  'payment_roll',
  'coord_setting',
  'coord_plan',
  'coord_responsibility',
  'coord_indicator',
  'coord_rule',
  'coord_report',
  'coord_report_value',
  'coord_report_event',
  'coord_attachment',
  'coord_bulletin',
  'coord_meeting',
  'coord_action_item',
  'coord_action_note',
  'coord_notice',
  'ecd_milestone',
  'ecd_activity_plan',
  'ecd_class',
  'ecd_session',
  'ecd_attendance',
  'import_column_mapping',
];

/** The response, or null when none comes in time (a hung request). */
async function answerWithin<T>(pending: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([pending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Case {
  label: string;
  send: () => Promise<LightMyRequestResponse>;
  status?: number;
  code?: string;
}

/** Row counts of every table, and the newest audit entry: what a rejected request must leave alone. */
export async function fingerprint(t: TestApp): Promise<{ counts: { t: string; n: number }[]; audit: string | undefined }> {
  const counts = await t.db.query<{ t: string; n: number }>(TABLES.map((name) => `SELECT '${name}' AS t, count(*)::int AS n FROM ${name}`).join(' UNION ALL '));
  const audit = await t.db.query<{ last: string }>('SELECT max(seq)::text AS last FROM audit_log');
  return { counts: counts.rows, audit: audit.rows[0]?.last };
}

/** Sends each case and expects it refused with its status and code, in both languages, and nothing written. */
export async function expectRefused(t: TestApp, cases: Case[]): Promise<void> {
  const before = await fingerprint(t);
  const wrong: string[] = [];
  for (const c of cases) {
    const res = await answerWithin(c.send(), 5_000);
    if (res === null) {
      wrong.push(`${c.label}: no answer within 5 s`);
      continue;
    }
    const body = (() => {
      try {
        return JSON.parse(res.body) as { error?: { code?: string; messages?: Record<string, string> } };
      } catch {
        return {};
      }
    })();
    const status = c.status ?? 400;
    const code = c.code ?? 'validation_failed';
    if (res.statusCode !== status || body.error?.code !== code) {
      wrong.push(`${c.label}: ${res.statusCode} ${body.error?.code ?? res.body.slice(0, 200)}`);
      continue;
    }
    expect(body.error?.messages?.['zh-CN'], c.label).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error?.messages?.en, c.label).toMatch(/[a-z]/);
    expect(res.body, c.label).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  }
  expect(wrong).toEqual([]);
  expect(await fingerprint(t)).toEqual(before);
}

/** Each bad value in turn, in place of one field of an otherwise valid body. */
export const variants = (label: string, send: (value: unknown) => Promise<LightMyRequestResponse>, values: unknown[] = [NUL, SURROGATE]): Case[] =>
  values.map((v) => ({ label: `${label} ← ${JSON.stringify(v).slice(0, 40)}`, send: () => send(v) }));
