// The "Tongguan" group of the properties panel: the tg: settings the engine reads
// (docs/designers/bpmn-reference.md, "Tongguan settings"). Values are written as tg: attributes.
import { h } from '@bpmn-io/properties-panel/preact';
import { TextFieldEntry, SelectEntry, isTextFieldEntryEdited, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { is, getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';

const LOW_PRIORITY = 500;

// Which settings apply to which element; `options` makes a select, otherwise a text field.
const SETTINGS = [
  { name: 'candidateGroups', on: ['bpmn:UserTask'], label: 'Candidate groups', description: 'Comma-separated groups, or ${...}' },
  { name: 'candidateUsers', on: ['bpmn:UserTask'], label: 'Candidate users', description: 'Comma-separated user names, or ${...}' },
  { name: 'assignee', on: ['bpmn:UserTask'], label: 'Assignee' },
  { name: 'formKey', on: ['bpmn:UserTask'], label: 'Form' },
  { name: 'step', on: ['bpmn:UserTask'], label: 'Case step', options: ['', 'accept', 'handle', 'verify'] },
  { name: 'categoryLimits', on: ['bpmn:UserTask'], label: 'Category limits', description: 'CODE=DURATION; …  e.g. S0102=P2D' },
  { name: 'timeLimit', on: ['bpmn:Activity'], label: 'Time limit', description: 'ISO-8601 duration, e.g. P3D or PT4H' },
  { name: 'calendar', on: ['bpmn:Activity'], label: 'Calendar', options: ['', 'business', 'natural'] },
  { name: 'warningShare', on: ['bpmn:Activity'], label: 'Warning share', description: 'Between 0 and 1, e.g. 0.8' },
  { name: 'handler', on: ['bpmn:ServiceTask', 'bpmn:SendTask'], label: 'Handler' },
  { name: 'async', on: ['bpmn:ServiceTask', 'bpmn:SendTask'], label: 'Asynchronous', options: ['', 'true', 'false'] },
  { name: 'retries', on: ['bpmn:ServiceTask', 'bpmn:SendTask'], label: 'Retries' },
  { name: 'resultVariable', on: ['bpmn:ServiceTask', 'bpmn:ScriptTask'], label: 'Result variable' },
  { name: 'deadline', on: ['bpmn:BoundaryEvent'], label: 'Deadline timer', options: ['', 'warning', 'due'] },
  { name: 'version', on: ['bpmn:CallActivity'], label: 'Called version' },
  { name: 'correlationKey', on: ['bpmn:ReceiveTask', 'bpmn:SendTask', 'bpmn:CatchEvent'], label: 'Correlation key' },
  { name: 'payload', on: ['bpmn:SendTask'], label: 'Payload' },
];

function SettingEntry(props) {
  const { element, id, setting } = props;
  const modeling = useService('modeling');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const getValue = () => getBusinessObject(element).get('tg:' + setting.name) || '';
  const setValue = (value) => modeling.updateProperties(element, { ['tg:' + setting.name]: value || undefined });
  const common = { id, element, label: translate(setting.label), getValue, setValue };
  if (setting.options) {
    return h(SelectEntry, { ...common, getOptions: () => setting.options.map((o) => ({ value: o, label: o === '' ? '—' : translate(o) })) });
  }
  return h(TextFieldEntry, { ...common, debounce, description: setting.description && translate(setting.description) });
}

export function tongguanEntries(element) {
  return SETTINGS.filter((s) => s.on.some((type) => is(element, type))).map((setting) => ({
    id: 'tg-' + setting.name,
    setting,
    component: (props) => h(SettingEntry, { ...props, setting }),
    isEdited: setting.options ? isSelectEntryEdited : isTextFieldEntryEdited,
  }));
}

function TongguanPropertiesProvider(propertiesPanel, translate) {
  this.getGroups = (element) => (groups) => {
    const entries = tongguanEntries(element);
    if (entries.length > 0) {
      groups.splice(1, 0, { id: 'tongguan', label: translate('Tongguan settings'), entries });
    }
    return groups;
  };
  propertiesPanel.registerProvider(LOW_PRIORITY, this);
}

TongguanPropertiesProvider.$inject = ['propertiesPanel', 'translate'];

export default {
  __init__: ['tongguanPropertiesProvider'],
  tongguanPropertiesProvider: ['type', TongguanPropertiesProvider],
};
