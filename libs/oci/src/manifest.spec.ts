import { MAX_MANIFEST_BYTES, parseManifest, type ParsedManifest } from './manifest';
import {
  DOCKER_FOREIGN_LAYER_TAR_GZIP,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST_V2,
  OCI_IMAGE_INDEX,
  OCI_IMAGE_MANIFEST,
} from './media-types';
import {
  descriptorOf,
  dockerConfig,
  dockerImage,
  dockerLayer,
  dockerList,
  emptyConfig,
  HELM_CONFIG,
  helmChart,
  json,
  ociConfig,
  ociImage,
  ociIndex,
  ociLayer,
  SBOM,
  sbomArtifact,
} from './testing/fixtures';

describe('parseManifest accepts', () => {
  it.each<[string, object, string | undefined, ParsedManifest]>([
    [
      'a Docker schema2 image',
      dockerImage,
      DOCKER_MANIFEST_V2,
      { mediaType: DOCKER_MANIFEST_V2, kind: 'image', config: dockerConfig, layers: [dockerLayer], manifests: [] },
    ],
    [
      'a Docker manifest list',
      dockerList,
      DOCKER_MANIFEST_LIST,
      { mediaType: DOCKER_MANIFEST_LIST, kind: 'index', layers: [], manifests: dockerList.manifests },
    ],
    [
      'an OCI image with annotations',
      ociImage,
      OCI_IMAGE_MANIFEST,
      {
        mediaType: OCI_IMAGE_MANIFEST,
        kind: 'image',
        config: ociConfig,
        layers: [ociLayer],
        manifests: [],
        annotations: ociImage.annotations,
      },
    ],
    [
      'an OCI index with platforms',
      ociIndex,
      OCI_IMAGE_INDEX,
      { mediaType: OCI_IMAGE_INDEX, kind: 'index', layers: [], manifests: ociIndex.manifests },
    ],
    [
      'a Helm chart (custom config media type)',
      helmChart,
      OCI_IMAGE_MANIFEST,
      { mediaType: OCI_IMAGE_MANIFEST, kind: 'image', config: helmChart.config, layers: helmChart.layers, manifests: [] },
    ],
    [
      'an artifact with artifactType, empty config with data, and subject',
      sbomArtifact,
      OCI_IMAGE_MANIFEST,
      {
        mediaType: OCI_IMAGE_MANIFEST,
        kind: 'image',
        artifactType: SBOM,
        config: emptyConfig,
        layers: sbomArtifact.layers,
        manifests: [],
        subject: sbomArtifact.subject,
        annotations: sbomArtifact.annotations,
      },
    ],
  ])('%s', (_label, body, contentType, expected) => {
    expect(parseManifest(json(body), contentType)).toEqual(expected);
  });

  it('an index with artifactType and subject', () => {
    const body = { ...ociIndex, artifactType: 'application/x-bundle', subject: descriptorOf(OCI_IMAGE_MANIFEST, 'x') };
    expect(parseManifest(json(body), OCI_IMAGE_INDEX)).toMatchObject({
      kind: 'index',
      artifactType: 'application/x-bundle',
      subject: body.subject,
    });
  });

  it.each<[string, object, string | undefined, string, 'image' | 'index']>([
    ['Content-Type with parameters', ociImage, `${OCI_IMAGE_MANIFEST}; charset=utf-8`, OCI_IMAGE_MANIFEST, 'image'],
    ['generic application/json', dockerImage, 'application/json', DOCKER_MANIFEST_V2, 'image'],
    ['no Content-Type', dockerList, undefined, DOCKER_MANIFEST_LIST, 'index'],
    ['empty Content-Type', dockerList, '', DOCKER_MANIFEST_LIST, 'index'],
    ['Content-Type only', { ...ociImage, mediaType: undefined }, OCI_IMAGE_MANIFEST, OCI_IMAGE_MANIFEST, 'image'],
    ['inferred image', { ...ociImage, mediaType: undefined }, undefined, OCI_IMAGE_MANIFEST, 'image'],
    ['inferred index', { ...ociIndex, mediaType: undefined }, 'application/json', OCI_IMAGE_INDEX, 'index'],
  ])('effective media type with %s', (_label, body, contentType, mediaType, kind) => {
    expect(parseManifest(json(body), contentType)).toMatchObject({ mediaType, kind });
  });

  it('refuses a Docker manifest that relies on the Content-Type alone (schema2 requires mediaType)', () => {
    expect(() => parseManifest(json({ ...dockerImage, mediaType: undefined }), DOCKER_MANIFEST_V2)).toThrow(
      expect.objectContaining({ code: 'MANIFEST_INVALID', detail: expect.objectContaining({ field: 'mediaType' }) }),
    );
  });

  it('an image without layers', () => {
    expect(parseManifest(json({ ...ociImage, layers: [] })).layers).toEqual([]);
  });

  it('foreign layers with urls', () => {
    const foreign = descriptorOf(DOCKER_FOREIGN_LAYER_TAR_GZIP, 'windows base', { urls: ['https://example.com/l'] });
    const m = parseManifest(json({ ...dockerImage, layers: [foreign, dockerLayer] }), DOCKER_MANIFEST_V2);
    expect(m.layers).toEqual([foreign, dockerLayer]);
  });

  it('Docker lists of OCI manifests and OCI indexes of indexes and artifacts', () => {
    const list = { ...dockerList, manifests: [descriptorOf(OCI_IMAGE_MANIFEST, 'm')] };
    const index = { ...ociIndex, manifests: [descriptorOf(OCI_IMAGE_INDEX, 'i'), descriptorOf(SBOM, 'raw blob')] };
    expect(parseManifest(json(list)).manifests).toHaveLength(1);
    expect(parseManifest(json(index)).manifests).toHaveLength(2);
  });

  it('a body of exactly MAX_MANIFEST_BYTES', () => {
    const text = JSON.stringify(ociImage);
    const body = Buffer.from(text + ' '.repeat(MAX_MANIFEST_BYTES - text.length));
    expect(body.length).toBe(MAX_MANIFEST_BYTES);
    expect(parseManifest(body).kind).toBe('image');
  });

  it('an upper-case Content-Type', () => {
    expect(parseManifest(json(ociImage), OCI_IMAGE_MANIFEST.toUpperCase()).mediaType).toBe(OCI_IMAGE_MANIFEST);
  });
});

