// How names travel in URLs: the portal's own routes (Harbor's shapes) and the API's paths.

/** A repository's name inside its project: "library/a/b" in project "library" is "a/b". */
export function nameInProject(projectName: string, repositoryName: string): string {
  return repositoryName.startsWith(`${projectName}/`) ? repositoryName.slice(projectName.length + 1) : repositoryName;
}

/**
 * A repository name inside an API path, encoded twice as Harbor's portal does, so "a/b"
 * travels as "a%252Fb" through proxies that decode %2F.
 */
export function repositoryPathParam(projectName: string, repositoryName: string): string {
  return encodeURIComponent(encodeURIComponent(nameInProject(projectName, repositoryName)));
}

/** The portal page of a repository's artifacts; the name inside the project is one path segment. */
export function repositoryUrl(projectId: number, projectName: string, repositoryName: string): string {
  return `/harbor/projects/${projectId}/repositories/${encodeURIComponent(nameInProject(projectName, repositoryName))}/artifacts-tab`;
}

/** What Harbor's copy icon puts on the clipboard: a pull by digest. */
export function pullCommand(registryHost: string, repositoryName: string, digest: string): string {
  return `docker pull ${registryHost}/${repositoryName}@${digest}`;
}

/** The portal page of one artifact (Harbor's artifact details), by digest. */
export function artifactUrl(projectId: number, projectName: string, repositoryName: string, digest: string): string {
  return `${repositoryUrl(projectId, projectName, repositoryName)}/artifacts/${encodeURIComponent(digest)}`;
}
