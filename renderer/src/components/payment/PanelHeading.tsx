import { Money } from '../common/Money.js';

/** A payment panel's title and the amount it is about, the first thing the cashier reads. */
export function PanelHeading({ title, amount }: { title: string; amount: number }) {
  return (
    <>
      <h2>{title}</h2>
      <p className="panel-amount">
        <Money minor={amount} />
      </p>
    </>
  );
}
