import type { Router } from 'vue-router';
import type { SafetyStatus } from '@shared/contract/safety';
import { api, ApiError } from '../../api/client';

/** Screens shown instead of the app while the database is locked or cannot be opened. */
const SCREEN: Record<SafetyStatus['state'], string | null> = { open: null, locked: '/lock', damaged: '/recovery', newer: '/recovery' };
const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

let lastActivity = Date.now();
let status: SafetyStatus | null = null;

export async function refreshStatus(): Promise<SafetyStatus> {
  status = await api('safety.status', {});
  return status;
}

/**
 * Sends every navigation to the lock screen or the recovery screen while the database is not open,
 * and locks an encrypted database after the configured idle time.
 */
export function installSafetyGuard(router: Router): void {
  router.beforeEach(async (to) => {
    let s: SafetyStatus;
    try {
      s = await refreshStatus();
    } catch {
      return true; // the core is unreachable: let the view show its own error
    }
    const screen = SCREEN[s.state];
    if (screen && to.path !== screen) return { path: screen, query: to.path === '/lock' || to.path === '/recovery' ? {} : { from: to.fullPath } };
    if (!screen && (to.path === '/lock' || to.path === '/recovery')) return { path: '/' };
    return true;
  });
  for (const e of ACTIVITY) window.addEventListener(e, () => (lastActivity = Date.now()), { passive: true, capture: true });
  window.setInterval(() => void tick(router), 15_000);
  // A page that was still loading when the database locked (idle lock, lock from another window) gets LOCKED
  // answers: the lock screen is the answer to those, not a script error.
  window.addEventListener('unhandledrejection', (e) => {
    if (!(e.reason instanceof ApiError) || e.reason.code !== 'LOCKED') return;
    e.preventDefault();
    const current = router.currentRoute.value.path;
    void refreshStatus().then(() => showScreen(router, current), () => undefined);
  });
}

async function showScreen(router: Router, current: string): Promise<void> {
  const screen = status ? SCREEN[status.state] : null;
  if (screen && current !== screen) await router.push({ path: screen, query: { from: router.currentRoute.value.fullPath } });
}

async function tick(router: Router): Promise<void> {
  const current = router.currentRoute.value.path;
  try {
    // Polled, so a lock from elsewhere (the system going to sleep, another window) shows up here too.
    const s = await refreshStatus();
    if (s.state === 'open' && s.encrypted && s.idleLockMinutes > 0 && Date.now() - lastActivity > s.idleLockMinutes * 60_000) {
      await api('safety.lock', {});
      await refreshStatus();
    }
  } catch {
    return;
  }
  await showScreen(router, current);
}
