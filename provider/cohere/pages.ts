/**
 * The pages of a Cohere listing that continues while `next_page_token` is non-empty, each fetched only when the
 * caller asks for it: a caller that `break`s out of its `for await` sends no further request.
 */
export async function* tokenPages<Page extends { next_page_token?: string }>(
  fetchPage: (pageToken: string | undefined) => Promise<Page>,
): AsyncGenerator<Page, void, undefined> {
  const sentTokens = new Set<string>();
  let pageToken: string | undefined;
  for (;;) {
    const page = await fetchPage(pageToken);
    yield page;
    pageToken = page.next_page_token;
    // A server that hands out a token twice would otherwise page forever.
    if (!pageToken || sentTokens.has(pageToken)) return;
    sentTokens.add(pageToken);
  }
}
