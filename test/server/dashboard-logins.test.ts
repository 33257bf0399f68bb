import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { attachDashboard } from '../../server/dashboard/index.js';
import { type RunningStoreServer, StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';
import { TEST_SCRYPT_COST, dashboardVisitor } from './dashboard-client.js';
import { freshPglite } from './test-databases.js';

const PASSWORD = 'correct horse battery';
const clock = new ManualClock(Date.UTC(2026, 0, 5, 3, 0, 0));
let running: RunningStoreServer;
let dispose: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshPglite();
  dispose = fresh.dispose;
  const server = new StoreServer({ db: fresh.db, clock });
  const dashboard = attachDashboard(server, fresh.db, clock, { passwordCost: TEST_SCRYPT_COST });
  await upsertStore(fresh.db, clock, { storeId: 'S1', name: '한강분식', enrollmentCode: 'CODE-S1' });
  await upsertStore(fresh.db, clock, { storeId: 'S2', name: '<b>남산</b>김밥', enrollmentCode: 'CODE-S2' });
  await dashboard.accounts.upsert({ login: 'hq', displayName: '본사', role: 'hq', password: PASSWORD });
  await dashboard.accounts.upsert({ login: 'kim', displayName: '김사장', role: 'owner', password: PASSWORD, storeIds: ['S1'] });
  await dashboard.accounts.upsert({ login: 'lee', displayName: '이사장', role: 'owner', password: PASSWORD, storeIds: ['S2'] });
  running = await server.listen(0);
}, 60_000);

afterAll(async () => {
  await running?.close();
  await dispose?.();
});

// Issue 18 point 6: an HQ login sees all stores, a store owner only theirs.
describe('dashboard logins', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const visitor = dashboardVisitor(running.url);
    const page = await visitor.get('/dashboard/closeout?store=S1');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/dashboard/login?next=${encodeURIComponent('/dashboard/closeout?store=S1')}`);
    const login = await visitor.get('/dashboard/login');
    expect(login.status).toBe(200);
    expect(login.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await login.text()).toContain('로그인');
  });

  it('lets an owner see their store and nothing of another owner\'s', async () => {
    const kim = dashboardVisitor(running.url);
    const signedIn = await kim.signIn('kim', PASSWORD);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.getSetCookie()[0]).toMatch(/^pos_session=[\w-]{43}; Path=\/dashboard; HttpOnly; SameSite=Strict/);
    const own = await kim.get('/dashboard/closeout?store=S1');
    expect(own.status).toBe(200);
    const text = await own.text();
    expect(text).toContain('한강분식');
    expect(text).not.toContain('남산');
    const other = await kim.get('/dashboard/closeout?store=S2');
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('남산');
    expect((await kim.get('/dashboard/closeout.csv?store=S2')).status).toBe(403);
    expect((await kim.post('/dashboard/closeout?store=S2', { date: '2026-01-05' })).status).toBe(403);
    // The default store is the owner's own.
    expect(await (await kim.get('/dashboard/closeout')).text()).toContain('한강분식');
  });

  it('lets HQ see every store, names escaped', async () => {
    const hq = dashboardVisitor(running.url);
    expect((await hq.signIn('hq', PASSWORD)).status).toBe(303);
    for (const store of ['S1', 'S2']) expect((await hq.get(`/dashboard/closeout?store=${store}`)).status).toBe(200);
    const page = await (await hq.get('/dashboard/closeout?store=S2')).text();
    expect(page).toContain('&lt;b&gt;남산&lt;/b&gt;김밥');
    expect(page).not.toContain('<b>남산</b>');
    expect(page).toMatch(/<option value="S1">한강분식<\/option>/);
  });

  it('refuses a wrong password, then locks the login after five failures', async () => {
    const guesser = dashboardVisitor(running.url);
    for (let i = 0; i < 5; i++) {
      const refused = await guesser.signIn('lee', `wrong password ${i}`);
      expect(refused.status).toBe(401);
      expect(refused.headers.getSetCookie()).toEqual([]);
    }
    const locked = await guesser.signIn('lee', PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('15분');
    clock.advance(16 * 60_000);
    expect((await guesser.signIn('lee', PASSWORD)).status).toBe(303);
    // An unknown login is refused like a wrong password.
    expect((await dashboardVisitor(running.url).signIn('nobody', PASSWORD)).status).toBe(401);
  });

  it('refuses a form posted from another site, and signs out', async () => {
    const kim = dashboardVisitor(running.url);
    await kim.signIn('kim', PASSWORD);
    const forged = await kim.post('/dashboard/closeout', { date: '2026-01-05' }, { origin: 'http://evil.example' });
    expect(forged.status).toBe(403);
    expect((await kim.post('/dashboard/logout', {})).status).toBe(303);
    expect((await kim.get('/dashboard/closeout')).status).toBe(303);
  });

  it('answers in the language asked for, and keeps it', async () => {
    const visitor = dashboardVisitor(running.url);
    await visitor.signIn('kim', PASSWORD);
    expect(await (await visitor.get('/dashboard/closeout?lang=zh')).text()).toContain('门店日结');
    expect(await (await visitor.get('/dashboard/closeout')).text()).toContain('<html lang="zh">');
    expect(await (await visitor.get('/dashboard/closeout?lang=en')).text()).toContain('Store close-out');
  });

  it('serves the till\'s fonts', async () => {
    const css = await (await fetch(`${running.url}/dashboard/style.css`)).text();
    const fonts = [...css.matchAll(/url\('([^']+)'\)/g)].map((m) => m[1]!);
    expect(fonts).toHaveLength(6);
    for (const font of fonts) {
      const res = await fetch(`${running.url}${font}`);
      expect(res.headers.get('content-type')).toBe('font/woff2');
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('wOF2');
    }
  });
});
