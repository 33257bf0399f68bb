import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DENOMINATIONS } from '../../../../src/api/schemas/closeout.js';
import { formatNumber } from '../../i18n/format.js';
import { Money } from '../common/Money.js';
import { PinField } from '../common/PinField.js';
import { type CashFigures, recordCashCount } from './closeout-api.js';

/** Notes are 1,000 won and up; the rest are coins (the screen groups them as the drawer does). */
const NOTE_FLOOR = 1_000;

/**
 * The drawer counted by denomination (50,000 … 10 won) beside the float and
 * the cash the day expects; the difference (과부족) is shown as the pieces are
 * typed, and a count that is off needs a reason. The core checks the
 * manager's PIN and the reason again and journals the count.
 */
export function CashCountPanel({ cash, currency, onRecorded, onError }: { cash: CashFigures; currency: string; onRecorded: () => void; onError: (error: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const [pieces, setPieces] = useState<Record<string, string>>(() =>
    Object.fromEntries(DENOMINATIONS.map((d) => [String(d), String(cash.denominations?.[String(d)] ?? '')])),
  );
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const counts = Object.fromEntries(DENOMINATIONS.map((d) => [String(d), Number(pieces[String(d)] || '0')]));
  const total = DENOMINATIONS.reduce((sum, d) => sum + d * counts[String(d)]!, 0);
  const overShort = total - cash.expected;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await recordCashCount(pin, counts, reason);
      setPin('');
      onRecorded();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  const row = (d: number) => (
    <tr key={d} data-denomination={d}>
      <th scope="row" className="num">
        <Money minor={d} currency={currency} />
      </th>
      <td>
        <input
          type="text"
          inputMode="numeric"
          value={pieces[String(d)]}
          onChange={(e) => setPieces((p) => ({ ...p, [String(d)]: e.target.value.replace(/\D/g, '').slice(0, 6) }))}
          aria-label={t('closeout.cash.piecesOf', { value: formatNumber(d, i18n.language) })}
          data-testid={`count-${d}`}
        />
      </td>
      <td className="num">
        <Money minor={d * counts[String(d)]!} currency={currency} />
      </td>
    </tr>
  );
  return (
    <form className="cash-count" onSubmit={(e) => void submit(e)} data-testid="cash-count">
      <h3>{t('closeout.cash.title')}</h3>
      <div className="cash-count-grid">
        <table>
          <caption>{t('closeout.cash.notes')}</caption>
          <tbody>{DENOMINATIONS.filter((d) => d >= NOTE_FLOOR).map(row)}</tbody>
        </table>
        <table>
          <caption>{t('closeout.cash.coins')}</caption>
          <tbody>{DENOMINATIONS.filter((d) => d < NOTE_FLOOR).map(row)}</tbody>
        </table>
        <dl className="totals">
          <dt>{t('closeout.cash.float')}</dt>
          <dd>
            <Money minor={cash.float} currency={currency} />
          </dd>
          <dt>{t('closeout.cash.sales')}</dt>
          <dd>
            <Money minor={cash.sales} currency={currency} />
          </dd>
          <dt>{t('closeout.cash.payIns')}</dt>
          <dd>
            <Money minor={cash.payIns} currency={currency} />
          </dd>
          <dt>{t('closeout.cash.payOuts')}</dt>
          <dd>
            <Money minor={-cash.payOuts} currency={currency} />
          </dd>
          <dt>{t('closeout.cash.refunds')}</dt>
          <dd>
            <Money minor={-cash.refunds} currency={currency} />
          </dd>
          <dt>{t('closeout.cash.expected')}</dt>
          <dd data-testid="cash-expected" data-amount={cash.expected}>
            <Money minor={cash.expected} currency={currency} />
          </dd>
          <dt className="grand">{t('closeout.cash.counted')}</dt>
          <dd className="grand" data-testid="cash-counted" data-amount={total}>
            <Money minor={total} currency={currency} />
          </dd>
          <dt>{t('closeout.cash.overShort')}</dt>
          <dd className={overShort === 0 ? '' : 'due'} data-testid="cash-over-short" data-amount={overShort}>
            <Money minor={overShort} currency={currency} />
          </dd>
        </dl>
      </div>
      {overShort !== 0 && (
        <label>
          {t('closeout.cash.reason')}
          <input type="text" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="cash-reason" />
        </label>
      )}
      <PinField value={pin} onChange={setPin} label={t('closeout.cash.pin')} />
      <button type="submit" disabled={busy || pin.length < 4 || (overShort !== 0 && !reason.trim())} data-testid="cash-count-submit">
        {t('closeout.cash.record')}
      </button>
      {cash.counted !== null && (
        <p className="hint" data-testid="cash-last-count" data-amount={cash.counted}>
          {t('closeout.cash.last', { amount: formatNumber(cash.counted, i18n.language), difference: formatNumber(cash.difference ?? 0, i18n.language) })}
        </p>
      )}
    </form>
  );
}
