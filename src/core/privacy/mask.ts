/**
 * Masking of personal data for display and for the audit log (PIPL): resident ID numbers keep the
 * division code and the last four characters, phone numbers the first three and last four digits.
 */
const ID18 = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])(\d{6})\d{6}(\d{3})(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** Bank account (card) numbers keep the last four digits: 6217********1234 → ************1234. */
export function maskBankAccount(account: string): string {
  if (account.length <= 4) return '*'.repeat(account.length);
  return '*'.repeat(account.length - 4) + account.slice(-4);
}

/** Masks every ID number and mobile number found inside a string. */
export function maskText(text: string): string {
  return text
    .replace(ID18, (_m, head: string, tail: string) => `${head}********${tail.slice(-4)}`)
    .replace(ID15, (_m, head: string, tail: string) => `${head}*****${tail.slice(-4)}`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`);
}

const SECRET_KEYS = /password|secret|token|hash/i;

/** Deep copy of a JSON-like value with personal data masked and secrets removed. */
export function maskPersonalData(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) ? '[redacted]' : maskPersonalData(v);
    }
    return out;
  }
  return value;
}
