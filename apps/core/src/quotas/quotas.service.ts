import { Injectable } from '@nestjs/common';
import type { Paging } from '@harbor-ts/api-query';
import { AccessService } from '../auth/access.service';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { type QuotaFilter, type QuotaRow, QuotasRepository } from './quotas.repository';

/** Harbor's Quota model. */
export interface QuotaView {
  id: number;
  ref: { id: number; name: string; owner_name: string } | null;
  hard: { storage: number };
  used: { storage: number };
  creation_time: Date;
  update_time: Date;
}

/** The resources a project quota limits; Harbor's project driver knows only storage. */
const RESOURCES = ['storage'];

@Injectable()
export class QuotasService {
  constructor(private readonly repo: QuotasRepository, private readonly access: AccessService) {}

  async list(ctx: SecurityContext, filter: QuotaFilter, orderBy: string, paging: Paging): Promise<{ total: number; items: QuotaView[] }> {
    this.access.requireSystem(ctx, 'quota', 'list');
    const total = await this.repo.count(filter);
    const rows = total === 0 ? [] : await this.repo.list(filter, orderBy, paging.limit, paging.offset);
    return { total, items: rows.map(view) };
  }

  async get(ctx: SecurityContext, id: number): Promise<QuotaView> {
    this.access.requireSystem(ctx, 'quota', 'read');
    return view(await this.row(id));
  }

  /**
   * Harbor's driver validation: every resource known, each value -1 (unlimited) or positive.
   * A limit below current usage is accepted, as in Harbor: it only blocks further pushes.
   */
  async update(ctx: SecurityContext, id: number, hard: Record<string, number> | undefined): Promise<void> {
    this.access.requireSystem(ctx, 'quota', 'update');
    if (!hard || Object.keys(hard).length === 0) throw HarborError.badRequest('hard required in body');
    await this.row(id);
    for (const [resource, value] of Object.entries(hard)) {
      if (!RESOURCES.includes(resource)) throw HarborError.badRequest(`resource ${resource} not support`);
      if (value <= 0 && value !== -1) throw HarborError.badRequest(`invalid value for resource ${resource}`);
    }
    if (hard.storage === undefined) throw HarborError.badRequest('resource storage not found');
    await this.repo.setHard(id, hard.storage);
  }

  private async row(id: number): Promise<QuotaRow> {
    const row = id <= 2_147_483_647 ? await this.repo.get(id) : undefined;
    if (!row) throw HarborError.notFound(`quota ${id} not found`);
    return row;
  }
}

function view(row: QuotaRow): QuotaView {
  return {
    id: row.id,
    ref: row.project_id === null ? null : { id: row.project_id, name: row.project_name ?? '', owner_name: row.owner_name ?? '' },
    hard: { storage: Number(row.hard_storage) },
    used: { storage: Number(row.used_storage) },
    creation_time: row.creation_time,
    update_time: row.update_time,
  };
}
