// The workflow editor's browser half: bpmn-js modeler + properties panel (tg: settings) + bpmnlint.
// The Blazor page (src/Designer/UI/Editor) owns the workflow: it loads and saves through the definitions API
// and hands problems to this module, which only draws them on the diagram.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';

import tongguanModdle from './properties/tongguan-moddle.json';
import tongguanPropertiesModule from './properties/tongguan-properties.js';
import lintConfig from './lint/config.js';
import { translateModule } from './i18n/translate.js';
import { drawable } from './viewers.js';

export { createDiffView, createInstanceView } from './viewers.js';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './editor.css';

const PROBLEM_MARKER = 'tg-problem';
const MIN_SCALE = 0.75;

class TongguanEditor {
  constructor(canvas, panel, listener, culture) {
    this._listener = listener;
    const translate = translateModule(culture);
    this._modeler = new BpmnModeler({
      container: canvas,
      propertiesPanel: { parent: panel },
      additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, tongguanPropertiesModule, lintModule,
        ...(translate ? [translate] : [])],
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
    const { warnings } = await this._modeler.importXML(await drawable(this._modeler.get('moddle'), xml));
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

/**
 * Creates an editor in the given canvas and properties-panel elements; `listener` is a DotNetObjectReference,
 * `culture` the UI culture ("zh-CN" localises the palette, context pad and properties panel).
 */
export function createEditor(canvas, panel, listener, culture) {
  const editor = new TongguanEditor(canvas, panel, listener, culture);
  // Tests reach the modeler through the page (window.tongguanEditor), never through production code.
  window.tongguanEditor = editor;
  return editor;
}
