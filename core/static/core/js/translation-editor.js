// wagtail-localize's translation editor (a React app) writes a few strings in English whatever
// the admin's language: its section's title, « More actions », and the month of the dates in
// its comments (« Traduit manuellement le 6 December 2026 »); and its PO file input has no
// label. The page gives their wording in the admin's language (#translation-editor-wording,
// core/templatetags/translation_editor.py); this rewrites them in place, when the editor
// renders and whenever it updates (a segment saved). Only the data of text nodes changes, so
// React keeps the nodes it owns. Loaded in the page's <head> (Wagtail's extra_js), it starts
// when the document is read, as the editor does.
document.addEventListener('DOMContentLoaded', () => {
  const data = document.getElementById('translation-editor-wording');
  const editor = document.querySelector('.js-translation-editor');
  if (!data || !editor) {
    return;
  }
  const wording = JSON.parse(data.textContent);
  const months = new RegExp(
    `\\b(\\d{1,2}) (${Object.keys(wording.months).join('|')}) (\\d{4})\\b`,
    'g',
  );

  const reword = (node) => {
    const text = node.data;
    const replacement = wording.texts[text.trim()];
    if (replacement) {
      node.data = text.replace(text.trim(), replacement);
    } else if (wording.comments.some((start) => start && text.startsWith(start))) {
      const dated = text.replace(months, (_all, day, month, year) => `${day} ${wording.months[month]} ${year}`);
      if (dated !== text) {
        node.data = dated;
      }
    }
  };

  const rewordAll = () => {
    // Its PO file upload has no label (axe: critical).
    editor.querySelectorAll('input[type="file"]:not([aria-label])').forEach((input) => {
      input.setAttribute('aria-label', wording.fileInput);
    });
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      reword(walker.currentNode);
    }
  };

  rewordAll();
  new MutationObserver(rewordAll).observe(editor, {
    childList: true,
    subtree: true,
    characterData: true,
  });
});
