import { projects } from '../api/harbor';
import { manualPolicy, type RetentionExecution, type RetentionPolicy, type RetentionRule, retention, selectorsOf } from '../api/policies';
import type { Project } from '../api/types';
import type { ProjectPermissions } from '../permissions';
import { notify } from '../shell';
import { type DataGrid, dataGrid } from '../ui/datagrid';
import { h } from '../ui/dom';
import { allValid, selectField, textField } from '../ui/form';
import { formatTime } from '../ui/format';
import { confirmDeletion, openDialog } from '../ui/modal';
import { describeSelector, selectorFields, takesUntagged } from './selector-fields';

// Tag Retention: the project's one policy (linked by its metadata retention_id), its rules
// (retain what any enabled rule takes; the rest is deleted when the policy runs), Run Now and
// Dry Run, and the execution history. The policy runs by hand only: no schedule is offered.

/** Harbor's rule templates (GET /retentions/metadatas), each with its parameter's unit. */
const TEMPLATES: readonly { value: string; label: string; unit?: string }[] = [
  { value: 'latestPushedK', label: 'the most recently pushed # artifacts', unit: 'count' },
  { value: 'latestPulledN', label: 'the most recently pulled # artifacts', unit: 'count' },
  { value: 'nDaysSinceLastPush', label: 'pushed within the last # days', unit: 'days' },
  { value: 'nDaysSinceLastPull', label: 'pulled within the last # days', unit: 'days' },
  { value: 'always', label: 'always' },
];

export function describeTemplate(rule: RetentionRule): string {
  const template = TEMPLATES.find((t) => t.value === rule.template);
  if (!template) return rule.template;
  return template.unit ? template.label.replace('#', String(rule.params[rule.template] ?? '')) : template.label;
}

export function retentionSection(project: Project, permissions: ProjectPermissions): HTMLElement {
  const state: { id?: number; policy?: RetentionPolicy } = {};
  const mayChange = permissions.can('tag-retention', 'update') && permissions.can('tag-retention', 'create');
  const changed = () => {
    void rules.reload();
    void history.reload();
  };
  const save = (rulesAfter: RetentionRule[]) => savePolicy(project, state, rulesAfter).then(changed);

  const rules: DataGrid = dataGrid<RetentionRule>({
    columns: [
      { title: 'Repositories', cell: (r) => describeSelector(r.scope_selectors.repository[0]) },
      { title: 'Retain', cell: (r) => describeTemplate(r) },
      { title: 'Tags', cell: (r) => `${describeSelector(r.tag_selectors[0])}${takesUntagged(r.tag_selectors[0]) ? ' (untagged artifacts included)' : ''}` },
      { title: 'Status', cell: (r) => (r.disabled ? 'Disabled' : 'Enabled') },
    ],
    load: async () => {
      await loadPolicy(project, state);
      const items = state.policy?.rules ?? [];
      return { items, total: items.length };
    },
    label: (r) => `${describeSelector(r.scope_selectors.repository[0])}, ${describeTemplate(r)}`,
    emptyText: 'No retention rules: every artifact is kept.',
    actions: [
      { label: '+ ADD RULE', kind: 'create', visible: mayChange, run: () => addRule(state, save) },
      { label: 'ENABLE', visible: mayChange, enabled: (rows) => rows.some((r) => r.disabled), run: (rows) => void toggle(state, rows, false, save) },
      { label: 'DISABLE', visible: mayChange, enabled: (rows) => rows.some((r) => !r.disabled), run: (rows) => void toggle(state, rows, true, save) },
      {
        label: 'DELETE',
        kind: 'danger',
        visible: mayChange,
        enabled: (rows) => rows.length > 0,
        run: (rows) =>
          confirmDeletion({
            title: 'Confirm retention rule deletion',
            what: 'retention rule(s)',
            items: [rows],
            label: (chosen) => chosen.map(describeTemplate).join('; '),
            remove: (chosen) => savePolicy(project, state, (state.policy?.rules ?? []).filter((r) => !chosen.includes(r))),
            done: (allDeleted) => {
              if (allDeleted) notify('Deleted successfully');
              changed();
            },
          }),
      },
    ],
  });

  const mayRun = permissions.can('tag-retention', 'update');
  const run = (dryRun: boolean) => void runPolicy(state, dryRun).then(() => history.reload());
  const history: DataGrid = dataGrid<RetentionExecution>({
    columns: [
      { title: 'ID', cell: (e) => e.id },
      { title: 'Status', cell: (e) => e.status },
      { title: 'Dry Run', cell: (e) => (e.dry_run ? 'YES' : 'NO') },
      { title: 'Trigger', cell: (e) => e.trigger },
      { title: 'Start Time', cell: (e) => formatTime(e.start_time) },
      { title: 'End Time', cell: (e) => formatTime(e.end_time) },
    ],
    load: async (paging) => {
      const id = await policyIdOf(project);
      return id === undefined ? { items: [], total: 0 } : retention.executions(id, paging);
    },
    label: (e) => `execution ${e.id}`,
    emptyText: 'The policy has not run yet.',
    actions: [
      { label: 'DRY RUN', kind: 'create', visible: mayRun, run: () => run(true) },
      { label: 'RUN NOW', kind: 'create', visible: mayRun, run: () => confirmRun(() => run(false)) },
    ],
  });

  return h('section', { class: 'policy-section', attrs: { 'aria-label': 'Tag Retention' } },
    h('h3', { class: 'section-title' }, 'Tag Retention'),
    h('p', { class: 'section-intro' }, 'Artifacts that no enabled rule retains are deleted when the policy runs. Dry Run only reports what would be deleted.'),
    rules.element,
    h('h4', { class: 'section-subtitle' }, 'Execution History'),
    history.element,
  );
}

