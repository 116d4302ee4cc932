/** Turns an Authorization header into an Actor: anonymous, an admin user (JWT) or a partner key. */
import type { AppDeps } from '../context';
import { AppError } from '../errors';
import type { Loaders } from '../loaders';
import { authenticateApiKey } from '../modules/api-keys/service';
import { authenticateUserToken } from '../modules/users/service';
import { type Actor, anonymousActor } from './actor';
import { looksLikeApiKey } from './api-key-format';

export async function authenticate(
  deps: AppDeps,
  loaders: Loaders,
  authorization: string | undefined,
): Promise<Actor> {
  if (!authorization) return anonymousActor();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"');
  const token = match[1];
  return looksLikeApiKey(token)
    ? authenticateApiKey(deps, token)
    : authenticateUserToken(deps, loaders, token);
}
