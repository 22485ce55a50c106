import { type Child, append, button, h, replace } from './dom';

// Modal dialogs on the native <dialog> element (focus trap, Escape, backdrop for free).
// OK runs an async action; when it throws, the message is shown in the dialog, which stays open.

export interface DialogOptions {
  title: string;
  body: Child[];
  okLabel?: string;
  cancelLabel?: string;
  /** Red OK button, for deletions. */
  danger?: boolean;
  /** Re-checked on every input; OK is disabled while it returns false. */
  valid?: () => boolean;
  /** Throw to keep the dialog open with the error shown; resolve to close it. */
  onOk?: () => Promise<void>;
  /** No OK button: an information dialog with a single close button. */
  infoOnly?: boolean;
}

export interface Dialog {
  element: HTMLDialogElement;
  close(): void;
  /** Shows an error (or clears it with undefined). */
  showError(message: string | undefined): void;
  /** Re-evaluates `valid`. */
  refresh(): void;
  /** Resolves when the dialog is closed, however that happened. */
  closed: Promise<void>;
}

export function openDialog(options: DialogOptions): Dialog {
  const errorBox = h('div', { class: 'dialog-error', attrs: { role: 'alert' } });
  const ok = h('button', { class: `btn ${options.danger ? 'btn-danger' : 'btn-primary'}`, attrs: { type: 'submit' } }, options.okLabel ?? 'OK');
  const cancel = button(options.cancelLabel ?? (options.infoOnly ? 'CLOSE' : 'CANCEL'), () => close(), { class: 'btn btn-outline' });
  const form = h('form', { class: 'dialog-form', attrs: { novalidate: '' } },
    h('div', { class: 'dialog-body' }, ...options.body),
    errorBox,
    h('div', { class: 'dialog-footer' }, cancel, options.infoOnly ? null : ok),
  );
  const element = h('dialog', { class: 'dialog', attrs: { 'aria-label': options.title } },
    h('div', { class: 'dialog-header' }, h('h3', {}, options.title), button('×', () => close(), { class: 'dialog-close', attrs: { 'aria-label': 'Close' } })),
    form,
  );
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const refresh = () => {
    ok.disabled = options.valid ? !options.valid() : false;
  };
  const showError = (message: string | undefined) => {
    replace(errorBox, message ? h('div', { class: 'alert alert-danger' }, message) : null);
  };
  function close(): void {
    if (element.open) element.close();
  }
  element.addEventListener('close', () => {
    element.remove();
    resolveClosed();
  });
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (ok.disabled || options.infoOnly) return;
    void runOk();
  });
  async function runOk(): Promise<void> {
    ok.disabled = true;
    showError(undefined);
    try {
      await options.onOk?.();
      close();
    } catch (err) {
      showError(err instanceof Error ? err.message : String(err));
      refresh();
    }
  }
  document.body.appendChild(element);
  refresh();
  element.showModal();
  return { element, close, showError, refresh, closed };
}

/**
 * Harbor's delete confirmation: names the items, then deletes them one by one. Failures stay in
 * the dialog with the server's message; `done` runs afterwards either way (to reload a grid).
 */
export function confirmDeletion<T>(options: {
  title: string;
  what: string;
  items: T[];
  label: (item: T) => string;
  remove: (item: T) => Promise<void>;
  /** Runs after the attempt; `allDeleted` is false when any item failed. */
  done: (allDeleted: boolean) => void;
}): Dialog {
  const names = options.items.map(options.label);
  const dialog = openDialog({
    title: options.title,
    body: [h('p', {}, `Do you want to delete ${options.what} ${names.join(', ')}?`)],
    okLabel: 'DELETE',
    danger: true,
    onOk: async () => {
      const failures: string[] = [];
      for (const item of options.items) {
        try {
          await options.remove(item);
        } catch (err) {
          failures.push(`${options.label(item)}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      options.done(failures.length === 0);
      if (failures.length > 0) {
        // What succeeded is gone; offering DELETE again would only repeat the failures.
        dialog.element.querySelector('button[type="submit"]')?.remove();
        throw new Error(failures.join('\n'));
      }
    },
  });
  return dialog;
}

/** A read-only value with a copy button (robot secrets, pull commands). */
export function copyableValue(value: string, label: string): HTMLElement {
  const input = h('input', { class: 'copy-input', attrs: { type: 'text', readonly: '', 'aria-label': label, value } });
  const status = h('span', { class: 'copy-status', attrs: { 'aria-live': 'polite' } });
  const copy = button('COPY', () => void copyText(input).then((done) => replace(status, done ? 'Copied' : 'Press Ctrl+C to copy')), { class: 'btn btn-outline btn-sm' });
  const row = h('div', { class: 'copy-row' });
  append(row, input, copy, status);
  return row;
}

async function copyText(input: HTMLInputElement): Promise<boolean> {
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    // Clipboard API refused (no permission, insecure origin): leave the text selected.
    return false;
  }
}
