import { z } from 'zod';
import { day, slug, townshipCode } from '../../core/input.ts';

const village = z.object({ code: z.string(), name: z.string(), kind: z.enum(['village', 'community']) });
const township = z.object({ code: z.string(), name: z.string(), kind: z.enum(['subdistrict', 'town', 'township']) });
export type TownshipKind = z.output<typeof township>['kind'];
export type VillageKind = z.output<typeof village>['kind'];

/** District → townships → villages, as far as the caller may see. */
export const treeReply = z.object({
  district: z.object({ code: z.string(), name: z.string() }),
  townships: z.array(township.extend({ villages: z.array(village) })),
});
export type OrgTree = z.output<typeof treeReply>;

export const townshipParams = z.object({ code: townshipCode });
export const townshipReply = township.extend({ villages: z.array(village), userCount: z.number() });
export type Township = z.output<typeof townshipReply>;

export const department = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  /** Member of the leading group from this day (YYYY-MM-DD) … */
  activeFrom: z.string(),
  /** … until this day; null while still a member. */
  activeTo: z.string().nullable(),
  liaisonCount: z.number(),
});
export type Department = z.output<typeof department>;
export const departmentsReply = z.object({ items: z.array(department) });

export const departmentParams = z.strictObject({ code: slug });
/** When a department joined or left the leading group. */
export const membershipBody = z.strictObject({ activeFrom: day, activeTo: day.nullable() });
export type Membership = z.output<typeof membershipBody>;
