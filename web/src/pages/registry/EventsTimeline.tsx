import { Empty, Tag, Timeline } from 'antd';
import type { Household, LifeEvent, LifeEventKind } from '../../api/registryTypes.ts';
import { formatDateTime, useI18n, type I18n } from '../../i18n/index.ts';

const KINDS: Record<LifeEventKind, { colour: string; tag: string }> = {
  birth: { colour: 'green', tag: 'green' },
  adoption: { colour: 'green', tag: 'purple' },
  move_in: { colour: 'blue', tag: 'cyan' },
  marriage: { colour: 'red', tag: 'magenta' },
  divorce: { colour: 'gray', tag: 'default' },
  death: { colour: 'gray', tag: 'default' },
  move_out: { colour: 'orange', tag: 'orange' },
  disability_assessed: { colour: 'orange', tag: 'volcano' },
  hukou_change: { colour: 'blue', tag: 'geekblue' },
  registered: { colour: 'blue', tag: 'blue' },
  corrected: { colour: 'gray', tag: 'gold' },
  changed: { colour: 'blue', tag: 'cyan' },
};

function isKind(kind: string): kind is LifeEventKind {
  return kind in KINDS;
}

function field(detail: unknown, name: string): string | number | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const value: unknown = (detail as Record<string, unknown>)[name];
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

/** What the event's detail says, in words (the server's detail differs by kind). */
function detailText(event: LifeEvent, { t, tx }: Pick<I18n, 't' | 'tx'>): string | null {
  const grade = field(event.detail, 'grade');
  switch (event.kind) {
    case 'registered': {
      if (field(event.detail, 'source') === 'import') return t('event.imported');
      const count = field(event.detail, 'members');
      return count === undefined ? null : t('event.members', { count });
    }
    case 'move_out': {
      const place = field(event.detail, 'destination');
      return place === undefined ? null : t('event.destination', { place });
    }
    case 'marriage': {
      const name = field(event.detail, 'spouse');
      return name === undefined ? null : t('event.spouse', { name });
    }
    case 'death': {
      const note = field(event.detail, 'note');
      return note === undefined || note === '' ? null : t('event.note', { note });
    }
    case 'changed': {
      const fields = (event.detail as { fields?: unknown } | null)?.fields;
      if (!Array.isArray(fields)) return null;
      const names = fields.filter((f): f is string => typeof f === 'string').map((f) => tx(`import.field.${f}`, f));
      return t('event.changedFields', { fields: names.join(t('import.separator')) });
    }
    case 'disability_assessed':
      return grade === 1 || grade === 2 || grade === 3 || grade === 4 ? t(`registry.grade.${grade}`) : null;
    default:
      return null;
  }
}

/** The household's life events, newest first (as the server sends them). */
export function EventsTimeline({ household }: { household: Household }) {
  const i18n = useI18n();
  const { t, tx } = i18n;
  if (household.events.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('household.noEvents')} data-testid="events-timeline" />;
  }
  const nameOf = (event: LifeEvent) =>
    event.personId === null ? t('event.household') : (household.members.find((m) => m.id === event.personId)?.name ?? t('household.outside'));

  const items = household.events.map((event) => {
    const look = isKind(event.kind) ? KINDS[event.kind] : { colour: 'gray', tag: 'default' };
    const detail = detailText(event, i18n);
    return {
      key: event.id,
      color: look.colour,
      title: <span className="xf-code">{event.date}</span>,
      content: (
        <div data-testid={`event-${event.kind}`}>
          <div>
            <Tag color={look.tag}>{tx(`event.${event.kind}`, event.kind)}</Tag>
            <span className="xf-event-who">{nameOf(event)}</span>
            {detail ? <span className="xf-event-detail">{detail}</span> : null}
          </div>
          <div className="xf-event-meta">{t('event.entered', { user: event.enteredByName ?? t('audit.system'), time: formatDateTime(event.enteredAt) })}</div>
        </div>
      ),
    };
  });

  return <Timeline items={items} titleSpan="120px" className="xf-events" data-testid="events-timeline" />;
}
