// bpmnlint rules mirroring the engine's cheapest validation rules (src/Workflows/Validation), so the designer
// sees them while drawing. The engine stays the authority: "Validate" asks it (POST /api/definitions/validate).
import { is, isAny } from 'bpmnlint-utils';

const tg = (node, name) => (node.get ? node.get('tg:' + name) : undefined) || (node.$attrs && node.$attrs['tg:' + name]);

// ISO-8601 durations without years or months (docs/designers/bpmn-reference.md, tg:timeLimit).
const DURATION = /^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

function rule(check) {
  return () => ({ check });
}

// TG0301
export const userTaskAssignment = rule((node, reporter) => {
  if (is(node, 'bpmn:UserTask') && !tg(node, 'candidateGroups') && !tg(node, 'candidateUsers') && !tg(node, 'assignee')) {
    reporter.report(node.id, 'A user task needs tg:candidateGroups, tg:candidateUsers or tg:assignee (TG0301)');
  }
});

// TG0302
export const serviceTaskHandler = rule((node, reporter) => {
  if (is(node, 'bpmn:ServiceTask') && !tg(node, 'handler')) {
    reporter.report(node.id, 'A service task needs tg:handler (TG0302)');
  }
});

// TG0602 for the time-limit settings
export const timeLimitValues = rule((node, reporter) => {
  if (!isAny(node, ['bpmn:Activity'])) {
    return;
  }
  const limit = tg(node, 'timeLimit');
  if (limit && !DURATION.test(limit.trim())) {
    reporter.report(node.id, `tg:timeLimit "${limit}" is not an ISO-8601 duration such as P3D or PT4H (TG0602)`);
  }
  const calendar = tg(node, 'calendar');
  if (calendar && calendar !== 'business' && calendar !== 'natural') {
    reporter.report(node.id, 'tg:calendar must be business or natural (TG0602)');
  }
  const share = tg(node, 'warningShare');
  if (share && !(Number(share) > 0 && Number(share) < 1)) {
    reporter.report(node.id, 'tg:warningShare must be a number strictly between 0 and 1 (TG0602)');
  }
});

// TG0408
export const deadlineNeedsTimeLimit = rule((node, reporter) => {
  if (is(node, 'bpmn:BoundaryEvent') && tg(node, 'deadline') && node.attachedToRef && !tg(node.attachedToRef, 'timeLimit')) {
    reporter.report(node.id, 'A tg:deadline timer needs a tg:timeLimit on the task it is attached to (TG0408)');
  }
});
