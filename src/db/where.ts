import type { SqlParam } from './types.ts';

/**
 * A WHERE clause built from optional filters: `add('a.year = ?', 2011)` binds the value as the next
 * parameter (every `?` in the condition is that one parameter), `push` adds a condition without one.
 */
export class Where {
  readonly args: SqlParam[] = [];
  private readonly conditions: string[] = [];

  add(condition: string, value: SqlParam): this {
    this.args.push(value);
    this.conditions.push(condition.replaceAll('?', `$${this.args.length}`));
    return this;
  }

  push(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** `WHERE … AND …`, or nothing when no filter is set. */
  get clause(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
}
