import { artifactDetails, type ArtifactDetails } from '../../api/artifacts';
import { projects } from '../../api/harbor';
import type { Project } from '../../api/types';
import { projectPermissions } from '../../permissions';
import { link, type Params } from '../../router';
import type { SignedIn } from '../../session';
import { type Child, append, h, replace } from '../../ui/dom';
import { formatSize, formatTime, shortDigest } from '../../ui/format';
import { copyableValue } from '../../ui/modal';
import { artifactUrl, nameInProject, repositoryUrl } from '../../urls';
import { type ArtifactContext, section } from './context';
import { labelsSection } from './labels';
import { tagsSection } from './tags';

// /harbor/projects/:id/repositories/:repo/artifacts-tab/artifacts/:digest: one artifact's
// digest, types, size and times, its tags and labels (editable for those allowed), and an
// index's children, each linking to its own page. (Harbor also summarises an image's config
// from extra_attrs; core does not record those yet, so there is nothing to show.)

export function artifactDetailsPage(who: SignedIn, page: HTMLElement, params: Params): void {
  const body = h('div', { class: 'tab-body artifact-details' }, h('div', { class: 'spinner', attrs: { role: 'status' } }, 'Loading…'));
  append(page, body);
  const id = Number(params.id);
  Promise.all([projects.get(id), projectPermissions(who, id)]).then(
    ([project, permissions]) => {
      const repositoryName = `${project.name}/${params.repo}`;
      replace(page, header(project, repositoryName, params.digest), body);
      const draw = () =>
        artifactDetails.get(project.name, repositoryName, params.digest).then(
          (artifact) => replace(body, ...sections({ project, repositoryName, artifact, permissions, reload: () => void draw() })),
          (err: Error) => replace(body, failure(err)),
        );
      void draw();
    },
    (err: Error) => replace(body, failure(err)),
  );
}

function failure(err: Error): HTMLElement {
  return h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, err.message);
}

function header(project: Project, repositoryName: string, digest: string): HTMLElement {
  return h('div', { class: 'project-header' },
    h('div', { class: 'breadcrumb' },
      link('/harbor/projects', 'Projects'), h('span', { class: 'sep' }, '›'),
      link(`/harbor/projects/${project.project_id}/repositories`, project.name), h('span', { class: 'sep' }, '›'),
      link(repositoryUrl(project.project_id, project.name, repositoryName), nameInProject(project.name, repositoryName)), h('span', { class: 'sep' }, '›'),
      h('span', { class: 'digest' }, shortDigest(digest)),
    ),
    h('h2', { class: 'page-title' }, `${repositoryName}@${shortDigest(digest)}`),
  );
}

function sections(ctx: ArtifactContext): HTMLElement[] {
  return [overview(ctx.artifact), children(ctx), tagsSection(ctx), labelsSection(ctx)].filter((s): s is HTMLElement => s !== null);
}

function fact(label: string, value: Child): HTMLElement {
  return h('div', { class: 'detail-row' }, h('dt', {}, label), h('dd', {}, value));
}

function overview(a: ArtifactDetails): HTMLElement {
  return section('Overview', h('dl', { class: 'details' },
    fact('Digest', copyableValue(a.digest, 'Digest')),
    fact('Type', a.type ?? ''),
    fact('Media Type', a.manifest_media_type ?? a.media_type ?? ''),
    fact('Size', formatSize(a.size)),
    fact('Push Time', formatTime(a.push_time)),
    fact('Pull Time', formatTime(a.pull_time)),
  ));
}

/** An index's manifests, each a link to its own details. */
function children(ctx: ArtifactContext): HTMLElement | null {
  const refs = ctx.artifact.references ?? [];
  if (refs.length === 0) return null;
  const rows = refs.map((r) => {
    const platform = [r.platform?.os, r.platform?.architecture, r.platform?.variant].filter(Boolean).join('/');
    const href = artifactUrl(ctx.project.project_id, ctx.project.name, ctx.repositoryName, r.child_digest);
    return h('tr', {}, h('td', {}, link(href, h('span', { class: 'digest', attrs: { title: r.child_digest } }, r.child_digest))), h('td', {}, platform));
  });
  return section('Children',
    h('table', { class: 'grid-table children-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Digest'), h('th', {}, 'Platform'))),
      h('tbody', {}, ...rows),
    ),
  );
}
