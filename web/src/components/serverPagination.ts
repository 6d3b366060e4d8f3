import type { TablePaginationConfig } from 'antd';
import type { I18n } from '../i18n/index.ts';

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
