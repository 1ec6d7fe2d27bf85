import { Fragment } from 'react'

// http(s) only: a javascript: or data: "link" in an email body stays plain text.
const urlPattern = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g

/** Plain text with its web addresses turned into links (React escapes everything else). */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(urlPattern)
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string, never reordered
            key={i}
            href={part}
            className="text-brand-700 underline"
            target="_blank"
            rel="noopener noreferrer"
          >
            {part}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string, never reordered
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  )
}
