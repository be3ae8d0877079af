import type { FastifyReply } from 'fastify';

/** Rows a CSV export holds at most; the `x-truncated` header says when the list was longer. */
export const CSV_MAX_ROWS = 10_000;

/** A CSV file as the download it is (the API's and the console's): UTF-8, `x-truncated` when cut. */
export function sendCsv(reply: FastifyReply, file: { csv: string; truncated?: boolean }, filename: string) {
  if (file.truncated) reply.header('x-truncated', 'true');
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(file.csv);
}

/**
 * Every item of a paginated list, page after page through the list's own service (so the
 * export sees what the list sees), at most `max`.
 */
export async function everyItem<T>(pageAfter: (cursor: string | undefined) => Promise<{ items: readonly T[]; nextCursor: string | null }>, max = CSV_MAX_ROWS) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageAfter(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return { items: items.slice(0, max), truncated: items.length > max || cursor !== undefined };
}
