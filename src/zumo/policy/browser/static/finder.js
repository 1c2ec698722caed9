/* Practice-example finder: the facets behind a "Filter" button on phones,
 * and filtering without reloading the page.
 *
 * The finder is a plain GET form and works without this script: the
 * "Filter" button stays hidden and the facets open. With it, the button
 * shows and folds the facets away below the md breakpoint (the stylesheet
 * hides .zumo-facets-collapsed only there), on the list and on the map.
 * On the list (data-zumo-live), a changed checkbox or sort order loads the
 * same URL the form would submit, swaps in the new results and facets,
 * keeps the URL in the history (the back button works) and puts the focus
 * back on the control that was used.
 */
(function () {
  "use strict";

  function finder() {
    return document.querySelector(".zumo-finder[data-zumo-live]");
  }

  function toggle() {
    return document.querySelector(".zumo-filter-toggle");
  }

  function facetsOpen() {
    var button = toggle();
    return Boolean(button) && button.getAttribute("aria-expanded") === "true";
  }

  function foldable(open) {
    var button = toggle();
    var region = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!region) {
      return;
    }
    function show(expanded) {
      button.setAttribute("aria-expanded", expanded ? "true" : "false");
      region.classList.toggle("zumo-facets-collapsed", !expanded);
    }
    show(open);
    button.hidden = false;
    button.addEventListener("click", function () {
      show(!facetsOpen());
    });
  }

  function urlOf(form) {
    var params = new URLSearchParams(new FormData(form));
    var query = params.toString();
    return form.action + (query ? "?" + query : "");
  }

  function load(url, focusId, push) {
    var current = finder();
    var open = facetsOpen();
    current.setAttribute("aria-busy", "true");
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.querySelector(".zumo-finder[data-zumo-live]");
        if (!fresh) {
          window.location.href = url;
          return;
        }
        current.replaceWith(fresh);
        if (push) {
          window.history.pushState({ zumoFinder: true }, "", url);
        }
        foldable(open);
        var target = focusId && document.getElementById(focusId);
        if (target) {
          target.focus();
        }
        bind();
      })
      .catch(function () {
        window.location.href = url;
      });
  }

  function bind() {
    var root = finder();
    if (!root) {
      return;
    }
    root.querySelectorAll(".zumo-finder-form input[type=checkbox]").forEach(function (box) {
      box.addEventListener("change", function () {
        load(urlOf(box.form), box.id, true);
      });
    });
    var sort = root.querySelector(".zumo-finder-sort select");
    if (sort) {
      sort.addEventListener("change", function () {
        load(urlOf(sort.form), sort.id, true);
      });
    }
  }

  window.addEventListener("popstate", function () {
    if (finder()) {
      load(window.location.href, null, false);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    foldable(false);
    bind();
  });
})();
