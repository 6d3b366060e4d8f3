import { noBody } from '../../core/wire.ts';
import { actorOf } from '../../server/auth.ts';
import type { Routes } from './routes.ts';
import * as s from './schemas.ts';
import type { meetingService } from './service.ts';

const tags = ['coordination'];

/** Meetings and their action items (督办事项), notices, and the desk. */
export function meetingRoutes(r: Routes, meetings: ReturnType<typeof meetingService>): void {
  deskAndMeetingRoutes(r, meetings);
  actionItemRoutes(r, meetings);
  noticeRoutes(r, meetings);
}

/** The desk, and meetings with their agenda and minutes. */
function deskAndMeetingRoutes(r: Routes, meetings: ReturnType<typeof meetingService>): void {
  r.get(
    '/api/coord/desk',
    {
      config: { access: 'coord.read' },
      schema: {
        tags,
        summary: "What the user has to do now: reports due or overdue, action items, notices; the office's reviews",
        response: { 200: s.deskView },
      },
    },
    async (req) => meetings.desk(actorOf(req)),
  );

  r.get(
    '/api/coord/meetings',
    {
      config: { access: 'coord.read' },
      schema: { tags, summary: 'Meetings, newest first', response: { 200: s.meetingList } },
    },
    async (req) => meetings.meetings(actorOf(req)),
  );

  r.post(
    '/api/coord/meetings',
    {
      config: { access: 'coord.manage' },
      schema: {
        tags,
        summary: 'Schedule a meeting; open and overdue action items join its agenda automatically',
        body: s.meetingBody,
        response: { 200: s.meetingView },
      },
    },
    async (req) => meetings.createMeeting(actorOf(req), req.body),
  );

  r.get(
    '/api/coord/meetings/:id',
    {
      config: { access: 'coord.read' },
      schema: { tags, summary: 'A meeting with agenda, attendees, minutes and decisions', params: s.idParams, response: { 200: s.meetingView } },
    },
    async (req) => meetings.meeting(actorOf(req), req.params.id),
  );

  r.put(
    '/api/coord/meetings/:id/minutes',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Record the minutes; decisions become action items', params: s.idParams, body: s.minutesBody, response: { 200: s.meetingView } },
    },
    async (req) => meetings.recordMinutes(actorOf(req), req.params.id, req.body),
  );
}

/** Action items (督办事项) and the progress recorded on them. */
function actionItemRoutes(r: Routes, meetings: ReturnType<typeof meetingService>): void {
  r.get(
    '/api/coord/action-items',
    {
      config: { access: 'coord.read' },
      schema: { tags, summary: 'Action items (督办事项)', querystring: s.actionItemQuery, response: { 200: s.actionItemList } },
    },
    async (req) => meetings.actionItems(actorOf(req), req.query),
  );

  r.post(
    '/api/coord/action-items',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Assign an action item to a department', body: s.actionItemBody, response: { 200: s.actionItemView } },
    },
    async (req) => meetings.createActionItem(actorOf(req), req.body),
  );

  r.post(
    '/api/coord/action-items/:id/notes',
    {
      config: { access: 'coord.read' },
      schema: {
        tags,
        summary: 'Record progress on an action item, optionally closing it',
        params: s.idParams,
        body: s.actionNoteBody,
        response: { 200: s.actionItemView },
      },
    },
    async (req) => meetings.noteActionItem(actorOf(req), req.params.id, req.body),
  );
}

/** Notices (通知) from the office to the departments, with read receipts. */
function noticeRoutes(r: Routes, meetings: ReturnType<typeof meetingService>): void {
  r.get(
    '/api/coord/notices',
    {
      config: { access: 'coord.read' },
      schema: { tags, summary: 'Notices: all sent with receipts (office), or those sent to the own department', response: { 200: s.noticeList } },
    },
    async (req) => meetings.notices(actorOf(req)),
  );

  r.post(
    '/api/coord/notices',
    {
      config: { access: 'coord.manage' },
      schema: { tags, summary: 'Send a notice to all or chosen departments', body: s.noticeBody, response: { 200: s.noticeView } },
    },
    async (req) => meetings.sendNotice(actorOf(req), req.body),
  );

  r.post(
    '/api/coord/notices/:id/read',
    {
      config: { access: 'coord.report' },
      schema: { tags, summary: 'Mark a notice read for the own department', params: s.idParams, body: noBody, response: { 200: s.noticeView } },
    },
    async (req) => meetings.readNotice(actorOf(req), req.params.id),
  );
}
