/** Who may report listening: any signed-in user, for their own devices (checked by the resolver). */
import type { IRules } from 'graphql-shield';
import { isSignedIn, viaGateway } from '../../../platform/graphql/permissions.js';

export const listeningMutationPermissions = {
  reportListening: isSignedIn,
} satisfies IRules;

export const listeningTypePermissions = {
  // Only ever the answer of reportListening.
  ListeningReport: viaGateway,
} satisfies IRules;
