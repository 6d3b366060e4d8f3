import { http } from './client.ts';
import type { Health, LoginResult, Ok, Session, TotpSetup } from './types.ts';

export const authApi = {
  health: () => http.get<Health>('/api/health'),
  me: () => http.get<Session>('/api/auth/me'),
  login: (username: string, password: string) => http.post<LoginResult>('/api/auth/login', { username, password }),
  verifyTotp: (code: string) => http.post<Session>('/api/auth/totp/verify', { code }),
  logout: () => http.post<Ok>('/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => http.post<Ok>('/api/auth/password', { currentPassword, newPassword }),
  setupTotp: () => http.post<TotpSetup>('/api/auth/totp/setup'),
  enableTotp: (code: string) => http.post<Ok>('/api/auth/totp/enable', { code }),
};

export function isSession(result: LoginResult): result is Session {
  return !('totpRequired' in result);
}
