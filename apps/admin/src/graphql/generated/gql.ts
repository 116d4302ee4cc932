/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node { id at actorType actorLabel action entityType entityId before after requestId }\n      }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id name prefix scopes owner { id name email } createdAt lastUsedAt revokedAt\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys(includeRevoked: true) {\n      ...ApiKeyFields\n      trustedDocumentsOnly\n      trustedDocuments { hash name createdAt }\n      usage(days: 30) {\n        day requests errors rateLimited\n        operations { name count }\n        deprecatedFields { field count }\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { key apiKey { ...ApiKeyFields } }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) { ...ApiKeyFields }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation RegisterTrustedDocument($input: RegisterTrustedDocumentInput!) {\n    registerTrustedDocument(input: $input) { hash name }\n  }\n": typeof types.RegisterTrustedDocumentDocument,
    "\n  mutation RemoveTrustedDocument($apiKeyId: ID!, $hash: String!) {\n    removeTrustedDocument(apiKeyId: $apiKeyId, hash: $hash) { hash }\n  }\n": typeof types.RemoveTrustedDocumentDocument,
    "\n  mutation SetApiKeyTrustedDocumentsOnly($id: ID!, $only: Boolean!) {\n    setApiKeyTrustedDocumentsOnly(id: $id, only: $only) { id trustedDocumentsOnly }\n  }\n": typeof types.SetApiKeyTrustedDocumentsOnlyDocument,
    "\n  fragment CollectionRunFields on CollectionRun {\n    id status sources projects error requestedBy createdAt startedAt finishedAt findingCount\n    progress { done total }\n    counts { source added unchanged failed }\n  }\n": typeof types.CollectionRunFieldsFragmentDoc,
    "\n  query CollectionRuns($first: Int) {\n    collectionRuns(first: $first) { ...CollectionRunFields }\n  }\n": typeof types.CollectionRunsDocument,
    "\n  query CollectionRunProgress($id: ID!) {\n    collectionRun(id: $id) { ...CollectionRunFields }\n  }\n": typeof types.CollectionRunProgressDocument,
    "\n  query CollectionRun($id: ID!, $first: Int, $after: String) {\n    collectionRun(id: $id) {\n      ...CollectionRunFields\n      findings { project source kind identifier indicator message renamedTo }\n      evidence(first: $first, after: $after) {\n        edges { node { ...EvidenceFields } }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": typeof types.CollectionRunDocument,
    "\n  mutation StartCollection($input: StartCollectionInput!) {\n    startCollection(input: $input) { id }\n  }\n": typeof types.StartCollectionDocument,
    "\n  mutation CancelCollection($id: ID!) {\n    cancelCollection(id: $id) { ...CollectionRunFields }\n  }\n": typeof types.CancelCollectionDocument,
    "\n  query ProjectSources($slug: String!) {\n    project(slug: $slug) { sources { kind identifier } }\n  }\n": typeof types.ProjectSourcesDocument,
    "\n  mutation SetProjectSources($project: String!, $sources: [ProjectSourceInput!]!) {\n    setProjectSources(project: $project, sources: $sources) { sources { kind identifier } }\n  }\n": typeof types.SetProjectSourcesDocument,
    "\n  query ProjectContacts($slug: String!) {\n    project(slug: $slug) { contacts { id email name createdAt } }\n  }\n": typeof types.ProjectContactsDocument,
    "\n  mutation SetProjectContacts($project: String!, $contacts: [ProjectContactInput!]!) {\n    setProjectContacts(project: $project, contacts: $contacts) { contacts { id email name createdAt } }\n  }\n": typeof types.SetProjectContactsDocument,
    "\n  fragment DisputeFields on Dispute {\n    id status reason claim proposedValue sourceUrl createdAt decidedAt\n    project { slug name nameZh }\n    indicator { key name nameZh unit }\n    edition { id year revision }\n    evidence { id status }\n  }\n": typeof types.DisputeFieldsFragmentDoc,
    "\n  mutation SubmitDispute($input: SubmitDisputeInput!) {\n    submitDispute(input: $input) { id status withdrawalToken }\n  }\n": typeof types.SubmitDisputeDocument,
    "\n  query Dispute($id: ID!) {\n    dispute(id: $id) { ...DisputeFields }\n  }\n": typeof types.DisputeDocument,
    "\n  query Disputes($filter: DisputeFilter, $first: Int, $after: String) {\n    disputes(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...DisputeFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": typeof types.DisputesDocument,
    "\n  mutation AcceptDispute($id: ID!, $reason: String, $sourceUrl: String) {\n    acceptDispute(id: $id, reason: $reason, sourceUrl: $sourceUrl) { ...DisputeFields }\n  }\n": typeof types.AcceptDisputeDocument,
    "\n  mutation RejectDispute($id: ID!, $reason: String!) {\n    rejectDispute(id: $id, reason: $reason) { ...DisputeFields }\n  }\n": typeof types.RejectDisputeDocument,
    "\n  fragment EditionSummaryFields on Edition {\n    id year revision title status cutoff computedAt publishedAt contentHash doi isDefaultRevision\n    methodology { id version }\n  }\n": typeof types.EditionSummaryFieldsFragmentDoc,
    "\n  fragment ProjectRefFields on Project {\n    slug name nameZh country primaryOrganization { slug name nameZh }\n  }\n": typeof types.ProjectRefFieldsFragmentDoc,
    "\n  fragment RegionShareFields on Share {\n    region share projects score topCount(n: 10)\n  }\n": typeof types.RegionShareFieldsFragmentDoc,
    "\n  fragment RankMoveFields on RankMove {\n    project { slug name nameZh } rank previousRank change score previousScore\n  }\n": typeof types.RankMoveFieldsFragmentDoc,
    "\n  query Editions($allRevisions: Boolean) {\n    editions(allRevisions: $allRevisions) { ...EditionSummaryFields }\n  }\n": typeof types.EditionsDocument,
    "\n  query Edition($year: Int!, $revision: Int) {\n    edition(year: $year, revision: $revision) {\n      ...EditionSummaryFields\n      dimensions { key name category }\n      valueCounts { measured illustrative imputed stale brokenLinks flagged total }\n      disputeCounts { raised accepted rejected open withdrawn }\n      contestWindow { closesAt visibility isOpen }\n      previousEdition { id year revision title }\n      sensitivityParameters { samples seed delta }\n    }\n  }\n": typeof types.EditionDocument,
    "\n  query Ranking($year: Int!, $revision: Int, $dimension: String!, $first: Int, $after: String, $search: String) {\n    edition(year: $year, revision: $revision) {\n      ranking(dimension: $dimension, first: $first, after: $after, filter: { search: $search }) {\n        edges {\n          cursor\n          node {\n            rank previousRank rankChange score\n            project { ...ProjectRefFields }\n            breakdown { key name score }\n            indicators { isIllustrative }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": typeof types.RankingDocument,
    "\n  query ProjectResults($slug: String!, $year: Int!, $revision: Int) {\n    project(slug: $slug) {\n      ...ProjectRefFields\n      category\n      results(year: $year, revision: $revision) {\n        dimension rank previousRank rankChange score\n        breakdown { key name score }\n        indicators {\n          indicator { key name nameZh unit }\n          raw normalized contribution isIllustrative imputed stale ageDays\n          evidence { id value sourceUrl observedAt isIllustrative link { status archivedUrl archivedAt } }\n        }\n        rankInterval { rank medianRank p05Rank p95Rank }\n      }\n    }\n  }\n": typeof types.ProjectResultsDocument,
    "\n  query Shares($year: Int!, $revision: Int, $dimension: String) {\n    edition(year: $year, revision: $revision) {\n      regionShares(dimension: $dimension) { ...RegionShareFields }\n      shareRule { key }\n    }\n  }\n": typeof types.SharesDocument,
    "\n  query Sensitivity($year: Int!, $revision: Int, $dimension: String!) {\n    edition(year: $year, revision: $revision) {\n      sensitivity(dimension: $dimension) { project { slug name nameZh } rank medianRank p05Rank p95Rank }\n    }\n  }\n": typeof types.SensitivityDocument,
    "\n  query Changes($year: Int!, $revision: Int) {\n    edition(year: $year, revision: $revision) {\n      changes {\n        previousEdition { year revision title }\n        dimensions {\n          dimension\n          movers { ...RankMoveFields }\n          newEntries { ...RankMoveFields }\n          exits { ...RankMoveFields }\n        }\n      }\n    }\n  }\n": typeof types.ChangesDocument,
    "\n  query OrgRanking($year: Int!, $revision: Int, $dimension: String, $first: Int, $after: String) {\n    edition(year: $year, revision: $revision) {\n      organizationRanking(dimension: $dimension, first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            rank score share projects topCount(n: 10)\n            organization { slug name nameZh country }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": typeof types.OrgRankingDocument,
    "\n  query ShareTrend {\n    editions { year revision status regionShares { ...RegionShareFields } }\n  }\n": typeof types.ShareTrendDocument,
    "\n  query ProjectHistory($slug: String!, $editions: [EditionKeyInput!]!) {\n    project(slug: $slug) { resultsIn(editions: $editions) { results { dimension rank score } } }\n  }\n": typeof types.ProjectHistoryDocument,
    "\n  mutation CreateEdition($input: CreateEditionInput!) {\n    createEdition(input: $input) { ...EditionSummaryFields }\n  }\n": typeof types.CreateEditionDocument,
    "\n  mutation ComputeEdition($id: ID!) {\n    computeEdition(id: $id) { ...EditionSummaryFields }\n  }\n": typeof types.ComputeEditionDocument,
    "\n  mutation PublishEdition($id: ID!, $contentHash: String!) {\n    publishEdition(id: $id, contentHash: $contentHash) { ...EditionSummaryFields }\n  }\n": typeof types.PublishEditionDocument,
    "\n  mutation SetEditionDoi($id: ID!, $doi: String) {\n    setEditionDoi(id: $id, doi: $doi) { ...EditionSummaryFields }\n  }\n": typeof types.SetEditionDoiDocument,
    "\n  query Errata($year: Int!) {\n    edition(year: $year) {\n      year title\n      revisions {\n        revision status publishedAt correctionPolicy correctionCause\n        errata {\n          correctedRevision indicator oldValue newValue cause disputeId decidedAt\n          project { slug name nameZh }\n          dimensions { dimension oldScore newScore oldRank newRank }\n        }\n      }\n    }\n  }\n": typeof types.ErrataDocument,
    "\n  mutation ImportEvidence($csvBase64: String!, $dryRun: Boolean) {\n    importEvidence(csvBase64: $csvBase64, dryRun: $dryRun) {\n      status rows inserted duplicates fileSha256 problemCount problems { line column message }\n    }\n  }\n": typeof types.ImportEvidenceDocument,
    "\n  fragment EvidenceFields on Evidence {\n    id value sourceUrl canonicalUrl observedAt retrievedAt sourceKind note isIllustrative status\n    submittedAt reviewedAt reviewNote\n    project { slug name nameZh category }\n    indicator { key name nameZh unit }\n    submittedBy { id name email }\n    reviewedBy { id name email }\n    anomaly { reason score basis flaggedAt }\n    link { status httpStatus finalUrl checkedAt archivedUrl archivedAt }\n    dispute { id status claim }\n  }\n": typeof types.EvidenceFieldsFragmentDoc,
    "\n  query EvidenceSeries($filter: EvidenceFilter, $first: Int) {\n    evidence(filter: $filter, first: $first) {\n      edges { node { id value observedAt } }\n    }\n  }\n": typeof types.EvidenceSeriesDocument,
    "\n  query Evidence($filter: EvidenceFilter, $first: Int, $after: String) {\n    evidence(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...EvidenceFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": typeof types.EvidenceDocument,
    "\n  mutation SubmitEvidence($input: SubmitEvidenceInput!) {\n    submitEvidence(input: $input) { ...EvidenceFields }\n  }\n": typeof types.SubmitEvidenceDocument,
    "\n  mutation ReviewEvidence($id: ID!, $decision: ReviewDecision!, $note: String) {\n    reviewEvidence(id: $id, decision: $decision, note: $note) { ...EvidenceFields }\n  }\n": typeof types.ReviewEvidenceDocument,
    "\n  mutation ReviewEvidenceBatch($ids: [ID!]!, $decision: ReviewDecision!, $note: String) {\n    reviewEvidenceBatch(ids: $ids, decision: $decision, note: $note) { ...EvidenceFields }\n  }\n": typeof types.ReviewEvidenceBatchDocument,
    "\n  query EvidenceItem($id: ID!) {\n    evidenceItem(id: $id) {\n      ...EvidenceFields\n      provenance {\n        collector collectorVersion retrievedAt requestMethod requestUrl responseStatus responseSha256\n        run { id status }\n        rawResponse(maxBytes: 65536) { text bytes truncated }\n      }\n    }\n  }\n": typeof types.EvidenceItemDocument,
    "\n  query BrokenLinks($statuses: [LinkStatus!], $first: Int, $offset: Int) {\n    brokenLinks(statuses: $statuses, first: $first, offset: $offset) {\n      totalCount\n      edition { id year revision }\n      nodes {\n        dependence error errorKind\n        link { status httpStatus finalUrl checkedAt archivedUrl archivedAt }\n        evidence {\n          id sourceUrl observedAt\n          project { slug name nameZh }\n          indicator { key name nameZh }\n        }\n      }\n    }\n  }\n": typeof types.BrokenLinksDocument,
    "\n  fragment IndicatorFields on Indicator {\n    key name nameZh unit description\n  }\n": typeof types.IndicatorFieldsFragmentDoc,
    "\n  query Methodologies {\n    methodologies { id version title createdAt documentHash }\n  }\n": typeof types.MethodologiesDocument,
    "\n  query Methodology($version: String) {\n    methodology(version: $version) {\n      id version title createdAt documentHash scale document\n      indicators { ...IndicatorFields }\n      dimensions { key name category indicators { key } }\n    }\n  }\n": typeof types.MethodologyDocument,
    "\n  query Indicators($dimension: String) {\n    indicators(dimension: $dimension) { ...IndicatorFields }\n  }\n": typeof types.IndicatorsDocument,
    "\n  mutation UploadMethodology($document: String!) {\n    uploadMethodology(document: $document) {\n      methodology { id version title createdAt documentHash }\n      problems { path message }\n    }\n  }\n": typeof types.UploadMethodologyDocument,
    "\n  fragment ProjectRowFields on Project {\n    slug name nameZh category country status primaryOrganization { slug name nameZh }\n  }\n": typeof types.ProjectRowFieldsFragmentDoc,
    "\n  fragment ProjectDetailFields on Project {\n    id\n    ...ProjectRowFields\n    organizations { slug name nameZh country }\n    repositoryUrl huggingfaceUrl homepageUrl license firstRelease\n  }\n": typeof types.ProjectDetailFieldsFragmentDoc,
    "\n  query Projects($filter: ProjectFilter, $first: Int, $after: String) {\n    projects(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...ProjectRowFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": typeof types.ProjectsDocument,
    "\n  query Project($slug: String!) {\n    project(slug: $slug) { ...ProjectDetailFields }\n  }\n": typeof types.ProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) { ...ProjectDetailFields }\n  }\n": typeof types.CreateProjectDocument,
    "\n  mutation UpdateProject($slug: String!, $input: UpdateProjectInput!) {\n    updateProject(slug: $slug, input: $input) { ...ProjectDetailFields }\n  }\n": typeof types.UpdateProjectDocument,
    "\n  fragment OrganizationRowFields on Organization {\n    slug name nameZh country kind url\n  }\n": typeof types.OrganizationRowFieldsFragmentDoc,
    "\n  query Organizations($filter: OrganizationFilter, $first: Int, $after: String) {\n    organizations(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...OrganizationRowFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": typeof types.OrganizationsDocument,
    "\n  query Organization($slug: String!) {\n    organization(slug: $slug) { id ...OrganizationRowFields projects { ...ProjectRowFields } }\n  }\n": typeof types.OrganizationDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { ...OrganizationRowFields }\n  }\n": typeof types.CreateOrganizationDocument,
    "\n  mutation UpdateOrganization($slug: String!, $input: UpdateOrganizationInput!) {\n    updateOrganization(slug: $slug, input: $input) { ...OrganizationRowFields }\n  }\n": typeof types.UpdateOrganizationDocument,
    "\n  fragment WebhookFields on Webhook {\n    id url description events enabled createdAt updatedAt deletedAt\n  }\n": typeof types.WebhookFieldsFragmentDoc,
    "\n  query Webhooks {\n    webhooks(includeDeleted: true) { ...WebhookFields }\n  }\n": typeof types.WebhooksDocument,
    "\n  query WebhookDetail($id: ID!, $first: Int, $after: String) {\n    webhook(id: $id) {\n      ...WebhookFields\n      deliveries(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges {\n          node {\n            id event eventId status attempts lastResponseCode lastError lastDurationMs\n            nextAttemptAt deliveredAt createdAt\n            attemptLog { attemptedAt ok responseCode error durationMs }\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebhookDetailDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { ...WebhookFields } }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) { ...WebhookFields }\n  }\n": typeof types.UpdateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id) { ...WebhookFields }\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  mutation RedeliverWebhookDelivery($id: ID!) {\n    redeliverWebhookDelivery(id: $id) { id status }\n  }\n": typeof types.RedeliverWebhookDeliveryDocument,
    "\n  query WhatIfSetup($year: Int!, $revision: Int) {\n    edition(year: $year, revision: $revision) {\n      year revision title status\n      dimensions {\n        key name\n        nodes {\n          ... on GroupNode { key name weight }\n          ... on IndicatorNode { weight indicator { key name nameZh } }\n        }\n      }\n    }\n  }\n": typeof types.WhatIfSetupDocument,
    "\n  query WhatIf($year: Int!, $revision: Int, $dimension: String!, $weights: [WeightInput!]!, $first: Int, $after: String) {\n    edition(year: $year, revision: $revision) {\n      whatIf(dimension: $dimension, weights: $weights, first: $first, after: $after) {\n        edges {\n          node {\n            rank score officialRank officialScore rankChange\n            project { slug name nameZh country }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": typeof types.WhatIfDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      user { id email name role }\n      sessionId\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query SessionCheck {\n    viewer { kind user { id email name role } }\n  }\n": typeof types.SessionCheckDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node { id at actorType actorLabel action entityType entityId before after requestId }\n      }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": types.AuditLogDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id name prefix scopes owner { id name email } createdAt lastUsedAt revokedAt\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys(includeRevoked: true) {\n      ...ApiKeyFields\n      trustedDocumentsOnly\n      trustedDocuments { hash name createdAt }\n      usage(days: 30) {\n        day requests errors rateLimited\n        operations { name count }\n        deprecatedFields { field count }\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { key apiKey { ...ApiKeyFields } }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) { ...ApiKeyFields }\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation RegisterTrustedDocument($input: RegisterTrustedDocumentInput!) {\n    registerTrustedDocument(input: $input) { hash name }\n  }\n": types.RegisterTrustedDocumentDocument,
    "\n  mutation RemoveTrustedDocument($apiKeyId: ID!, $hash: String!) {\n    removeTrustedDocument(apiKeyId: $apiKeyId, hash: $hash) { hash }\n  }\n": types.RemoveTrustedDocumentDocument,
    "\n  mutation SetApiKeyTrustedDocumentsOnly($id: ID!, $only: Boolean!) {\n    setApiKeyTrustedDocumentsOnly(id: $id, only: $only) { id trustedDocumentsOnly }\n  }\n": types.SetApiKeyTrustedDocumentsOnlyDocument,
    "\n  fragment CollectionRunFields on CollectionRun {\n    id status sources projects error requestedBy createdAt startedAt finishedAt findingCount\n    progress { done total }\n    counts { source added unchanged failed }\n  }\n": types.CollectionRunFieldsFragmentDoc,
    "\n  query CollectionRuns($first: Int) {\n    collectionRuns(first: $first) { ...CollectionRunFields }\n  }\n": types.CollectionRunsDocument,
    "\n  query CollectionRunProgress($id: ID!) {\n    collectionRun(id: $id) { ...CollectionRunFields }\n  }\n": types.CollectionRunProgressDocument,
    "\n  query CollectionRun($id: ID!, $first: Int, $after: String) {\n    collectionRun(id: $id) {\n      ...CollectionRunFields\n      findings { project source kind identifier indicator message renamedTo }\n      evidence(first: $first, after: $after) {\n        edges { node { ...EvidenceFields } }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": types.CollectionRunDocument,
    "\n  mutation StartCollection($input: StartCollectionInput!) {\n    startCollection(input: $input) { id }\n  }\n": types.StartCollectionDocument,
    "\n  mutation CancelCollection($id: ID!) {\n    cancelCollection(id: $id) { ...CollectionRunFields }\n  }\n": types.CancelCollectionDocument,
    "\n  query ProjectSources($slug: String!) {\n    project(slug: $slug) { sources { kind identifier } }\n  }\n": types.ProjectSourcesDocument,
    "\n  mutation SetProjectSources($project: String!, $sources: [ProjectSourceInput!]!) {\n    setProjectSources(project: $project, sources: $sources) { sources { kind identifier } }\n  }\n": types.SetProjectSourcesDocument,
    "\n  query ProjectContacts($slug: String!) {\n    project(slug: $slug) { contacts { id email name createdAt } }\n  }\n": types.ProjectContactsDocument,
    "\n  mutation SetProjectContacts($project: String!, $contacts: [ProjectContactInput!]!) {\n    setProjectContacts(project: $project, contacts: $contacts) { contacts { id email name createdAt } }\n  }\n": types.SetProjectContactsDocument,
    "\n  fragment DisputeFields on Dispute {\n    id status reason claim proposedValue sourceUrl createdAt decidedAt\n    project { slug name nameZh }\n    indicator { key name nameZh unit }\n    edition { id year revision }\n    evidence { id status }\n  }\n": types.DisputeFieldsFragmentDoc,
    "\n  mutation SubmitDispute($input: SubmitDisputeInput!) {\n    submitDispute(input: $input) { id status withdrawalToken }\n  }\n": types.SubmitDisputeDocument,
    "\n  query Dispute($id: ID!) {\n    dispute(id: $id) { ...DisputeFields }\n  }\n": types.DisputeDocument,
    "\n  query Disputes($filter: DisputeFilter, $first: Int, $after: String) {\n    disputes(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...DisputeFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": types.DisputesDocument,
    "\n  mutation AcceptDispute($id: ID!, $reason: String, $sourceUrl: String) {\n    acceptDispute(id: $id, reason: $reason, sourceUrl: $sourceUrl) { ...DisputeFields }\n  }\n": types.AcceptDisputeDocument,
    "\n  mutation RejectDispute($id: ID!, $reason: String!) {\n    rejectDispute(id: $id, reason: $reason) { ...DisputeFields }\n  }\n": types.RejectDisputeDocument,
    "\n  fragment EditionSummaryFields on Edition {\n    id year revision title status cutoff computedAt publishedAt contentHash doi isDefaultRevision\n    methodology { id version }\n  }\n": types.EditionSummaryFieldsFragmentDoc,
    "\n  fragment ProjectRefFields on Project {\n    slug name nameZh country primaryOrganization { slug name nameZh }\n  }\n": types.ProjectRefFieldsFragmentDoc,
    "\n  fragment RegionShareFields on Share {\n    region share projects score topCount(n: 10)\n  }\n": types.RegionShareFieldsFragmentDoc,
    "\n  fragment RankMoveFields on RankMove {\n    project { slug name nameZh } rank previousRank change score previousScore\n  }\n": types.RankMoveFieldsFragmentDoc,
    "\n  query Editions($allRevisions: Boolean) {\n    editions(allRevisions: $allRevisions) { ...EditionSummaryFields }\n  }\n": types.EditionsDocument,
    "\n  query Edition($year: Int!, $revision: Int) {\n    edition(year: $year, revision: $revision) {\n      ...EditionSummaryFields\n      dimensions { key name category }\n      valueCounts { measured illustrative imputed stale brokenLinks flagged total }\n      disputeCounts { raised accepted rejected open withdrawn }\n      contestWindow { closesAt visibility isOpen }\n      previousEdition { id year revision title }\n      sensitivityParameters { samples seed delta }\n    }\n  }\n": types.EditionDocument,
    "\n  query Ranking($year: Int!, $revision: Int, $dimension: String!, $first: Int, $after: String, $search: String) {\n    edition(year: $year, revision: $revision) {\n      ranking(dimension: $dimension, first: $first, after: $after, filter: { search: $search }) {\n        edges {\n          cursor\n          node {\n            rank previousRank rankChange score\n            project { ...ProjectRefFields }\n            breakdown { key name score }\n            indicators { isIllustrative }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": types.RankingDocument,
    "\n  query ProjectResults($slug: String!, $year: Int!, $revision: Int) {\n    project(slug: $slug) {\n      ...ProjectRefFields\n      category\n      results(year: $year, revision: $revision) {\n        dimension rank previousRank rankChange score\n        breakdown { key name score }\n        indicators {\n          indicator { key name nameZh unit }\n          raw normalized contribution isIllustrative imputed stale ageDays\n          evidence { id value sourceUrl observedAt isIllustrative link { status archivedUrl archivedAt } }\n        }\n        rankInterval { rank medianRank p05Rank p95Rank }\n      }\n    }\n  }\n": types.ProjectResultsDocument,
    "\n  query Shares($year: Int!, $revision: Int, $dimension: String) {\n    edition(year: $year, revision: $revision) {\n      regionShares(dimension: $dimension) { ...RegionShareFields }\n      shareRule { key }\n    }\n  }\n": types.SharesDocument,
    "\n  query Sensitivity($year: Int!, $revision: Int, $dimension: String!) {\n    edition(year: $year, revision: $revision) {\n      sensitivity(dimension: $dimension) { project { slug name nameZh } rank medianRank p05Rank p95Rank }\n    }\n  }\n": types.SensitivityDocument,
    "\n  query Changes($year: Int!, $revision: Int) {\n    edition(year: $year, revision: $revision) {\n      changes {\n        previousEdition { year revision title }\n        dimensions {\n          dimension\n          movers { ...RankMoveFields }\n          newEntries { ...RankMoveFields }\n          exits { ...RankMoveFields }\n        }\n      }\n    }\n  }\n": types.ChangesDocument,
    "\n  query OrgRanking($year: Int!, $revision: Int, $dimension: String, $first: Int, $after: String) {\n    edition(year: $year, revision: $revision) {\n      organizationRanking(dimension: $dimension, first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            rank score share projects topCount(n: 10)\n            organization { slug name nameZh country }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": types.OrgRankingDocument,
    "\n  query ShareTrend {\n    editions { year revision status regionShares { ...RegionShareFields } }\n  }\n": types.ShareTrendDocument,
    "\n  query ProjectHistory($slug: String!, $editions: [EditionKeyInput!]!) {\n    project(slug: $slug) { resultsIn(editions: $editions) { results { dimension rank score } } }\n  }\n": types.ProjectHistoryDocument,
    "\n  mutation CreateEdition($input: CreateEditionInput!) {\n    createEdition(input: $input) { ...EditionSummaryFields }\n  }\n": types.CreateEditionDocument,
    "\n  mutation ComputeEdition($id: ID!) {\n    computeEdition(id: $id) { ...EditionSummaryFields }\n  }\n": types.ComputeEditionDocument,
    "\n  mutation PublishEdition($id: ID!, $contentHash: String!) {\n    publishEdition(id: $id, contentHash: $contentHash) { ...EditionSummaryFields }\n  }\n": types.PublishEditionDocument,
    "\n  mutation SetEditionDoi($id: ID!, $doi: String) {\n    setEditionDoi(id: $id, doi: $doi) { ...EditionSummaryFields }\n  }\n": types.SetEditionDoiDocument,
    "\n  query Errata($year: Int!) {\n    edition(year: $year) {\n      year title\n      revisions {\n        revision status publishedAt correctionPolicy correctionCause\n        errata {\n          correctedRevision indicator oldValue newValue cause disputeId decidedAt\n          project { slug name nameZh }\n          dimensions { dimension oldScore newScore oldRank newRank }\n        }\n      }\n    }\n  }\n": types.ErrataDocument,
    "\n  mutation ImportEvidence($csvBase64: String!, $dryRun: Boolean) {\n    importEvidence(csvBase64: $csvBase64, dryRun: $dryRun) {\n      status rows inserted duplicates fileSha256 problemCount problems { line column message }\n    }\n  }\n": types.ImportEvidenceDocument,
    "\n  fragment EvidenceFields on Evidence {\n    id value sourceUrl canonicalUrl observedAt retrievedAt sourceKind note isIllustrative status\n    submittedAt reviewedAt reviewNote\n    project { slug name nameZh category }\n    indicator { key name nameZh unit }\n    submittedBy { id name email }\n    reviewedBy { id name email }\n    anomaly { reason score basis flaggedAt }\n    link { status httpStatus finalUrl checkedAt archivedUrl archivedAt }\n    dispute { id status claim }\n  }\n": types.EvidenceFieldsFragmentDoc,
    "\n  query EvidenceSeries($filter: EvidenceFilter, $first: Int) {\n    evidence(filter: $filter, first: $first) {\n      edges { node { id value observedAt } }\n    }\n  }\n": types.EvidenceSeriesDocument,
    "\n  query Evidence($filter: EvidenceFilter, $first: Int, $after: String) {\n    evidence(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...EvidenceFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": types.EvidenceDocument,
    "\n  mutation SubmitEvidence($input: SubmitEvidenceInput!) {\n    submitEvidence(input: $input) { ...EvidenceFields }\n  }\n": types.SubmitEvidenceDocument,
    "\n  mutation ReviewEvidence($id: ID!, $decision: ReviewDecision!, $note: String) {\n    reviewEvidence(id: $id, decision: $decision, note: $note) { ...EvidenceFields }\n  }\n": types.ReviewEvidenceDocument,
    "\n  mutation ReviewEvidenceBatch($ids: [ID!]!, $decision: ReviewDecision!, $note: String) {\n    reviewEvidenceBatch(ids: $ids, decision: $decision, note: $note) { ...EvidenceFields }\n  }\n": types.ReviewEvidenceBatchDocument,
    "\n  query EvidenceItem($id: ID!) {\n    evidenceItem(id: $id) {\n      ...EvidenceFields\n      provenance {\n        collector collectorVersion retrievedAt requestMethod requestUrl responseStatus responseSha256\n        run { id status }\n        rawResponse(maxBytes: 65536) { text bytes truncated }\n      }\n    }\n  }\n": types.EvidenceItemDocument,
    "\n  query BrokenLinks($statuses: [LinkStatus!], $first: Int, $offset: Int) {\n    brokenLinks(statuses: $statuses, first: $first, offset: $offset) {\n      totalCount\n      edition { id year revision }\n      nodes {\n        dependence error errorKind\n        link { status httpStatus finalUrl checkedAt archivedUrl archivedAt }\n        evidence {\n          id sourceUrl observedAt\n          project { slug name nameZh }\n          indicator { key name nameZh }\n        }\n      }\n    }\n  }\n": types.BrokenLinksDocument,
    "\n  fragment IndicatorFields on Indicator {\n    key name nameZh unit description\n  }\n": types.IndicatorFieldsFragmentDoc,
    "\n  query Methodologies {\n    methodologies { id version title createdAt documentHash }\n  }\n": types.MethodologiesDocument,
    "\n  query Methodology($version: String) {\n    methodology(version: $version) {\n      id version title createdAt documentHash scale document\n      indicators { ...IndicatorFields }\n      dimensions { key name category indicators { key } }\n    }\n  }\n": types.MethodologyDocument,
    "\n  query Indicators($dimension: String) {\n    indicators(dimension: $dimension) { ...IndicatorFields }\n  }\n": types.IndicatorsDocument,
    "\n  mutation UploadMethodology($document: String!) {\n    uploadMethodology(document: $document) {\n      methodology { id version title createdAt documentHash }\n      problems { path message }\n    }\n  }\n": types.UploadMethodologyDocument,
    "\n  fragment ProjectRowFields on Project {\n    slug name nameZh category country status primaryOrganization { slug name nameZh }\n  }\n": types.ProjectRowFieldsFragmentDoc,
    "\n  fragment ProjectDetailFields on Project {\n    id\n    ...ProjectRowFields\n    organizations { slug name nameZh country }\n    repositoryUrl huggingfaceUrl homepageUrl license firstRelease\n  }\n": types.ProjectDetailFieldsFragmentDoc,
    "\n  query Projects($filter: ProjectFilter, $first: Int, $after: String) {\n    projects(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...ProjectRowFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": types.ProjectsDocument,
    "\n  query Project($slug: String!) {\n    project(slug: $slug) { ...ProjectDetailFields }\n  }\n": types.ProjectDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) { ...ProjectDetailFields }\n  }\n": types.CreateProjectDocument,
    "\n  mutation UpdateProject($slug: String!, $input: UpdateProjectInput!) {\n    updateProject(slug: $slug, input: $input) { ...ProjectDetailFields }\n  }\n": types.UpdateProjectDocument,
    "\n  fragment OrganizationRowFields on Organization {\n    slug name nameZh country kind url\n  }\n": types.OrganizationRowFieldsFragmentDoc,
    "\n  query Organizations($filter: OrganizationFilter, $first: Int, $after: String) {\n    organizations(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...OrganizationRowFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n": types.OrganizationsDocument,
    "\n  query Organization($slug: String!) {\n    organization(slug: $slug) { id ...OrganizationRowFields projects { ...ProjectRowFields } }\n  }\n": types.OrganizationDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { ...OrganizationRowFields }\n  }\n": types.CreateOrganizationDocument,
    "\n  mutation UpdateOrganization($slug: String!, $input: UpdateOrganizationInput!) {\n    updateOrganization(slug: $slug, input: $input) { ...OrganizationRowFields }\n  }\n": types.UpdateOrganizationDocument,
    "\n  fragment WebhookFields on Webhook {\n    id url description events enabled createdAt updatedAt deletedAt\n  }\n": types.WebhookFieldsFragmentDoc,
    "\n  query Webhooks {\n    webhooks(includeDeleted: true) { ...WebhookFields }\n  }\n": types.WebhooksDocument,
    "\n  query WebhookDetail($id: ID!, $first: Int, $after: String) {\n    webhook(id: $id) {\n      ...WebhookFields\n      deliveries(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges {\n          node {\n            id event eventId status attempts lastResponseCode lastError lastDurationMs\n            nextAttemptAt deliveredAt createdAt\n            attemptLog { attemptedAt ok responseCode error durationMs }\n          }\n        }\n      }\n    }\n  }\n": types.WebhookDetailDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { ...WebhookFields } }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) { ...WebhookFields }\n  }\n": types.UpdateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id) { ...WebhookFields }\n  }\n": types.DeleteWebhookDocument,
    "\n  mutation RedeliverWebhookDelivery($id: ID!) {\n    redeliverWebhookDelivery(id: $id) { id status }\n  }\n": types.RedeliverWebhookDeliveryDocument,
    "\n  query WhatIfSetup($year: Int!, $revision: Int) {\n    edition(year: $year, revision: $revision) {\n      year revision title status\n      dimensions {\n        key name\n        nodes {\n          ... on GroupNode { key name weight }\n          ... on IndicatorNode { weight indicator { key name nameZh } }\n        }\n      }\n    }\n  }\n": types.WhatIfSetupDocument,
    "\n  query WhatIf($year: Int!, $revision: Int, $dimension: String!, $weights: [WeightInput!]!, $first: Int, $after: String) {\n    edition(year: $year, revision: $revision) {\n      whatIf(dimension: $dimension, weights: $weights, first: $first, after: $after) {\n        edges {\n          node {\n            rank score officialRank officialScore rankChange\n            project { slug name nameZh country }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n": types.WhatIfDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      user { id email name role }\n      sessionId\n    }\n  }\n": types.SignInDocument,
    "\n  query SessionCheck {\n    viewer { kind user { id email name role } }\n  }\n": types.SessionCheckDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node { id at actorType actorLabel action entityType entityId before after requestId }\n      }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"): typeof import('./graphql').AuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id name prefix scopes owner { id name email } createdAt lastUsedAt revokedAt\n  }\n"): typeof import('./graphql').ApiKeyFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys {\n    apiKeys(includeRevoked: true) {\n      ...ApiKeyFields\n      trustedDocumentsOnly\n      trustedDocuments { hash name createdAt }\n      usage(days: 30) {\n        day requests errors rateLimited\n        operations { name count }\n        deprecatedFields { field count }\n      }\n    }\n  }\n"): typeof import('./graphql').ApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { key apiKey { ...ApiKeyFields } }\n  }\n"): typeof import('./graphql').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) { ...ApiKeyFields }\n  }\n"): typeof import('./graphql').RevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterTrustedDocument($input: RegisterTrustedDocumentInput!) {\n    registerTrustedDocument(input: $input) { hash name }\n  }\n"): typeof import('./graphql').RegisterTrustedDocumentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveTrustedDocument($apiKeyId: ID!, $hash: String!) {\n    removeTrustedDocument(apiKeyId: $apiKeyId, hash: $hash) { hash }\n  }\n"): typeof import('./graphql').RemoveTrustedDocumentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetApiKeyTrustedDocumentsOnly($id: ID!, $only: Boolean!) {\n    setApiKeyTrustedDocumentsOnly(id: $id, only: $only) { id trustedDocumentsOnly }\n  }\n"): typeof import('./graphql').SetApiKeyTrustedDocumentsOnlyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CollectionRunFields on CollectionRun {\n    id status sources projects error requestedBy createdAt startedAt finishedAt findingCount\n    progress { done total }\n    counts { source added unchanged failed }\n  }\n"): typeof import('./graphql').CollectionRunFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CollectionRuns($first: Int) {\n    collectionRuns(first: $first) { ...CollectionRunFields }\n  }\n"): typeof import('./graphql').CollectionRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CollectionRunProgress($id: ID!) {\n    collectionRun(id: $id) { ...CollectionRunFields }\n  }\n"): typeof import('./graphql').CollectionRunProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CollectionRun($id: ID!, $first: Int, $after: String) {\n    collectionRun(id: $id) {\n      ...CollectionRunFields\n      findings { project source kind identifier indicator message renamedTo }\n      evidence(first: $first, after: $after) {\n        edges { node { ...EvidenceFields } }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n"): typeof import('./graphql').CollectionRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartCollection($input: StartCollectionInput!) {\n    startCollection(input: $input) { id }\n  }\n"): typeof import('./graphql').StartCollectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelCollection($id: ID!) {\n    cancelCollection(id: $id) { ...CollectionRunFields }\n  }\n"): typeof import('./graphql').CancelCollectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectSources($slug: String!) {\n    project(slug: $slug) { sources { kind identifier } }\n  }\n"): typeof import('./graphql').ProjectSourcesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetProjectSources($project: String!, $sources: [ProjectSourceInput!]!) {\n    setProjectSources(project: $project, sources: $sources) { sources { kind identifier } }\n  }\n"): typeof import('./graphql').SetProjectSourcesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectContacts($slug: String!) {\n    project(slug: $slug) { contacts { id email name createdAt } }\n  }\n"): typeof import('./graphql').ProjectContactsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetProjectContacts($project: String!, $contacts: [ProjectContactInput!]!) {\n    setProjectContacts(project: $project, contacts: $contacts) { contacts { id email name createdAt } }\n  }\n"): typeof import('./graphql').SetProjectContactsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DisputeFields on Dispute {\n    id status reason claim proposedValue sourceUrl createdAt decidedAt\n    project { slug name nameZh }\n    indicator { key name nameZh unit }\n    edition { id year revision }\n    evidence { id status }\n  }\n"): typeof import('./graphql').DisputeFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitDispute($input: SubmitDisputeInput!) {\n    submitDispute(input: $input) { id status withdrawalToken }\n  }\n"): typeof import('./graphql').SubmitDisputeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dispute($id: ID!) {\n    dispute(id: $id) { ...DisputeFields }\n  }\n"): typeof import('./graphql').DisputeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Disputes($filter: DisputeFilter, $first: Int, $after: String) {\n    disputes(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...DisputeFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"): typeof import('./graphql').DisputesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptDispute($id: ID!, $reason: String, $sourceUrl: String) {\n    acceptDispute(id: $id, reason: $reason, sourceUrl: $sourceUrl) { ...DisputeFields }\n  }\n"): typeof import('./graphql').AcceptDisputeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectDispute($id: ID!, $reason: String!) {\n    rejectDispute(id: $id, reason: $reason) { ...DisputeFields }\n  }\n"): typeof import('./graphql').RejectDisputeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditionSummaryFields on Edition {\n    id year revision title status cutoff computedAt publishedAt contentHash doi isDefaultRevision\n    methodology { id version }\n  }\n"): typeof import('./graphql').EditionSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectRefFields on Project {\n    slug name nameZh country primaryOrganization { slug name nameZh }\n  }\n"): typeof import('./graphql').ProjectRefFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RegionShareFields on Share {\n    region share projects score topCount(n: 10)\n  }\n"): typeof import('./graphql').RegionShareFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RankMoveFields on RankMove {\n    project { slug name nameZh } rank previousRank change score previousScore\n  }\n"): typeof import('./graphql').RankMoveFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Editions($allRevisions: Boolean) {\n    editions(allRevisions: $allRevisions) { ...EditionSummaryFields }\n  }\n"): typeof import('./graphql').EditionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Edition($year: Int!, $revision: Int) {\n    edition(year: $year, revision: $revision) {\n      ...EditionSummaryFields\n      dimensions { key name category }\n      valueCounts { measured illustrative imputed stale brokenLinks flagged total }\n      disputeCounts { raised accepted rejected open withdrawn }\n      contestWindow { closesAt visibility isOpen }\n      previousEdition { id year revision title }\n      sensitivityParameters { samples seed delta }\n    }\n  }\n"): typeof import('./graphql').EditionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ranking($year: Int!, $revision: Int, $dimension: String!, $first: Int, $after: String, $search: String) {\n    edition(year: $year, revision: $revision) {\n      ranking(dimension: $dimension, first: $first, after: $after, filter: { search: $search }) {\n        edges {\n          cursor\n          node {\n            rank previousRank rankChange score\n            project { ...ProjectRefFields }\n            breakdown { key name score }\n            indicators { isIllustrative }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n"): typeof import('./graphql').RankingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectResults($slug: String!, $year: Int!, $revision: Int) {\n    project(slug: $slug) {\n      ...ProjectRefFields\n      category\n      results(year: $year, revision: $revision) {\n        dimension rank previousRank rankChange score\n        breakdown { key name score }\n        indicators {\n          indicator { key name nameZh unit }\n          raw normalized contribution isIllustrative imputed stale ageDays\n          evidence { id value sourceUrl observedAt isIllustrative link { status archivedUrl archivedAt } }\n        }\n        rankInterval { rank medianRank p05Rank p95Rank }\n      }\n    }\n  }\n"): typeof import('./graphql').ProjectResultsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shares($year: Int!, $revision: Int, $dimension: String) {\n    edition(year: $year, revision: $revision) {\n      regionShares(dimension: $dimension) { ...RegionShareFields }\n      shareRule { key }\n    }\n  }\n"): typeof import('./graphql').SharesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sensitivity($year: Int!, $revision: Int, $dimension: String!) {\n    edition(year: $year, revision: $revision) {\n      sensitivity(dimension: $dimension) { project { slug name nameZh } rank medianRank p05Rank p95Rank }\n    }\n  }\n"): typeof import('./graphql').SensitivityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Changes($year: Int!, $revision: Int) {\n    edition(year: $year, revision: $revision) {\n      changes {\n        previousEdition { year revision title }\n        dimensions {\n          dimension\n          movers { ...RankMoveFields }\n          newEntries { ...RankMoveFields }\n          exits { ...RankMoveFields }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgRanking($year: Int!, $revision: Int, $dimension: String, $first: Int, $after: String) {\n    edition(year: $year, revision: $revision) {\n      organizationRanking(dimension: $dimension, first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            rank score share projects topCount(n: 10)\n            organization { slug name nameZh country }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n"): typeof import('./graphql').OrgRankingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShareTrend {\n    editions { year revision status regionShares { ...RegionShareFields } }\n  }\n"): typeof import('./graphql').ShareTrendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectHistory($slug: String!, $editions: [EditionKeyInput!]!) {\n    project(slug: $slug) { resultsIn(editions: $editions) { results { dimension rank score } } }\n  }\n"): typeof import('./graphql').ProjectHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEdition($input: CreateEditionInput!) {\n    createEdition(input: $input) { ...EditionSummaryFields }\n  }\n"): typeof import('./graphql').CreateEditionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ComputeEdition($id: ID!) {\n    computeEdition(id: $id) { ...EditionSummaryFields }\n  }\n"): typeof import('./graphql').ComputeEditionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishEdition($id: ID!, $contentHash: String!) {\n    publishEdition(id: $id, contentHash: $contentHash) { ...EditionSummaryFields }\n  }\n"): typeof import('./graphql').PublishEditionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetEditionDoi($id: ID!, $doi: String) {\n    setEditionDoi(id: $id, doi: $doi) { ...EditionSummaryFields }\n  }\n"): typeof import('./graphql').SetEditionDoiDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Errata($year: Int!) {\n    edition(year: $year) {\n      year title\n      revisions {\n        revision status publishedAt correctionPolicy correctionCause\n        errata {\n          correctedRevision indicator oldValue newValue cause disputeId decidedAt\n          project { slug name nameZh }\n          dimensions { dimension oldScore newScore oldRank newRank }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ErrataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportEvidence($csvBase64: String!, $dryRun: Boolean) {\n    importEvidence(csvBase64: $csvBase64, dryRun: $dryRun) {\n      status rows inserted duplicates fileSha256 problemCount problems { line column message }\n    }\n  }\n"): typeof import('./graphql').ImportEvidenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EvidenceFields on Evidence {\n    id value sourceUrl canonicalUrl observedAt retrievedAt sourceKind note isIllustrative status\n    submittedAt reviewedAt reviewNote\n    project { slug name nameZh category }\n    indicator { key name nameZh unit }\n    submittedBy { id name email }\n    reviewedBy { id name email }\n    anomaly { reason score basis flaggedAt }\n    link { status httpStatus finalUrl checkedAt archivedUrl archivedAt }\n    dispute { id status claim }\n  }\n"): typeof import('./graphql').EvidenceFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvidenceSeries($filter: EvidenceFilter, $first: Int) {\n    evidence(filter: $filter, first: $first) {\n      edges { node { id value observedAt } }\n    }\n  }\n"): typeof import('./graphql').EvidenceSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Evidence($filter: EvidenceFilter, $first: Int, $after: String) {\n    evidence(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...EvidenceFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"): typeof import('./graphql').EvidenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitEvidence($input: SubmitEvidenceInput!) {\n    submitEvidence(input: $input) { ...EvidenceFields }\n  }\n"): typeof import('./graphql').SubmitEvidenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewEvidence($id: ID!, $decision: ReviewDecision!, $note: String) {\n    reviewEvidence(id: $id, decision: $decision, note: $note) { ...EvidenceFields }\n  }\n"): typeof import('./graphql').ReviewEvidenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewEvidenceBatch($ids: [ID!]!, $decision: ReviewDecision!, $note: String) {\n    reviewEvidenceBatch(ids: $ids, decision: $decision, note: $note) { ...EvidenceFields }\n  }\n"): typeof import('./graphql').ReviewEvidenceBatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvidenceItem($id: ID!) {\n    evidenceItem(id: $id) {\n      ...EvidenceFields\n      provenance {\n        collector collectorVersion retrievedAt requestMethod requestUrl responseStatus responseSha256\n        run { id status }\n        rawResponse(maxBytes: 65536) { text bytes truncated }\n      }\n    }\n  }\n"): typeof import('./graphql').EvidenceItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BrokenLinks($statuses: [LinkStatus!], $first: Int, $offset: Int) {\n    brokenLinks(statuses: $statuses, first: $first, offset: $offset) {\n      totalCount\n      edition { id year revision }\n      nodes {\n        dependence error errorKind\n        link { status httpStatus finalUrl checkedAt archivedUrl archivedAt }\n        evidence {\n          id sourceUrl observedAt\n          project { slug name nameZh }\n          indicator { key name nameZh }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BrokenLinksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IndicatorFields on Indicator {\n    key name nameZh unit description\n  }\n"): typeof import('./graphql').IndicatorFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Methodologies {\n    methodologies { id version title createdAt documentHash }\n  }\n"): typeof import('./graphql').MethodologiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Methodology($version: String) {\n    methodology(version: $version) {\n      id version title createdAt documentHash scale document\n      indicators { ...IndicatorFields }\n      dimensions { key name category indicators { key } }\n    }\n  }\n"): typeof import('./graphql').MethodologyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Indicators($dimension: String) {\n    indicators(dimension: $dimension) { ...IndicatorFields }\n  }\n"): typeof import('./graphql').IndicatorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadMethodology($document: String!) {\n    uploadMethodology(document: $document) {\n      methodology { id version title createdAt documentHash }\n      problems { path message }\n    }\n  }\n"): typeof import('./graphql').UploadMethodologyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectRowFields on Project {\n    slug name nameZh category country status primaryOrganization { slug name nameZh }\n  }\n"): typeof import('./graphql').ProjectRowFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectDetailFields on Project {\n    id\n    ...ProjectRowFields\n    organizations { slug name nameZh country }\n    repositoryUrl huggingfaceUrl homepageUrl license firstRelease\n  }\n"): typeof import('./graphql').ProjectDetailFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Projects($filter: ProjectFilter, $first: Int, $after: String) {\n    projects(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...ProjectRowFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"): typeof import('./graphql').ProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Project($slug: String!) {\n    project(slug: $slug) { ...ProjectDetailFields }\n  }\n"): typeof import('./graphql').ProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) { ...ProjectDetailFields }\n  }\n"): typeof import('./graphql').CreateProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProject($slug: String!, $input: UpdateProjectInput!) {\n    updateProject(slug: $slug, input: $input) { ...ProjectDetailFields }\n  }\n"): typeof import('./graphql').UpdateProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrganizationRowFields on Organization {\n    slug name nameZh country kind url\n  }\n"): typeof import('./graphql').OrganizationRowFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organizations($filter: OrganizationFilter, $first: Int, $after: String) {\n    organizations(filter: $filter, first: $first, after: $after) {\n      edges { cursor node { ...OrganizationRowFields } }\n      pageInfo { hasNextPage endCursor }\n      totalCount\n    }\n  }\n"): typeof import('./graphql').OrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organization($slug: String!) {\n    organization(slug: $slug) { id ...OrganizationRowFields projects { ...ProjectRowFields } }\n  }\n"): typeof import('./graphql').OrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { ...OrganizationRowFields }\n  }\n"): typeof import('./graphql').CreateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOrganization($slug: String!, $input: UpdateOrganizationInput!) {\n    updateOrganization(slug: $slug, input: $input) { ...OrganizationRowFields }\n  }\n"): typeof import('./graphql').UpdateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookFields on Webhook {\n    id url description events enabled createdAt updatedAt deletedAt\n  }\n"): typeof import('./graphql').WebhookFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Webhooks {\n    webhooks(includeDeleted: true) { ...WebhookFields }\n  }\n"): typeof import('./graphql').WebhooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDetail($id: ID!, $first: Int, $after: String) {\n    webhook(id: $id) {\n      ...WebhookFields\n      deliveries(first: $first, after: $after) {\n        totalCount\n        pageInfo { hasNextPage endCursor }\n        edges {\n          node {\n            id event eventId status attempts lastResponseCode lastError lastDurationMs\n            nextAttemptAt deliveredAt createdAt\n            attemptLog { attemptedAt ok responseCode error durationMs }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WebhookDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) { secret webhook { ...WebhookFields } }\n  }\n"): typeof import('./graphql').CreateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {\n    updateWebhook(id: $id, input: $input) { ...WebhookFields }\n  }\n"): typeof import('./graphql').UpdateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id) { ...WebhookFields }\n  }\n"): typeof import('./graphql').DeleteWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhookDelivery($id: ID!) {\n    redeliverWebhookDelivery(id: $id) { id status }\n  }\n"): typeof import('./graphql').RedeliverWebhookDeliveryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhatIfSetup($year: Int!, $revision: Int) {\n    edition(year: $year, revision: $revision) {\n      year revision title status\n      dimensions {\n        key name\n        nodes {\n          ... on GroupNode { key name weight }\n          ... on IndicatorNode { weight indicator { key name nameZh } }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WhatIfSetupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhatIf($year: Int!, $revision: Int, $dimension: String!, $weights: [WeightInput!]!, $first: Int, $after: String) {\n    edition(year: $year, revision: $revision) {\n      whatIf(dimension: $dimension, weights: $weights, first: $first, after: $after) {\n        edges {\n          node {\n            rank score officialRank officialScore rankChange\n            project { slug name nameZh country }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n        totalCount\n      }\n    }\n  }\n"): typeof import('./graphql').WhatIfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      user { id email name role }\n      sessionId\n    }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionCheck {\n    viewer { kind user { id email name role } }\n  }\n"): typeof import('./graphql').SessionCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): typeof import('./graphql').SignOutDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
