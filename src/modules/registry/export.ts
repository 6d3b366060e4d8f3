import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { inertRow } from '../../core/exports/inert.ts';
import { withScope } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { auditBy } from '../audit/log.ts';
import type { AuthContext } from '../auth/service.ts';
import * as search from './searchQueries.ts';

const PAGE = 5_000;
/** An export holds at most this many persons; a larger list must be narrowed by filters first. */
export const EXPORT_LIMIT = 200_000;

const relationLabel: Record<string, string> = { head: '户主', spouse: '配偶', child: '子女', parent: '父母', grandchild: '孙子女', other: '其他' };
const maritalLabel: Record<string, string> = { unmarried: '未婚', married: '已婚', divorced: '离婚', widowed: '丧偶', unknown: '' };

/**
 * Streams a filtered list of persons as .xlsx, page by page, with ID and phone numbers masked.
 * The export is audit-logged (who, which filter, how many rows) before the first byte leaves; its
 * cells are inert (core/exports/inert), so no name becomes a formula.
 */
export async function exportPersons(db: Database, actor: AuthContext, filter: search.SearchFilter, filterText: Record<string, unknown>): Promise<PassThrough> {
  const count = await withScope(db, actor, async (tx) => {
    const { total } = await search.searchPersons(tx, filter, { limit: 1, offset: 0, sort: 'name', order: 'asc' });
    await auditBy(tx, actor, {
      action: 'personal_data.export',
      entityType: 'person',
      detail: { filter: filterText, rows: Math.min(total, EXPORT_LIMIT), masked: true },
    });
    return total;
  });
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('人员名单');
  sheet.columns = [
    { header: '姓名', key: 'name', width: 10 },
    { header: '性别', key: 'sex', width: 6 },
    { header: '出生日期', key: 'birthDate', width: 12 },
    { header: '身份证号（已脱敏）', key: 'idNumber', width: 22 },
    { header: '户籍性质', key: 'hukou', width: 9 },
    { header: '婚姻状况', key: 'marital', width: 9 },
    { header: '乡镇街', key: 'township', width: 12 },
    { header: '村（居）', key: 'village', width: 14 },
    { header: '户号', key: 'householdNumber', width: 14 },
    { header: '与户主关系', key: 'relation', width: 10 },
    { header: '联系电话（已脱敏）', key: 'phone', width: 15 },
    { header: '状态', key: 'status', width: 12 },
  ];
  void (async () => {
    try {
      for (let offset = 0; offset < Math.min(count, EXPORT_LIMIT); offset += PAGE) {
        const { rows } = await withScope(db, actor, (tx) => search.searchPersons(tx, filter, { limit: PAGE, offset, sort: 'name', order: 'asc' }));
        for (const p of rows) {
          sheet
            .addRow(
              inertRow({
                name: p.name,
                sex: p.sex === 'M' ? '男' : '女',
                birthDate: p.birth_date,
                idNumber: p.id_number_masked,
                hukou: p.hukou === 'rural' ? '农业' : '非农业',
                marital: maritalLabel[p.marital_status] ?? '',
                township: p.township_name,
                village: p.village_name,
                householdNumber: p.household_number ?? '',
                relation: relationLabel[p.relation_to_head] ?? '',
                phone: p.phone_masked ?? '',
                status: p.alive ? (p.moved_out_on ? `已迁出 ${p.moved_out_on}` : '健在') : `已故 ${p.death_date ?? ''}`,
              }),
            )
            .commit();
        }
        if (rows.length < PAGE) break;
      }
      await sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
