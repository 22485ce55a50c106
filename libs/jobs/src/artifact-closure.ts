import type { SqlRunner } from './sql';

/**
 * What deleting an artifact takes along, as Harbor's deleteDeeply does: the artifact, its
 * accessories, and the children of an index that no tag and no other index (outside what is
 * being deleted) hold, recursively. Root first, then breadth first. Core's artifact deletes and
 * jobservice's retention both call this.
 */
export async function artifactClosure(db: SqlRunner, rootId: number): Promise<number[]> {
  const deleting = new Set([rootId]);
  const queue = [rootId];
  while (queue.length > 0) {
    const rows = await db.query<{ id: number }>(
      `SELECT aa.artifact_id AS id FROM artifact_accessory aa WHERE aa.subject_artifact_id = $1
       UNION
       SELECT r.child_id FROM artifact_reference r WHERE r.parent_id = $1
         AND NOT EXISTS (SELECT 1 FROM tag t WHERE t.artifact_id = r.child_id)
         AND NOT EXISTS (SELECT 1 FROM artifact_reference o WHERE o.child_id = r.child_id AND o.parent_id <> ALL($2::int[]))`,
      [queue.shift(), [...deleting]],
    );
    for (const { id } of rows) {
      if (deleting.has(id)) continue;
      deleting.add(id);
      queue.push(id);
    }
  }
  return [...deleting];
}
