import { h, replace } from './dom';

// Form fields with Harbor-style inline validation: the message appears under a field once it
// has been touched, and dialogs keep OK disabled while any field is invalid.

export interface TextField {
  element: HTMLElement;
  input: HTMLInputElement;
  value(): string;
  /** The current validation message, or undefined when valid. */
  error(): string | undefined;
}

export interface TextFieldOptions {
  label: string;
  name: string;
  type?: 'text' | 'password' | 'email' | 'number';
  value?: string;
  placeholder?: string;
  hint?: string;
  validate?: (value: string) => string | undefined;
  attrs?: Record<string, string>;
}

let nextId = 0;

export function textField(options: TextFieldOptions): TextField {
  const id = `field-${options.name}-${++nextId}`;
  const input = h('input', {
    attrs: { id, name: options.name, type: options.type ?? 'text', value: options.value, placeholder: options.placeholder, autocomplete: 'off', ...options.attrs },
  });
  const message = h('div', { class: 'field-error', attrs: { id: `${id}-error` } });
  const error = () => options.validate?.(input.value);
  const show = () => {
    const problem = error();
    input.classList.toggle('invalid', Boolean(problem));
    input.setAttribute('aria-invalid', String(Boolean(problem)));
    replace(message, problem ?? '');
  };
  input.addEventListener('input', show);
  input.addEventListener('blur', show);
  const element = h('div', { class: 'field' },
    h('label', { attrs: { for: id } }, options.label),
    h('div', { class: 'field-control' }, input, options.hint ? h('div', { class: 'field-hint' }, options.hint) : null, message),
  );
  return { element, input, value: () => input.value.trim(), error };
}

export interface Choice {
  value: string;
  label: string;
}

export interface ChoiceField {
  element: HTMLElement;
  value(): string;
}

export function radioGroup(label: string, name: string, choices: readonly Choice[], selected: string): ChoiceField {
  const inputs = choices.map((c) => {
    const input = h('input', { attrs: { type: 'radio', name, value: c.value } });
    input.checked = c.value === selected;
    return h('label', { class: 'radio' }, input, c.label);
  });
  const element = h('div', { class: 'field' }, h('span', { class: 'field-label' }, label), h('div', { class: 'field-control radios', attrs: { role: 'radiogroup', 'aria-label': label } }, ...inputs));
  return { element, value: () => element.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? selected };
}

export function checkbox(label: string, name: string, checked: boolean): { element: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { attrs: { type: 'checkbox', name } });
  input.checked = checked;
  return { element: h('label', { class: 'checkbox' }, input, label), input };
}

export function selectField(label: string, name: string, choices: readonly Choice[], selected: string): ChoiceField & { select: HTMLSelectElement } {
  const id = `field-${name}-${++nextId}`;
  const select = h('select', { attrs: { id, name } }, ...choices.map((c) => h('option', { attrs: { value: c.value } }, c.label)));
  select.value = selected;
  const element = h('div', { class: 'field' }, h('label', { attrs: { for: id } }, label), h('div', { class: 'field-control' }, select));
  return { element, select, value: () => select.value };
}

/** True when no field has a validation message. */
export function allValid(fields: readonly TextField[]): boolean {
  return fields.every((f) => f.error() === undefined);
}
