import type { JobContext } from '@harbor-ts/jobs';
import { HandlerRegistry } from '../../src/handlers';
import { sleep } from './test-env';

export interface SteppingParams {
  steps: number;
  ms: number;
}

/**
 * A GARBAGE_COLLECTION handler that logs and reports progress at each of `steps` steps, `ms`
 * apart, so an outage can fall in the middle of a run; `runs` gets the task id of each run begun.
 */
export function steppingJob(runs: number[]): HandlerRegistry {
  return new HandlerRegistry().register<SteppingParams>('GARBAGE_COLLECTION', async (ctx: JobContext<SteppingParams>) => {
    runs.push(ctx.taskId);
    for (let step = 1; step <= ctx.params.steps; step++) {
      ctx.log(`step ${step}`);
      await ctx.progress(step, ctx.params.steps);
      await sleep(ctx.params.ms);
    }
    return { steps: ctx.params.steps };
  });
}
