import { getDefaultRegistry } from '@rjsf/core';
import type { RegistryFieldsType, RegistryWidgetsType, Widget, WidgetProps } from '@rjsf/utils';
import { ConditionField } from './ConditionField';
import { DurationField } from './DurationField';
import { LiquidWidget } from './LiquidWidget';
import { EventNameWidget, SegmentWidget, TemplateWidget } from './pickers';

function defaultSelect(): Widget {
  const widget = getDefaultRegistry().widgets.SelectWidget;
  if (!widget) throw new Error('rjsf no longer ships a SelectWidget');
  return widget;
}

const DefaultSelect = defaultSelect();

/**
 * rjsf's select, named even when its label is hidden: the chooser between the shapes of a
 * union (re-entry rules, exit criteria) is drawn without a visible label, and a select with no
 * accessible name cannot be used with a screen reader (axe: select-name).
 */
function NamedSelectWidget(props: WidgetProps) {
  // rjsf draws these choosers itself, outside any field template and so without a <label>.
  const shapeChooser = /__(any|one)of_select$/.test(props.id);
  if (!shapeChooser && !props.hideLabel && props.label) return <DefaultSelect {...props} />;
  return (
    <label className="hidden-label-control">
      <span className="visually-hidden">{shapeChooser ? `${props.label || 'Value'}: kind` : props.label || 'Choose one'}</span>
      <DefaultSelect {...props} />
    </label>
  );
}

/** The widgets every generated form uses (chosen per field by ui-schema.ts). */
export const formWidgets: RegistryWidgetsType = {
  SelectWidget: NamedSelectWidget,
  eventName: EventNameWidget,
  segment: SegmentWidget,
  template: TemplateWidget,
  liquid: LiquidWidget,
};

/** Custom fields: a duration is one line, "2 days"; a condition is the condition builder. */
export const formFields: RegistryFieldsType = { duration: DurationField, condition: ConditionField };
