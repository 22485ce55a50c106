import { h } from './dom';

/** The label as Harbor draws it: its name on its color, in black or white, whichever reads. */
export function labelChip(label: { name: string; color?: string }): HTMLElement {
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
