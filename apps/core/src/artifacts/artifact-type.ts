import type { ParsedManifest } from '@harbor-ts/oci';

// Harbor's artifact types, decided by the config media type (src/controller/artifact/processor).

const BY_CONFIG: Record<string, string> = {
  'application/vnd.docker.container.image.v1+json': 'IMAGE',
  'application/vnd.oci.image.config.v1+json': 'IMAGE',
  'application/vnd.cncf.helm.config.v1+json': 'CHART',
  'application/vnd.cnab.manifest.v1': 'CNAB',
  'application/vnd.wasm.config.v1+json': 'WASM',
  'application/vnd.module.wasm.config.v1+json': 'WASM',
  'application/vnd.goharbor.harbor.sbom.v1': 'SBOM',
  'application/vnd.cnai.model.config.v1+json': 'CNAI',
};

export function artifactTypeOf(m: ParsedManifest): string {
  if (m.kind === 'index') return 'IMAGE';
  const configType = m.config?.mediaType ?? '';
  return BY_CONFIG[configType] ?? BY_CONFIG[m.artifactType ?? ''] ?? 'UNKNOWN';
}

/** Harbor's media_type column: the config's media type, or the manifest's for an index. */
export function configMediaTypeOf(m: ParsedManifest): string {
  return m.kind === 'index' ? m.mediaType : (m.config?.mediaType ?? m.mediaType);
}

/** Harbor's accessory types for a manifest with a subject. */
export function accessoryTypeOf(m: ParsedManifest, tag?: string): string {
  const type = m.artifactType ?? m.config?.mediaType ?? '';
  if (type === 'application/vnd.dev.cosign.artifact.sig.v1+json' || tag?.endsWith('.sig')) return 'signature.cosign';
  if (type === 'application/vnd.cncf.notary.signature') return 'signature.notation';
  if (type === 'application/vnd.goharbor.harbor.sbom.v1') return 'sbom.harbor';
  if (type.startsWith('application/vnd.nydus')) return 'accelerator.nydus';
  return 'subject.accessory';
}
