import type { ArtifactDetails } from '../../api/artifacts';
import type { Project } from '../../api/types';
import type { ProjectPermissions } from '../../permissions';
import { h, replace } from '../../ui/dom';

/** What each section of the artifact page works on; `reload` fetches the artifact and redraws. */
export interface ArtifactContext {
  project: Project;
  repositoryName: string;
  artifact: ArtifactDetails;
  permissions: ProjectPermissions;
  reload(): void;
}

/** The server's words for a refused call. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A titled block of the page. */
export function section(title: string, ...content: (HTMLElement | null)[]): HTMLElement {
  return h('section', { class: 'artifact-section', attrs: { 'aria-label': title } }, h('h3', { class: 'section-title' }, title), ...content);
}

/** A message line under a section's controls, for the server's refusals. */
export function messageBox(): { element: HTMLElement; show(message: string | undefined): void } {
  const element = h('div', { class: 'section-message' });
  return { element, show: (message) => replace(element, message ? h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, message) : null) };
}
