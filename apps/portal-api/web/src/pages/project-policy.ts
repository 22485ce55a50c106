import type { Project } from '../api/types';
import type { ProjectPermissions } from '../permissions';
import type { SignedIn } from '../session';
import { append, h } from '../ui/dom';
import { immutabilityGrid } from './immutability';
import { retentionSection } from './retention';

// The Policy tab (Harbor's tag-strategy): Tag Retention and Tag Immutability, each shown to
// those who may list it (developers see retention only; guests neither, so no tab).

export function policyTab(_who: SignedIn, project: Project, body: HTMLElement, permissions: ProjectPermissions): void {
  if (permissions.can('tag-retention', 'list')) append(body, retentionSection(project, permissions));
  if (permissions.can('immutable-tag', 'list')) {
    append(body, h('section', { class: 'policy-section', attrs: { 'aria-label': 'Tag Immutability' } },
      h('h3', { class: 'section-title' }, 'Tag Immutability'),
      h('p', { class: 'section-intro' }, 'Tags that an enabled rule takes cannot be pushed again, retagged or deleted.'),
      immutabilityGrid(project, permissions).element,
    ));
  }
}

/** Whether the Policy tab shows: either of its sections is visible. */
export function mayListPolicies(permissions: ProjectPermissions): boolean {
  return permissions.can('tag-retention', 'list') || permissions.can('immutable-tag', 'list');
}
