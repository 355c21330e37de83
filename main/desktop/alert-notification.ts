import type { NotificationRecord } from '../../shared/billing-views.js';
import type { DesktopLocale } from './tray-menu.js';

/** A package alert as a native notification's title and body; clicking it shows the window. */
export interface AlertNotification {
  readonly title: string;
  readonly body: string;
}

export function alertNotification(alert: Pick<NotificationRecord, 'kind' | 'service' | 'remaining' | 'total'>, locale: DesktopLocale): AlertNotification {
  const remaining = alert.remaining.toLocaleString(locale);
  const total = alert.total.toLocaleString(locale);
  if (locale === 'zh-CN') {
    return alert.kind === 'package-exhausted'
      ? { title: '资源包已用完', body: `${alert.service} 的资源包已用完（共 ${total} 次）。请购买或导入新的资源包。` }
      : { title: '资源包余量不足', body: `${alert.service} 的资源包剩余 ${remaining} 次（共 ${total} 次）。` };
  }
  return alert.kind === 'package-exhausted'
    ? { title: 'Resource package used up', body: `The ${alert.service} package is used up (${total} calls). Buy or import a new package.` }
    : { title: 'Resource package running low', body: `${remaining} of ${total} calls left in the ${alert.service} package.` };
}
