import { WALLET_LABELS_KO } from '../receipts/wallet-labels.js';
import type { Channel, Correction, PayMethod, Resolution } from './report-schema.js';

/**
 * The Korean words of the printed and exported report, in one place so the
 * paper, the CSV and the tests read the same labels.
 */
export const CHANNEL_LABELS: Record<Channel, string> = {
  // The wallets' names are the receipts' (src/receipts/wallet-labels.ts).
  zeropay: WALLET_LABELS_KO.zeropay,
  'wechat-pay': WALLET_LABELS_KO['wechat-pay'],
  alipay: WALLET_LABELS_KO.alipay,
  cash: '현금',
  other: '기타',
};

/** 현금, 카드, 간편결제, 기타 (report `byMethod`). */
export const PAY_METHOD_LABELS: Record<PayMethod, string> = { cash: '현금', card: '카드', easyPay: '간편결제', other: '기타' };

/** Open-item states in Korean: the paper never shows the engine's English state names. */
export const STATE_LABELS: Record<string, string> = {
  created: '생성',
  requested: '요청 중',
  'awaiting-customer': '고객 대기',
  unknown: '결과 미확인',
  inquiring: '조회 중',
  reversing: '망취소 중',
  open: '진행 중',
  'pending-confirmation': '확인 대기',
  unmatched: '미확인',
  pending: '전송 대기',
  quarantined: '전송 보류',
};

/** The owner's resolutions of a difference (대사 처리). */
export const RESOLUTION_LABELS: Record<Resolution['action'], string> = { 'refund-task': '환불 처리', 'write-off': '손실 처리', note: '메모' };

/** Corrections booked on the day they are made (정정). */
export const CORRECTION_LABELS: Record<Correction['kind'], string> = {
  'offline-qr-write-off': '오프라인 QR 상각',
  'reconciliation-write-off': '대사 차이 상각',
  'reconciliation-amendment': '마감 후 대사',
};

export const LABELS = {
  titleX: 'X 리포트 (중간점검)',
  titleZ: 'Z 리포트 (마감)',
  businessDate: '영업일',
  storeName: '상호',
  businessNumber: '사업자번호',
  representative: '대표자',
  discounts: '할인',
  paymentCount: '결제건수',
  customers: '객수',
  averagePerCustomer: '객단가',
  methods: '[결제수단]',
  wallets: '[간편결제 지갑별]',
  cashReceipts: '[현금영수증]',
  incomeDeduction: '소득공제',
  expenseProof: '지출증빙',
  byCalendarDate: '[일자별 매출]',
  items: '[품목별 매출]',
  categories: '[분류별 매출]',
  uncategorised: '미분류',
  otherItems: '그 외',
  lateDays: '[미마감 영업일]',
  gatewayOffline: '게이트웨이 연결 안 됨',
  terminal: '단말기',
  printedAt: '출력일시',
  periodFrom: '시작',
  periodTo: '종료',
  receiptCount: '영수건수',
  firstReceipt: '첫 영수증',
  lastReceipt: '마지막 영수증',
  summary: '[매출 합계]',
  gross: '총매출',
  refunds: '환불',
  cancellations: '취소',
  networkCancellations: '망취소',
  net: '순매출',
  vatSection: '[부가세]',
  supply: '과세 공급가액',
  vat: '부가세',
  taxFree: '면세',
  vatTotal: '합계',
  channels: '[결제수단별]',
  sales: '매출',
  hours: '[시간대별 매출]',
  cashSection: '[현금 시재]',
  float: '준비금',
  payIns: '입금',
  payOuts: '출금',
  cashSales: '현금매출',
  cashRefunds: '현금환불',
  expected: '예상 시재',
  counted: '실제 시재',
  difference: '과부족',
  reason: '사유',
  notCounted: '미실사',
  reconciliation: '[정산 대사]',
  statement: '정산일',
  unavailable: '대사 불가',
  matched: '일치',
  missingAtGateway: '게이트웨이 누락',
  missingInPos: 'POS 누락',
  mismatched: '금액 불일치',
  fee: '수수료',
  duplicates: '중복 청구',
  walletMismatched: '지갑 불일치',
  feeMismatched: '수수료/정산액 오류',
  approvalNumber: '승인번호',
  settlementNet: '정산액',
  customerCurrency: '고객통화',
  customerMismatched: '고객통화 불일치',
  openItems: '[미결 항목]',
  unresolved: '미확인 결제',
  pendingConfirmation: '확인 대기',
  unsynced: '미전송',
  closing: '[마감]',
  closedBy: '마감자',
  recordedOpen: '미결 포함 마감',
  nextDay: '다음 영업일',
  record: '기록',
  chainHead: '기록 체인',
  terminalSignature: '단말 서명',
  resolutions: '[대사 처리]',
  amendment: '[마감 후 대사]',
  differences: '차이',
  corrections: '[정정]',
  count: '건',
} as const;

/** "12건": a count as printed. */
export function counted(n: number): string {
  return `${n}${LABELS.count}`;
}
