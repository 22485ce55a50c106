import { type ImmutableRule, immutableRules } from '../api/policies';
import type { Project } from '../api/types';
import type { ProjectPermissions } from '../permissions';
import { notify } from '../shell';
import { type DataGrid, dataGrid } from '../ui/datagrid';
import { allValid } from '../ui/form';
import { openDialog } from '../ui/modal';
import { describeSelector, selectorFields } from './selector-fields';
import { deleteAction } from './delete-action';

// Tag Immutability: rules naming repositories and tags whose tags cannot be overwritten or
// deleted. Add, enable, disable and delete for those allowed to (admins and maintainers).

export function immutabilityGrid(project: Project, permissions: ProjectPermissions): DataGrid {
  const reload = () => void grid.reload();
  const toggle = (rows: ImmutableRule[], disabled: boolean) => void setDisabled(project, rows, disabled).finally(reload);
  const grid: DataGrid = dataGrid<ImmutableRule>({
    columns: [
      { title: 'Repositories', cell: (r) => describeSelector(r.scope_selectors.repository[0]) },
      { title: 'Tags', cell: (r) => describeSelector(r.tag_selectors[0]) },
      { title: 'Status', cell: (r) => (r.disabled ? 'Disabled' : 'Enabled') },
    ],
    load: (paging) => immutableRules.list(project.project_id, paging),
    label: (r) => `rule ${r.id}`,
    emptyText: 'No immutability rules: every tag may be overwritten or deleted.',
    actions: [
      { label: '+ ADD RULE', kind: 'create', visible: permissions.can('immutable-tag', 'create'), run: () => addRule(project, reload) },
      { label: 'ENABLE', visible: permissions.can('immutable-tag', 'update'), enabled: (rows) => rows.some((r) => r.disabled), run: (rows) => toggle(rows, false) },
      { label: 'DISABLE', visible: permissions.can('immutable-tag', 'update'), enabled: (rows) => rows.some((r) => !r.disabled), run: (rows) => toggle(rows, true) },
      deleteAction({
        title: 'Confirm immutability rule deletion',
        what: 'immutability rule(s)',
        label: (r) => `repositories ${describeSelector(r.scope_selectors.repository[0])}, tags ${describeSelector(r.tag_selectors[0])}`,
        remove: (r) => immutableRules.delete(project.project_id, r.id),
        after: () => reload(),
        visible: permissions.can('immutable-tag', 'delete'),
      }),
    ],
  });
  return grid;
}

async function setDisabled(project: Project, rows: ImmutableRule[], disabled: boolean): Promise<void> {
  try {
    for (const r of rows) if (r.disabled !== disabled) await immutableRules.setDisabled(project.project_id, r.id, disabled);
    notify(disabled ? 'Disabled successfully' : 'Enabled successfully');
  } catch (err) {
    notify(err instanceof Error ? err.message : String(err), 'danger');
  }
}

function addRule(project: Project, added: () => void): void {
  const fields = selectorFields();
  openDialog({
    title: 'Add Tag Immutability Rule',
    body: fields.elements,
    valid: () => allValid(fields.patterns),
    onOk: async () => {
      await immutableRules.create(project.project_id, fields.value());
      notify('Added rule successfully');
      added();
    },
  });
}
