import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { documents } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findFolder } from './find-folder.server.ts'

const notFound = () => new AppError('not_found', 'files:errors.documentNotFound')

/** A document is as visible as its folder. */
export async function findDocument(ctx: ServiceContext, id: string) {
  if (!isId(id)) throw notFound()
  const [document] = await ctx.tx.select().from(documents).where(eq(documents.id, id))
  if (!document) throw notFound()
  try {
    return { document, ...(await findFolder(ctx, document.folderId)) }
  } catch (error) {
    if (error instanceof AppError) throw notFound()
    throw error
  }
}
