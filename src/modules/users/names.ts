import type { Queryable } from '../../db/types.ts';
import { displayNameRows } from './queries.ts';

/** The username under which the system itself acts (seeding, imports run from the command line). */
export const SYSTEM_USERNAME = 'system';

/**
 * A person's name for a username; null for the system itself (the page says 系统), the username
 * when no account has it any longer.
 */
export type NameOf = (username: string | null) => string | null;

/** Looks up the display names of the given usernames in one query, for responses that show people. */
export async function displayNames(tx: Queryable, usernames: readonly (string | null | undefined)[]): Promise<NameOf> {
  const wanted = Array.from(new Set(usernames.filter((u): u is string => typeof u === 'string' && u !== '')));
  const names = new Map<string, string>();
  if (wanted.length > 0) {
    for (const row of await displayNameRows(tx, wanted)) names.set(row.username, row.display_name);
  }
  return (username) => (username === null || username === SYSTEM_USERNAME ? null : (names.get(username) ?? username));
}
