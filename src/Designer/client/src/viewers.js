// Read-only diagrams: the visual diff of two versions and the running-instance view. The Blazor pages compute
// what to mark (the diff in C# over the engine's model, the position from the instance API); this module only
// draws it.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { layoutProcess } from 'bpmn-auto-layout';

import tongguanModdle from './properties/tongguan-moddle.json';

const DIFF_MARKERS = ['tg-diff-added', 'tg-diff-removed', 'tg-diff-changed'];
const INSTANCE_MARKERS = ['tg-instance-active', 'tg-instance-done', 'tg-instance-taken'];
const FOCUS_MARKER = 'tg-focus';

function hasDiagram(xml) {
  return /<([\w-]+:)?BPMNShape[\s>]/.test(xml);
}

function addOnce(list, item) {
  if (!list.includes(item)) {
    list.push(item);
  }
}

// Hand-written files carry no layout and no <incoming>/<outgoing>, which the layouter follows; see editor.js.
export async function drawable(moddle, xml) {
  if (hasDiagram(xml)) {
    return xml;
  }
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
  return layoutProcess(linked);
}

class ReadOnlyDiagram {
  constructor(container, listener) {
    this._listener = listener;
    this._viewer = new NavigatedViewer({ container, moddleExtensions: { tg: tongguanModdle } });
    this._viewer.on('element.click', (e) => {
      if (e.element && e.element.type !== 'bpmn:Process') {
        this._notify('OnElementClicked', e.element.id);
      }
    });
  }

  _notify(method, ...args) {
    if (this._listener) {
      this._listener.invokeMethodAsync(method, ...args).catch(() => { /* the page may be gone */ });
    }
  }

  async open(xml) {
    await this._viewer.importXML(await drawable(this._viewer.get('moddle'), xml));
    this._viewer.get('canvas').zoom('fit-viewport', 'auto');
  }

  /** Adds `marker` to each element id found; returns the ids it found. */
  mark(ids, marker) {
    const registry = this._viewer.get('elementRegistry');
    const canvas = this._viewer.get('canvas');
    const found = [];
    for (const id of ids || []) {
      const element = registry.get(id);
      if (element) {
        canvas.addMarker(element, marker);
        found.push(id);
      }
    }
    return found;
  }

  badge(id, text, className, title) {
    const element = this._viewer.get('elementRegistry').get(id);
    if (!element) {
      return;
    }
    const badge = document.createElement('div');
    badge.className = className;
    badge.textContent = text;
    badge.title = title || '';
    badge.dataset.elementId = id;
    this._viewer.get('overlays').add(element, 'tg-badge', { position: { top: -10, right: 10 }, html: badge });
  }

  /** Selects and centres an element; false when this diagram has no such element. */
  focus(id) {
    const registry = this._viewer.get('elementRegistry');
    const canvas = this._viewer.get('canvas');
    for (const element of registry.getAll()) {
      canvas.removeMarker(element, FOCUS_MARKER);
    }
    const element = registry.get(id);
    if (!element) {
      this._viewer.get('selection').select(null);
      return false;
    }
    this._viewer.get('selection').select(element);
    canvas.addMarker(element, FOCUS_MARKER);
    canvas.scrollToElement(element);
    return true;
  }

  destroy() {
    this._listener = null;
    this._viewer.destroy();
  }
}

/** Two versions side by side: removed and changed elements marked on the left, added and changed on the right. */
class DiffView {
  constructor(left, right, listener) {
    this._left = new ReadOnlyDiagram(left, listener);
    this._right = new ReadOnlyDiagram(right, listener);
  }

  /** `changes`: [{ elementId, kind: 'Added' | 'Removed' | 'Changed' }]. Returns the ids marked on each side. */
  async open(fromXml, toXml, changes) {
    await Promise.all([this._left.open(fromXml), this._right.open(toXml)]);
    const ids = (kind) => (changes || []).filter((c) => c.kind === kind).map((c) => c.elementId);
    const left = [...this._left.mark(ids('Removed'), DIFF_MARKERS[1]), ...this._left.mark(ids('Changed'), DIFF_MARKERS[2])];
    const right = [...this._right.mark(ids('Added'), DIFF_MARKERS[0]), ...this._right.mark(ids('Changed'), DIFF_MARKERS[2])];
    return { left, right };
  }

  focus(id) {
    const left = this._left.focus(id);
    const right = this._right.focus(id);
    return left || right;
  }

  destroy() {
    this._left.destroy();
    this._right.destroy();
  }
}

/** One instance's position: `position` is { active: [ids], completed: [ids], taken: [flow ids], activeTitles: { id: text } }. */
class InstanceView {
  constructor(container, listener) {
    this._diagram = new ReadOnlyDiagram(container, listener);
  }

  async open(xml, position) {
    await this._diagram.open(xml);
    const completed = (position.completed || []).filter((id) => !(position.active || []).includes(id));
    this._diagram.mark(completed, INSTANCE_MARKERS[1]);
    this._diagram.mark(position.taken, INSTANCE_MARKERS[2]);
    const active = this._diagram.mark(position.active, INSTANCE_MARKERS[0]);
    for (const id of active) {
      this._diagram.badge(id, '●', 'tg-instance-badge', (position.activeTitles || {})[id]);
    }
    return active;
  }

  focus(id) {
    return this._diagram.focus(id);
  }

  destroy() {
    this._diagram.destroy();
  }
}

export function createDiffView(left, right, listener) {
  return new DiffView(left, right, listener);
}

export function createInstanceView(container, listener) {
  return new InstanceView(container, listener);
}
