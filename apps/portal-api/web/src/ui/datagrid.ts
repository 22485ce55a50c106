import type { Page } from '../api/client';
import type { PageRequest } from '../api/harbor';
import { type Child, button, h, replace } from './dom';
import { pager } from './pager';

// Harbor's data grid: a toolbar of actions acting on the selected rows, a name filter, the
// table, and a footer with "1 - 15 of 32 items" and page buttons. Rows load page by page.

export interface Column<T> {
  title: string;
  cell: (row: T) => Child;
  class?: string;
}

export interface GridAction<T> {
  label: string;
  /** Whether the action applies to this selection (e.g. exactly one row); absent: always. */
  enabled?: (selected: T[]) => boolean;
  run: (selected: T[]) => void;
  /** "create" actions ("+ NEW PROJECT") are outlined buttons; the rest are link-style. */
  kind?: 'create' | 'danger';
  /** False leaves the action out (the user may not take it); absent: shown. */
  visible?: boolean;
}

export interface GridOptions<T> {
  columns: Column<T>[];
  load: (page: PageRequest, filter: string) => Promise<Page<T>>;
  /** Names a row in checkbox labels. */
  label: (row: T) => string;
  actions?: GridAction<T>[];
  /** Shows the name filter when set. */
  filterPlaceholder?: string;
  emptyText: string;
}

export interface DataGrid {
  element: HTMLElement;
  reload(): Promise<void>;
}

export function dataGrid<T>(options: GridOptions<T>): DataGrid {
  const paging = { page: 1, pageSize: 15 };
  let filter = '';
  let rows: T[] = [];
  let selected = new Set<T>();
  let ticket = 0;
  const body = h('tbody');
  const message = h('div', { class: 'grid-message' });
  const footer = h('div', { class: 'grid-footer' });
  const selectAll = h('input', { attrs: { type: 'checkbox', 'aria-label': 'Select all rows' } });
  const actions = (options.actions ?? []).filter((action) => action.visible !== false).map((action) => ({ action, el: button(action.label, () => action.run([...selected]), { class: actionClass(action.kind) }) }));
  const selectable = actions.some(({ action }) => action.enabled !== undefined);
  const columnCount = options.columns.length + (selectable ? 1 : 0);

  const refreshActions = () => {
    for (const { action, el } of actions) el.disabled = action.enabled ? !action.enabled([...selected]) : false;
    selectAll.checked = rows.length > 0 && selected.size === rows.length;
  };

  const rowElement = (row: T) => {
    const tr = h('tr', {}, ...options.columns.map((c) => h('td', { class: c.class }, c.cell(row))));
    if (!selectable) return tr;
    const check = h('input', { attrs: { type: 'checkbox', 'aria-label': `Select ${options.label(row)}` } });
    check.checked = selected.has(row);
    tr.classList.toggle('selected', check.checked);
    check.addEventListener('change', () => {
      if (check.checked) selected.add(row);
      else selected.delete(row);
      tr.classList.toggle('selected', check.checked);
      refreshActions();
    });
    tr.prepend(h('td', { class: 'select-cell' }, check));
    return tr;
  };

  const renderRows = () => {
    if (rows.length === 0) replace(body, h('tr', { class: 'empty' }, h('td', { attrs: { colspan: String(columnCount) } }, options.emptyText)));
    else replace(body, ...rows.map(rowElement));
    refreshActions();
  };

  async function load(): Promise<void> {
    const mine = ++ticket;
    replace(message, h('div', { class: 'spinner', attrs: { role: 'status' } }, 'Loading…'));
    try {
      const page = await options.load({ ...paging }, filter);
      if (mine !== ticket) return; // a newer request superseded this one
      // A deletion can leave the current page empty: step back to the last page with rows.
      if (page.items.length === 0 && page.total > 0 && paging.page > 1) {
        paging.page = Math.ceil(page.total / paging.pageSize);
        return load();
      }
      rows = page.items;
      selected = new Set();
      replace(message);
      renderRows();
      replace(footer, pager(paging, page.total, (next) => {
        Object.assign(paging, next);
        void load();
      }));
    } catch (err) {
      if (mine !== ticket) return;
      replace(message, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, err instanceof Error ? err.message : String(err)));
    }
  }

  selectAll.addEventListener('change', () => {
    selected = selectAll.checked ? new Set(rows) : new Set();
    renderRows();
  });
  const filterBox = options.filterPlaceholder ? filterInput(options.filterPlaceholder, (value) => {
    filter = value;
    paging.page = 1;
    void load();
  }) : null;

  const head = h('thead', {}, h('tr', {}, selectable ? h('th', { class: 'select-cell' }, selectAll) : null, ...options.columns.map((c) => h('th', { class: c.class }, c.title))));
  const element = h('div', { class: 'datagrid' },
    h('div', { class: 'grid-toolbar' },
      h('div', { class: 'grid-actions' }, ...actions.map((a) => a.el)),
      filterBox,
      button('⟳', () => void load(), { class: 'btn btn-icon', attrs: { 'aria-label': 'Refresh', title: 'Refresh' } }),
    ),
    h('div', { class: 'grid-scroll' }, h('table', { class: 'grid-table' }, head, body)),
    message,
    footer,
  );
  void load();
  return { element, reload: load };
}

/** A search box that reports its value once the user pauses typing. */
function filterInput(placeholder: string, changed: (value: string) => void): HTMLInputElement {
  const input = h('input', { class: 'grid-filter', attrs: { type: 'search', placeholder, 'aria-label': placeholder } });
  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => changed(input.value.trim()), 300);
  });
  return input;
}

function actionClass(kind: GridAction<unknown>['kind']): string {
  if (kind === 'create') return 'btn btn-outline';
  return kind === 'danger' ? 'btn btn-link danger' : 'btn btn-link';
}
