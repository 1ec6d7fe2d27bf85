import { describe, expect, test } from 'vitest'
import { assignableRoles, can, roles } from './permissions.ts'

describe('permissions', () => {
  test('viewer and portal users cannot manage users, invite or change partnership status', () => {
    for (const role of ['viewer', 'portal', 'member', 'member_own'] as const) {
      expect(can(role, 'users:manage')).toBe(false)
      expect(can(role, 'partners:invite')).toBe(false)
      expect(can(role, 'partners:status')).toBe(false)
    }
  })

  test('only owners read the outbox; owners and admins read the audit log', () => {
    expect(roles.filter((r) => can(r, 'outbox:read'))).toEqual(['owner'])
    expect(roles.filter((r) => can(r, 'audit:read'))).toEqual(['owner', 'admin'])
  })

  test('an admin can hand out every role but owner; others none', () => {
    expect(assignableRoles('owner')).toContain('owner')
    expect(assignableRoles('admin')).not.toContain('owner')
    expect(assignableRoles('admin')).toContain('portal')
    expect(assignableRoles('manager')).toEqual([])
  })
})
