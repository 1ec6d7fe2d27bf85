import { type Caller, runAs, type ServiceContext } from '#app/features/service-context.server.ts'
import type { Role } from '#db/schema/index.ts'
import type { World } from './world.ts'

export type { Caller }

/** Runs a service as this caller, in an RLS-scoped transaction, as runService does for a request. */
export function asCaller<T>(caller: Caller, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return runAs(caller, fn)
}

/** A member of the world's manufacturer (org A), in the given role. */
export function hostCaller(world: World, role: Role): Caller {
  return { orgId: world.a.org.id, userId: world.a.members[role].id, orgKind: 'manufacturer', role }
}

/** The owner of the world's retailer (org R), A's partner. */
export function retailerCaller(world: World): Caller {
  return { orgId: world.r.org.id, userId: world.r.owner.id, orgKind: 'retailer', role: 'owner' }
}

/** The owner of the FOREIGN manufacturer (Z): outside every partnership of the home world. */
export function foreignCaller(world: World): Caller {
  return {
    orgId: world.foreign.z.id,
    userId: world.foreign.zOwner.id,
    orgKind: 'manufacturer',
    role: 'owner',
  }
}
