import { labels } from '../../api/admin';
import type { Label } from '../../api/admin-types';
import type { SignedIn } from '../../session';
import { notify } from '../../shell';
import { type DataGrid, dataGrid } from '../../ui/datagrid';
import { append, h } from '../../ui/dom';
import { formatTime } from '../../ui/format';
import { allValid, textField } from '../../ui/form';
import { confirmDeletion, openDialog } from '../../ui/modal';

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
      {
        label: 'DELETE',
        kind: 'danger',
        enabled: (rows) => rows.length > 0,
        run: (rows) =>
          confirmDeletion({
            title: 'Confirm label deletion',
            what: 'label(s)',
            items: rows,
            label: (l) => l.name,
            remove: (l) => labels.delete(l.id),
            done: (allDeleted) => {
              if (allDeleted) notify('Deleted successfully');
              void grid.reload();
            },
          }),
      },
    ],
  });
  append(page, h('h2', { class: 'page-title' }, 'Labels'), grid.element);
}

/** The label as Harbor draws it: its name on its color, in black or white, whichever reads. */
export function labelChip(label: Pick<Label, 'name' | 'color'>): HTMLElement {
  const chip = h('span', { class: 'label-chip' }, label.name);
  const color = label.color ?? '';
  if (/^#[0-9a-fA-F]{6}$/.test(color)) {
    // CSSOM, not a style attribute: the Content-Security-Policy allows no inline styles.
    chip.style.backgroundColor = color;
    chip.style.color = isDark(color) ? '#fff' : '#000';
  }
  return chip;
}

function isDark(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 150;
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
