import { Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { pageCount } from '#app/lib/pagination.ts'

/**
 * Previous/next links that keep the current filters in the query string. A page with several paginated lists gives
 * each its own `param` (and a `label` to tell their navigation landmarks apart).
 */
export function Pagination({
  page,
  pageSize,
  total,
  param = 'page',
  label,
}: {
  page: number
  pageSize: number
  total: number
  param?: string
  label?: string
}) {
  const { t } = useTranslation()
  const location = useLocation()
  const pages = pageCount(total, pageSize)
  if (total <= pageSize) return null
  const href = (p: number) => {
    const params = new URLSearchParams(location.search)
    params.set(param, String(p))
    return `${location.pathname}?${params}`
  }
  const linkClass = 'rounded-md px-3 py-1.5 ring-1 ring-slate-300 bg-white hover:bg-slate-50'
  return (
    <nav
      aria-label={label ?? t('pagination.label')}
      className="mt-4 flex items-center justify-between text-sm"
    >
      <p className="text-slate-600">{t('pagination.summary', { page, pages, total })}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={linkClass} to={href(page - 1)} rel="prev">
            {t('pagination.previous')}
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={linkClass} to={href(page + 1)} rel="next">
            {t('pagination.next')}
          </Link>
        ) : null}
      </div>
    </nav>
  )
}
