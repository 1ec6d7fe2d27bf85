import enAccount from '#app/locales/en/account.json'
import enAdmin from '#app/locales/en/admin.json'
import enAuth from '#app/locales/en/auth.json'
import enCommon from '#app/locales/en/common.json'
import enEmails from '#app/locales/en/emails.json'
import enPartners from '#app/locales/en/partners.json'
import faAccount from '#app/locales/fa/account.json'
import faAdmin from '#app/locales/fa/admin.json'
import faAuth from '#app/locales/fa/auth.json'
import faCommon from '#app/locales/fa/common.json'
import faEmails from '#app/locales/fa/emails.json'
import faPartners from '#app/locales/fa/partners.json'

// One namespace per feature area, so each area's strings live beside each other.
export const resources = {
  en: {
    common: enCommon,
    auth: enAuth,
    partners: enPartners,
    admin: enAdmin,
    account: enAccount,
    emails: enEmails,
  },
  fa: {
    common: faCommon,
    auth: faAuth,
    partners: faPartners,
    admin: faAdmin,
    account: faAccount,
    emails: faEmails,
  },
} as const

export const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[]
