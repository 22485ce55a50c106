import { Injectable } from '@nestjs/common';
import { AccessService } from '../auth/access.service';
import type { SecurityContext } from '../auth/security-context';
import { StatisticsRepository } from './statistics.repository';

/** Harbor's Statistic model; every field is always present (x-omitempty: false). */
export interface Statistic {
  private_project_count: number;
  private_repo_count: number;
  public_project_count: number;
  public_repo_count: number;
  total_project_count: number;
  total_repo_count: number;
  total_storage_consumption: number;
}

/**
 * Everyone signed in sees the public counts. A sysadmin also sees totals, the private rest and
 * the storage used; a user sees the private projects they are a member of; a robot nothing more.
 */
@Injectable()
export class StatisticsService {
  constructor(private readonly repo: StatisticsRepository, private readonly access: AccessService) {}

  async get(ctx: SecurityContext): Promise<Statistic> {
    this.access.requireAuthenticated(ctx);
    const pub = await this.repo.publicCounts();
    const stat: Statistic = {
      private_project_count: 0,
      private_repo_count: 0,
      public_project_count: pub.projects,
      public_repo_count: pub.repositories,
      total_project_count: 0,
      total_repo_count: 0,
      total_storage_consumption: 0,
    };
    if (ctx.isSysAdmin) {
      const all = await this.repo.allCounts();
      stat.total_project_count = all.projects;
      stat.total_repo_count = all.repositories;
      stat.private_project_count = all.projects - pub.projects;
      stat.private_repo_count = all.repositories - pub.repositories;
      stat.total_storage_consumption = await this.repo.storageConsumption();
    } else if (ctx.principal.kind === 'user') {
      const mine = await this.repo.memberPrivateCounts(ctx.principal.user.id);
      stat.private_project_count = mine.projects;
      stat.private_repo_count = mine.repositories;
    }
    return stat;
  }
}
