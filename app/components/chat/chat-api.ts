import type { MessageDTO } from '#app/features/chat/message-types.ts'

// The browser side of chat's HTTP endpoints (app/routes/_app.chat.$channelId.*). Same-origin fetches carry the
// session cookie and the Origin header the CSRF check wants.

export type SendResult =
  | { ok: true; message: MessageDTO }
  | { ok: false; error: string; retryAfter?: number; network?: boolean }

async function post(url: string, fields: [string, string][]): Promise<SendResult> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: new URLSearchParams(fields),
    })
  } catch {
    return { ok: false, error: 'chat:errors.network', network: true }
  }
  const data = (await response.json().catch(() => ({}))) as {
    message?: MessageDTO
    error?: string
    retryAfter?: number
  }
  if (response.ok && data.message) return { ok: true, message: data.message }
  return {
    ok: false,
    error: data.error ?? (response.status >= 500 ? 'chat:errors.server' : 'chat:errors.invalid'),
    retryAfter: data.retryAfter,
    network: response.status >= 500,
  }
}

export function sendMessage(
  channelId: string,
  input: { body: string; clientId: string; replyToId?: number; mentions: string[]; attachmentIds: string[] },
) {
  const fields: [string, string][] = [
    ['body', input.body],
    ['clientId', input.clientId],
  ]
  if (input.replyToId) fields.push(['replyToId', String(input.replyToId)])
  for (const id of input.mentions) fields.push(['mentions', id])
  for (const id of input.attachmentIds) fields.push(['attachmentIds', id])
  return post(`/chat/${channelId}/messages`, fields)
}

export function changeMessage(channelId: string, messageId: number, fields: [string, string][]) {
  return post(`/chat/${channelId}/messages/${messageId}`, fields)
}

export async function fetchMessages(channelId: string, query: Record<string, string | number>) {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))
  const response = await fetch(`/chat/${channelId}/messages?${params}`, {
    headers: { accept: 'application/json' },
  })
  if (!response.ok) throw new Error(`messages: ${response.status}`)
  return ((await response.json()) as { messages: MessageDTO[] }).messages
}

export async function markRead(channelId: string, lastReadId: number) {
  await fetch(`/chat/${channelId}/read`, {
    method: 'POST',
    body: new URLSearchParams({ lastReadId: String(lastReadId) }),
  }).catch(() => {})
}
