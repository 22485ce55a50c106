// Scenarios only our stack can run: token issuance, and the artifact list of a repository
// holding many artifacts. docker-registry has neither a token service nor an artifact API.
import { basicHeader } from '../auth';
import { expectStatus, header } from '../http';
import { RegistryKind } from '../launch';
import { runPool } from '../pool';
import { mulberry32 } from '../prng';
import { psql } from '../stack-db';
import { Scenario, ScenarioContext } from './scenario';

const stackOnly = (kind: RegistryKind): boolean => kind === 'stack';
export const TOKEN_SCOPE = 'repository:library/bench:pull,push';
/** The repository the artifact list reads, in the project every Harbor starts with. */
export const ARTIFACTS_PROJECT = 'library';
export const ARTIFACTS_REPO = 'bench-artifacts';

function adminAuth(ctx: ScenarioContext): string {
  if (!ctx.server.credentials) throw new Error(`${ctx.server.baseUrl} has no credentials`);
  return basicHeader(ctx.server.credentials);
}

/** Runs `count` timed requests at `concurrency`; returns the work with each latency. */
async function timed(count: number, concurrency: number, request: (i: number) => Promise<void>): Promise<{ ops: number; latenciesMs: number[] }> {
  const latenciesMs: number[] = [];
  await runPool(count, concurrency, async (i) => {
    const started = performance.now();
    await request(i);
    latenciesMs.push(performance.now() - started);
  });
  return { ops: count, latenciesMs };
}

export const tokenIssuance: Scenario = {
  id: 'token-issuance',
  unit: 'tokens/s',
  supports: stackOnly,
  title: (scale) => `${scale.tokenRequests} tokens (Basic admin, ${TOKEN_SCOPE}), concurrency ${scale.tokenConcurrency}`,
  run(ctx) {
    const { tokenRequests: count, tokenConcurrency: concurrency } = ctx.scale;
    const http = ctx.client(concurrency).http;
    const path = `/service/token?service=harbor-registry&scope=${encodeURIComponent(TOKEN_SCOPE)}`;
    const headers = { authorization: adminAuth(ctx) };
    return timed(count, concurrency, async () => {
      const reply = expectStatus(await http.request(path, { headers }), 'GET', path, 200);
      if (!(JSON.parse(reply.body.toString('utf8')) as { token?: string }).token) throw new Error(`GET ${path}: no token`);
    });
  },
};

/**
 * One repository of `count` artifacts, each with a tag, written straight into the stack's
 * database the way a push records them (apps/core/test/integration/artifacts-fixtures.ts):
 * pushing 10,000 manifests would take minutes and is not what this scenario measures.
 */
export function seedArtifactsSql(count: number): string {
  const name = `${ARTIFACTS_PROJECT}/${ARTIFACTS_REPO}`;
  return `WITH r AS (
    INSERT INTO repository (name, project_id) SELECT '${name}', project_id FROM project WHERE name = '${ARTIFACTS_PROJECT}'
    RETURNING repository_id, project_id),
  a AS (
    INSERT INTO artifact (project_id, repository_id, repository_name, digest, type, media_type, manifest_media_type, size, push_time)
    SELECT r.project_id, r.repository_id, '${name}', 'sha256:' || encode(sha256(('bench-artifact-' || g)::bytea), 'hex'), 'IMAGE',
      'application/vnd.oci.image.config.v1+json', 'application/vnd.oci.image.manifest.v1+json', 1000 + g,
      now() - g * interval '1 second'
    FROM r, generate_series(1, ${count}) AS g
    RETURNING id, repository_id, push_time)
  INSERT INTO tag (repository_id, artifact_id, name, push_time) SELECT repository_id, id, 'v' || id, push_time FROM a`;
}

export const listArtifacts: Scenario = {
  id: 'list-artifacts',
  unit: 'req/s',
  supports: stackOnly,
  title: (scale) =>
    `artifact list of ${scale.artifactCount} artifacts, random pages of ${scale.artifactPageSize} x${scale.artifactListRequests}, concurrency ${scale.artifactListConcurrency}`,
  async prepare(ctx) {
    const database = ctx.server.database;
    if (!database) throw new Error('list-artifacts needs the stack database');
    const existing = psql(database, `SELECT count(*) FROM repository WHERE name = '${ARTIFACTS_PROJECT}/${ARTIFACTS_REPO}'`).trim();
    if (existing === '0') psql(database, seedArtifactsSql(ctx.scale.artifactCount));
    // Steady state: autovacuum would have run on rows this old, setting the visibility map
    // that lets the list's index-only scans skip the heap. Right after a bulk insert it has not.
    psql(database, 'VACUUM (ANALYZE) artifact, tag, repository');
  },
  run(ctx) {
    const { artifactCount, artifactListRequests: count, artifactListConcurrency: concurrency, artifactPageSize: size } = ctx.scale;
    const http = ctx.client(concurrency).http;
    const headers = { authorization: adminAuth(ctx) };
    const pages = Math.ceil(artifactCount / size);
    const random = mulberry32(42);
    return timed(count, concurrency, async () => {
      const page = 1 + (random() % pages);
      const path = `/api/v2.0/projects/${ARTIFACTS_PROJECT}/repositories/${ARTIFACTS_REPO}/artifacts?page=${page}&page_size=${size}`;
      const reply = expectStatus(await http.request(path, { headers }), 'GET', path, 200);
      const listed = (JSON.parse(reply.body.toString('utf8')) as unknown[]).length;
      if (listed !== Math.min(size, artifactCount - (page - 1) * size) || header(reply, 'x-total-count') !== String(artifactCount)) {
        throw new Error(`GET ${path}: ${listed} artifacts of ${header(reply, 'x-total-count') ?? '?'}, expected a page of ${artifactCount}`);
      }
    });
  },
};
