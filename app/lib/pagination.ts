import { readSearch } from './query.ts'

export const DEFAULT_PAGE_SIZE = 50

export type PageRequest = { page: number; pageSize: number; offset: number }

export function readPage(url: URL, pageSize = DEFAULT_PAGE_SIZE): PageRequest {
  const raw = Number.parseInt(url.searchParams.get('page') ?? '1', 10)
  const page = Number.isFinite(raw) && raw > 0 ? Math.min(raw, 100_000) : 1
  return { page, pageSize, offset: (page - 1) * pageSize }
}

export function pageCount(total: number, pageSize: number) {
  return Math.max(1, Math.ceil(total / pageSize))
}

/** A list page's query: search text (trimmed, at most 100 characters), a status filter from `statuses`, the page. */
export function readListQuery<S extends string>(
  url: URL,
  statuses: readonly S[],
  pageSize = DEFAULT_PAGE_SIZE,
) {
  const q = readSearch(url)
  const raw = url.searchParams.get('status')
  const status = statuses.includes(raw as S) ? (raw as S) : undefined
  return { q, status, page: readPage(url, pageSize) }
}
