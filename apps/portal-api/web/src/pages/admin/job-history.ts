import { type SystemJob, systemJob } from '../../api/admin';
import type { JobRun } from '../../api/admin-types';
import { notify } from '../../shell';
import { type DataGrid, dataGrid } from '../../ui/datagrid';
import { h } from '../../ui/dom';
import { formatTime } from '../../ui/format';

// The runs of a system job, newest first, refreshed every few seconds while one is unfinished.
// A run's log opens as plain text in a new tab, as Harbor's does.

const FINAL = new Set(['Success', 'Error', 'Stopped']);
const POLL_MS = 2_000;

export function jobHistory(job: SystemJob): DataGrid {
  const api = systemJob(job);
  let timer: number | undefined;
  const grid: DataGrid = dataGrid<JobRun>({
    columns: [
      { title: 'Job ID', cell: (r) => r.id },
      { title: 'Trigger Type', cell: (r) => r.job_kind },
      { title: 'Dry Run', cell: (r) => (parameters(r).dry_run === true ? 'Yes' : 'No') },
      { title: 'Status', cell: (r) => h('span', { class: `job-status ${r.job_status.toLowerCase()}` }, r.job_status) },
      { title: 'Creation Time', cell: (r) => formatTime(r.creation_time) },
      { title: 'Update Time', cell: (r) => formatTime(r.update_time) },
      { title: 'Logs', cell: (r) => h('a', { attrs: { href: api.logUrl(r.id), target: '_blank', rel: 'noopener', 'aria-label': `Log of job ${r.id}` } }, 'View Log') },
    ],
    load: async (paging) => {
      const page = await api.history(paging);
      window.clearTimeout(timer);
      if (page.items.some((r) => !FINAL.has(r.job_status))) {
        timer = window.setTimeout(() => {
          if (grid.element.isConnected) void grid.reload();
        }, POLL_MS);
      }
      return page;
    },
    label: (r) => `job ${r.id}`,
    emptyText: 'No job history yet.',
    actions: [
      {
        label: 'STOP',
        enabled: (rows) => rows.length === 1 && !FINAL.has(rows[0].job_status),
        run: (rows) => void api.stop(rows[0].id).then(() => notify(`Stopping job ${rows[0].id}`), (err: Error) => notify(err.message, 'danger')).finally(() => void grid.reload()),
      },
    ],
  });
  return grid;
}

function parameters(run: JobRun): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(run.job_parameters);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
