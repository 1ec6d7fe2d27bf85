import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { Button } from '#app/components/ui/button.tsx'

/** Deactivate or activate again; the version it carries makes a stale click fail loudly. */
export function ProductActivationForm({
  active,
  version,
  errors,
}: {
  active: boolean
  version: number
  errors?: string[]
}) {
  const { t } = useTranslation('products')
  const navigation = useNavigation()
  const intent = active ? 'deactivate' : 'activate'
  const pending = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  return (
    <section
      aria-labelledby="activation-title"
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="activation-title" className="text-lg font-semibold">
        {t('activation.title')}
      </h2>
      <Form method="post" className="mt-2 space-y-3">
        <p className="text-sm text-slate-600">
          {t(active ? 'activation.activeHelp' : 'activation.inactiveHelp')}
        </p>
        <FormErrors errors={errors} />
        <input type="hidden" name="version" value={version} />
        <Button
          name="intent"
          value={intent}
          variant={active ? 'secondary' : 'primary'}
          disabled={navigation.state === 'submitting'}
        >
          {pending ? t('activation.working') : t(`activation.${intent}`)}
        </Button>
      </Form>
    </section>
  )
}
