/* Small progressive enhancements; every page works without them. No framework. */
(function () {
  "use strict";

  // Search suggestions: fill the <datalist> of a search box with matching fiche titles.
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var lastQuery = "";
    if (!list) return;
    input.addEventListener("input", function () {
      var query = input.value.trim();
      clearTimeout(timer);
      if (query.length < 2 || query === lastQuery) return;
      timer = setTimeout(function () {
        lastQuery = query;
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.suggestions.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  });

  // "Copier le lien": a button next to a read-only link field (without script, the field can
  // be selected and copied by hand). The result is announced to screen readers.
  document.querySelectorAll("input[data-copy-button]").forEach(function (input) {
    if (!navigator.clipboard) return;
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "button share__copy";
    button.textContent = input.dataset.copyButton;
    status.setAttribute("role", "status");
    status.className = "share__status";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = input.dataset.copied;
      });
    });
    input.insertAdjacentElement("afterend", status);
    input.insertAdjacentElement("afterend", button);
  });

  // « Modifier mes réponses » (the questionnaire): a link into the folded form opens it, in
  // browsers that do not open a <details> for the target of a fragment.
  document.querySelectorAll("a[data-opens-details]").forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      var details = target && target.closest("details");
      if (details) details.open = true;
    });
  });
})();
