import { useCallback, useEffect, useState, type DragEvent } from 'react';
import type { MonthlyBill, PackageView } from '../../../shared/billing-views.js';
import type { BillingOverview, SessionView } from '../../../shared/console-api.js';
import { serviceIds } from '../../../shared/services.js';
import type { ConsoleClient } from '../console-client.js';
import { dateTime, monthOf, refundable } from '../format.js';
import { ActionMessageLine, useActionMessage } from '../ui/action-message.js';
import { useI18n } from '../i18n.js';
import { serviceName } from '../service-names.js';

const packageStatusKey = {
  active: 'statusActive',
  exhausted: 'statusExhausted',
  expired: 'statusExpired',
  'not-yet-valid': 'statusNotYetValid',
  refunded: 'refunded',
  'other-machine': 'statusOtherMachine',
} as const;

/** Free, prepaid and pay-as-you-go per service; licence import, refunds, services, the bill. */
export function PackagesPage({ client, session }: { client: ConsoleClient; session: SessionView }) {
  const { t, locale } = useI18n();
  const [overview, setOverview] = useState<BillingOverview | null>(null);
  const [bill, setBill] = useState<MonthlyBill | null>(null);
  const [billMonth, setBillMonth] = useState('');
  const manage = session.may.manageBilling;

  const load = useCallback(
    () =>
      void client.overview().then((answer) => {
        if (!answer.ok) return setMessage({ kind: 'error', text: answer.error.message });
        setOverview(answer.value);
        setBillMonth((month) => month || monthOf(new Date(), answer.value.timeZone));
      }),
    [client],
  );
  const { message, setMessage, report } = useActionMessage(load);
  useEffect(load, [load]);
  useEffect(() => {
    if (billMonth) void client.bill(billMonth).then((answer) => answer.ok && setBill(answer.value));
  }, [client, billMonth]);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const answer = await client.importLicence(await file.text());
    report(answer, answer.ok ? `${serviceName(t, answer.value.service)}: +${answer.value.total}` : '');
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    void importFile(event.dataTransfer.files[0]);
  };
  const zone = overview?.timeZone ?? 'UTC';
  const statusText = (status: PackageView['status']) => t[packageStatusKey[status]];

  return (
    <div className="packages">
      {!manage && <p className="hint">{t.readOnlyNote}</p>}
      <ActionMessageLine message={message} />
      <section className="card">
        <h2>{t.packagesTitle}</h2>
        <table data-testid="packages-table">
          <thead>
            <tr>
              <th>{t.service}</th>
              <th>{t.kindPrepaid}</th>
              <th>{t.remaining}</th>
              <th>{t.used}</th>
              <th>{t.activated}</th>
              <th>{t.expires}</th>
              <th>{t.status}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {overview?.packages.map((pack) => (
              <tr key={pack.id} data-package={pack.id} data-service={pack.service}>
                <td>{serviceName(t, pack.service)}</td>
                <td>{pack.kind === 'free' ? t.kindFree : t.kindPrepaid}</td>
                <td className="number" data-testid="remaining">
                  {pack.remaining} / {pack.total}
                </td>
                <td className="number">{pack.used}</td>
                <td>{dateTime(pack.activatedAt, locale, zone)}</td>
                <td>{dateTime(pack.expiresAt, locale, zone)}</td>
                <td>{statusText(pack.status)}</td>
                <td>
                  {pack.kind === 'prepaid' && manage && (refundable(pack, new Date()) ? (
                    <button type="button" onClick={() => void client.refund(pack.id).then((answer) => report(answer, t.refund))}>
                      {t.refund}
                    </button>
                  ) : (
                    <span className="hint" title={t.refundNotAllowed}>
                      {pack.status === 'refunded' ? t.refunded : t.noRefund}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {manage && (
          <div className="drop-zone small" data-testid="licence-drop" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
            <span>{t.dropLicence} </span>
            <label className="button">
              {t.importLicence}
              <input
                type="file"
                accept=".json,.lic,application/json"
                hidden
                data-testid="licence-input"
                onChange={(event) => {
                  void importFile(event.target.files?.[0]);
                  // The same file chosen again is a new import attempt (and gets its clear refusal).
                  event.target.value = '';
                }}
              />
            </label>
          </div>
        )}
      </section>
      <section className="card">
        <h2>{t.services}</h2>
        <label className="switch">
          <input type="checkbox" disabled={!manage} checked={overview?.payAsYouGo ?? false} onChange={(event) => void client.setPayAsYouGo(event.target.checked).then((answer) => report(answer, t.payAsYouGo))} />
          {t.payAsYouGo}
        </label>
        <table>
          <tbody>
            {serviceIds.map((service) => {
              const disabled = overview?.disabledServices.includes(service) ?? false;
              return (
                <tr key={service}>
                  <td>{serviceName(t, service)}</td>
                  <td>{disabled ? t.disabled : t.enabled}</td>
                  <td>
                    {manage && (
                      <button type="button" onClick={() => void client.setServiceEnabled(service, disabled).then((answer) => report(answer, disabled ? t.enable : t.disable))}>
                        {disabled ? t.enable : t.disable}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {bill && (
        <section className="card">
          <div className="toolbar">
            <h2>{t.bill}</h2>
            <label>
              {t.month}
              <input type="month" value={billMonth} onChange={(event) => setBillMonth(event.target.value)} />
            </label>
          </div>
          <table>
            <tbody>
              {bill.lines.map((line) => (
                <tr key={line.service}>
                  <td>{serviceName(t, line.service)}</td>
                  <td className="number">{line.calls}</td>
                  <td className="number">
                    {(line.milliAmount / 1000).toFixed(2)} {bill.currency}
                  </td>
                </tr>
              ))}
              <tr>
                <th>{t.total}</th>
                <td />
                <th className="number">
                  {bill.total} {bill.currency}
                </th>
              </tr>
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
