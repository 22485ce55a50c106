import { Injectable } from '@nestjs/common';
import { OciError } from '@harbor-ts/oci';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';

const MAX_PAGE = 10_000;

/** Tag lists and the catalog come from the database, where Harbor keeps tags as rows. */
@Injectable()
export class ListingsHandler {
  constructor(private readonly db: DataSource) {}

  async tags(req: Request, res: Response, name: string): Promise<void> {
    const { limit, last } = page(req, MAX_PAGE);
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
    const { limit, last } = page(req, 100);
    const rows: { name: string }[] = await this.db.query(
      `SELECT name FROM repository WHERE ($1::varchar IS NULL OR name > $1) ORDER BY name LIMIT $2`,
      [last ?? null, limit + 1],
    );
    const repositories = rows.slice(0, limit).map((r) => r.name);
    if (rows.length > limit && repositories.length > 0) res.setHeader('Link', nextLink('/v2/_catalog', limit, repositories[repositories.length - 1]));
    res.json({ repositories });
  }
}

function page(req: Request, fallback: number): { limit: number; last?: string } {
  const n = typeof req.query.n === 'string' ? req.query.n : undefined;
  const last = typeof req.query.last === 'string' && req.query.last !== '' ? req.query.last : undefined;
  if (n === undefined) return { limit: fallback, last };
  if (!/^\d+$/.test(n)) throw OciError.of('PAGINATION_NUMBER_INVALID', { n });
  return { limit: Math.min(Number(n), MAX_PAGE), last };
}

function nextLink(path: string, limit: number, last: string): string {
  return `<${path}?n=${limit}&last=${encodeURIComponent(last)}>; rel="next"`;
}
