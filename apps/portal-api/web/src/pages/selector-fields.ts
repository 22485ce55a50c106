import type { Selector, SelectorChoice } from '../api/policies';
import { h } from '../ui/dom';
import { checkbox, selectField, type TextField, textField } from '../ui/form';

// The "For the repositories matching ** / Tags matching **" fields that immutability and
// retention rules share, and how a rule's selectors read back in a grid.

const REPOSITORY_DECORATIONS = [{ value: 'repoMatches', label: 'matching' }, { value: 'repoExcludes', label: 'excluding' }];
const TAG_DECORATIONS = [{ value: 'matches', label: 'matching' }, { value: 'excludes', label: 'excluding' }];

export interface SelectorFields {
  elements: HTMLElement[];
  patterns: TextField[];
  value(): SelectorChoice;
}

const required = (what: string) => (v: string) => (v.trim() ? undefined : `${what} pattern is required.`);

export function selectorFields(options: { untagged?: boolean } = {}): SelectorFields {
  const repoDecoration = selectField('For the repositories', 'repository_decoration', REPOSITORY_DECORATIONS, 'repoMatches');
  const repoPattern = textField({ label: 'Repository pattern', name: 'repository_pattern', value: '**', hint: 'Enter multiple comma separated repos, repo*, or **.', validate: required('Repository') });
  const tagDecoration = selectField('Tags', 'tag_decoration', TAG_DECORATIONS, 'matches');
  const tagPattern = textField({ label: 'Tag pattern', name: 'tag_pattern', value: '**', hint: 'Enter multiple comma separated tags, tag*, or **.', validate: required('Tag') });
  const untagged = options.untagged ? checkbox('Untagged artifacts', 'untagged', true) : undefined;
  const elements = [repoDecoration.element, repoPattern.element, tagDecoration.element, tagPattern.element];
  if (untagged) elements.push(h('div', { class: 'field' }, h('span', { class: 'field-label' }, ''), h('div', { class: 'field-control' }, untagged.element)));
  return {
    elements,
    patterns: [repoPattern, tagPattern],
    value: () => ({
      repositoryDecoration: repoDecoration.value(),
      repositoryPattern: patternOf(repoPattern.value()),
      tagDecoration: tagDecoration.value(),
      tagPattern: patternOf(tagPattern.value()),
      untagged: untagged?.input.checked,
    }),
  };
}

/** "a,b" is typed for either name; doublestar spells it "{a,b}", as Harbor's portal sends it. */
function patternOf(typed: string): string {
  return typed.includes(',') && !typed.startsWith('{') ? `{${typed}}` : typed;
}

/** "matching **", "excluding {a,b}": one selector as Harbor's rule list words it. */
export function describeSelector(selector: Selector | undefined): string {
  if (!selector) return '';
  const verb = selector.decoration === 'repoExcludes' || selector.decoration === 'excludes' ? 'excluding' : 'matching';
  return `${verb} ${selector.pattern}`;
}

/** Whether a tag selector also takes untagged artifacts (extras {"untagged":true}). */
export function takesUntagged(selector: Selector | undefined): boolean {
  try {
    return selector?.extras ? (JSON.parse(selector.extras) as { untagged?: boolean }).untagged === true : false;
  } catch {
    return false;
  }
}
