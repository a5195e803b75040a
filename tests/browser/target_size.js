// WCAG 2.2 success criterion 2.5.8 « Target Size (Minimum) », measured in the page, as the guide
// applies it (docs: the accessibility section of the README):
// - every visible target (link, button, form control, <summary>) is at least 24 × 24 CSS px;
// - but a link inside a sentence (inline, its nearest block holding words of its own beside it,
//   outside any target or label) may be smaller, its height being that of the line, when it is
//   spaced: a 24 px circle centred on it meets no other target, nor the circle of another small
//   target (the criterion's spacing exception).
// Folded <details> are opened first, so that what they hide is measured too. Returns the
// failing targets as short readable strings, and the smallest target that is not in a sentence.
() => {
  const SELECTOR = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  const INTERACTIVE = "a[href], button, input, select, textarea, summary, label";
  const MIN = 24;
  document.querySelectorAll("details").forEach((details) => { details.open = true; });

  function visible(element) {
    if (element.closest(".visually-hidden, .skip-links, [hidden]")) return false;
    const style = getComputedStyle(element);
    if (style.visibility !== "visible" || style.display === "none") return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }

  function block(element) {
    let node = element.parentElement;
    while (node && getComputedStyle(node).display.startsWith("inline")) node = node.parentElement;
    return node;
  }

  function ownText(container) {
    // The text of the container that is not inside a target or a label.
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    let text = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest(INTERACTIVE)) text += node.textContent;
    }
    return text.replace(/[\s–—:·•()«»,.;!?|/-]+/g, " ").trim();
  }

  function inline(element) {
    if (element.tagName !== "A") return false;
    if (!getComputedStyle(element).display.startsWith("inline")) return false;
    const container = block(element);
    return container !== null && ownText(container).split(" ").filter(Boolean).length >= 2;
  }

  function distanceToBox(x, y, box) {
    const dx = Math.max(box.left - x, 0, x - box.right);
    const dy = Math.max(box.top - y, 0, y - box.bottom);
    return Math.hypot(dx, dy);
  }

  function describe(element, box) {
    const name = (element.getAttribute("aria-label") || element.textContent || element.name ||
      element.type || "").trim().replace(/\s+/g, " ").slice(0, 40);
    const where = element.closest("[class]");
    return `<${element.tagName.toLowerCase()}${element.type ? " " + element.type : ""}> ` +
      `« ${name} » in .${where ? where.className.split(" ")[0] : "?"} ` +
      `${box.width.toFixed(1)}×${box.height.toFixed(1)}`;
  }

  const targets = Array.from(document.querySelectorAll(SELECTOR)).filter(visible).map(
    (element) => {
      const box = element.getBoundingClientRect();
      return {
        element, box,
        small: box.width < MIN - 0.01 || box.height < MIN - 0.01,
        x: box.left + box.width / 2, y: box.top + box.height / 2,
      };
    });
  const failures = [];
  let smallest = null;
  for (const target of targets) {
    const size = Math.min(target.box.width, target.box.height);
    const inSentence = inline(target.element);
    if (!inSentence && (smallest === null || size < smallest.size)) {
      smallest = { size, what: describe(target.element, target.box) };
    }
    if (!target.small) continue;
    if (!inSentence) {
      failures.push(describe(target.element, target.box));
      continue;
    }
    const crowded = targets.some((other) => other !== target && !target.element.contains(
      other.element) && !other.element.contains(target.element) && (
      distanceToBox(target.x, target.y, other.box) < MIN / 2 ||
      (other.small && Math.hypot(target.x - other.x, target.y - other.y) < MIN)));
    if (crowded) failures.push(describe(target.element, target.box));
  }
  return { failures, smallest };
}
