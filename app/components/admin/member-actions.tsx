import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '#app/components/ui/button.tsx'
import { SelectField } from '#app/components/ui/field.tsx'

type Props = {
  member: { name: string; role: string; status: 'active' | 'deactivated' }
  roles: string[]
  lastOwner: boolean
}

/** Role change and (de)activation for owners and admins; the server re-checks every rule shown here. */
export function MemberActions({ member, roles, lastOwner }: Props) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const deactivating = member.status === 'active'
  return (
    <div className="grid max-w-xl gap-6">
      <Form
        method="post"
        key={member.role}
        className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <input type="hidden" name="intent" value="role" />
        <SelectField
          className="min-w-56 flex-1"
          label={t('member.changeRole')}
          selectProps={{ name: 'role', defaultValue: member.role, disabled: lastOwner }}
          options={roles.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
        />
        <Button disabled={busy || lastOwner}>{t('member.saveRole')}</Button>
        {lastOwner ? <p className="w-full text-sm text-slate-600">{t('member.lastOwnerNote')}</p> : null}
      </Form>
      <Form method="post" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="status" value={deactivating ? 'deactivated' : 'active'} />
        <h2 className="text-base font-semibold text-slate-900">
          {deactivating ? t('member.deactivateTitle') : t('member.reactivateTitle')}
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">
          {deactivating
            ? t('member.deactivateBody', { name: member.name })
            : t('member.reactivateBody', { name: member.name })}
        </p>
        <Button
          variant={deactivating ? 'danger' : 'secondary'}
          disabled={busy || (deactivating && lastOwner)}
        >
          {deactivating ? t('member.deactivate') : t('member.reactivate')}
        </Button>
      </Form>
    </div>
  )
}
