import { Money } from './Money.js';

/** One label and amount of a `<dl>` of totals; `className` marks both halves (e.g. the grand total). */
export function MoneyFact({ label, minor, currency, className }: { label: string; minor: number; currency?: string; className?: string }) {
  return (
    <>
      <dt className={className}>{label}</dt>
      <dd className={className}>
        <Money minor={minor} currency={currency} />
      </dd>
    </>
  );
}
