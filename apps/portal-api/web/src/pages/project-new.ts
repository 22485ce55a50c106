import { projects } from '../api/harbor';
import { projectNameError, STORAGE_UNITS, storageLimitBytes, storageLimitError } from '../rules';
import type { SignedIn } from '../session';
import { notify } from '../shell';
import { h } from '../ui/dom';
import { allValid, checkbox, selectField, textField } from '../ui/form';
import { openDialog } from '../ui/modal';

// The New Project dialog: name, public flag and (for system admins) the storage quota.

export function openNewProjectDialog(who: SignedIn, created: () => void): void {
  const name = textField({ label: 'Project Name', name: 'create_project_name', validate: (v) => projectNameError(v.trim()) });
  const isPublic = checkbox('Public', 'public', false);
  const admin = who.user.sysadmin_flag;
  const unit = selectField('Unit', 'storage_unit', Object.keys(STORAGE_UNITS).map((u) => ({ value: u, label: u })), 'GiB');
  const limit = textField({
    label: 'Storage Limit',
    name: 'storage_limit',
    type: 'number',
    value: '-1',
    hint: 'For unlimited storage, enter -1.',
    validate: (v) => storageLimitError(v, unit.value()),
  });
  const fields = admin ? [name, limit] : [name];
  openDialog({
    title: 'New Project',
    body: [
      name.element,
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Access Level'), h('div', { class: 'field-control' }, isPublic.element,
        h('div', { class: 'field-hint' }, 'When a project is set to public, anyone has read permission to the repositories under this project.'))),
      // Only a system admin chooses the quota; everyone else gets storage_per_project.
      admin ? h('div', { class: 'field-row' }, limit.element, unit.element) : null,
    ],
    valid: () => allValid(fields),
    onOk: async () => {
      const projectName = name.value();
      await projects.create({
        project_name: projectName,
        metadata: { public: String(isPublic.input.checked) },
        ...(admin ? { storage_limit: storageLimitBytes(limit.value(), unit.value()) } : {}),
      });
      notify(`Created project ${projectName} successfully`);
      created();
    },
  });
}
