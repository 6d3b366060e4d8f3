import type { FastifyInstance } from 'fastify';
import { findUnstorable, unstorableMessage } from '../core/input.ts';
import { validationError } from './validationText.ts';

/**
 * Before any schema runs, refuses a body, query string or route parameter holding a string the
 * database cannot store (a NUL character, a lone UTF-16 surrogate, in a value or a key) or nesting
 * deeper than any schema needs. This covers what reaches the database without a field-by-field
 * schema too: jsonb columns such as audit details and report values, `z.unknown()` bodies.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const parts = [
      ['body', req.body],
      ['querystring', req.query],
      ['params', req.params],
    ] as const;
    for (const [part, value] of parts) {
      const found = findUnstorable(value);
      if (found === null) continue;
      const path = found.path === '' ? part : `${part}.${found.path}`;
      const message = unstorableMessage(found.problem);
      throw validationError([{ path, reason: message }]);
    }
  });
}
