/**
 * The request a piece of work belongs to, without passing it around: an AsyncLocalStorage entered
 * by an express middleware on `/graphql` (gateway and subgraphs) and read by the logger's mixin, so
 * every line logged while serving a request carries its `requestId` and `userId`, whichever module
 * logs it. The gateway takes a well-formed incoming `x-request-id` or makes one, answers it in the
 * response header and forwards it to subgraphs (header and identity token); subgraphs reuse it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  requestId: string;
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The request being served here, if any. */
export const currentRequest = (): RequestContext | undefined => storage.getStore();

/** A well-formed incoming `x-request-id`, else a new one. */
export function requestIdOf(req: Request): string {
  const incoming = req.get('x-request-id');
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Runs the rest of the request inside its context. Mount it after the body parser: the parser's
 * stream callbacks run in the socket's async context, which would lose the store.
 */
export function requestContextMiddleware(options: { answerHeader: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const context: RequestContext = { requestId: requestIdOf(req) };
    res.locals.requestContext = context;
    if (options.answerHeader) res.setHeader('x-request-id', context.requestId);
    storage.run(context, next);
  };
}

/** The context the middleware made for this response (to add the user once the caller is known). */
export const requestContextOf = (res: Response): RequestContext | undefined => res.locals.requestContext as RequestContext | undefined;
