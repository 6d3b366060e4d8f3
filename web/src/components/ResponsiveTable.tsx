import { List, Table, type TablePaginationConfig, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table/interface.js';
import { isValidElement, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { useIsPhone } from './useIsPhone.ts';
import './responsiveTable.css';

type Props<T> = TableProps<T> & { 'data-testid'?: string };

/** A cell as the table would show it: the column's render, or the value at its dataIndex. */
function cellOf<T extends object>(column: ColumnType<T>, record: T, index: number): ReactNode {
  const path = column.dataIndex === undefined ? [] : Array.isArray(column.dataIndex) ? column.dataIndex : [column.dataIndex];
  let value: unknown = record;
  for (const step of path) value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[String(step)];
  if (path.length === 0) value = undefined;
  if (!column.render) return value as ReactNode;
  const rendered: unknown = column.render(value, record, index);
  // A render may answer { children, props } to span cells; a card needs only the content.
  if (rendered !== null && typeof rendered === 'object' && !isValidElement(rendered) && 'children' in rendered) {
    return (rendered as { children?: ReactNode }).children;
  }
  return rendered as ReactNode;
}

function keyOf<T extends object>(rowKey: Props<T>['rowKey'], record: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(record, index);
  const value = (record as Record<string, unknown>)[String(rowKey ?? 'key')];
  return typeof value === 'string' || typeof value === 'number' ? value : index;
}

/**
 * A list's table on a desktop; on a phone the same rows as cards (the first column as the card's
 * heading, the others as label and value; a column marked `responsive` for md and up is left off),
 * with the same row clicks, pager, loading and empty text.
 * Sorting and row selection are for the desktop table.
 */
export function ResponsiveTable<T extends object>(props: Props<T>) {
  const phone = useIsPhone();
  if (!phone) return <Table<T> {...props} />;

  const { columns = [], dataSource = [], onRow, loading, locale, pagination, onChange, rowKey } = props;
  // A column the table shows from md up only (`responsive: ['md']`) is left off the cards too.
  const shown = columns.filter(
    (column): column is ColumnType<T> =>
      !('children' in column) && !column.hidden && (!column.responsive || column.responsive.some((size) => size === 'xs' || size === 'sm')),
  );
  const [head, ...rest] = shown;

  const pager: false | TablePaginationConfig =
    pagination === false
      ? false
      : {
          pageSize: 10,
          ...pagination,
          size: 'small',
          showSizeChanger: false,
          align: 'center',
          onChange: (page, pageSize) => {
            pagination?.onChange?.(page, pageSize);
            onChange?.({ ...pagination, current: page, pageSize }, {}, [], { action: 'paginate', currentDataSource: [...dataSource] });
          },
        };

  return (
    <div className="xf-card-list" data-testid={props['data-testid']}>
      <List<T>
        dataSource={[...dataSource]}
        loading={typeof loading === 'boolean' ? loading : undefined}
        locale={{ emptyText: typeof locale?.emptyText === 'function' ? locale.emptyText() : locale?.emptyText }}
        pagination={pager === false ? false : { ...pager, position: 'bottom' }}
        rowKey={(record) => keyOf(rowKey, record, dataSource.indexOf(record))}
        renderItem={(record, index) => {
          const row: HTMLAttributes<HTMLElement> = onRow?.(record, index) ?? {};
          return (
            <List.Item {...row} className={['xf-card-item', row.className].filter(Boolean).join(' ')}>
              {head ? <div className="xf-card-head">{cellOf(head, record, index)}</div> : null}
              <dl className="xf-card-fields">
                {rest.map((column, at) => {
                  const title = typeof column.title === 'function' ? null : column.title;
                  const content = cellOf(column, record, index);
                  // A cell the table would leave blank is left off the card.
                  if (content === null || content === undefined || content === '' || typeof content === 'boolean') return null;
                  return (
                    <div key={String(column.key ?? column.dataIndex ?? at)} className={title ? 'xf-card-field' : 'xf-card-field xf-card-field-wide'}>
                      {title ? <dt>{title}</dt> : null}
                      <dd>{content}</dd>
                    </div>
                  );
                })}
              </dl>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
