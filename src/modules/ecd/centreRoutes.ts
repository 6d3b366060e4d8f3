import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { itemsOf } from '../../core/wire.ts';
import { actorOf } from '../../server/auth.ts';
import type { Database } from '../../db/types.ts';
import * as centre from './centre.ts';
import { createPlan, plan, plans, updatePlan } from './centrePlans.ts';
import { STAFF_OR_PARENT } from './routes.ts';
import {
  archivePrintView,
  attendanceBody,
  cancelBody,
  centreView,
  classBody,
  classView,
  idParams,
  membersBody,
  milestoneBody,
  milestoneParams,
  milestonesView,
  planInput,
  planQuery,
  planUpdate,
  planView,
  range,
  sessionBody,
  sessionView,
  teacherLoadView,
} from './schemas.ts';

const tags = ['ecd'];

export function ecdCentreRoutes(app: FastifyInstance, deps: { db: Database }): void {
  milestoneRoutes(app, deps.db);
  planRoutes(app, deps.db);
  classRoutes(app, deps.db);
  sessionRoutes(app, deps.db);
}

function milestoneRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // -- milestones --------------------------------------------------------------------------------

  r.get(
    '/api/ecd/children/:id/milestones',
    {
      config: { access: STAFF_OR_PARENT },
      schema: {
        tags,
        summary: 'A child’s WHO motor milestones against the windows of achievement (a parent: own child)',
        params: idParams,
        response: { 200: milestonesView },
      },
    },
    async (req) => centre.milestones(db, actorOf(req), req.params.id),
  );

  r.put(
    '/api/ecd/children/:id/milestones/:milestone',
    {
      config: { access: 'ecd.write' },
      schema: { tags, summary: 'Record the day a milestone was achieved', params: milestoneParams, body: milestoneBody, response: { 200: milestonesView } },
    },
    async (req) => centre.setMilestone(db, actorOf(req), req.params.id, req.params.milestone, req.body),
  );

  r.delete(
    '/api/ecd/children/:id/milestones/:milestone',
    {
      config: { access: 'ecd.write' },
      schema: { tags, summary: 'Remove a milestone entered by mistake', params: milestoneParams, response: { 200: milestonesView } },
    },
    async (req) => centre.deleteMilestone(db, actorOf(req), req.params.id, req.params.milestone),
  );
}

function planRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // -- activity plans ----------------------------------------------------------------------------

  r.get(
    '/api/ecd/activity-plans',
    {
      config: { access: STAFF_OR_PARENT },
      schema: {
        tags,
        summary: 'The library of parent-child activity plans (ageMonths: plans whose range holds it)',
        querystring: planQuery,
        response: { 200: itemsOf(planView) },
      },
    },
    async (req) => plans(db, actorOf(req), req.query),
  );

  r.get(
    '/api/ecd/activity-plans/:id',
    {
      config: { access: STAFF_OR_PARENT },
      schema: { tags, summary: 'One activity plan', params: idParams, response: { 200: planView } },
    },
    async (req) => plan(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/ecd/activity-plans',
    {
      config: { access: 'ecd.write' },
      schema: { tags, summary: 'Add an activity plan', body: planInput, response: { 200: planView } },
    },
    async (req) => createPlan(db, actorOf(req), req.body),
  );

  r.put(
    '/api/ecd/activity-plans/:id',
    {
      config: { access: 'ecd.write' },
      schema: {
        tags,
        summary: 'Change an activity plan (409 stale_version when changed meanwhile)',
        params: idParams,
        body: planUpdate,
        response: { 200: planView },
      },
    },
    async (req) => updatePlan(db, actorOf(req), req.params.id, req.body),
  );
}

function classRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // -- the centre and its classes ----------------------------------------------------------------

  r.get(
    '/api/ecd/centre',
    {
      config: { access: 'ecd.read' },
      schema: { tags, summary: 'The centre: teachers and rooms', response: { 200: centreView } },
    },
    async (req) => centre.centre(db, actorOf(req)),
  );

  r.get(
    '/api/ecd/classes',
    {
      config: { access: 'ecd.read' },
      schema: { tags, summary: 'Classes with their children', response: { 200: itemsOf(classView) } },
    },
    async (req) => centre.classes(db, actorOf(req)),
  );

  r.post(
    '/api/ecd/classes',
    {
      config: { access: 'ecd.write' },
      schema: { tags, summary: 'Open a class', body: classBody, response: { 200: classView } },
    },
    async (req) => centre.createClass(db, actorOf(req), req.body),
  );

  r.put(
    '/api/ecd/classes/:id',
    {
      config: { access: 'ecd.write' },
      schema: {
        tags,
        summary: 'Change a class’s name, ages, teacher or room (422 over_capacity: the new room is too small for its children)',
        params: idParams,
        body: classBody,
        response: { 200: classView },
      },
    },
    async (req) => centre.updateClass(db, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/ecd/classes/:id/members',
    {
      config: { access: 'ecd.write' },
      schema: {
        tags,
        summary: 'Set a class’s children (422 over_capacity: more than the room holds; 409 consent_withdrawn)',
        params: idParams,
        body: membersBody,
        response: { 200: classView },
      },
    },
    async (req) => centre.setMembers(db, actorOf(req), req.params.id, req.body.childIds),
  );
}

function sessionRoutes(app: FastifyInstance, db: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // -- sessions and attendance -------------------------------------------------------------------

  r.get(
    '/api/ecd/sessions',
    {
      config: { access: STAFF_OR_PARENT },
      schema: {
        tags,
        summary: `Sessions in a range of at most 62 days, by start time (a parent: own child's classes)`,
        querystring: range,
        response: { 200: itemsOf(sessionView) },
      },
    },
    async (req) => centre.sessionList(db, actorOf(req), req.query.from, req.query.to),
  );

  r.post(
    '/api/ecd/sessions',
    {
      config: { access: 'ecd.write' },
      schema: { tags, summary: 'Schedule a session (409 room_busy / teacher_busy; 422 over_capacity)', body: sessionBody, response: { 200: sessionView } },
    },
    async (req) => centre.createSession(db, actorOf(req), req.body),
  );

  r.put(
    '/api/ecd/sessions/:id/attendance',
    {
      config: { access: 'ecd.write' },
      schema: {
        tags,
        summary: 'Take attendance: members not present are recorded absent; the session is held',
        params: idParams,
        body: attendanceBody,
        response: { 200: sessionView },
      },
    },
    async (req) => centre.takeAttendance(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/ecd/sessions/:id/cancel',
    {
      config: { access: 'ecd.write' },
      schema: { tags, summary: 'Cancel a scheduled session', params: idParams, body: cancelBody, response: { 200: sessionView } },
    },
    async (req) => centre.cancelSession(db, actorOf(req), req.params.id, req.body.note),
  );

  // -- teacher load and the printed archive ------------------------------------------------------

  r.get(
    '/api/ecd/teacher-load',
    {
      config: { access: 'ecd.read' },
      schema: { tags, summary: 'Hours taught per teacher against weekly hours × weeks in the range', querystring: range, response: { 200: teacherLoadView } },
    },
    async (req) => centre.teacherLoad(db, actorOf(req), req.query.from, req.query.to),
  );

  r.get(
    '/api/ecd/children/:id/archive-print',
    {
      config: { access: STAFF_OR_PARENT },
      schema: {
        tags,
        summary: '宝宝成长档案 for print (logged as a view of the archive; a parent: own child)',
        params: idParams,
        response: { 200: archivePrintView },
      },
    },
    async (req) => centre.archivePrint(db, actorOf(req), req.params.id),
  );
}
