import { z } from 'zod';

/** A text in both of the app's languages, zh-CN first. */
export const text = z.object({ 'zh-CN': z.string(), en: z.string() });
export type Text = z.infer<typeof text>;
export const txt = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

/**
 * One thing waiting for the signed-in user (待办): what it is (a stable kind), how many records,
 * a title and a line naming them, where to open them, and when it is due on the business date.
 * `waiting` marks an item that is with someone else for now (the user follows it, cannot act on it).
 */
export const todoItem = z.object({
  kind: z.string(),
  count: z.number().int(),
  title: text,
  detail: text,
  link: z.string(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  waiting: z.boolean(),
});
export type TodoItem = z.infer<typeof todoItem>;

export const figure = z.object({ key: z.string(), label: text, value: z.number(), unit: text.optional() });
export type Figure = z.infer<typeof figure>;

/** The figures of one of the user's roles, in that role's own scope (a township, a department, the centre…). */
export const figureGroup = z.object({ role: z.string(), scope: text, figures: z.array(figure) });
export type FigureGroup = z.infer<typeof figureGroup>;

/** A parent's own child: age on the business date, the next session, the latest growth check. */
export const childSummary = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  ageMonths: z.number().int(),
  ageDays: z.number().int(),
  nextSession: z.object({ startsAt: z.string(), className: z.string(), planTitle: z.string().nullable(), roomName: z.string() }).nullable(),
  latestMeasurement: z.object({ date: z.string(), statuses: z.array(text) }).nullable(),
});
export type ChildSummary = z.infer<typeof childSummary>;

export const homeReply = z.object({
  district: z.object({ code: z.string(), name: z.string() }),
  today: z.string(),
  todo: z.array(todoItem),
  figures: z.array(figureGroup),
  children: z.array(childSummary),
  recentActivity: z
    .array(z.object({ at: z.string(), actor: z.string().nullable(), action: z.string(), entityType: z.string(), result: z.string() }))
    .optional(),
});
export type HomeReply = z.infer<typeof homeReply>;
