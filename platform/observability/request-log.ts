/**
 * One debug line per GraphQL operation served (operation name, type, error codes, milliseconds), in
 * the gateway and every subgraph: with LOG_LEVEL=debug a request can be followed across processes
 * by its `requestId`/`traceId` (added by the logger's mixin). Never variables or headers: they may
 * hold passwords and tokens.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';

export function requestLogPlugin(log: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, errors, request }) {
          if (!log.isLevelEnabled('debug')) return;
          log.debug(
            {
              operation: (operationName ?? request.operationName ?? 'anonymous').slice(0, 100),
              type: operation?.operation ?? 'unknown',
              errors: errors?.map((e) => String(e.extensions?.code ?? 'UNKNOWN')),
              ms: Math.round(performance.now() - started),
            },
            'operation served',
          );
        },
      };
    },
  };
}
