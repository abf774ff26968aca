// The workflow editor's browser half: bpmn-js modeler + properties panel (tg: settings) + bpmnlint.
// The Blazor page (src/Designer/UI/Editor) owns the workflow: it loads and saves through the definitions API
// and hands problems to this module, which only draws them on the diagram.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import { layoutProcess } from 'bpmn-auto-layout';

import tongguanModdle from './properties/tongguan-moddle.json';
import tongguanPropertiesModule from './properties/tongguan-properties.js';
import lintConfig from './lint/config.js';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './editor.css';

const PROBLEM_MARKER = 'tg-problem';
const MIN_SCALE = 0.75;

// Files written by hand (and our definitions/ folder) carry no diagram interchange; lay them out once so
// they can be drawn. The layout is saved with the next draft.
function hasDiagram(xml) {
  return /<([\w-]+:)?BPMNShape[\s>]/.test(xml);
}

function addOnce(list, item) {
  if (!list.includes(item)) {
    list.push(item);
  }
}

class TongguanEditor {
  constructor(canvas, panel, listener) {
    this._listener = listener;
    this._modeler = new BpmnModeler({
      container: canvas,
      propertiesPanel: { parent: panel },
      additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, tongguanPropertiesModule, lintModule],
      moddleExtensions: { tg: tongguanModdle },
      linting: { bpmnlint: lintConfig, active: true },
    });
    // 'clear' is the import itself, not an edit.
    this._modeler.on('commandStack.changed', (e) => { if (e.trigger !== 'clear') { this._notify('OnDiagramChanged'); } });
    this._modeler.on('linting.completed', (e) => this._lintIssues = e.issues || {});
    this._lintIssues = {};
  }

  _notify(method, ...args) {
    if (this._listener) {
      this._listener.invokeMethodAsync(method, ...args).catch(() => { /* the page may be gone */ });
    }
  }

  /** Opens BPMN XML; returns the number of import warnings. */
  async open(xml) {
    const drawable = hasDiagram(xml) ? xml : await layoutProcess(await this._withFlowReferences(xml));
    const { warnings } = await this._modeler.importXML(drawable);
    this._showFromStart();
    return warnings.length;
  }

  // Fit the drawing, but not below a readable scale, starting at its left edge and clear of the palette.
  _showFromStart() {
    const canvas = this._modeler.get('canvas');
    canvas.zoom('fit-viewport', 'auto');
    let box = canvas.viewbox();
    if (box.scale < MIN_SCALE) {
      canvas.zoom(MIN_SCALE);
      box = canvas.viewbox();
    }
    const palette = canvas.getContainer().querySelector('.djs-palette');
    const left = ((palette ? palette.offsetWidth : 0) + 24) / box.scale;
    canvas.viewbox({ x: box.inner.x - left, y: box.inner.y - 24 / box.scale, width: box.width, height: box.height });
  }

  // The layouter follows each node's <incoming>/<outgoing>, which bpmn-js writes but hand-written files leave out
  // (the engine reads sourceRef/targetRef only): fill them in from the sequence flows first.
  async _withFlowReferences(xml) {
    const moddle = this._modeler.get('moddle');
    const { rootElement } = await moddle.fromXML(xml);
    const link = (container) => {
      for (const element of container.get('flowElements') || []) {
        if (element.$instanceOf('bpmn:SequenceFlow') && element.sourceRef && element.targetRef) {
          addOnce(element.sourceRef.get('outgoing'), element);
          addOnce(element.targetRef.get('incoming'), element);
        } else if (element.$instanceOf('bpmn:SubProcess')) {
          link(element);
        }
      }
    };
    for (const root of rootElement.get('rootElements')) {
      if (root.$instanceOf('bpmn:Process')) {
        link(root);
      }
    }
    const { xml: linked } = await moddle.toXML(rootElement);
    return linked;
  }

  async xml() {
    const { xml } = await this._modeler.saveXML({ format: true });
    return xml;
  }

  /** Marks every element named by a problem ({ elementId, severity, message }); returns the ids it found. */
  showProblems(problems) {
    this.clearProblems();
    const registry = this._modeler.get('elementRegistry');
    const canvas = this._modeler.get('canvas');
    const overlays = this._modeler.get('overlays');
    const marked = [];
    for (const problem of problems || []) {
      const element = problem.elementId && registry.get(problem.elementId);
      if (!element || element.type === 'bpmn:Process' || marked.includes(problem.elementId)) {
        continue;
      }
      marked.push(problem.elementId);
      const severity = (problem.severity || 'Error').toLowerCase();
      canvas.addMarker(element, PROBLEM_MARKER);
      canvas.addMarker(element, PROBLEM_MARKER + '-' + severity);
      const badge = document.createElement('div');
      badge.className = 'tg-problem-badge tg-problem-badge-' + severity;
      badge.textContent = '!';
      badge.title = problems.filter((p) => p.elementId === problem.elementId).map((p) => p.code + ': ' + p.message).join('\n');
      badge.dataset.elementId = problem.elementId;
      badge.addEventListener('click', () => this._notify('OnProblemBadgeClicked', problem.elementId));
      overlays.add(element, PROBLEM_MARKER, { position: { top: -10, right: 10 }, html: badge });
    }
    return marked;
  }

  clearProblems() {
    const registry = this._modeler.get('elementRegistry');
    const canvas = this._modeler.get('canvas');
    this._modeler.get('overlays').remove({ type: PROBLEM_MARKER });
    for (const element of registry.getAll()) {
      for (const marker of [PROBLEM_MARKER, PROBLEM_MARKER + '-error', PROBLEM_MARKER + '-warning']) {
        canvas.removeMarker(element, marker);
      }
    }
  }

  /** Selects an element and scrolls it into view; false when the diagram has no such element. */
  select(elementId) {
    const element = this._modeler.get('elementRegistry').get(elementId);
    if (!element) {
      return false;
    }
    this._modeler.get('selection').select(element);
    this._modeler.get('canvas').scrollToElement(element);
    return true;
  }

  /** The bpmnlint findings of the last lint run, flattened: [{ elementId, category, message }]. */
  lintIssues() {
    return Object.entries(this._lintIssues).flatMap(([elementId, issues]) =>
      issues.map((i) => ({ elementId, category: i.category, message: i.message })));
  }

  /** Offers the current diagram as a .bpmn download. */
  async download(fileName) {
    const blob = new Blob([await this.xml()], { type: 'application/xml' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  destroy() {
    this._listener = null;
    this._modeler.destroy();
  }
}

/** Creates an editor in the given canvas and properties-panel elements; `listener` is a DotNetObjectReference. */
export function createEditor(canvas, panel, listener) {
  const editor = new TongguanEditor(canvas, panel, listener);
  // Tests reach the modeler through the page (window.tongguanEditor), never through production code.
  window.tongguanEditor = editor;
  return editor;
}
