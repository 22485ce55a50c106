import { artifactDetails } from '../../api/artifacts';
import type { Tag } from '../../api/types';
import { notify } from '../../shell';
import { button, h } from '../../ui/dom';
import { formatTime } from '../../ui/format';
import { textField } from '../../ui/form';
import { confirmDeletion } from '../../ui/modal';
import { tagNameError } from '../../rules';
import { type ArtifactContext, messageBox, messageOf, section } from './context';

// The artifact's tags with their push time. Those with tag create may add one (Harbor's tag
// rule, checked as typed); those with tag delete may remove one. The server's refusals (a
// tag the repository already has, an immutable tag) are shown in its words.

export function tagsSection(ctx: ArtifactContext): HTMLElement {
  const { project, repositoryName, artifact, permissions } = ctx;
  const mayDelete = permissions.can('tag', 'delete');
  const tags = artifact.tags ?? [];
  const rows = tags.map((t) => h('tr', {},
    h('td', {}, t.name, t.immutable ? h('span', { class: 'badge', attrs: { title: 'Protected by an immutability rule' } }, 'immutable') : null),
    h('td', {}, formatTime(t.push_time)),
    mayDelete ? h('td', { class: 'row-action' }, button('DELETE', () => deleteTag(ctx, t), { class: 'btn btn-link btn-sm', attrs: { 'aria-label': `Delete tag ${t.name}` } })) : null,
  ));
  const table = tags.length === 0
    ? h('p', { class: 'empty-note' }, 'No tags.')
    : h('table', { class: 'grid-table tags-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Push Time'), mayDelete ? h('th', {}, h('span', { class: 'sr-only' }, 'Actions')) : null)),
      h('tbody', {}, ...rows),
    );
  return section('Tags', permissions.can('tag', 'create') ? addTagForm(ctx) : null, table);

  function deleteTag(context: ArtifactContext, tag: Tag): void {
    confirmDeletion({
      title: 'Confirm tag deletion',
      what: 'tag(s)',
      items: [tag],
      label: (t) => t.name,
      remove: (t) => artifactDetails.deleteTag(project.name, repositoryName, artifact.digest, t.name),
      done: (allDeleted) => {
        if (!allDeleted) return;
        notify(`Tag ${tag.name} deleted`);
        context.reload();
      },
    });
  }
}

function addTagForm(ctx: ArtifactContext): HTMLElement {
  const name = textField({ label: 'New tag', name: 'tag_name', placeholder: 'e.g. v1.0', validate: (v) => (v.trim() ? tagNameError(v.trim()) : undefined) });
  const message = messageBox();
  const add = h('button', { class: 'btn btn-outline btn-sm', attrs: { type: 'submit' } }, 'ADD TAG');
  const refresh = () => {
    add.disabled = !name.value() || name.error() !== undefined;
  };
  name.input.addEventListener('input', refresh);
  refresh();
  const form = h('form', { class: 'inline-form', attrs: { novalidate: '', 'aria-label': 'Add tag' } }, name.element, add);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (add.disabled) return;
    const tag = name.value();
    add.disabled = true;
    message.show(undefined);
    artifactDetails.addTag(ctx.project.name, ctx.repositoryName, ctx.artifact.digest, tag).then(
      () => {
        notify(`Tag ${tag} added`);
        ctx.reload();
      },
      (err) => {
        message.show(messageOf(err));
        refresh();
      },
    );
  });
  return h('div', { class: 'section-tools' }, form, message.element);
}
