/**
 * sandbox/: the sandbox relay gateway. Start here: `startSandboxGateway`
 * (sandbox-gateway.ts) builds the services and the HTTP server; README.md
 * maps the rest.
 */
export {
  type SandboxGateway,
  type SandboxGatewayOptions,
  startSandboxGateway,
} from './sandbox-gateway.js';
export { type FaultConfig, type FaultKind, FAULT_KINDS } from './faults.js';
export { type LateReports } from './late-reports.js';
export { type LedgerEntryView, type LedgerPaymentSummary } from './admin-routes.js';
export { type CustomerPayRequest, type OpenOrderCode } from './customer-simulator.js';
export { MAGIC_SUFFIXES, SIMULATED_WALLETS, DEFAULT_RATES } from './wallets.js';
