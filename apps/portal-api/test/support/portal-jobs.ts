import { Pool } from 'pg';
import pino from 'pino';
import { startTestJobService } from '../../../core/test/support/test-jobservice';
import { HandlerRegistry } from '../../../jobservice/src/handlers';
import { createGcHandler, RegistryctlClient } from '../../../jobservice/src/jobs/gc';
import { createPurgeAuditHandler } from '../../../jobservice/src/jobs/purge-audit';
import { startTestRegistryctl } from '../../../registryctl/test/support/test-registryctl';
import type { PortalStack } from './portal-stack';

// The system jobs behind Administration > Clean Up, really running: a jobservice on the
// stack's database and Redis with the GC and audit-purge handlers, and a registryctl over the
// registry's storage for GC to delete blobs through.

export interface PortalJobs {
  stop(): Promise<void>;
}

/** Starts the job runners for `stack`; stop them before the stack. */
export async function startPortalJobs(stack: PortalStack): Promise<PortalJobs> {
  const registryctl = await startTestRegistryctl({ root: stack.registry.root });
  const pool = new Pool({ host: '127.0.0.1', port: 5432, user: 'postgres', database: stack.database.name, max: 4 });
  const log = pino({ level: 'silent' });
  const handlers = new HandlerRegistry()
    .register('GARBAGE_COLLECTION', createGcHandler({ db: pool, registryctl: new RegistryctlClient(registryctl.url, registryctl.secret), log, uploadPurgingAgeMs: 86_400_000 }), { attempts: 1 })
    .register('PURGE_AUDIT_LOG', createPurgeAuditHandler({ db: pool, log }), { attempts: 1 });
  const jobs = await startTestJobService(stack, { handlers });
  return {
    async stop() {
      await jobs.stop();
      await pool.end();
      await registryctl.stop();
    },
  };
}
