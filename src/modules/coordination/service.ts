/**
 * The coordination's services as the routes call them: each call opens the transaction under the
 * actor's scope (row-level security) and runs the module's work in it; the audit entries are
 * written inside, by the work itself. One set per area of the API.
 */
import { withScope } from '../../db/scope.ts';
import type { Database, Queryable } from '../../db/types.ts';
import { bulletinDocx } from './bulletinDocx.ts';
import { createBulletin, deleteBulletin, getBulletin, listBulletins, patchBulletin, publishBulletin, refreshBulletin } from './bulletins.ts';
import {
  addRule,
  audit,
  createResponsibility,
  deleteRule,
  patchResponsibility,
  readDepartments,
  readIndicators,
  readPlan,
  readRules,
  readSettings,
  writeIndicator,
  writeSettings,
  type Settings,
} from './config.ts';
import {
  createActionItem,
  createMeeting,
  desk,
  getMeeting,
  listActionItems,
  listMeetings,
  listNotices,
  markNoticeRead,
  noteActionItem,
  recordMinutes,
  sendNotice,
} from './meetings.ts';
import { addAttachment, completeness, deleteAttachment, getReport, listReports, readAttachment, reviewReport, saveDraft, submitReport } from './reports.ts';
import type { CoordActor } from './reports.ts';
import type * as s from './schemas.ts';

type Scoped = <T>(actor: CoordActor, work: (tx: Queryable) => Promise<T>) => Promise<T>;
const scoped =
  (db: Database): Scoped =>
  (actor, work) =>
    withScope(db, actor, work);

/** The implementation plan with its responsibilities, and the configuration (indicators, rules, settings). */
export function planService(db: Database) {
  const run = scoped(db);
  return {
    plan: (actor: CoordActor, year: number | undefined) => run(actor, (tx) => readPlan(tx, year)),
    createResponsibility: (actor: CoordActor, input: s.ResponsibilityInput) => run(actor, (tx) => createResponsibility(tx, actor, input)),
    patchResponsibility: (actor: CoordActor, id: string, patch: s.ResponsibilityPatch) => run(actor, (tx) => patchResponsibility(tx, actor, id, patch)),
    config: (actor: CoordActor) =>
      run(actor, async (tx) => ({
        indicators: await readIndicators(tx),
        rules: await readRules(tx),
        settings: await readSettings(tx),
        departments: await readDepartments(tx),
      })),
    writeIndicator: (actor: CoordActor, code: string, input: s.IndicatorInput) => run(actor, (tx) => writeIndicator(tx, actor, code, input)),
    addRule: (actor: CoordActor, input: s.RuleInput) => run(actor, (tx) => addRule(tx, actor, input)),
    deleteRule: (actor: CoordActor, id: string) => run(actor, (tx) => deleteRule(tx, actor, id)),
    writeSettings: (actor: CoordActor, settings: Settings) => run(actor, (tx) => writeSettings(tx, actor, settings)),
  };
}

/** The monthly reports, their attachments, and completeness. */
export function reportService(db: Database) {
  const run = scoped(db);
  type Draft = s.ReportDraftInput;
  return {
    list: (actor: CoordActor, filter: s.ReportListQuery) => run(actor, (tx) => listReports(tx, actor, filter)),
    get: (actor: CoordActor, department: string, month: string) => run(actor, (tx) => getReport(tx, actor, department, month)),
    save: (actor: CoordActor, department: string, month: string, draft: Draft) => run(actor, (tx) => saveDraft(tx, actor, department, month, draft)),
    submit: (actor: CoordActor, department: string, month: string, version: number) => run(actor, (tx) => submitReport(tx, actor, department, month, version)),
    review: (actor: CoordActor, department: string, month: string, decision: Parameters<typeof reviewReport>[4]) =>
      run(actor, (tx) => reviewReport(tx, actor, department, month, decision)),
    addAttachment: (actor: CoordActor, department: string, month: string, file: Parameters<typeof addAttachment>[4]) =>
      run(actor, (tx) => addAttachment(tx, actor, department, month, file)),
    readAttachment: (actor: CoordActor, id: string) => run(actor, (tx) => readAttachment(tx, id)),
    deleteAttachment: (actor: CoordActor, id: string) => run(actor, (tx) => deleteAttachment(tx, actor, id)),
    completeness: (actor: CoordActor, year: number | undefined) => run(actor, (tx) => completeness(tx, actor, year)),
  };
}

/** The bulletins (通报), and their .docx download. */
export function bulletinService(db: Database) {
  const run = scoped(db);
  return {
    list: (actor: CoordActor) => run(actor, listBulletins),
    create: (actor: CoordActor, period: string) => run(actor, (tx) => createBulletin(tx, actor, period)),
    get: (actor: CoordActor, id: string) => run(actor, (tx) => getBulletin(tx, id)),
    patch: (actor: CoordActor, id: string, patch: s.BulletinPatch) => run(actor, (tx) => patchBulletin(tx, actor, id, patch)),
    refresh: (actor: CoordActor, id: string, version: number) => run(actor, (tx) => refreshBulletin(tx, actor, id, version)),
    publish: (actor: CoordActor, id: string, version: number) => run(actor, (tx) => publishBulletin(tx, actor, id, version)),
    delete: (actor: CoordActor, id: string) => run(actor, (tx) => deleteBulletin(tx, actor, id)),
    /** The bulletin as a Word document and its file name; the download is audit-logged. */
    async docx(actor: CoordActor, id: string): Promise<{ fileName: string; content: Buffer }> {
      const bulletin = await run(actor, async (tx) => {
        const b = await getBulletin(tx, id);
        await audit(tx, actor, 'coord.bulletin_download', 'coord_bulletin', b.id, { detail: { period: b.period, number: b.number } });
        return b;
      });
      const content = await bulletinDocx(bulletin);
      return { fileName: `${bulletin.number ?? `通报（草稿）${bulletin.period}`}.docx`, content };
    },
  };
}

/** Meetings, action items (督办事项), notices (通知) and the desk. */
export function meetingService(db: Database) {
  const run = scoped(db);
  return {
    desk: (actor: CoordActor) => run(actor, (tx) => desk(tx, actor)),
    meetings: (actor: CoordActor) => run(actor, listMeetings),
    createMeeting: (actor: CoordActor, input: s.MeetingInput) => run(actor, (tx) => createMeeting(tx, actor, input)),
    meeting: (actor: CoordActor, id: string) => run(actor, (tx) => getMeeting(tx, actor, id)),
    recordMinutes: (actor: CoordActor, id: string, input: s.MinutesInput) => run(actor, (tx) => recordMinutes(tx, actor, id, input)),
    actionItems: (actor: CoordActor, filter: s.ActionItemQuery) => run(actor, (tx) => listActionItems(tx, actor, filter)),
    createActionItem: (actor: CoordActor, input: s.ActionItemInput) => run(actor, (tx) => createActionItem(tx, actor, input)),
    noteActionItem: (actor: CoordActor, id: string, input: s.ActionNoteInput) => run(actor, (tx) => noteActionItem(tx, actor, id, input)),
    notices: (actor: CoordActor) => run(actor, (tx) => listNotices(tx, actor)),
    sendNotice: (actor: CoordActor, input: s.NoticeInput) => run(actor, (tx) => sendNotice(tx, actor, input)),
    readNotice: (actor: CoordActor, id: string) => run(actor, (tx) => markNoticeRead(tx, actor, id)),
  };
}
