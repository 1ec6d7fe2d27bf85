import { parseWithZod } from '@conform-to/zod'
import { data } from '@remix-run/node'
import { attempt } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { FolderSchema } from './schemas.ts'

/** Parses the new-folder form and runs `create`; a refusal comes back on the form, with what was typed. */
export async function folderFormReply(
  request: Request,
  create: (input: { name: string; scope?: string }) => Promise<string>,
) {
  const submission = parseWithZod(await readForm(request), { schema: FolderSchema })
  if (submission.status !== 'success')
    return { ok: false as const, reply: data(submission.reply(), { status: 400 }) }
  const result = await attempt(() => create(submission.value))
  if (!result.ok) {
    const onName = result.error.details?.field === 'name'
    return {
      ok: false as const,
      reply: data(
        submission.reply(
          onName ? { fieldErrors: { name: [result.error.message] } } : { formErrors: [result.error.message] },
        ),
        { status: result.error.status },
      ),
    }
  }
  return { ok: true as const, id: result.value }
}
