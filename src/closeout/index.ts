/**
 * The store owner's end of day: X and Z reports, the cash count, the
 * settlement reconciliation, the printed report and the CSV export. Start at
 * closeout-service.ts; docs/closeout.md defines every figure.
 */
export { CloseOut, type CloseoutDeps, type ZRequest, type CashCountRequest, type ResolveRequest } from './closeout-service.js';
export { type CloseoutConfig, type CloseoutConfigInput, closeoutConfigSchema } from './config.js';
export { CloseoutError, DayClosedError, UnknownBusinessDayError, UnresolvedPaymentsError, InvalidCashCountError } from './errors.js';
export {
  type CloseoutReport,
  type Channel,
  type ChannelTotals,
  type Figure,
  type CashSection,
  type Reconciliation,
  type ReconciliationItem,
  type OpenItem,
  type OpenItems,
  CHANNELS,
  DENOMINATIONS,
  closeoutReportSchema,
  cashSectionSchema,
  reconciliationSchema,
  DIFFERENCE_KINDS,
  type DifferenceKind,
  differenceKey,
  type Resolution,
  resolutionSchema,
  RESOLUTION_ACTIONS,
  type Correction,
  type Amendment,
  amendmentSchema,
} from './report-schema.js';
export { denominationCountSchema, countedTotal, expectedCash } from './cash-count.js';
export { AMENDMENT_KIND, CASH_COUNT_KIND, RESOLUTION_KIND, Z_REPORT_KIND, type CashCountBody, type ZReportBody, dayAggregate } from './records.js';
export { buildCloseoutDocument } from './report-document.js';
export { reportCsv, reportCsvName } from './report-csv.js';
export { formulaSafeCsv, type CsvRow } from './csv.js';
export { type VatReport, vatReportSchema } from './vat-report.js';
export { CHANNEL_LABELS, LABELS } from './report-labels.js';
export { reconcile, type PosKnowledge } from './reconciliation.js';
export { type SignedHead, type ZSealVerdict, signZBody, verifyZBody, signedHeadSchema } from './z-signature.js';
export { foldDay, channelOf, type DayFigures, type PosLine } from './day-figures.js';
