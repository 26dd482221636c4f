import { z } from 'zod';
import { LoginRequest, RegisterRequest, User } from '../../protocol/index';
import { event, method, noun } from '../define';

/** Who is signed in. The token never appears here: the main side holds it. */
export const AccountView = z.object({
  signedIn: z.boolean(),
  user: User.pick({ handle: true, displayName: true }).nullable(),
  /** Why the studio is signed out (e.g. the platform refused the session); null when the user chose it. */
  reason: z.string().nullable(),
  platformUrl: z.string().nullable(),
});
export type AccountView = z.output<typeof AccountView>;

export const account = noun({
  methods: {
    status: method(z.undefined(), AccountView),
    register: method(RegisterRequest, AccountView),
    login: method(LoginRequest, AccountView),
    logout: method(z.undefined(), AccountView),
  },
  events: {
    changed: event(AccountView),
  },
});
