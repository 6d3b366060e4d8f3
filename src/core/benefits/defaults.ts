/**
 * The starting parameter table (parameters.default.json), checked against the row schema when
 * loaded. It seeds the database; once the office edits parameters there, the engine receives the
 * database rows instead, so nothing outside seeding and tests should import this module.
 */
import rawRows from './parameters.default.json' with { type: 'json' };
import { parameterRowsSchema, type ParameterRow } from './parameters.ts';

export const defaultParameterRows: readonly ParameterRow[] = Object.freeze(parameterRowsSchema.parse(rawRows));
