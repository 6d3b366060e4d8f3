import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import pino from 'pino';
import type { Config } from '../config.ts';
import { maskText } from '../core/privacy/mask.ts';

/*
 * What the server log keeps of a request (PIPL: personal information stays out of logs). A search
 * by ID number puts the number in the query string, and the request logger writes the URL; so the
 * URL is logged with every query value that could be personal replaced by [redacted] — only the
 * paging, sorting and filter parameters listed here keep their value — and with ID and phone
 * numbers masked wherever they are left (a path, a parameter's name, an error message), full-width
 * digits included.
 */

/** Query parameters whose values say nothing about a person: paging, sorting, periods, places, states. */
const PLAIN_PARAMETERS = new Set([
  'page',
  'pageSize',
  'sort',
  'order',
  'year',
  'month',
  'period',
  'date',
  'from',
  'to',
  'stage',
  'state',
  'programme',
  'township',
  'village',
  'department',
  'alive',
  'hukou',
  'action',
  'result',
  'entityType',
  'table',
  'sex',
  'kind',
]);

const REDACTED = '[redacted]';

/** Decodes what can be decoded, turns full-width digits and letters into ASCII, then masks ID and phone numbers. */
function masked(text: string, inQuery = false): string {
  let decoded = text;
  try {
    decoded = decodeURIComponent(inQuery ? text.replaceAll('+', ' ') : text);
  } catch {
    // A malformed escape: mask the text as it came.
  }
  return maskText(decoded.normalize('NFKC'));
}

/** A request URL as the log keeps it: `/api/registry/persons?q=[redacted]&page=1`. */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  const path = masked(at < 0 ? url : url.slice(0, at));
  if (at < 0) return path;
  const query = url.slice(at + 1);
  if (query === '') return `${path}?`;
  const parameters = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = masked(eq < 0 ? pair : pair.slice(0, eq), true);
    if (eq < 0) return name;
    return `${name}=${PLAIN_PARAMETERS.has(name) ? masked(pair.slice(eq + 1), true) : REDACTED}`;
  });
  return `${path}?${parameters.join('&')}`;
}

/** A destination for log lines (pino's). */
export interface LogStream {
  write(line: string): void;
}

type LevelOf = Exclude<Config['logLevel'], 'silent'>;

/** The server's pino options: the request's URL through loggedUrl; messages, error messages and stacks masked. */
export function loggerOptions(level: LevelOf, stream?: LogStream): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: loggedUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
      err: (err: Error) => {
        const out = pino.stdSerializers.err(err);
        return { ...out, message: maskText(out.message), ...(out.stack ? { stack: maskText(out.stack) } : {}) };
      },
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg: unknown) => (typeof arg === 'string' ? maskText(arg) : arg)) as Parameters<typeof method>);
      },
    },
    ...(stream ? { stream } : {}),
  };
}
