import enAccount from '#app/locales/en/account.json'
import enAdmin from '#app/locales/en/admin.json'
import enAuth from '#app/locales/en/auth.json'
import enBilling from '#app/locales/en/billing.json'
import enCalendar from '#app/locales/en/calendar.json'
import enChat from '#app/locales/en/chat.json'
import enClaims from '#app/locales/en/claims.json'
import enCommon from '#app/locales/en/common.json'
import enDocuments from '#app/locales/en/documents.json'
import enDownloads from '#app/locales/en/downloads.json'
import enEmails from '#app/locales/en/emails.json'
import enFiles from '#app/locales/en/files.json'
import enForecastExceptions from '#app/locales/en/forecastExceptions.json'
import enForecastSetup from '#app/locales/en/forecastSetup.json'
import enForecasts from '#app/locales/en/forecasts.json'
import enForecastVersions from '#app/locales/en/forecastVersions.json'
import enFunds from '#app/locales/en/funds.json'
import enInvoices from '#app/locales/en/invoices.json'
import enNotifications from '#app/locales/en/notifications.json'
import enOutcome from '#app/locales/en/outcome.json'
import enPartners from '#app/locales/en/partners.json'
import enProducts from '#app/locales/en/products.json'
import enPromotions from '#app/locales/en/promotions.json'
import enQuotes from '#app/locales/en/quotes.json'
import enVolumes from '#app/locales/en/volumes.json'
import faAccount from '#app/locales/fa/account.json'
import faAdmin from '#app/locales/fa/admin.json'
import faAuth from '#app/locales/fa/auth.json'
import faBilling from '#app/locales/fa/billing.json'
import faCalendar from '#app/locales/fa/calendar.json'
import faChat from '#app/locales/fa/chat.json'
import faClaims from '#app/locales/fa/claims.json'
import faCommon from '#app/locales/fa/common.json'
import faDocuments from '#app/locales/fa/documents.json'
import faDownloads from '#app/locales/fa/downloads.json'
import faEmails from '#app/locales/fa/emails.json'
import faFiles from '#app/locales/fa/files.json'
import faForecastExceptions from '#app/locales/fa/forecastExceptions.json'
import faForecastSetup from '#app/locales/fa/forecastSetup.json'
import faForecasts from '#app/locales/fa/forecasts.json'
import faForecastVersions from '#app/locales/fa/forecastVersions.json'
import faFunds from '#app/locales/fa/funds.json'
import faInvoices from '#app/locales/fa/invoices.json'
import faNotifications from '#app/locales/fa/notifications.json'
import faOutcome from '#app/locales/fa/outcome.json'
import faPartners from '#app/locales/fa/partners.json'
import faProducts from '#app/locales/fa/products.json'
import faPromotions from '#app/locales/fa/promotions.json'
import faQuotes from '#app/locales/fa/quotes.json'
import faVolumes from '#app/locales/fa/volumes.json'
import heAccount from '#app/locales/he/account.json'
import heAdmin from '#app/locales/he/admin.json'
import heAuth from '#app/locales/he/auth.json'
import heBilling from '#app/locales/he/billing.json'
import heCalendar from '#app/locales/he/calendar.json'
import heChat from '#app/locales/he/chat.json'
import heClaims from '#app/locales/he/claims.json'
import heCommon from '#app/locales/he/common.json'
import heDocuments from '#app/locales/he/documents.json'
import heDownloads from '#app/locales/he/downloads.json'
import heEmails from '#app/locales/he/emails.json'
import heFiles from '#app/locales/he/files.json'
import heForecastExceptions from '#app/locales/he/forecastExceptions.json'
import heForecastSetup from '#app/locales/he/forecastSetup.json'
import heForecasts from '#app/locales/he/forecasts.json'
import heForecastVersions from '#app/locales/he/forecastVersions.json'
import heFunds from '#app/locales/he/funds.json'
import heInvoices from '#app/locales/he/invoices.json'
import heNotifications from '#app/locales/he/notifications.json'
import heOutcome from '#app/locales/he/outcome.json'
import hePartners from '#app/locales/he/partners.json'
import heProducts from '#app/locales/he/products.json'
import hePromotions from '#app/locales/he/promotions.json'
import heQuotes from '#app/locales/he/quotes.json'
import heVolumes from '#app/locales/he/volumes.json'

// One namespace per feature area, so each area's strings live beside each other.
export const resources = {
  en: {
    common: enCommon,
    documents: enDocuments,
    auth: enAuth,
    partners: enPartners,
    products: enProducts,
    quotes: enQuotes,
    invoices: enInvoices,
    billing: enBilling,
    downloads: enDownloads,
    admin: enAdmin,
    account: enAccount,
    emails: enEmails,
    chat: enChat,
    files: enFiles,
    funds: enFunds,
    promotions: enPromotions,
    volumes: enVolumes,
    calendar: enCalendar,
    claims: enClaims,
    notifications: enNotifications,
    outcome: enOutcome,
    forecasts: enForecasts,
    forecastExceptions: enForecastExceptions,
    forecastVersions: enForecastVersions,
    forecastSetup: enForecastSetup,
  },
  fa: {
    common: faCommon,
    documents: faDocuments,
    auth: faAuth,
    partners: faPartners,
    products: faProducts,
    quotes: faQuotes,
    invoices: faInvoices,
    billing: faBilling,
    downloads: faDownloads,
    admin: faAdmin,
    account: faAccount,
    emails: faEmails,
    chat: faChat,
    files: faFiles,
    funds: faFunds,
    promotions: faPromotions,
    volumes: faVolumes,
    calendar: faCalendar,
    claims: faClaims,
    notifications: faNotifications,
    outcome: faOutcome,
    forecasts: faForecasts,
    forecastExceptions: faForecastExceptions,
    forecastVersions: faForecastVersions,
    forecastSetup: faForecastSetup,
  },
  he: {
    common: heCommon,
    documents: heDocuments,
    auth: heAuth,
    partners: hePartners,
    products: heProducts,
    quotes: heQuotes,
    invoices: heInvoices,
    billing: heBilling,
    downloads: heDownloads,
    admin: heAdmin,
    account: heAccount,
    emails: heEmails,
    chat: heChat,
    files: heFiles,
    funds: heFunds,
    promotions: hePromotions,
    volumes: heVolumes,
    calendar: heCalendar,
    claims: heClaims,
    notifications: heNotifications,
    outcome: heOutcome,
    forecasts: heForecasts,
    forecastExceptions: heForecastExceptions,
    forecastVersions: heForecastVersions,
    forecastSetup: heForecastSetup,
  },
} as const

export const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[]