/** The id of the policy linked to the project, read afresh (another user may have created it meanwhile). */
async function policyIdOf(project: Project): Promise<number | undefined> {
  const id = Number((await projects.get(project.project_id)).metadata?.retention_id);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * The policy as the rules grid shows it. Only that grid loads it, so the rules a user selects
 * are the very objects the next change filters or maps.
 */
async function loadPolicy(project: Project, state: { id?: number; policy?: RetentionPolicy }): Promise<void> {
  state.id = await policyIdOf(project);
  state.policy = state.id === undefined ? undefined : await retention.get(state.id);
}

/** Creates the policy with its first rule, or replaces the rules of the existing one. */
async function savePolicy(project: Project, state: { id?: number; policy?: RetentionPolicy }, rules: RetentionRule[]): Promise<void> {
  if (state.id === undefined) await retention.create(manualPolicy(project.project_id, rules));
  else await retention.update(state.id, { ...manualPolicy(project.project_id, rules), ...(state.policy?.trigger ? { trigger: state.policy.trigger } : {}) });
}

async function toggle(state: { policy?: RetentionPolicy }, rows: RetentionRule[], disabled: boolean, save: (rules: RetentionRule[]) => Promise<void>): Promise<void> {
  try {
    await save((state.policy?.rules ?? []).map((r) => (rows.includes(r) ? { ...r, disabled } : r)));
    notify(disabled ? 'Disabled successfully' : 'Enabled successfully');
  } catch (err) {
    notify(err instanceof Error ? err.message : String(err), 'danger');
  }
}

async function runPolicy(state: { id?: number }, dryRun: boolean): Promise<void> {
  try {
    if (state.id === undefined) throw new Error('Add a rule first: the project has no retention policy.');
    await retention.run(state.id, dryRun);
    notify(dryRun ? 'Dry run started' : 'Retention run started');
  } catch (err) {
    notify(err instanceof Error ? err.message : String(err), 'danger');
  }
}

function confirmRun(run: () => void): void {
  openDialog({
    title: 'Run tag retention',
    body: [h('p', {}, 'Artifacts that no rule retains will be deleted. Do you want to run the retention policy now?')],
    okLabel: 'RUN',
    danger: true,
    onOk: async () => run(),
  });
}

function addRule(state: { policy?: RetentionPolicy }, save: (rules: RetentionRule[]) => Promise<void>): void {
  const template = selectField('Retain', 'retention_template', TEMPLATES, 'latestPushedK');
  const count = textField({ label: 'Count', name: 'retention_count', type: 'number', value: '10', validate: (v) => countError(template.value(), v) });
  const showCount = () => {
    const unit = TEMPLATES.find((t) => t.value === template.value())?.unit;
    count.element.hidden = !unit;
    count.element.querySelector('label')?.replaceChildren(unit === 'days' ? 'Days' : 'Count');
  };
  template.select.addEventListener('change', showCount);
  showCount();
  const selectors = selectorFields({ untagged: true });
  openDialog({
    title: 'Add Tag Retention Rule',
    body: [selectors.elements[0], selectors.elements[1], template.element, count.element, ...selectors.elements.slice(2)],
    valid: () => allValid([...selectors.patterns, count]),
    onOk: async () => {
      const chosen = template.value();
      const rule: RetentionRule = {
        disabled: false,
        action: 'retain',
        template: chosen,
        params: chosen === 'always' ? {} : { [chosen]: Number(count.value()) },
        ...selectorsOf(selectors.value()),
      };
      await save([...(state.policy?.rules ?? []), rule]);
      notify('Added rule successfully');
    },
  });
}

function countError(template: string, value: string): string | undefined {
  if (template === 'always') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? undefined : 'Enter a positive whole number.';
}
