/**
 * Who is asking: a person waiting on a GraphQL request, or a background job. Interactive callers
 * are served first: jobs leave a reserve of every scarce budget to them, and jobs are the ones that
 * wait when a budget is spent (see platform/jobs/quota-wait.ts).
 */
export type CallerPriority = 'interactive' | 'background';
