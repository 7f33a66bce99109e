/** iCalendar files (.ics), so a resident can add an event to the calendar on their phone. */

export interface CalendarEvent {
  uid: string;
  /** YYYY-MM-DD, local time in Beijing. */
  date: string;
  /** HH:MM */
  startTime: string;
  /** HH:MM; an hour after the start when not given. */
  endTime?: string;
  title: string;
  location: string;
  description: string;
  /** Absolute address of the event's page. */
  url: string;
}

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, and every line break
 * (CRLF, LF or a bare CR) becomes the two characters \n. A raw CR or LF would end the content line, letting the
 * rest of the value pass for a property of its own. Other control characters (tab aside), not allowed in TEXT,
 * and lone surrogates, which UTF-8 cannot hold, are dropped.
 */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/(?![\t\n])[\p{Cc}\p{Cs}]/gu, '')
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replaceAll('\n', '\\n');
}

/** A URI value (URL, UID) is not TEXT and takes no backslashes, but it too must never carry a line break. */
const stripControls = (text: string) => text.replace(/\p{Cc}/gu, '');

/** Folds lines longer than 75 octets, as RFC 5545 requires. */
function fold(line: string): string {
  const bytes = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (bytes.encode(current + char).length > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const stamp = (date: string, time: string) => `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;

/** Renders one event as an .ics document in Beijing time (Asia/Shanghai, no daylight saving). */
export function renderIcs(event: CalendarEvent): string {
  const [hours, minutes] = event.startTime.split(':').map(Number) as [number, number];
  const end =
    event.endTime ?? `${String(Math.min(hours + 1, 23)).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//shian-wuqing//campaign//ZH',
    'CALSCALE:GREGORIAN',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${stripControls(event.uid)}`,
    `DTSTAMP:${stamp(event.date, '00:00')}Z`,
    `DTSTART;TZID=Asia/Shanghai:${stamp(event.date, event.startTime)}`,
    `DTEND;TZID=Asia/Shanghai:${stamp(event.date, end)}`,
    `SUMMARY:${escapeIcsText(event.title)}`,
    `LOCATION:${escapeIcsText(event.location)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
    `URL:${stripControls(event.url)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
