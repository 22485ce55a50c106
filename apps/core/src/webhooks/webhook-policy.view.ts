import type { WebhookTarget } from './webhook-policy.dto';

export interface PolicyRow {
  id: number;
  name: string;
  project_id: number;
  enabled: boolean;
  description: string;
  targets: WebhookTarget[];
  event_types: string[];
  creator: string;
  creation_time: Date;
  update_time: Date;
}

export const POLICY_COLUMNS_SQL = 'w.id, w.name, w.project_id, w.enabled, w.description, w.targets, w.event_types, w.creator, w.creation_time, w.update_time';

/** Harbor's WebhookPolicy; go-swagger leaves out empty strings and false, except `enabled`. */
export function toPolicyView(p: PolicyRow): Record<string, unknown> {
  return dropEmpty({
    id: p.id,
    name: p.name,
    description: p.description,
    project_id: p.project_id,
    targets: p.targets.map((t) => dropEmpty({ ...t })),
    event_types: p.event_types,
    creator: p.creator,
    creation_time: new Date(p.creation_time).toISOString(),
    update_time: new Date(p.update_time).toISOString(),
    enabled: p.enabled,
  }, ['enabled']);
}

function dropEmpty(view: Record<string, unknown>, keep: string[] = []): Record<string, unknown> {
  for (const [k, v] of Object.entries(view)) if (!keep.includes(k) && (v === '' || v === false)) delete view[k];
  return view;
}
