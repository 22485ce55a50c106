// Harbor's Label model. go-swagger omits empty optional fields, so a global label has no
// project_id and a label without description sends none.

export interface LabelRow {
  id: number;
  name: string;
  description: string;
  color: string;
  scope: 'g' | 'p';
  project_id: number;
  creation_time: Date;
  update_time: Date;
}

export const LABEL_COLUMNS_SQL = 'l.id, l.name, l.description, l.color, l.scope, l.project_id, l.creation_time, l.update_time';

export function toLabelView(l: LabelRow): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: l.id,
    name: l.name,
    description: l.description,
    color: l.color,
    scope: l.scope,
    project_id: l.project_id,
    creation_time: new Date(l.creation_time).toISOString(),
    update_time: new Date(l.update_time).toISOString(),
  };
  for (const [k, v] of Object.entries(view)) if (v === '' || v === 0) delete view[k];
  return view;
}
