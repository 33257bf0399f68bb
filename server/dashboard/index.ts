import type { Clock } from '../../src/platform/clock.js';
import type { StoreDatabase } from '../db/database.js';
import type { StoreServer } from '../store-server.js';
import { Dashboard, type DashboardOptions } from './dashboard.js';
import { registerCatalogPage } from './pages/catalog-page.js';
import { registerCloseoutPage } from './pages/closeout-page.js';
import { registerSalesPage } from './pages/sales-page.js';
import { registerStaffPage } from './pages/staff-page.js';
import { registerStoresPage } from './pages/stores-page.js';
import { registerVatPage } from './pages/vat-page.js';

/** Serves the owner's dashboard under /dashboard on `server`, every page registered (nav order = this order). */
export function attachDashboard(server: StoreServer, db: StoreDatabase, clock: Clock, options: DashboardOptions = {}): Dashboard {
  const dashboard = new Dashboard(server, db, clock, options);
  registerSalesPage(dashboard, db, server.closeouts);
  registerStoresPage(dashboard, db, server.closeouts);
  registerCloseoutPage(dashboard, server.closeouts);
  registerVatPage(dashboard, db, server.closeouts);
  registerCatalogPage(dashboard, server.data);
  registerStaffPage(dashboard, server.data);
  return dashboard;
}
