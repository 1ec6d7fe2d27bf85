import { AppError, forbidden } from '#app/lib/errors.ts'
import type { OrgKind } from '#db/schema/organizations.ts'
import { can } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** Only manufacturers sell from a catalogue; other orgs read an empty one and may not write to it. */
export function keepsCatalogue(orgKind: OrgKind) {
  return orgKind === 'manufacturer'
}

/** For routes, after requirePermission: a catalogue write from an org that keeps none is a 403. */
export function assertKeepsCatalogue(auth: { org: { kind: OrgKind } }) {
  if (!keepsCatalogue(auth.org.kind)) forbidden('Only manufacturers keep a product catalogue.')
}

/** For services: the same rule again, so no caller can skip it. */
export function assertCatalogueManager(ctx: Pick<ServiceContext, 'role' | 'orgKind'>) {
  if (!can(ctx.role, 'products:manage') || !keepsCatalogue(ctx.orgKind)) {
    throw new AppError('forbidden', 'Only managers of a manufacturer may change its catalogue.')
  }
}
