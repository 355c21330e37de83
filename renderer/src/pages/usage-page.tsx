import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsageRow } from '../../../shared/billing-views.js';
import type { BillingOverview, SessionView } from '../../../shared/console-api.js';
import { serviceIds } from '../../../shared/services.js';
import type { ConsoleClient } from '../console-client.js';
import { chartPoints, dateTime, lastMonths, monthOf, remainingShare } from '../format.js';
import { useI18n } from '../i18n.js';
import { serviceName } from '../service-names.js';

const colours = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4b5563'];

/** Calls per day or month per service as a chart, totals from the ledger, balances and alerts. */
export function UsagePage({ client, session }: { client: ConsoleClient; session: SessionView }) {
  const { t, locale } = useI18n();
  const [overview, setOverview] = useState<BillingOverview | null>(null);
  const [month, setMonth] = useState('');
  const [by, setBy] = useState<'day' | 'month'>('day');
  const [account, setAccount] = useState('');
  const [rows, setRows] = useState<readonly UsageRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = () => void client.overview().then((answer) => (answer.ok ? setOverview(answer.value) : setError(answer.error.message)));
  useEffect(load, [client]);
  useEffect(() => {
    if (overview && !month) setMonth(monthOf(new Date(), overview.timeZone));
  }, [overview, month]);
  useEffect(() => {
    if (!month) return;
    // By month: the twelve months up to the chosen one, one query each (the ledger is read by month).
    const months = by === 'day' ? [month] : lastMonths(month, 12);
    void Promise.all(months.map((each) => client.usage(each, by, account || undefined))).then((answers) => {
      const failed = answers.find((answer) => !answer.ok);
      if (failed && !failed.ok) return setError(failed.error.message);
      setRows(answers.flatMap((answer) => (answer.ok ? answer.value : [])));
      setError(null);
    });
  }, [client, month, by, account]);

  const points = useMemo(() => chartPoints(rows, by === 'day' ? month : undefined), [rows, by, month]);
  const totals = useMemo(
    () => serviceIds.map((service) => ({ service, calls: rows.filter((row) => row.service === service).reduce((sum, row) => sum + row.calls, 0), requests: rows.filter((row) => row.service === service).reduce((sum, row) => sum + row.requests, 0), failures: rows.filter((row) => row.service === service).reduce((sum, row) => sum + row.failures, 0) })),
    [rows],
  );
  const accounts = useMemo(() => [...new Set(rows.map((row) => row.account))].sort(), [rows]);
  const unread = overview?.notifications.filter((note) => !note.read).length ?? 0;
  const zone = overview?.timeZone ?? 'UTC';

  return (
    <div className="usage">
      <section className="card">
        <div className="toolbar">
          <h2>{t.usageTitle}</h2>
          <label>
            {t.month}
            <input type="month" value={month} onChange={(event) => setMonth(event.target.value)} />
          </label>
          <div role="group" aria-label={`${t.byDay} / ${t.byMonth}`}>
            <button type="button" aria-pressed={by === 'day'} onClick={() => setBy('day')}>
              {t.byDay}
            </button>
            <button type="button" aria-pressed={by === 'month'} onClick={() => setBy('month')}>
              {t.byMonth}
            </button>
          </div>
          {session.may.manageAccounts && (
            <label>
              {t.account}
              <select value={account} onChange={(event) => setAccount(event.target.value)}>
                <option value="">{t.everyone}</option>
                {[...new Set([...accounts, account].filter(Boolean))].map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="chart" data-testid="usage-chart">
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={points}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="period" tickFormatter={(period: string) => (by === 'day' ? period.slice(8) : period)} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {serviceIds.map((service, index) => (
                <Bar key={service} dataKey={service} name={serviceName(t, service)} stackId="calls" fill={colours[index % colours.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
        <table className="totals" data-testid="usage-totals">
          <thead>
            <tr>
              <th>{t.service}</th>
              <th className="number">{t.calls}</th>
              <th className="number">{t.requests}</th>
              <th className="number">{t.failures}</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((total) => (
              <tr key={total.service} data-service={total.service}>
                <td>{serviceName(t, total.service)}</td>
                <td className="number" data-testid={`calls-${total.service}`}>
                  {total.calls}
                </td>
                <td className="number">{total.requests}</td>
                <td className="number">{total.failures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t.balances}</h2>
        <ul className="balances">
          {overview?.packages
            .filter((pack) => pack.status === 'active' || pack.status === 'exhausted')
            .map((pack) => (
              <li key={pack.id} data-testid={`balance-${pack.id}`}>
                <span>
                  {serviceName(t, pack.service)} · {pack.kind === 'free' ? t.kindFree : t.kindPrepaid}
                </span>
                <progress max={1} value={remainingShare(pack)} aria-label={`${serviceName(t, pack.service)} ${t.remaining}`} className={remainingShare(pack) < 0.2 ? 'low' : ''} />
                <span className="number">
                  {pack.remaining} / {pack.total}
                </span>
              </li>
            ))}
        </ul>
      </section>
      <section className="card">
        <div className="toolbar">
          <h2>
            {t.alerts} {unread > 0 && <span className="badge" aria-label={`${unread}`}>{unread}</span>}
          </h2>
          {session.may.manageBilling && (
            <button type="button" disabled={unread === 0} onClick={() => void client.markRead('all').then(load)}>
              {t.markAllRead}
            </button>
          )}
        </div>
        {overview && overview.notifications.length === 0 && <p className="hint">{t.noAlerts}</p>}
        <ul className="alerts">
          {overview?.notifications.map((note) => (
            <li key={note.id} className={note.read ? 'read' : 'unread'}>
              {dateTime(note.at, locale, zone)} · {serviceName(t, note.service)} {note.kind === 'package-low' ? t.alertLow : t.alertExhausted} ({note.remaining}/{note.total})
              {!note.read && session.may.manageBilling && (
                <button type="button" className="link" onClick={() => void client.markRead([note.id]).then(load)}>
                  {t.markRead}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
