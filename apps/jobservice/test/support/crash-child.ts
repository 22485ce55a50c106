import type { JobserviceConfig } from '@harbor-ts/config';
import pino from 'pino';
import { createPool } from '../../src/db';
import { HandlerRegistry } from '../../src/handlers';
import { createJobService } from '../../src/service';
import { FAST } from './fast-tuning';

// A jobservice process for the crash test, bundled and run as its own process: its
// configuration comes as JSON in argv; its GARBAGE_COLLECTION handler sleeps, then records
// that it completed in the crash_probe table.

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]) as JobserviceConfig;
  const log = pino({ level: 'silent' });
  const probe = createPool(config.database, log);
  const handlers = new HandlerRegistry().register<{ ms: number }>('GARBAGE_COLLECTION', async (ctx) => {
    ctx.log(`run ${ctx.attempt} started in process ${process.pid}`);
    await new Promise((resolve) => setTimeout(resolve, ctx.params.ms));
    await probe.query('INSERT INTO crash_probe (task_id, pid) VALUES ($1, $2)', [ctx.taskId, process.pid]);
    return { pid: process.pid };
  });
  const service = createJobService(config, log, handlers, FAST);
  await service.start();
  process.send?.({ ready: service.url });
}

void main();
