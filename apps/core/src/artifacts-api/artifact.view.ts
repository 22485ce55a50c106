import { type LabelRow, toLabelView } from '../labels/label.view';
import type { AccessoryRow, ArtifactRow, ReferenceRow, TagRow } from './artifact.rows';

// Harbor's Artifact, Tag, Reference and Accessory models. go-swagger omits empty optional
// fields (no tags -> no "tags"), and a never-set time is Go's zero time, not null.

const ZERO_TIME = '0001-01-01T00:00:00.000Z';
const time = (t: Date | null | undefined) => (t ? new Date(t).toISOString() : ZERO_TIME);

// Harbor's icon digests (src/lib/icon/const.go), served by GET /icons/{digest}.
const ICONS: Record<string, string> = {
  IMAGE: 'sha256:0048162a053eef4d4ce3fe7518615bef084403614f8bca43b40ae2e762e11e06',
  CHART: 'sha256:61cf3a178ff0f75bf08a25d96b75cf7355dc197749a9f128ed3ef34b0df05518',
  CNAB: 'sha256:089bdda265c14d8686111402c8ad629e8177a1ceb7dcd0f7f39b6480f623b3bd',
  WASM: 'sha256:badd7693bcaf115be202748241dd0ea6ee3b0524bfab9ac22d1e1c43721afec6',
  CNAI: 'sha256:1e1e5c5fdaf0931ec8655e835d1182f723a0c322a6760211622e1270f0193717',
};
const DEFAULT_ICON = 'sha256:da834479c923584f4cbcdecc0dac61f32bef1d51e8aae598cf16bd154efab49f';
const ACCESSORY_ICONS: Record<string, string> = {
  'signature.cosign': 'sha256:20401d5b3a0f6dbc607c8d732eb08471af4ae6b19811a4efce8c6a724aed2882',
  'signature.notation': 'sha256:3ac706e102bbe9362b400aa162df58135d35e66b9c3bee2165de92022d25fe34',
  'accelerator.nydus': 'sha256:dfcb6617cd9c144358dc1b305b87bbe34f0b619f1e329116e6aee2e41f2e34cf',
};
// Additions each type's processor lists (an index has none).
const ADDITIONS: Record<string, string[]> = { IMAGE: ['build_history'], CHART: ['values.yaml', 'readme.md', 'dependencies'], CNAI: ['readme.md', 'license', 'files'] };
const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];

export interface Extras {
  tags?: TagRow[];
  references?: ReferenceRow[];
  accessories?: AccessoryRow[];
  labels?: LabelRow[];
  /** Whether a tag of the artifact is immutable (the project's rules, in memory). */
  immutable?: (tag: string) => boolean;
}

type View = Record<string, unknown>;

function omitEmpty(view: View): View {
  for (const [k, v] of Object.entries(view)) {
    const empty = v === undefined || v === null || v === '' || v === 0 || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
    if (empty) delete view[k];
  }
  return view;
}

export function toArtifactView(a: ArtifactRow, extras: Extras): View {
  return omitEmpty({
    id: a.id,
    type: a.type,
    media_type: a.media_type,
    manifest_media_type: a.manifest_media_type,
    artifact_type: a.artifact_type,
    project_id: a.project_id,
    repository_id: a.repository_id,
    repository_name: a.repository_name,
    digest: a.digest,
    size: Number(a.size),
    icon: a.icon || ICONS[a.type] || DEFAULT_ICON,
    push_time: time(a.push_time),
    pull_time: time(a.pull_time),
    extra_attrs: a.extra_attrs,
    annotations: a.annotations,
    references: extras.references?.map(toReferenceView),
    tags: extras.tags?.map((t) => toTagView(t, extras.immutable?.(t.name))),
    accessories: extras.accessories?.map(toAccessoryView),
    labels: extras.labels?.map(toLabelView),
    addition_links: additionLinks(a),
  });
}

function additionLinks(a: ArtifactRow): Record<string, { absolute: boolean; href: string }> {
  if (INDEX_TYPES.includes(a.manifest_media_type)) return {};
  const [project, ...rest] = a.repository_name.split('/');
  const repo = rest.join('/').replace(/\//g, '%252F');
  const base = `/api/v2.0/projects/${project}/repositories/${repo}/artifacts/${a.digest}/additions`;
  return Object.fromEntries((ADDITIONS[a.type] ?? []).map((x) => [x, { absolute: false, href: `${base}/${x}` }]));
}

/** `immutable`: whether an enabled immutable rule of the project matches the tag. */
export function toTagView(t: TagRow, immutable = false): View {
  return { id: t.id, repository_id: t.repository_id, artifact_id: t.artifact_id, name: t.name, push_time: time(t.push_time), pull_time: time(t.pull_time), immutable };
}

export function toReferenceView(r: ReferenceRow): View {
  return omitEmpty({ parent_id: r.parent_id, child_id: r.child_id, child_digest: r.child_digest, platform: r.platform, annotations: r.annotations });
}

/** Accessory fields marked x-omitempty: false are always sent. */
export function toAccessoryView(x: AccessoryRow): View {
  return {
    id: x.id,
    artifact_id: x.artifact_id,
    subject_artifact_id: x.subject_artifact_id,
    subject_artifact_repo: x.subject_artifact_repo,
    subject_artifact_digest: x.subject_artifact_digest,
    size: Number(x.size),
    digest: x.digest,
    type: x.type,
    icon: ACCESSORY_ICONS[x.type] ?? '',
    creation_time: time(x.creation_time),
  };
}
