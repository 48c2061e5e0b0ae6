/**
 * A list the API gives a page at a time: `readPage` reads one (the query to send: the page size and,
 * after the first, the cursor it was given); the pages are read in turn to the last one, or until
 * `most` items have come.
 */
export async function readPages<T>(
  readPage: (query: {
    limit: number;
    cursor?: string;
  }) => Promise<{ items: T[]; nextCursor?: string | null }>,
  options: { limit: number; most?: number },
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage({ limit: options.limit, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < (options.most ?? Number.POSITIVE_INFINITY));
  return all;
}
