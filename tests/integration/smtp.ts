import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { to: string[]; subject: string; html: string; text: string; raw: ParsedMail }

/** A real SMTP server on a free local port; messages are parsed as a mail client would see them. */
export async function startSmtpServer() {
  const messages: ReceivedMail[] = []
  const waiters = new Set<() => void>()
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) =>
            a.value.map((v) => (v.address ?? '').toLowerCase()),
          )
          messages.push({
            to,
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
            raw: parsed,
          })
          for (const wake of waiters) wake()
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo

  const find = (to: string) => messages.find((m) => m.to.includes(to.toLowerCase()))

  /** The first message to this address, waiting for it to arrive; rejects after timeoutMs. */
  function waitForMail(to: string, timeoutMs = 5_000): Promise<ReceivedMail> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const mail = find(to)
        if (!mail) return false
        waiters.delete(wake)
        clearTimeout(timer)
        resolve(mail)
        return true
      }
      const wake = () => void check()
      const timer = setTimeout(() => {
        waiters.delete(wake)
        reject(new Error(`No mail to ${to} within ${timeoutMs} ms`))
      }, timeoutMs)
      waiters.add(wake)
      check()
    })
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMail,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type SmtpHelper = Awaited<ReturnType<typeof startSmtpServer>>
