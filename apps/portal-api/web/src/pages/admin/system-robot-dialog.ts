import { systemRobots } from '../../api/admin';
import { projects } from '../../api/harbor';
import type { Project, RobotAccess, RobotPermission } from '../../api/types';
import { durationError, robotNameError } from '../../rules';
import { h, replace } from '../../ui/dom';
import { allValid, checkbox, textField } from '../../ui/form';
import { copyableValue, openDialog } from '../../ui/modal';

// The New Robot Account dialog of Administration > Robot Accounts: a system robot whose
// project permissions cover every project ("*") or the projects ticked. The secret is shown
// once, right after creation (and after a refresh).

/** Projects offered for ticking; Harbor's dialog pages them, a hundred covers most registries. */
const PROJECT_CHOICES = 100;

export function openNewSystemRobotDialog(created: () => void): void {
  const name = textField({ label: 'Name', name: 'robot_name', validate: (v) => robotNameError(v.trim()) });
  const description = textField({ label: 'Description', name: 'robot_description' });
  const never = checkbox('Never expires', 'never_expires', false);
  const days = textField({ label: 'Expiration time (days)', name: 'robot_duration', type: 'number', value: '30', validate: (v) => (never.input.checked ? undefined : durationError(v)) });
  never.input.addEventListener('change', () => (days.input.disabled = never.input.checked));
  const all = checkbox('Cover all projects', 'all_projects', false);
  const projectList = h('div', { class: 'field-control checks project-choices', attrs: { role: 'group', 'aria-label': 'Projects' } }, h('span', { class: 'spinner' }, 'Loading…'));
  const ticked = () => [...projectList.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((i) => i.value);
  all.input.addEventListener('change', () => projectList.querySelectorAll('input').forEach((i) => (i.disabled = all.input.checked)));
  const pull = checkbox('Pull Repository', 'perm_pull', true);
  const push = checkbox('Push Repository', 'perm_push', false);
  const access = (): RobotAccess[] => [...(pull.input.checked ? [{ resource: 'repository', action: 'pull' }] : []), ...(push.input.checked ? [{ resource: 'repository', action: 'push' }] : [])];
  const permissions = (): RobotPermission[] => (all.input.checked ? ['*'] : ticked()).map((namespace) => ({ kind: 'project', namespace, access: access() }));
  const dialog = openDialog({
    title: 'New Robot Account',
    body: [
      h('p', { class: 'dialog-intro' }, 'A system robot account, named robot$<name>, with the same permissions in every project it covers.'),
      name.element, description.element, days.element,
      row('', never.element),
      row('Projects', h('div', { class: 'field-control' }, all.element, projectList)),
      row('Permissions', h('div', { class: 'field-control checks' }, pull.element, push.element)),
    ],
    valid: () => allValid([name, days]) && access().length > 0 && permissions().length > 0,
    onOk: async () => {
      const robot = await systemRobots.create({
        name: name.value(),
        description: description.value(),
        duration: never.input.checked ? -1 : Number(days.value()),
        permissions: permissions(),
      });
      created();
      void dialog.closed.then(() => showRobotSecret(`Robot account ${robot.name} created`, robot.name, robot.secret));
    },
  });
  projects.list({ page: 1, pageSize: PROJECT_CHOICES }, '').then(
    (page) => {
      replace(projectList, ...page.items.map(projectChoice));
      if (page.items.length === 0) replace(projectList, h('span', { class: 'field-hint' }, 'There are no projects yet.'));
      dialog.refresh();
    },
    (err: Error) => replace(projectList, h('span', { class: 'field-error' }, err.message)),
  );
}

function projectChoice(project: Project): HTMLElement {
  const input = h('input', { attrs: { type: 'checkbox', name: 'project', value: project.name } });
  return h('label', { class: 'checkbox' }, input, project.name);
}

function row(label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('span', { class: 'field-label' }, label), control.classList.contains('field-control') ? control : h('div', { class: 'field-control' }, control));
}

export function showRobotSecret(title: string, robotName: string, secret: string): void {
  openDialog({
    title,
    infoOnly: true,
    body: [
      h('p', {}, 'Copy the secret now: this is the only time it is shown.'),
      row('Name', copyableValue(robotName, 'Robot name')),
      row('Secret', copyableValue(secret, 'Robot secret')),
    ],
  });
}
