/** The demo district's member departments over 2011, and the quoting style of its documents. */
import { departments } from './wuqing.ts';

export const ALL = departments.map((d) => d.code);

/** Chinese quotation marks for the ASCII ones in the texts below. */
export const quoted = (s: string): string => s.replace(/"([^"]*)"/g, '\u201c$1\u201d');

/** Joined the leading group in July. */
export const LATE_MEMBER = { code: 'civilisation', activeFrom: '2011-07-01' };

/** The member departments on a day (the late member only from its joining). */
export const membersOn = (instant: string): string[] => ALL.filter((code) => code !== LATE_MEMBER.code || instant.slice(0, 10) >= LATE_MEMBER.activeFrom);
