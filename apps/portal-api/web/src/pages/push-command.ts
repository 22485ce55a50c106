import { h } from '../ui/dom';
import { copyableValue, openDialog } from '../ui/modal';

// Harbor's "Push Command": how to push into this project with the usual clients. Shown to
// those who may create repositories in the project (developers and up).

/** The commands, with the placeholders a user fills in, for registry host and project. */
function pushCommands(registry: string, projectName: string): { label: string; command: string }[] {
  const target = `${registry}/${projectName}/REPOSITORY[:TAG]`;
  return [
    { label: 'Tag an image for this project', command: `docker tag SOURCE_IMAGE[:TAG] ${target}` },
    { label: 'Push an image to this project', command: `docker push ${target}` },
    { label: 'Push an image with Podman', command: `podman push IMAGE_ID ${target}` },
    { label: 'Push a Helm chart', command: `helm push CHART_PACKAGE oci://${registry}/${projectName}` },
  ];
}

export function openPushCommands(registry: string, projectName: string): void {
  openDialog({
    title: 'Push Command',
    infoOnly: true,
    body: pushCommands(registry, projectName).map(({ label, command }) =>
      h('div', { class: 'command' }, h('div', { class: 'command-label' }, label), copyableValue(command, label))),
  });
}
