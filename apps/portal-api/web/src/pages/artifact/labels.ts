import { artifactDetails, type ArtifactLabel, labelsForProject } from '../../api/artifacts';
import { notify } from '../../shell';
import { button, h, replace } from '../../ui/dom';
import { labelChip } from '../../ui/label-chip';
import { type ArtifactContext, messageBox, messageOf, section } from './context';

// The artifact's labels as colored chips. Those with artifact-label create may add a global
// label or one of the project's; those with artifact-label delete may remove one.

export function labelsSection(ctx: ArtifactContext): HTMLElement {
  const { project, repositoryName, artifact, permissions } = ctx;
  const message = messageBox();
  const mayRemove = permissions.can('artifact-label', 'delete');
  const labels = artifact.labels ?? [];
  const chips = labels.map((l) => h('span', { class: 'label-item' },
    labelChip(l),
    mayRemove
      ? button('×', () => {
        message.show(undefined);
        artifactDetails.removeLabel(project.name, repositoryName, artifact.digest, l.id).then(
          () => {
            notify(`Label ${l.name} removed`);
            ctx.reload();
          },
          (err) => message.show(messageOf(err)),
        );
      }, { class: 'label-remove', attrs: { 'aria-label': `Remove label ${l.name}`, title: 'Remove' } })
      : null,
  ));
  const list = h('div', { class: 'artifact-labels', attrs: { 'aria-label': 'Artifact labels' } }, ...(chips.length ? chips : [h('p', { class: 'empty-note' }, 'No labels.')]));
  const tools = permissions.can('artifact-label', 'create') ? addLabelForm(ctx, message.show) : null;
  return section('Labels', tools, message.element, list);
}

/** A select of the labels the artifact does not carry yet, filled when the page opens. */
function addLabelForm(ctx: ArtifactContext, showMessage: (message: string | undefined) => void): HTMLElement {
  const carried = new Set((ctx.artifact.labels ?? []).map((l) => l.id));
  const select = h('select', { attrs: { id: 'add-label', name: 'label', 'aria-label': 'Label to add' } }, h('option', { attrs: { value: '' } }, 'Loading…'));
  const add = h('button', { class: 'btn btn-outline btn-sm', attrs: { type: 'submit' } }, 'ADD LABEL');
  add.disabled = true;
  let choices: ArtifactLabel[] = [];
  labelsForProject(ctx.project.project_id).then(
    (all) => {
      choices = all.filter((l) => !carried.has(l.id));
      const scope = (l: ArtifactLabel) => (l.scope === 'p' ? ' (project)' : '');
      replace(select,
        h('option', { attrs: { value: '' } }, choices.length ? 'Select a label' : 'No more labels'),
        ...choices.map((l) => h('option', { attrs: { value: String(l.id) } }, `${l.name}${scope(l)}`)),
      );
    },
    (err) => showMessage(messageOf(err)),
  );
  select.addEventListener('change', () => (add.disabled = select.value === ''));
  const form = h('form', { class: 'inline-form', attrs: { novalidate: '', 'aria-label': 'Add label' } }, h('label', { attrs: { for: 'add-label' } }, 'Add label'), select, add);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const label = choices.find((l) => String(l.id) === select.value);
    if (!label) return;
    add.disabled = true;
    showMessage(undefined);
    artifactDetails.addLabel(ctx.project.name, ctx.repositoryName, ctx.artifact.digest, label.id).then(
      () => {
        notify(`Label ${label.name} added`);
        ctx.reload();
      },
      (err) => {
        showMessage(messageOf(err));
        add.disabled = false;
      },
    );
  });
  return h('div', { class: 'section-tools' }, form);
}
