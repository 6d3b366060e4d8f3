import type { TablePaginationConfig } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { I18n } from '../i18n/index.ts';

/**
 * A page's filters, paging and tabs kept in the URL query, so a list survives a reload, a link and
 * the trip to a detail page and back. A page declares its fields (type, default) once, at module
 * level; `useUrlQuery` reads them typed and writes changes back, leaving defaults out of the URL.
 */
export interface UrlField<T> {
  /** The value of the text in the URL, or undefined when it is not one (the default then). */
  parse: (raw: string) => T | undefined;
  /** The value when the URL has none; read at each render (it may depend on the business date). */
  fallback: () => T;
  /** A change of this field keeps the page (sorting); any other change starts again at page 1. */
  keepsPage?: boolean;
}

type Fields = Record<string, UrlField<unknown>>;
export type UrlValues<F extends Fields> = { [K in keyof F]: F[K] extends UrlField<infer T> ? T : never };
/** A change: fields given as undefined go back to their default. */
export type UrlChange<F extends Fields> = { [K in keyof F]?: UrlValues<F>[K] | undefined };

const always =
  <T>(value: T) =>
  (): T =>
    value;

function number<T extends number | null | undefined = number>(fallback: T | (() => T), accept: (n: number) => boolean = () => true): UrlField<number | T> {
  return {
    parse: (raw) => {
      const n = Number(raw);
      return raw !== '' && Number.isFinite(n) && accept(n) ? n : undefined;
    },
    fallback: typeof fallback === 'function' ? fallback : always(fallback),
  };
}

/** Field declarations for `useUrlQuery`. */
export const urlField = {
  /** Free text (a search, a code), or only text matching `pattern`; an absent field is undefined. */
  text: <T extends string = string>(pattern?: RegExp): UrlField<T | undefined> => ({
    parse: (raw) => (!pattern || pattern.test(raw) ? (raw as T) : undefined),
    fallback: always(undefined),
  }),
  /** One of a list of codes; anything else is undefined. */
  oneOf: <T extends string>(values: readonly T[], options: { keepsPage?: boolean } = {}): UrlField<T | undefined> => ({
    parse: (raw) => values.find((value) => value === raw),
    fallback: always(undefined),
    ...options,
  }),
  /** `true` or `false`; anything else is undefined. */
  bool: (): UrlField<boolean | undefined> => ({
    parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined),
    fallback: always(undefined),
  }),
  /** A number the page accepts (a year), else the fallback. */
  number,
  /** The page of a paged list, from 1. */
  page: (): UrlField<number> => number(1, (n) => Number.isInteger(n) && n > 0),
  /** The page size, one of those the list offers. */
  pageSize: (sizes: readonly number[], fallback: number): UrlField<number> => number(fallback, (n) => sizes.includes(n)),
};

/** The page sizes most lists offer; the first is the default. */
export const PAGE_SIZES: readonly number[] = [20, 50, 100];

/** `page` and `pageSize` of a list paged on the server. */
export function pagingFields(sizes: readonly number[] = PAGE_SIZES, fallback = sizes[0] ?? 20) {
  return { page: urlField.page(), pageSize: urlField.pageSize(sizes, fallback) };
}

function read<F extends Fields>(fields: F, params: URLSearchParams): UrlValues<F> {
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const raw = params.get(key);
    const parsed = raw === null ? undefined : field.parse(raw);
    values[key] = parsed === undefined ? field.fallback() : parsed;
  }
  return values as UrlValues<F>;
}

function write(fields: Fields, values: Record<string, unknown>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, field] of Object.entries(fields)) {
    const value = values[key];
    if (value === undefined || value === null || value === '' || value === field.fallback()) continue;
    search.set(key, String(value));
  }
  return search;
}

/** The declared fields' values from the URL, and a setter that merges a change into them. */
export function useUrlQuery<F extends Fields>(fields: F): [UrlValues<F>, (change: UrlChange<F>) => void] {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => read(fields, params), [fields, params]);
  const update = useCallback(
    (change: UrlChange<F>) => {
      const next: Record<string, unknown> = { ...values, ...change };
      const filterChanged = Object.keys(change).some((key) => key !== 'page' && !fields[key]?.keepsPage);
      if ('page' in fields && filterChanged && !('page' in change)) next.page = 1;
      setParams(write(fields, next), { replace: true });
    },
    [fields, values, setParams],
  );
  return [values, update];
}

/**
 * The pager of a list paged on the server: page and page size from the page's URL query, the
 * server's total, the sizes the list offers, and "共 N 条" (or the page's own wording of the total).
 */
export function serverPagination(
  t: I18n['t'],
  query: { page: number; pageSize: number },
  total: number | undefined,
  sizes: readonly number[],
  showTotal: (total: number) => string = (n) => t('common.total', { total: n }),
): TablePaginationConfig {
  return { current: query.page, pageSize: query.pageSize, total: total ?? 0, showSizeChanger: true, pageSizeOptions: sizes.map(String), showTotal };
}
