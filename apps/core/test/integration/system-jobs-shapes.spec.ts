import { toHistoryView, toScheduleView } from '../../src/system-jobs/job-history.view';
import { parseGcParameters } from '../../src/system-jobs/gc-parameters';
import { parsePurgeParameters } from '../../src/system-jobs/purge-parameters';
import { parseScheduleBody } from '../../src/system-jobs/schedule-body';

// The pure parts of /system/gc and /system/purgeaudit: reading the Schedule body and Harbor's
// GCHistory/ExecHistory shapes (no I/O).

describe('the Schedule body', () => {
  it('runs now for Manual, removes for None, and saves a periodic cron', () => {
    expect(parseScheduleBody({ schedule: { type: 'Manual' }, parameters: { dry_run: true } })).toEqual({ kind: 'run', parameters: { dry_run: true } });
    expect(parseScheduleBody({ schedule: { type: 'None' } })).toEqual({ kind: 'remove' });
    expect(parseScheduleBody({ schedule: { type: 'Weekly', cron: '0 30 2 * * 6' } })).toEqual({ kind: 'save', schedule: { type: 'Weekly', cron: '0 30 2 * * 6' }, parameters: {} });
  });

  it("fills in the portal's cron when a preset type comes without one", () => {
    for (const [type, cron] of [['Hourly', '0 0 * * * *'], ['Daily', '0 0 0 * * *'], ['Weekly', '0 0 0 * * 0']]) {
      expect(parseScheduleBody({ schedule: { type } })).toMatchObject({ kind: 'save', schedule: { type, cron } });
    }
  });
});

describe('parameters', () => {
  it('completes GC parameters with the defaults', () => {
    expect(parseGcParameters({})).toEqual({ delete_untagged: false, dry_run: false, workers: 1, time_window: 2 });
    expect(parseGcParameters({ workers: 10, time_window: 0, delete_untagged: true, other: 'ignored' })).toEqual({ delete_untagged: true, dry_run: false, workers: 10, time_window: 0 });
  });

  it('normalises the purge event types', () => {
    expect(parsePurgeParameters({ audit_retention_hour: 24, include_event_types: ' Create_Artifact, ,pull_artifact ' })).toEqual({
      audit_retention_hour: 24, include_event_types: 'create_artifact,pull_artifact', dry_run: false,
    });
  });
});

describe("Harbor's history shapes", () => {
  const at = new Date('2024-05-01T10:00:00Z');

  it('shows an execution with its trigger and its parameters as a JSON string', () => {
    const view = toHistoryView({
      id: 7, vendorType: 'GARBAGE_COLLECTION', vendorId: -1, status: 'Running', statusMessage: '', trigger: 'MANUAL',
      extraAttrs: { dry_run: true, workers: 2 }, startTime: at, endTime: null, updateTime: at,
    });
    expect(view).toEqual({
      id: 7, job_name: 'GARBAGE_COLLECTION', job_kind: 'MANUAL', job_parameters: '{"dry_run":true,"workers":2}', schedule: { type: 'MANUAL' },
      job_status: 'Running', deleted: false, creation_time: '2024-05-01T10:00:00.000Z', update_time: '2024-05-01T10:00:00.000Z',
    });
  });

  it('shows the schedule with its next run, and {} when there is none', () => {
    const view = toScheduleView({ type: 'Daily', cron: '0 0 0 * * *', params: { dry_run: false }, creationTime: at, updateTime: at });
    expect(view).toMatchObject({ job_kind: 'Daily', job_parameters: '{"dry_run":false}', schedule: { type: 'Daily', cron: '0 0 0 * * *' } });
    const next = new Date((view as { schedule: { next_scheduled_time: string } }).schedule.next_scheduled_time);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getUTCHours()).toBe(0);
    expect(toScheduleView(undefined)).toEqual({});
  });
});
