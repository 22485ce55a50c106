import { Injectable } from '@nestjs/common';
import { MAX_PAGE_SIZE, nextLink, OciError, pageRequest } from '@harbor-ts/oci';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';

/** Tag lists and the catalog come from the database, where Harbor keeps tags as rows. */
@Injectable()
export class ListingsHandler {
  constructor(private readonly db: DataSource) {}

  async tags(req: Request, res: Response, name: string): Promise<void> {
    const { limit, last } = pageRequest(req.query, MAX_PAGE_SIZE);
    const rows: { name: string }[] = await this.db.query(
      `SELECT t.name FROM tag t JOIN repository r ON r.repository_id = t.repository_id
       WHERE r.name = $1 AND ($2::varchar IS NULL OR t.name > $2) ORDER BY t.name LIMIT $3`,
      [name, last ?? null, limit + 1],
    );
    const exists = rows.length > 0 || (await this.db.query(`SELECT 1 FROM repository WHERE name = $1`, [name])).length > 0;
    if (!exists) throw OciError.of('NAME_UNKNOWN', { name });
    const tags = rows.slice(0, limit).map((r) => r.name);
    if (rows.length > limit && tags.length > 0) res.setHeader('Link', nextLink(`/v2/${name}/tags/list`, limit, tags[tags.length - 1]));
    res.json({ name, tags });
  }

  async catalog(req: Request, res: Response): Promise<void> {
    const { limit, last } = pageRequest(req.query, 100);
    const rows: { name: string }[] = await this.db.query(
      `SELECT name FROM repository WHERE ($1::varchar IS NULL OR name > $1) ORDER BY name LIMIT $2`,
      [last ?? null, limit + 1],
    );
    const repositories = rows.slice(0, limit).map((r) => r.name);
    if (rows.length > limit && repositories.length > 0) res.setHeader('Link', nextLink('/v2/_catalog', limit, repositories[repositories.length - 1]));
    res.json({ repositories });
  }
}
