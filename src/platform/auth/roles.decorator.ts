import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';

export type Role = 'viewer' | 'responder' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'responder', 'admin'];
export const ROLES_KEY = 'goldenhour:roles';
export const PUBLIC_KEY = 'goldenhour:public';

/** The least role a route needs (admin passes everything). Routes without it need 'viewer'. */
export const Roles = (role: Role) => SetMetadata(ROLES_KEY, role);

/** No token needed (health checks only). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Who called: set by the auth guard from the bearer token. */
export interface CurrentUserInfo {
  tokenId: string;
  name: string;
  role: Role;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): CurrentUserInfo | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: CurrentUserInfo }>().user;
});

/** Whether a caller with `has` may do what needs `needs`. */
export function roleAllows(has: Role, needs: Role): boolean {
  return ROLES.indexOf(has) >= ROLES.indexOf(needs);
}
