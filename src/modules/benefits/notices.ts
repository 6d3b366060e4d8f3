/**
 * The notice list for posting (.docx): the village or township notice, or the district
 * publication, of a year and place, headed with the issuer and the notice period.
 */
import type { Step } from '../../core/benefits/applicationStates.ts';
import { today as businessToday } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import { ownName } from '../../core/placeNames.ts';
import { withScope, type Actor } from '../../db/scope.ts';
import type { Database } from '../../db/types.ts';
import { districtName } from '../org/queries.ts';
import { publicNoticeDocx } from './documents.ts';
import { townshipByCode, villageWithTownship } from './placeQueries.ts';
import { publicNoticePersons } from './workflow.ts';

export interface NoticeListQuery {
  stage: Step;
  year: number;
  township?: string | undefined;
  village?: string | undefined;
}

const stageNames: Record<Step, string> = { village: '村级公示名单', township: '乡镇公示名单', district: '区级公布名单' };

/** The place a notice list is of; a place outside the caller's scope is answered as one that does not exist, not with an empty notice. */
async function noticePlace(db: Database, actor: Actor, q: NoticeListQuery) {
  return withScope(db, actor, async (tx) => {
    const v = q.village === undefined ? undefined : await villageWithTownship(tx, q.village);
    const t = q.township === undefined ? undefined : await townshipByCode(tx, q.township);
    if ((q.village !== undefined && v === undefined) || (q.township !== undefined && t === undefined)) throw new AppError('not_found');
    return { village: v, township: t?.name ?? v?.township, district: ownName((await districtName(tx))?.name ?? '') };
  });
}

/** The notice list's document and its file name. */
export async function publicNoticeDocument(db: Database, actor: Actor, q: NoticeListQuery): Promise<{ name: string; document: Buffer }> {
  const place = await noticePlace(db, actor, q);
  const persons = await publicNoticePersons(db, actor, q);
  const scopeName = place.village ? `${place.village.township}${place.village.name}` : (place.township ?? place.district);
  const first = persons[0];
  const notice = q.stage === 'village' ? first?.villageNotice : q.stage === 'township' ? first?.townshipNotice : null;
  const issuer =
    q.stage === 'village'
      ? `${scopeName}村（居）民委员会`
      : q.stage === 'township'
        ? `${place.township ?? ''}计划生育办公室`
        : `${place.district}创建幸福家庭活动领导小组办公室`;
  const document = await publicNoticeDocx({
    stage: q.stage,
    year: q.year,
    districtName: place.district,
    issuer,
    scopeName,
    noticeFrom: notice?.from ?? null,
    noticeUntil: notice?.until ?? null,
    contact: q.stage === 'district' ? `${place.district}创建幸福家庭活动领导小组办公室` : `${place.township ?? '乡镇街'}计划生育办公室`,
    issuedOn: businessToday(),
    persons: persons.map((p) => ({
      name: p.personName,
      sex: p.sex,
      birthDate: p.birthDate,
      idNumberMasked: p.idNumberMasked,
      townshipName: p.townshipName,
      villageName: p.villageName,
      programmeName: p.programmeName,
      category: p.category,
      monthlyAmount: p.monthlyAmount,
    })),
  });
  return { name: `${q.year}年${scopeName}${stageNames[q.stage]}.docx`, document };
}
