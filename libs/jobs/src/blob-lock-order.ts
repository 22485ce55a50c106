/**
 * The one order every statement that locks several blob rows takes them in. Pushes take their
 * blobs back from GC and link them to projects while GC marks and deletes them; rows locked in
 * different orders by two of these deadlock, and PostgreSQL then fails one of them (a push
 * answered 500). Used as `ORDER BY ${BLOB_LOCK_ORDER} FOR [NO KEY] UPDATE` or to order the rows
 * an INSERT ... ON CONFLICT DO UPDATE takes. "C": byte order, whatever the database's collation.
 */
export const BLOB_LOCK_ORDER = 'digest COLLATE "C"';
