/**
 * GitHub GraphQL documents. Repository names and search strings travel as variables, never spliced
 * into the document; aliases (`r0`, `r1`, ...) batch many repositories into one request.
 */

const HISTORY_PAGE = `fragment HistoryPage on CommitHistoryConnection {
  totalCount
  pageInfo { hasNextPage endCursor }
  nodes { author { email name user { login company } } }
}`;

const RELEASE_PAGE = `fragment ReleasePage on ReleaseConnection {
  totalCount
  pageInfo { hasNextPage endCursor }
  nodes { createdAt publishedAt isDraft }
}`;

const ISSUE_SAMPLE = `fragment IssueSample on Issue {
  createdAt
  author { __typename login }
  comments(first: 20) { nodes { createdAt author { __typename login } } }
}`;

const REPOSITORY_FACTS = `fragment RepositoryFacts on Repository {
  nameWithOwner
  stargazerCount
  forkCount
  owner { __typename login ... on Organization { name websiteUrl email } }
  defaultBranchRef { target { ... on Commit { history(since: $since, first: 100) { ...HistoryPage } } } }
  releases(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) { ...ReleasePage }
}`;

/**
 * Facts of `count` repositories in one request: `r<i>` the repository, `a<i>`/`c<i>` the numbers of
 * issues opened in the window and of those now closed, `s<i>` the issues sampled for first response.
 */
export function repositoryFactsQuery(count: number, issueSample: number): string {
  const vars = ['$since: GitTimestamp!'];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(
      `$o${i}: String!`,
      `$n${i}: String!`,
      `$qa${i}: String!`,
      `$qc${i}: String!`,
      `$qs${i}: String!`,
    );
    fields.push(
      `r${i}: repository(owner: $o${i}, name: $n${i}) { ...RepositoryFacts }`,
      `a${i}: search(query: $qa${i}, type: ISSUE, first: 1) { issueCount }`,
      `c${i}: search(query: $qc${i}, type: ISSUE, first: 1) { issueCount }`,
      `s${i}: search(query: $qs${i}, type: ISSUE, first: ${issueSample}) { nodes { ...IssueSample } }`,
    );
  }
  return `query RepositoryFacts(${vars.join(', ')}) {
  rateLimit { cost remaining resetAt }
  ${fields.join('\n  ')}
}
${REPOSITORY_FACTS}
${HISTORY_PAGE}
${RELEASE_PAGE}
${ISSUE_SAMPLE}`;
}

/** The next page of default-branch history for `count` repositories (`r<i>`, cursor `$a<i>`). */
export function historyPagesQuery(count: number): string {
  const vars = ['$since: GitTimestamp!'];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$o${i}: String!`, `$n${i}: String!`, `$a${i}: String!`);
    fields.push(
      `r${i}: repository(owner: $o${i}, name: $n${i}) { defaultBranchRef { target { ... on Commit { history(since: $since, first: 100, after: $a${i}) { ...HistoryPage } } } } }`,
    );
  }
  return `query CommitHistoryPages(${vars.join(', ')}) {
  ${fields.join('\n  ')}
}
${HISTORY_PAGE}`;
}

/** The next page of releases (newest first) for `count` repositories. */
export function releasePagesQuery(count: number): string {
  const vars: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$o${i}: String!`, `$n${i}: String!`, `$a${i}: String!`);
    fields.push(
      `r${i}: repository(owner: $o${i}, name: $n${i}) { releases(first: 100, after: $a${i}, orderBy: { field: CREATED_AT, direction: DESC }) { ...ReleasePage } }`,
    );
  }
  return `query ReleasePages(${vars.join(', ')}) {
  ${fields.join('\n  ')}
}
${RELEASE_PAGE}`;
}
