import { type DynamicModule, Global, Module, type OnModuleDestroy } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { ExecutionStore, type JobType, type SqlDatabase } from '@harbor-ts/jobs';
import { Pool } from 'pg';
import { createSlackHandler, createWebhookHandler } from '../../../jobservice/src/jobs/webhook/webhook.handler';
import { JobLauncher, type LaunchRequest } from '../../src/jobs/job-launcher';
import { JobsModule } from '../../src/jobs/jobs.module';
import { CORE_CONFIG } from '../../src/tokens';
import { WebhooksModule } from '../../src/webhooks/webhooks.module';

// Until JobsModule and the test jobservice land, the webhook tests start deliveries with this
// launcher: executions and tasks go to the real tables through the shared ExecutionStore, and
// each task runs the real WEBHOOK/SLACK handler in this process, with retries.

export const TEST_WEBHOOK = { timeoutMs: 1_000, maxRetry: 2 };

function sqlDatabase(pool: Pool): SqlDatabase {
  return {
    query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async (sql, params) => (await client.query(sql, params as unknown[])).rows });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

export class InlineJobLauncher extends JobLauncher implements OnModuleDestroy {
  readonly running = new Set<Promise<void>>();
  private readonly store: ExecutionStore;
  private readonly handlers = { WEBHOOK: createWebhookHandler(TEST_WEBHOOK), SLACK: createSlackHandler(TEST_WEBHOOK) } as Partial<Record<JobType, ReturnType<typeof createWebhookHandler>>>;

  constructor(private readonly pool: Pool) {
    super();
    this.store = new ExecutionStore(sqlDatabase(pool));
  }

  async launch(type: JobType, request: LaunchRequest): Promise<{ executionId: number; taskId: number }> {
    const { executionId, taskIds } = await this.store.create(type, { vendorId: request.vendorId ?? -1, trigger: request.trigger, extraAttrs: request.extraAttrs }, 1);
    const run = this.run(type, executionId, taskIds[0], request.params).finally(() => this.running.delete(run));
    this.running.add(run);
    return { executionId, taskId: taskIds[0] };
  }

  private async run(type: JobType, executionId: number, taskId: number, params: Record<string, unknown>): Promise<void> {
    const handler = this.handlers[type];
    if (!handler) throw new Error(`no test handler for ${type}`);
    for (let attempt = 1; attempt <= TEST_WEBHOOK.maxRetry + 1; attempt++) {
      await this.store.start(taskId);
      const lines: string[] = [];
      const ctx = { type, executionId, taskId, params, attempt, signal: new AbortController().signal, log: (l: string) => void lines.push(l), progress: async () => undefined };
      try {
        const summary = await handler(ctx);
        await this.store.appendLog(taskId, lines);
        await this.store.finish(taskId, 'Success', '', summary ?? {});
        return;
      } catch (err) {
        await this.store.appendLog(taskId, lines);
        if (attempt > TEST_WEBHOOK.maxRetry) await this.store.finish(taskId, 'Error', (err as Error).message);
        else await this.store.retryLater(taskId, (err as Error).message);
      }
    }
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.idle();
    await this.pool.end();
  }

  launchMany(): never {
    throw new Error('not used by webhooks');
  }
  stop(): never {
    throw new Error('not used by webhooks');
  }
  execution(id: number) {
    return this.store.execution(id);
  }
  executions(type: JobType, vendorId: number, page: { offset: number; limit: number }) {
    return this.store.executions(type, vendorId, page);
  }
  tasks(executionId: number) {
    return this.store.tasks(executionId);
  }
  taskLog(taskId: number) {
    return this.store.log(taskId);
  }
  setSchedule(): never {
    throw new Error('not used by webhooks');
  }
  schedule(): never {
    throw new Error('not used by webhooks');
  }
}

@Global()
@Module({})
class InlineJobsModule {
  static register(): DynamicModule {
    const launcher = {
      provide: JobLauncher,
      inject: [CORE_CONFIG],
      useFactory: (config: CoreConfig) => new InlineJobLauncher(new Pool({ host: config.database.host, port: config.database.port, user: config.database.user, database: config.database.database, max: 2 })),
    };
    return { module: InlineJobsModule, providers: [launcher], exports: [JobLauncher] };
  }
}


/**
 * AppModule with WebhooksModule and a JobLauncher added (until FEATURES has them): the inline
 * one above, or the real JobsModule talking to a test jobservice.
 */
export function withWebhooks<T extends { register(deps: unknown): DynamicModule }>(appModule: T, launcher: 'inline' | 'jobservice' = 'inline'): T {
  return {
    register(deps: unknown): DynamicModule {
      const m = appModule.register(deps);
      // The inline launcher replaces JobsModule's, so the specs can wait for deliveries to run.
      const rest = (m.imports ?? []).filter((i) => i !== JobsModule && i !== WebhooksModule);
      return { ...m, imports: [...rest, launcher === 'inline' ? InlineJobsModule.register() : JobsModule, WebhooksModule] };
    },
  } as T;
}
