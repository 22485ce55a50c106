import { z } from 'zod';
import { HarborError } from '../common/harbor-error';

// ProjectReq and project metadata, in Harbor's field names. Metadata values are strings
// ("true"/"false") as Harbor stores them; unknown fields are refused with a 400.

/** Harbor's restrictedNameChars (pkg/project/manager.go). */
const PROJECT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
export const BOOLEAN_METADATA = [
  'public', 'enable_content_trust', 'enable_content_trust_cosign', 'prevent_vul', 'auto_scan',
  'auto_sbom_generation', 'reuse_sys_cve_allowlist',
] as const;
/** Proxy-cache settings: Harbor drops them for normal projects, the only kind supported here. */
const PROXY_METADATA = ['proxy_speed_kb', 'max_upstream_conn', 'proxy_cache_local_on_not_found', 'proxy_referrer_api', 'proxy_cache_filter_pattern', 'proxy_cache_filter_kind'] as const;
/** CVSS v3 severities, as Harbor's vuln.ParseSeverityVersion3 accepts them. */
const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'];

const value = z.string().nullable().optional();
const metadataSchema = z.strictObject(
  Object.fromEntries([...BOOLEAN_METADATA, ...PROXY_METADATA, 'severity', 'retention_id'].map((k) => [k, value])),
);
const allowlistSchema = z.object({
  id: z.number().int().optional(),
  project_id: z.number().int().optional(),
  expires_at: z.number().int().nullable().optional(),
  items: z.array(z.object({ cve_id: z.string() })).optional(),
  creation_time: z.string().optional(),
  update_time: z.string().optional(),
});

export const projectReqSchema = z.strictObject({
  project_name: z.string().max(255).optional(),
  public: z.boolean().nullable().optional(),
  metadata: metadataSchema.nullable().optional(),
  cve_allowlist: allowlistSchema.nullable().optional(),
  storage_limit: z.number().int().nullable().optional(),
  registry_id: z.number().int().nullable().optional(),
  retention_days: z.number().int().nullable().optional(),
});
export type ProjectReq = z.infer<typeof projectReqSchema>;

export function validateProjectName(name: string | undefined): string {
  if (!name) throw HarborError.badRequest('project_name is required');
  if (!PROJECT_NAME.test(name)) throw HarborError.badRequest('project name is not in lower case or contains illegal characters');
  return name;
}

/**
 * The metadata a ProjectReq sets, validated: booleans must be "true"/"false", severity one of
 * Harbor's. The deprecated top-level `public` counts when metadata.public is absent.
 */
export function requestedMetadata(req: ProjectReq): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(req.metadata ?? {})) {
    if (v === null || v === undefined || (PROXY_METADATA as readonly string[]).includes(key) || key === 'retention_id') continue;
    out[key] = checkMetadataValue(key, v, true);
  }
  if (out.public === undefined && typeof req.public === 'boolean') out.public = String(req.public);
  if (req.cve_allowlist?.items?.length) throw HarborError.badRequest('cve_allowlist is not supported yet');
  return out;
}

/**
 * One metadata value. `strict` (ProjectReq) takes only "true"/"false"; the /metadatas API, like
 * Harbor's, takes any strconv.ParseBool spelling and stores the canonical one.
 */
export function checkMetadataValue(key: string, raw: string, strict: boolean): string {
  if ((BOOLEAN_METADATA as readonly string[]).includes(key)) {
    const v = strict ? raw : parseBool(raw);
    if (v !== 'true' && v !== 'false') {
      throw HarborError.badRequest(strict ? `metadata.${key} should only be 'true' or 'false', but got: '${raw}'` : `invalid value: ${raw}`);
    }
    return v;
  }
  if (key === 'severity') {
    const v = raw.toLowerCase();
    if (!SEVERITIES.includes(v)) throw HarborError.badRequest(`invalid value: ${raw}`);
    return v;
  }
  throw HarborError.badRequest(`invalid key: ${key}`);
}

function parseBool(raw: string): string | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return 'true';
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return 'false';
  return undefined;
}
