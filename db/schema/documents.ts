import { sql } from 'drizzle-orm'
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.ts'
import { organizations } from './organizations.ts'
import { partnerships } from './partnerships.ts'
import { users } from './users.ts'

/**
 * A folder of documents. Shared folders (partnership_id set) take uploads from both orgs of the partnership;
 * internal folders (partnership_id null) belong to org_id's staff. org_id is the owning org (the host for shared).
 */
export const folders = pgTable(
  'folders',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    // coalesce: two root folders (parent null) of one scope must not share a name either.
    uniqueIndex('folders_name_key').on(
      t.orgId,
      sql`coalesce(${t.partnershipId}::text, '')`,
      sql`coalesce(${t.parentId}::text, '')`,
      sql`lower(${t.name})`,
    ),
    index('folders_partnership_idx').on(t.partnershipId),
  ],
)

/** A named file in a folder; uploading the same name again adds a version. */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    folderId: uuid('folder_id')
      .notNull()
      .references(() => folders.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    currentVersion: integer('current_version').notNull().default(0),
    /** The org whose user first uploaded it: that side sees the download log. */
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  // One file per name per owning side: the other side's upload of the same name is its own file, not a version.
  (t) => [uniqueIndex('documents_name_key').on(t.folderId, t.ownerOrgId, sql`lower(${t.name})`)],
)

export const previewStatuses = ['none', 'pending', 'ready', 'failed'] as const

/** One uploaded file. storage_key is random (never from the file name); the type is sniffed from the content. */
export const documentVersions = pgTable(
  'document_versions',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    storageKey: text('storage_key').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    uploadedById: uuid('uploaded_by_id').references(() => users.id, { onDelete: 'set null' }),
    uploaderOrgId: uuid('uploader_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    previewStatus: text('preview_status', { enum: previewStatuses }).notNull().default('none'),
    previewKey: text('preview_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('document_versions_number_key').on(t.documentId, t.version),
    uniqueIndex('document_versions_storage_key').on(t.storageKey),
  ],
)

/** Who downloaded which version, when (shown to the owner side). */
export const documentDownloads = pgTable(
  'document_downloads',
  {
    id: id(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => documentVersions.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    downloaderOrgId: uuid('downloader_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_downloads_document_idx').on(t.documentId, t.createdAt)],
)
