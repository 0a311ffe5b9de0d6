import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** `GET /v1/me`: who the key is and what its role allows. */
export interface Me {
  keyId: string;
  actor: string;
  name: string;
  role: string;
  allowed: string[];
}

export const MeContext = createContext<Me | null>(null);

/** Whether the session's key may take `action` (a name of `GET /v1/me`'s `allowed`). */
export function useAllowed(action: string): boolean {
  return useContext(MeContext)?.allowed.includes(action) ?? false;
}
