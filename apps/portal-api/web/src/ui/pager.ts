import { button, h } from './dom';

// A data grid's footer: page size, "16 - 17 of 17 items", previous and next page.

export interface Paging {
  page: number;
  pageSize: number;
}

const PAGE_SIZES = [15, 25, 50, 100];

export function pager(paging: Paging, total: number, go: (next: Paging) => void): HTMLElement {
  const { page, pageSize } = paging;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const sizes = h('select', { attrs: { 'aria-label': 'Page size' } }, ...PAGE_SIZES.map((n) => h('option', { attrs: { value: String(n) } }, String(n))));
  sizes.value = String(pageSize);
  sizes.addEventListener('change', () => go({ page: 1, pageSize: Number(sizes.value) }));
  const step = (label: string, name: string, target: number, disabled: boolean) =>
    button(label, () => go({ page: target, pageSize }), { class: 'btn btn-icon', attrs: { 'aria-label': name, ...(disabled ? { disabled: '' } : {}) } });
  return h('div', { class: 'pager' },
    h('span', { class: 'page-size' }, 'Page size ', sizes),
    h('span', { class: 'range' }, `${first} - ${last} of ${total} items`),
    step('‹', 'Previous page', page - 1, page <= 1),
    h('span', { class: 'page-number' }, `${page} / ${pages}`),
    step('›', 'Next page', page + 1, page >= pages),
  );
}
