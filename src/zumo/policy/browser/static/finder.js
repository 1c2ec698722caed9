/* Practice-example finder: filter without reloading the page.
 *
 * The finder is a plain GET form and works without this script. With it, a
 * changed checkbox or sort order loads the same URL the form would submit,
 * swaps in the new results and facets, keeps the URL in the history (the
 * back button works) and puts the focus back on the control that was used.
 */
(function () {
  "use strict";

  function finder() {
    return document.querySelector(".zumo-finder");
  }

  function urlOf(form) {
    var params = new URLSearchParams(new FormData(form));
    var query = params.toString();
    return form.action + (query ? "?" + query : "");
  }

  function load(url, focusId, push) {
    var current = finder();
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
        var fresh = page.querySelector(".zumo-finder");
        if (!fresh) {
          window.location.href = url;
          return;
        }
        current.replaceWith(fresh);
        if (push) {
          window.history.pushState({ zumoFinder: true }, "", url);
        }
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
  document.addEventListener("DOMContentLoaded", bind);
})();
