/**
 * Who is asking, as the gateway vouches for it. The gateway verifies the caller's access token and
 * forwards this identity to subgraphs in a short-lived token it signs (`x-identity-token`).
 * Subgraphs trust nothing else: a plain `x-user-id` header or a direct call carries no user.
 */
import { SignJWT, jwtVerify } from 'jose';
import { config, identitySecret } from './config.js';
import { SUBGRAPHS, type SubgraphName } from './services.js';

export type Role = 'USER' | 'ADMIN';

export interface RequestIdentity {
  /** The signed-in user, if any. */
  userId?: string;
  /** The session (refresh-token family) the access token belongs to. */
  sessionId?: string;
  roles: Role[];
  /** Client address and agent as the gateway saw them. */
  ip?: string;
  userAgent?: string;
  requestId?: string;
  /**
   * Set when another subgraph's own work calls this one (a library import asking users for a linked
   * account's token, or catalog for mappings), rather than a client through the gateway. `userId` is
   * then the user on whose behalf the work runs, if any.
   */
  service?: SubgraphName;
  /** True only when the request carries a valid identity token (signed by the gateway, or a service). */
  viaGateway: boolean;
}

export const IDENTITY_HEADER = 'x-identity-token';
const ISSUER = 'supergraph-gateway';
const AUDIENCE = 'supergraph-subgraphs';

export const ANONYMOUS: RequestIdentity = Object.freeze({ roles: [], viaGateway: false });

export async function signIdentity(identity: Omit<RequestIdentity, 'viaGateway'>): Promise<string> {
  return new SignJWT({
    sid: identity.sessionId,
    roles: identity.roles,
    ip: identity.ip,
    ua: identity.userAgent,
    rid: identity.requestId,
    svc: identity.service,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(identity.userId ?? '')
    .setIssuedAt()
    .setExpirationTime(`${config().IDENTITY_TOKEN_TTL_SECONDS}s`)
    .sign(identitySecret());
}

/** The identity in a request's headers; anonymous when the token is missing, forged or expired. */
export async function readIdentity(token: string | undefined): Promise<RequestIdentity> {
  if (!token) return ANONYMOUS;
  try {
    const { payload } = await jwtVerify(token, identitySecret(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => r === 'USER' || r === 'ADMIN') : [];
    return {
      userId: payload.sub || undefined,
      sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
      roles,
      ip: typeof payload.ip === 'string' ? payload.ip : undefined,
      userAgent: typeof payload.ua === 'string' ? payload.ua : undefined,
      requestId: typeof payload.rid === 'string' ? payload.rid : undefined,
      service: SUBGRAPHS.find((name) => name === payload.svc),
      viaGateway: true,
    };
  } catch {
    return ANONYMOUS;
  }
}

/**
 * The identity a subgraph's background work presents to another subgraph: the service's name and the
 * user it acts for. Signed with the same secret as the gateway's, so the callee's shield checks it
 * like any other request; only fields whose rules name the service accept it as such.
 */
export function signServiceIdentity(service: SubgraphName, onBehalfOf?: string): Promise<string> {
  return signIdentity({ service, userId: onBehalfOf, roles: onBehalfOf ? ['USER'] : [] });
}
