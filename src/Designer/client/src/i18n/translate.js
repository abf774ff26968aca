// bpmn-js asks its `translate` service for every palette, context-pad, popup-menu and properties-panel label.
// Replacing that service with a dictionary lookup localises them; unknown strings stay English, as does English.
import zhCN from './zh-CN.js';

const DICTIONARIES = { 'zh-CN': zhCN };

/** The dictionary for a UI culture name ("zh-CN", "en-US", …); null when the labels stay English. */
export function dictionaryFor(culture) {
  if (!culture) {
    return null;
  }
  if (DICTIONARIES[culture]) {
    return DICTIONARIES[culture];
  }
  return culture.toLowerCase().startsWith('zh') ? zhCN : null;
}

/** A bpmn-js module overriding `translate` for the culture, or null for English. */
export function translateModule(culture) {
  const dictionary = dictionaryFor(culture);
  if (!dictionary) {
    return null;
  }
  const translate = (template, replacements) => {
    const text = dictionary[template] || template;
    return text.replace(/{([^}]+)}/g, (_, key) => (replacements && key in replacements ? replacements[key] : '{' + key + '}'));
  };
  return { translate: ['value', translate] };
}
