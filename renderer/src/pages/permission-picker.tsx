import type { AccountView } from '../../../shared/console-api.js';
import { serviceIds, type ServiceId } from '../../../shared/services.js';
import { useI18n } from '../i18n.js';
import { serviceName } from '../service-names.js';

export type PermissionChoice = AccountView['permission'];

/** Full access, read-only, or a set of services: for a new account and for changing one. */
export function PermissionPicker({ value, onChange }: { value: PermissionChoice; onChange: (permission: PermissionChoice) => void }) {
  const { t } = useI18n();
  const services: readonly ServiceId[] = value.kind === 'services' ? value.services : [];
  const choose = (kind: PermissionChoice['kind']) => onChange(kind === 'services' ? { kind, services: services.length > 0 ? services : ['general-basic'] } : { kind });
  return (
    <>
      <label>
        {t.permission}
        <select value={value.kind} onChange={(event) => choose(event.target.value as PermissionChoice['kind'])}>
          <option value="services">{t.permissionServices}</option>
          <option value="full">{t.permissionFull}</option>
          <option value="readonly">{t.permissionReadonly}</option>
        </select>
      </label>
      {value.kind === 'services' && (
        <fieldset>
          <legend>{t.services}</legend>
          {serviceIds.map((service) => (
            <label key={service} className="check">
              <input
                type="checkbox"
                checked={services.includes(service)}
                onChange={(event) => onChange({ kind: 'services', services: event.target.checked ? [...services, service] : services.filter((chosen) => chosen !== service) })}
              />
              {serviceName(t, service)}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}
