/*
 * Wire types of 门户网站 (the public portal, the office's side): articles kept as revisions,
 * approval, images, the approved link domains and the integrity status.
 *
 * The contract is the server's: every type here is the one src/modules/portal/schemas.ts derives
 * from the schema the route checks (requests) or answers with (replies). Every route is under
 * /api/portal; the public pages themselves are HTML under /portal, outside this app.
 */
import type { LinkDomain, RevisionInput } from '../../../src/modules/portal/schemas.ts';

export type {
  Article,
  ArticleState,
  ArticleSummary,
  BodyProblem,
  Finding,
  LinkDomain,
  MediaUpload,
  PortalIntegrity,
  Revision,
  RevisionInput,
  RevisionState,
  RevisionSummary,
} from '../../../src/modules/portal/schemas.ts';

/** A new revision written over the latest one, `basedOn` its number. */
export type ReviseInput = RevisionInput & { basedOn: number };

/** The district's own hosts (always allowed) and the outside domains the office approved. */
export interface LinkDomains {
  ownHosts: string[];
  items: LinkDomain[];
}
