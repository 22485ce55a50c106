import { artifactPayload, quotaPayload, retentionPayload, type EventScope } from './payload';
import { cloudEvent, renderWebhookBody, slackMessage } from './formats';
import { parseWebhookParams } from './job-params';

const scope: EventScope = {
  project: { name: 'library', public: true },
  repository: 'library/tools/busybox',
  repositoryCreated: new Date('2024-01-02T03:04:05.900Z'),
  externalHost: 'harbor.example.com',
};
const at = new Date('2024-05-06T07:08:09.500Z');
const digest = `sha256:${'a'.repeat(64)}`;

describe('Default payload', () => {
  it('describes a push with resource and repository as Harbor does', () => {
    expect(artifactPayload({ type: 'PUSH_ARTIFACT', occurAt: at, operator: 'admin', digest, tags: ['v1'] }, scope)).toEqual({
      type: 'PUSH_ARTIFACT',
      occur_at: 1714979289,
      operator: 'admin',
      event_data: {
        resources: [{ digest, tag: 'v1', resource_url: `harbor.example.com/library/tools/busybox:v1` }],
        repository: { date_created: 1704164645, name: 'tools/busybox', namespace: 'library', repo_full_name: 'library/tools/busybox', repo_type: 'public' },
      },
    });
  });

  it('names a tagless artifact by digest, one resource per tag otherwise, and leaves out what is unknown', () => {
    const bare = { project: { name: 'p', public: false }, repository: 'p/app' };
    const byDigest = artifactPayload({ type: 'DELETE_ARTIFACT', occurAt: at, operator: 'u', digest, tags: [] }, { ...scope, externalHost: 'h:8443' });
    expect(byDigest.event_data?.resources).toEqual([{ digest, tag: '', resource_url: `h:8443/library/tools/busybox@${digest}` }]);
    const twoTags = artifactPayload({ type: 'PULL_ARTIFACT', occurAt: at, operator: 'u', digest, tags: ['a', 'b'] }, bare);
    expect(twoTags.event_data).toEqual({
      resources: [{ digest, tag: 'a' }, { digest, tag: 'b' }],
      repository: { name: 'app', namespace: 'p', repo_full_name: 'p/app', repo_type: 'private' },
    });
  });

  it('carries the quota message as custom_attributes.Details', () => {
    const p = quotaPayload({ type: 'QUOTA_EXCEED', occurAt: at, operator: 'dev', digest, tag: 'v2', details: 'Quota exceeded when ...' }, scope);
    expect(p.event_data).toEqual({ resources: [{ digest, tag: 'v2' }], repository: expect.objectContaining({ repo_full_name: 'library/tools/busybox' }), custom_attributes: { Details: 'Quota exceeded when ...' } });
  });

  it('reports a retention run under event_data.retention', () => {
    const retention = { total: 3, retained: 1, project_name: 'library', retention_policy_id: 7, result: 'SUCCESS', deleted_artifact: [{ type: 'image', status: 'SUCCESS', name_tag: 'library/a:old' }] };
    expect(retentionPayload({ occurAt: at, operator: 'schedule', retention })).toEqual({ type: 'TAG_RETENTION', occur_at: 1714979289, operator: 'schedule', event_data: { retention } });
  });
});

describe('formats', () => {
  const payload = artifactPayload({ type: 'PUSH_ARTIFACT', occurAt: at, operator: 'admin', digest, tags: ['v1'] }, scope);
  const ctx = { id: 'e-1', requestId: 'r-1', projectId: 3, policyId: 9 };

  it('wraps event_data into a CloudEvents 1.0 envelope with Harbor type and source', () => {
    expect(cloudEvent(payload, ctx)).toEqual({
      specversion: '1.0',
      id: 'e-1',
      requestid: 'r-1',
      source: '/projects/3/webhook/policies/9',
      type: 'harbor.artifact.pushed',
      datacontenttype: 'application/json',
      time: '2024-05-06T07:08:09Z',
      operator: 'admin',
      data: payload.event_data,
    });
    const quota = quotaPayload({ type: 'QUOTA_WARNING', occurAt: at, operator: 'u', details: 'x' }, scope);
    expect(cloudEvent(quota, ctx).type).toBe('harbor.quota.warned');
  });

  it('renders the body and content type for each target kind', () => {
    expect(renderWebhookBody({ type: 'http', payloadFormat: 'Default' }, payload, ctx)).toEqual({ contentType: 'application/json', body: JSON.stringify(payload) });
    const ce = renderWebhookBody({ type: 'http', payloadFormat: 'CloudEvents' }, payload, ctx);
    expect(ce.contentType).toBe('application/cloudevents+json');
    expect(JSON.parse(ce.body)).toMatchObject({ specversion: '1.0', type: 'harbor.artifact.pushed' });
    const slack = renderWebhookBody({ type: 'slack' }, payload, ctx);
    expect(JSON.parse(slack.body)).toEqual(slackMessage(payload));
  });

  it('formats a Slack message of sections with the data as a code block', () => {
    const blocks = slackMessage(payload).blocks as { text: { text: string } }[];
    expect(blocks.map((b) => b.text.text)).toEqual([
      '*Harbor webhook events*',
      '*event_type:* PUSH_ARTIFACT',
      '*occur_at:* <!date^1714979289^{date} at {time}|2024-05-06T07:08:09.000Z>',
      '*operator:* admin',
      '*event_data:*',
      '```' + JSON.stringify(payload.event_data, null, 2) + '```',
    ]);
  });
});

describe('parseWebhookParams', () => {
  const payload = artifactPayload({ type: 'PUSH_ARTIFACT', occurAt: at, operator: 'admin', digest, tags: ['v1'] }, scope);

  it('accepts what core sends and fills defaults', () => {
    expect(parseWebhookParams({ address: 'https://h/x', payload })).toEqual({
      address: 'https://h/x', authHeader: '', skipCertVerify: false, payloadFormat: 'Default', payload, eventId: '', requestId: '', projectId: 0, policyId: 0,
    });
  });

  it.each([
    ['address', { address: 'ftp://h', payload }],
    ['payload', { address: 'http://h', payload: { type: 'NOPE' } }],
    ['payloadFormat', { address: 'http://h', payload, payloadFormat: 'Xml' }],
  ])('refuses a bad %s', (field, raw) => {
    expect(() => parseWebhookParams(raw)).toThrow(`invalid webhook job parameters: ${field}`);
  });
});
