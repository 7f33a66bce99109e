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

const escapeText = (text: string) =>
  text.replaceAll('\\', '\\\\').replaceAll(';', '\\;').replaceAll(',', '\\,').replaceAll('\n', '\\n');

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
    `UID:${event.uid}`,
    `DTSTAMP:${stamp(event.date, '00:00')}Z`,
    `DTSTART;TZID=Asia/Shanghai:${stamp(event.date, event.startTime)}`,
    `DTEND;TZID=Asia/Shanghai:${stamp(event.date, end)}`,
    `SUMMARY:${escapeText(event.title)}`,
    `LOCATION:${escapeText(event.location)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `URL:${event.url}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
