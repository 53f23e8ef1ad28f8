/**
 * Asks the catalog (through the graph, on the user's behalf) to map an import's tracks to YouTube:
 * 100 distinct tracks per `requestMapping`, as the catalog takes them. The catalog runs them behind
 * interactive requests, since they come from a service, and answers the same job for the same batch,
 * so a retried import asks again at no cost.
 */
import type { ServiceClient } from '../../../platform/graphql/service-client.js';

const TRACKS_PER_MAPPING_JOB = 100;
const REQUEST = 'mutation LibraryImportMapping($trackIds: [ID!]!) { requestMapping(trackIds: $trackIds) { id } }';

export async function requestMappings(
  graph: ServiceClient,
  userId: string,
  trackIds: readonly string[],
  onProgress: (share: number) => Promise<void>,
): Promise<string[]> {
  // Sorted, so that the same tracks make the same batches (and so the same catalog jobs) on every run.
  const distinct = [...new Set(trackIds)].sort();
  const jobIds: string[] = [];
  for (let start = 0; start < distinct.length; start += TRACKS_PER_MAPPING_JOB) {
    const batch = distinct.slice(start, start + TRACKS_PER_MAPPING_JOB);
    const { requestMapping } = await graph.request<{ requestMapping: { id: string } }>('catalog', REQUEST, { trackIds: batch }, { onBehalfOf: userId });
    jobIds.push(requestMapping.id);
    await onProgress(Math.min(1, (start + batch.length) / distinct.length));
  }
  return jobIds;
}
