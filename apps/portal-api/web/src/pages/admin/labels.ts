import { labels } from '../../api/admin';
import type { Label } from '../../api/admin-types';
import type { SignedIn } from '../../session';
import { notify } from '../../shell';
import { type DataGrid, dataGrid } from '../../ui/datagrid';
import { append, h } from '../../ui/dom';
import { formatTime } from '../../ui/format';
import { allValid, textField } from '../../ui/form';
import { labelChip } from '../../ui/label-chip';
import { openDialog } from '../../ui/modal';
import { deleteAction } from '../delete-action';

// /harbor/labels (system admins only): the global labels any artifact can carry; create, edit,
// delete. A duplicate name is the server's to refuse; its message stays in the dialog.

const DEFAULT_COLOR = '#0065ab';
const MAX_NAME = 128;

export function labelsPage(_who: SignedIn, page: HTMLElement): void {
  const grid: DataGrid = dataGrid<Label>({
    columns: [
      { title: 'Label', cell: (l) => labelChip(l) },
      { title: 'Description', cell: (l) => l.description ?? '' },
      { title: 'Creation Time', cell: (l) => formatTime(l.creation_time) },
    ],
    load: (paging, name) => labels.list(paging, name),
    label: (l) => l.name,
    filterPlaceholder: 'Filter labels',
    emptyText: 'We could not find any labels!',
    actions: [
      { label: '+ NEW LABEL', kind: 'create', run: () => labelDialog(undefined, () => void grid.reload()) },
      { label: 'EDIT', enabled: (rows) => rows.length === 1, run: (rows) => labelDialog(rows[0], () => void grid.reload()) },
      deleteAction({
        title: 'Confirm label deletion',
        what: 'label(s)',
        label: (l) => l.name,
        remove: (l) => labels.delete(l.id),
        after: () => void grid.reload(),
      }),
    ],
  });
  append(page, h('h2', { class: 'page-title' }, 'Labels'), grid.element);
}

function labelDialog(existing: Label | undefined, saved: () => void): void {
  const name = textField({ label: 'Label Name', name: 'label_name', value: existing?.name, validate: (v) => nameError(v.trim()) });
  const description = textField({ label: 'Description', name: 'label_description', value: existing?.description ?? '' });
  const color = h('input', { attrs: { type: 'color', id: 'label-color', name: 'label_color', value: existing?.color || DEFAULT_COLOR } });
  const preview = h('span', {});
  const showPreview = () => preview.replaceChildren(labelChip({ name: name.value() || 'label', color: color.value }));
  name.input.addEventListener('input', showPreview);
  color.addEventListener('input', showPreview);
  showPreview();
  openDialog({
    title: existing ? 'Edit Label' : 'New Label',
    body: [
      name.element,
      h('div', { class: 'field' }, h('label', { attrs: { for: 'label-color' } }, 'Color'), h('div', { class: 'field-control color-row' }, color, preview)),
      description.element,
    ],
    valid: () => allValid([name]),
    onOk: async () => {
      const body = { name: name.value(), description: description.value(), color: color.value };
      if (existing) await labels.update(existing.id, body);
      else await labels.create(body);
      notify(existing ? `Label ${body.name} updated` : `Label ${body.name} created`);
      saved();
    },
  });
}

function nameError(v: string): string | undefined {
  if (!v) return 'Label name is required.';
  return v.length > MAX_NAME ? `Label name should be at most ${MAX_NAME} characters long.` : undefined;
}
