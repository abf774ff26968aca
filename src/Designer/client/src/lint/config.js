// A packed bpmnlint configuration (the shape bpmnlint-pack-config produces), written by hand so esbuild
// can bundle it without a bpmnlint plug-in.
import startEventRequired from 'bpmnlint/rules/start-event-required';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import * as tongguan from './tongguan-rules.js';

const rules = {
  'bpmnlint/start-event-required': startEventRequired, // TG0102
  'bpmnlint/end-event-required': endEventRequired,
  'bpmnlint/conditional-flows': conditionalFlows, // TG0201
  'bpmnlint/no-complex-gateway': noComplexGateway, // TG0003
  'bpmnlint/no-disconnected': noDisconnected, // TG0115, TG0116
  'bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'bpmnlint/single-blank-start-event': singleBlankStartEvent, // TG0103
  'bpmnlint-plugin-tongguan/user-task-assignment': tongguan.userTaskAssignment,
  'bpmnlint-plugin-tongguan/service-task-handler': tongguan.serviceTaskHandler,
  'bpmnlint-plugin-tongguan/time-limit-values': tongguan.timeLimitValues,
  'bpmnlint-plugin-tongguan/deadline-needs-time-limit': tongguan.deadlineNeedsTimeLimit,
};

export const resolver = {
  resolveRule(pkg, ruleName) {
    const found = rules[pkg + '/' + ruleName];
    if (!found) {
      throw new Error(`cannot resolve rule <${pkg}/${ruleName}>`);
    }
    return found;
  },
  resolveConfig(pkg, configName) {
    throw new Error(`cannot resolve config <${configName}> in <${pkg}>`);
  },
};

export const config = {
  rules: {
    'start-event-required': 'error',
    'end-event-required': 'warn',
    'conditional-flows': 'error',
    'no-complex-gateway': 'error',
    'no-disconnected': 'error',
    'no-duplicate-sequence-flows': 'warn',
    'single-blank-start-event': 'error',
    'tongguan/user-task-assignment': 'error',
    'tongguan/service-task-handler': 'error',
    'tongguan/time-limit-values': 'error',
    'tongguan/deadline-needs-time-limit': 'error',
  },
};

export default { resolver, config };
