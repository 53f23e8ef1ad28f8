/** Scalars every subgraph declares the same way (graphql-scalars implements them). */
import { DateTimeResolver } from 'graphql-scalars';

export const scalarResolvers = { DateTime: DateTimeResolver };
