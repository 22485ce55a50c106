import { Injectable } from '@nestjs/common';
import { toSql } from '@harbor-ts/api-query';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import type { ListRequest } from '../projects/list-query';
import { ProjectAccess } from '../projects/project-access';
import { ImmutabilityPolicy } from '../v2/immutability';
import { type ImmutableRuleBody, type ImmutableRuleView, MAX_RULES_PER_PROJECT, ruleFilterOf } from './immutable-rule';
import { ImmutableRulesRepository, type RuleRow } from './immutable-rules.repository';

const RESOURCE = 'immutable-tag';
export const RULE_COLUMNS = { id: 'id', disabled: 'disabled' };

/**
 * Immutable tag rules of a project. Every change is followed by a reload of the project's
 * rules in the push-path policy before the caller gets its answer.
 */
@Injectable()
export class ImmutableRulesService {
  constructor(private readonly rules: ImmutableRulesRepository, private readonly projects: ProjectAccess, private readonly policy: ImmutabilityPolicy) {}

  async list(ctx: SecurityContext, p: string, isName: boolean, list: ListRequest): Promise<{ total: number; items: ImmutableRuleView[] }> {
    const ref = await this.projects.require(ctx, p, isName, RESOURCE, 'list');
    const q = toSql(list.query, RULE_COLUMNS, 2);
    const total = await this.rules.count(ref.id, q);
    const rows = total === 0 ? [] : await this.rules.list(ref.id, q, list.orderBy, list.paging.limit, list.paging.offset);
    return { total, items: rows.map(view) };
  }

  async create(ctx: SecurityContext, p: string, isName: boolean, body: ImmutableRuleBody): Promise<number> {
    const ref = await this.projects.require(ctx, p, isName, RESOURCE, 'create');
    const filter = ruleFilterOf(body);
    const id = await this.rules.transaction(async (tx) => {
      await this.rules.lockProject(tx, ref.id);
      if ((await this.rules.count(ref.id, undefined, tx)) >= MAX_RULES_PER_PROJECT) {
        throw HarborError.badRequest(`a project can have at most ${MAX_RULES_PER_PROJECT} immutable tag rules`);
      }
      const created = await this.rules.insert(tx, ref.id, filter, body.disabled ?? false);
      if (created === undefined) throw duplicate(ref);
      return created;
    });
    await this.policy.refresh(ref.id);
    return id;
  }

  /** A body without selectors only switches the rule on or off (the portal's toggle). */
  async update(ctx: SecurityContext, p: string, isName: boolean, id: number, body: ImmutableRuleBody): Promise<void> {
    const ref = await this.projects.require(ctx, p, isName, RESOURCE, 'update');
    const current = await this.rule(ref, id);
    const toggleOnly = body.tag_selectors == null && body.scope_selectors == null;
    const filter = toggleOnly ? undefined : ruleFilterOf(body);
    const updated = await this.rules.update(ref.id, id, { ...(filter ? { filter } : {}), disabled: body.disabled ?? current.disabled });
    if (!updated) throw duplicate(ref);
    await this.policy.refresh(ref.id);
  }

  async delete(ctx: SecurityContext, p: string, isName: boolean, id: number): Promise<void> {
    const ref = await this.projects.require(ctx, p, isName, RESOURCE, 'delete');
    await this.rule(ref, id);
    await this.rules.delete(ref.id, id);
    await this.policy.refresh(ref.id);
  }

  private async rule(ref: ProjectRef, id: number): Promise<RuleRow> {
    const row = id <= 2_147_483_647 ? await this.rules.get(ref.id, id) : undefined;
    if (!row) throw HarborError.notFound(`immutable tag rule ${id} not found in project ${ref.name}`);
    return row;
  }
}

function duplicate(ref: ProjectRef): HarborError {
  return HarborError.conflict(`an immutable tag rule with the same selectors already exists in project ${ref.name}`);
}

function view(row: RuleRow): ImmutableRuleView {
  return { id: row.id, disabled: row.disabled, ...row.filter };
}
