import path from 'node:path';
import { z } from 'zod';
import { cipherNames, type CipherName } from './server/ciphers.ts';

/** Configuration, read once from the environment at start-up. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  XINGFU_DATA_DIR: z.string().default('data'),
  XINGFU_SECRET_KEY: z.string().optional(),
  XINGFU_DATA_KEY: z.string().optional(),
  XINGFU_PREVIOUS_DATA_KEY: z.string().optional(),
  XINGFU_CIPHER: z.enum(cipherNames).default('aes-256-gcm'),
  XINGFU_AUDIT_CHECKPOINT_PATH: z.string().min(1).optional(),
  XINGFU_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  XINGFU_TODAY: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2}|real)$/, 'XINGFU_TODAY must be a date YYYY-MM-DD or "real"')
    .optional(),
  XINGFU_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  XINGFU_COOKIE_SECURE: z.enum(['auto', '0', '1']).default('auto'),
  XINGFU_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
  XINGFU_SESSION_LIFETIME_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  XINGFU_PORTAL_HOSTS: z.string().default(''),
  XINGFU_SITE_CODE: z.string().max(40).default(''),
  XINGFU_SITE_SPONSOR: z.string().max(100).default(''),
  XINGFU_SITE_ICP: z.string().max(60).default(''),
  XINGFU_SITE_PSB: z.string().max(60).default(''),
  XINGFU_PORTAL_CHECK_URL: z.url().optional(),
  XINGFU_PORTAL_CHECK_MINUTES: z.coerce.number().int().min(5).max(10_080).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  secretKey: string | null;
  /** The key personal data is encrypted under (null: the secret key), and the cipher it is written with. */
  dataKey: string | null;
  cipher: CipherName;
  /** Keys personal data may still be under while a rotation runs (comma-separated in the environment). */
  previousDataKeys: string[];
  /** The file the audit chain's signed checkpoints are appended to (default: in the data directory). */
  auditCheckpointPath: string;
  demo: boolean;
  /** The business date from XINGFU_TODAY ('YYYY-MM-DD' or 'real'); null = the demo's date in demo mode, else the real date. */
  today: string | null;
  trustProxy: boolean;
  cookieSecure: 'auto' | boolean;
  dbPoolSize: number;
  /** A session ends this long after sign-in, however active (besides the policy's idle timeout). */
  sessionLifetimeHours: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  version: string;
  portal: PortalConfig;
}

/** The public portal's identity (government-site conventions) and its integrity check. */
export interface PortalConfig {
  /** The district's own host names: links to them are always allowed in articles. */
  ownHosts: string[];
  /** 网站标识码; empty until one is assigned (the footer says so). */
  siteCode: string;
  /** 主办单位; empty: the district's leading-group office. */
  sponsor: string;
  /** ICP 备案号 and 公安机关备案号; empty until filed. */
  icp: string;
  psb: string;
  /** The public address the server checks from outside on a schedule (null: no scheduled check). */
  checkUrl: string | null;
  checkMinutes: number;
}

const truthy = (v: string | undefined): boolean => v === '1' || v === 'true';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration / 配置错误：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const config: Omit<Config, 'auditCheckpointPath'> & Partial<Pick<Config, 'auditCheckpointPath'>> = {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(e.XINGFU_DATA_DIR),
    secretKey: e.XINGFU_SECRET_KEY ?? null,
    dataKey: e.XINGFU_DATA_KEY ?? null,
    cipher: e.XINGFU_CIPHER,
    previousDataKeys: (e.XINGFU_PREVIOUS_DATA_KEY ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    demo: truthy(e.XINGFU_DEMO),
    today: e.XINGFU_TODAY ?? null,
    trustProxy: truthy(e.XINGFU_TRUST_PROXY),
    cookieSecure: e.XINGFU_COOKIE_SECURE === 'auto' ? 'auto' : e.XINGFU_COOKIE_SECURE === '1',
    dbPoolSize: e.XINGFU_DB_POOL,
    sessionLifetimeHours: e.XINGFU_SESSION_LIFETIME_HOURS,
    logLevel: e.LOG_LEVEL,
    version: process.env.npm_package_version ?? '0.1.0',
    portal: {
      ownHosts: e.XINGFU_PORTAL_HOSTS.split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ''),
      siteCode: e.XINGFU_SITE_CODE,
      sponsor: e.XINGFU_SITE_SPONSOR,
      icp: e.XINGFU_SITE_ICP,
      psb: e.XINGFU_SITE_PSB,
      checkUrl: e.XINGFU_PORTAL_CHECK_URL ?? null,
      checkMinutes: e.XINGFU_PORTAL_CHECK_MINUTES,
    },
    ...overrides,
  };
  const checkpointPath = e.XINGFU_AUDIT_CHECKPOINT_PATH === undefined ? null : path.resolve(e.XINGFU_AUDIT_CHECKPOINT_PATH);
  return { ...config, auditCheckpointPath: config.auditCheckpointPath ?? checkpointPath ?? path.join(config.dataDir, 'audit-checkpoints.jsonl') };
}
