import { z } from 'zod';
import { HarborError } from '../common/harbor-error';

// The Label body of POST/PUT /labels. id, creation_time, update_time and deleted are Label
// fields a client may echo back from a GET; they are accepted and ignored, as Harbor does.
const echoed = {
  id: z.number().int().optional(),
  creation_time: z.string().optional(),
  update_time: z.string().optional(),
  deleted: z.boolean().optional(),
};

export const labelCreateSchema = z.strictObject({
  ...echoed,
  name: z.string().optional(),
  description: z.string().optional(),
  color: z.string().max(255).optional(),
  scope: z.string().optional(),
  project_id: z.number().int().optional(),
});

/** PUT changes name, description and color; scope and project_id stay what they were. */
export const labelUpdateSchema = labelCreateSchema;

/** The body of POST .../artifacts/{reference}/labels: "Only the ID property is needed". */
export const labelRefSchema = labelCreateSchema.extend({ id: z.number().int().positive() });

export type LabelCreateBody = z.infer<typeof labelCreateSchema>;

/** Harbor's Label.Valid name rule: not empty, at most 128 characters. */
export function validateName(name: string | undefined): string {
  if (!name) throw HarborError.badRequest('label name cannot be empty');
  if (name.length > 128) throw HarborError.badRequest('label name: max length is 128');
  return name;
}

/** Harbor's scope rule: 'g' (project_id forced to 0) or 'p' with a positive project_id. */
export function validateScope(body: LabelCreateBody): { scope: 'g' | 'p'; projectId: number } {
  if (body.scope === 'g') return { scope: 'g', projectId: 0 };
  if (body.scope !== 'p') throw HarborError.badRequest(`invalid label scope: ${body.scope ?? ''}`);
  if (!body.project_id || body.project_id <= 0) throw HarborError.badRequest(`invalid project_id of a project label: ${body.project_id ?? 0}`);
  return { scope: 'p', projectId: body.project_id };
}

/** label_id in a path: a positive int64, as go-swagger validates it. */
export function parseLabelId(raw: string): number {
  if (!/^[0-9]+$/.test(raw)) throw HarborError.badRequest(`label_id in path must be of type int64: "${raw}"`);
  const id = Number(raw);
  if (id < 1) throw HarborError.badRequest('label_id in path should be greater than or equal to 1');
  return id;
}