describe('parseManifest reads null as absent in optional fields', () => {
  it('as Go clients marshal nil maps and slices', () => {
    const layer = { ...ociLayer, urls: null, annotations: null, artifactType: null, platform: null, data: null };
    const body = { ...ociImage, mediaType: null, annotations: null, artifactType: null, subject: null, layers: [layer] };
    expect(parseManifest(json(body))).toEqual({
      mediaType: OCI_IMAGE_MANIFEST,
      kind: 'image',
      config: ociConfig,
      layers: [ociLayer],
      manifests: [],
    });
  });

  it.each([
    ['config', { ...ociImage, config: null }, 'config'],
    ['layers', { ...ociImage, layers: null }, 'layers'],
    ['a layer digest', { ...ociImage, layers: [{ ...ociLayer, digest: null }] }, 'layers[0].digest'],
    ['a layer mediaType', { ...ociImage, layers: [{ ...ociLayer, mediaType: null }] }, 'layers[0].mediaType'],
  ])('but not in the required %s', (_label, body, field) => {
    const expected = { code: 'MANIFEST_INVALID', detail: expect.objectContaining({ field }) };
    expect(() => parseManifest(json(body))).toThrow(expect.objectContaining(expected));
  });
});

describe('parseManifest copies', () => {
  it('only the descriptor fields the image spec defines', () => {
    const config = { ...descriptorOf(HELM_CONFIG, '{}'), extra: 'dropped', platform: { architecture: 'a', os: 'o', x: 1 } };
    const m = parseManifest(json({ ...helmChart, config }));
    expect(m.config).toEqual({ ...descriptorOf(HELM_CONFIG, '{}'), platform: { architecture: 'a', os: 'o' } });
  });

  it('a "__proto__" annotation as a plain key', () => {
    const body = Buffer.from(`{"schemaVersion":2,"config":${JSON.stringify(ociConfig)},"layers":[],"annotations":{"__proto__":"x"}}`);
    const m = parseManifest(body);
    expect(Object.getPrototypeOf(m.annotations)).toBe(Object.prototype);
    expect(Object.entries(m.annotations ?? {})).toEqual([['__proto__', 'x']]);
  });
});
