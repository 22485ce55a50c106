import { projectSettings } from '../api/project-settings';
import type { Project } from '../api/types';
import { endProjectVisit, type ProjectPermissions } from '../permissions';
import type { SignedIn } from '../session';
import { notify } from '../shell';
import { button, h, replace } from '../ui/dom';
import { checkbox } from '../ui/form';

// The Configuration tab: the project's registry access (public or private). Those who may not
// update the project see the setting without the means to change it.

export function configTab(_who: SignedIn, project: Project, body: HTMLElement, permissions: ProjectPermissions): void {
  const editable = permissions.can('.', 'update');
  let saved = project.metadata?.public === 'true';
  const isPublic = checkbox('Public', 'project_public', saved);
  isPublic.input.disabled = !editable;
  const message = h('div', { class: 'config-message' });
  const save = button('SAVE', () => void submit(), { class: 'btn btn-primary' });
  const cancel = button('CANCEL', () => reset(), { class: 'btn btn-outline' });
  const refresh = () => (save.disabled = cancel.disabled = isPublic.input.checked === saved);
  const reset = () => {
    isPublic.input.checked = saved;
    replace(message);
    refresh();
  };
  isPublic.input.addEventListener('change', () => {
    replace(message);
    refresh();
  });

  async function submit(): Promise<void> {
    save.disabled = true;
    const wanted = isPublic.input.checked;
    try {
      await projectSettings.setPublic(project.project_id, wanted);
      saved = wanted;
      endProjectVisit(); // public projects grant more to everyone: ask for permissions afresh
      showAccessLevel(body, wanted);
      notify('Configuration has been successfully saved.');
    } catch (err) {
      replace(message, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, err instanceof Error ? err.message : String(err)));
    }
    refresh();
  }

  refresh();
  replace(body, h('form', { class: 'config-form', attrs: { 'aria-label': 'Project configuration', novalidate: '' } },
    h('div', { class: 'field' },
      h('span', { class: 'field-label' }, 'Project registry'),
      h('div', { class: 'field-control' }, isPublic.element,
        h('div', { class: 'field-hint' }, 'Making a project registry public will make all repositories accessible to everyone.')),
    ),
    message,
    editable ? h('div', { class: 'config-actions' }, save, cancel) : null,
  ));
}

/** The access badge in the project's header follows the saved setting. */
function showAccessLevel(body: HTMLElement, isPublic: boolean): void {
  const badge = body.closest('.page')?.querySelector('.project-header .badge');
  if (badge) badge.textContent = isPublic ? 'Public' : 'Private';
}
