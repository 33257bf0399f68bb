import type { StaffEntry } from '../../../src/payments/roles.js';
import { type StaffEdit, staffEditSchema } from '../../../src/store/store-data-protocol.js';
import { RequestRefused } from '../../http-json.js';
import type { StoreData } from '../../store-data.js';
import type { Dashboard, DashboardContext, DashboardReply } from '../dashboard.js';
import { html } from '../html.js';
import type { MessageKey } from '../i18n/index.js';

const ROLE_LABEL: Record<StaffEntry['role'], MessageKey> = {
  cashier: 'staff.cashier',
  manager: 'staff.manager',
  owner: 'role.owner',
};

/**
 * Staff and PINs on the dashboard (issue 18 points 3 and 5): add or change a
 * person, set a PIN (hashed on the server, never shown again), remove one.
 * Each change publishes the whole list as a new version, which every till
 * applies after its current sale.
 */
export function registerStaffPage(dashboard: Dashboard, data: StoreData): void {
  dashboard.page('/dashboard/staff', 'nav.staff', async (ctx) => staffPage(ctx, data, undefined));
  dashboard.post('/dashboard/staff', async (ctx, form) => {
    const parsed = staffEditSchema.safeParse({
      staffId: form.get('staffId') ?? '',
      name: form.get('name') ?? '',
      role: form.get('role'),
      ...(form.get('pin') ? { pin: form.get('pin') } : {}),
    });
    if (!parsed.success)
      return staffPage(
        ctx,
        data,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const current = await edits(ctx, data);
    const next = current.some((s) => s.staffId === parsed.data.staffId)
      ? current.map((s) => (s.staffId === parsed.data.staffId ? parsed.data : s))
      : [...current, parsed.data];
    return publish(ctx, data, next);
  });
  dashboard.post('/dashboard/staff/remove', async (ctx, form) => {
    const staffId = form.get('staffId') ?? '';
    const next = (await edits(ctx, data)).filter((s) => s.staffId !== staffId);
    if (next.length === 0) return staffPage(ctx, data, ctx.t('staff.lastOwner'));
    return publish(ctx, data, next);
  });
}

/** The published list as edits that keep every PIN (a PIN left out is kept by the server). */
async function edits(ctx: DashboardContext, data: StoreData): Promise<StaffEdit[]> {
  return ((await data.staff(ctx.store.storeId)) ?? []).map(({ staffId, name, role }) => ({
    staffId,
    name,
    role,
  }));
}

async function publish(
  ctx: DashboardContext,
  data: StoreData,
  staff: StaffEdit[],
): Promise<DashboardReply> {
  try {
    const { version } = await data.publish(ctx.store.storeId, { staff }, ctx.account.login);
    return { kind: 'redirect', to: ctx.href('/dashboard/staff', { published: String(version) }) };
  } catch (error) {
    if (!(error instanceof RequestRefused)) throw error;
    return staffPage(ctx, data, error.message);
  }
}

async function staffPage(
  ctx: DashboardContext,
  data: StoreData,
  problem: string | undefined,
): Promise<DashboardReply> {
  const { t } = ctx;
  const staff = (await data.staff(ctx.store.storeId)) ?? [];
  const published = ctx.query.get('published');
  const body = html`<h1>${t('staff.title')} · ${ctx.store.name}</h1>
    ${published && !problem ? html`<p class="notice" role="status">${t('catalog.published', { version: published })}</p>` : ''}
    ${problem ? html`<p class="notice bad" role="alert">${t('error.refused', { message: problem })}</p>` : ''}
    <div class="scroll">
      <table data-testid="staff-list">
        <thead>
          <tr>
            <th>${t('staff.id')}</th>
            <th>${t('staff.name')}</th>
            <th>${t('staff.role')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${staff.map(
            (s) =>
              html`<tr>
                <td>${s.staffId}</td>
                <td>${s.name}</td>
                <td>${t(ROLE_LABEL[s.role])}</td>
                <td>
                  <form method="post" action="${ctx.href('/dashboard/staff/remove')}">
                    <input type="hidden" name="staffId" value="${s.staffId}" /><button
                      type="submit"
                    >
                      ${t('staff.remove')}
                    </button>
                  </form>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h2>${t('staff.edit')}</h2>
    <form method="post" action="${ctx.href('/dashboard/staff')}">
      <p>
        <label for="staffId">${t('staff.id')}</label><br /><input
          id="staffId"
          name="staffId"
          required
          pattern="[A-Za-z0-9_-]{1,32}"
        />
      </p>
      <p>
        <label for="name">${t('staff.name')}</label><br /><input
          id="name"
          name="name"
          required
          maxlength="64"
        />
      </p>
      <p>
        <label for="role">${t('staff.role')}</label><br /><select id="role" name="role">
          <option value="cashier">${t('staff.cashier')}</option>
          <option value="manager">${t('staff.manager')}</option>
          <option value="owner">${t('role.owner')}</option>
        </select>
      </p>
      <p>
        <label for="pin">${t('staff.pin')}</label><br /><input
          id="pin"
          name="pin"
          type="password"
          inputmode="numeric"
          pattern="[0-9]{4,8}"
          autocomplete="new-password"
        />
      </p>
      <p><button type="submit" class="primary">${t('catalog.save')}</button></p>
    </form>`;
  return { kind: 'page', title: t('staff.title'), body, ...(problem ? { status: 400 } : {}) };
}
