/**
 * The editor's own text fields for dates and codes (names in src/lib/editor/cms-config.ts, EDITOR_WIDGETS): plain text
 * inputs that accept what staff type and store the site's one form (src/lib/text-forms.ts, as the schemas do): a date
 * typed 2023年2月20日, 2023/2/20 or 2023.2.20 is saved as 2023-02-20 (Decap's date picker emptied such a field, then
 * called it missing); full-width digits and letters in a phone number or a code are saved plain.
 */
import { EDITOR_WIDGETS } from '../../lib/editor/cms-config.ts';
import { dateShape, dateTimeShape, halfWidth } from '../../lib/text-forms.ts';

/** The props Decap CMS gives a widget's control (the few used here). */
interface ControlProps {
  value?: unknown;
  onChange: (value: string) => void;
  forID: string;
  classNameWrapper: string;
  setActiveStyle: () => void;
  setInactiveStyle: () => void;
}

/** create-react-class, which Decap CMS puts on the page for widgets: Decap asks a widget's control `isValid()`. */
type CreateClass = (spec: { render(this: { props: ControlProps }): unknown; isValid(): boolean }) => unknown;

/**
 * A text input whose value is stored normalised. It is not controlled by the stored value: staff see what they type
 * until they leave the field, which then shows the stored form.
 */
function normalisingInput(normalise: (text: string) => string, placeholder: string) {
  const createClass = (window as unknown as { createClass: CreateClass }).createClass;
  return createClass({
    // The schema's pattern, checked by Decap on the stored value, says what is wrong.
    isValid: () => true,
    render() {
      const { props } = this;
      return window.h!('input', {
        type: 'text',
        id: props.forID,
        className: props.classNameWrapper,
        defaultValue: props.value == null ? '' : String(props.value),
        placeholder,
        autoComplete: 'off',
        onChange: (event: Event) => props.onChange(normalise((event.target as HTMLInputElement).value)),
        onFocus: props.setActiveStyle,
        onBlur: (event: Event) => {
          const input = event.target as HTMLInputElement;
          input.value = normalise(input.value);
          props.setInactiveStyle();
        },
      });
    },
  });
}

/** Registers the widgets with Decap CMS (before CMS.init). */
export function registerWidgets(cms: { registerWidget(name: string, control: unknown): void }): void {
  const date = (text: string) => dateShape(text) ?? halfWidth(text).trim();
  const dateTime = (text: string) => dateTimeShape(text) ?? halfWidth(text).trim();
  cms.registerWidget(EDITOR_WIDGETS.date, normalisingInput(date, '如 2023-02-20 或 2023年2月20日'));
  cms.registerWidget(EDITOR_WIDGETS.dateTime, normalisingInput(dateTime, '如 2023-02-20 09:30 或 2023年2月20日 9:30'));
  cms.registerWidget(
    EDITOR_WIDGETS.code,
    normalisingInput((text) => halfWidth(text).trim(), ''),
  );
}
