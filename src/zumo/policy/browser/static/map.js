/* The map of practice examples and municipalities.
 *
 * Draws every element with a `data-zumo-map` configuration (JSON: tiles,
 * German labels, layers with the address of their first page of GeoJSON).
 * Each layer is a cluster group of its own; its pages are loaded one after
 * the other, following `next`. The background tiles come from the
 * configured address; without one, or when it cannot be reached, the
 * markers still show on a plain background. Markers are buttons a keyboard
 * reaches; Enter opens the entry's link in a popup. The lists beside the
 * map carry the same content without this script.
 */
(function () {
  "use strict";

  var BADEN_WUERTTEMBERG = [48.66, 9.0];

  function text(template, values) {
    return template.replace(/\$\{(\w+)\}/g, function (match, key) {
      return values[key] !== undefined ? values[key] : match;
    });
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  function popup(properties, labels) {
    var box = element("div", "zumo-map-popup");
    var link = element("a", null, properties.title);
    link.href = properties.url;
    box.appendChild(link);
    if (properties.place) {
      box.appendChild(element("div", "small", properties.place));
    }
    if (properties.demo) {
      box.appendChild(element("span", "badge text-bg-warning", labels.demo));
    }
    return box;
  }

  function clusterGroup(layer, labels) {
    return L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        var html = element("span");
        html.appendChild(element("span", null, String(count))).setAttribute("aria-hidden", "true");
        html.appendChild(
          element("span", "visually-hidden", layer.title + ": " + text(labels.cluster, { count: count }))
        );
        var size = count < 100 ? 34 : count < 1000 ? 42 : 50;
        return L.divIcon({
          className: "zumo-cluster zumo-cluster-" + layer.id,
          html: html.innerHTML,
          iconSize: L.point(size, size),
        });
      },
    });
  }

  function marker(feature, layer) {
    var coordinates = feature.geometry.coordinates;
    var title = feature.properties.title;
    return L.marker([coordinates[1], coordinates[0]], {
      icon: L.divIcon({
        className: "zumo-marker zumo-marker-" + layer.id,
        iconSize: L.point(18, 18),
      }),
      title: title,
      alt: title,
      keyboard: true,
    });
  }

  function loadLayer(layer, group, labels, done) {
    var count = 0;
    function page(url) {
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          var markers = data.features.map(function (feature) {
            return marker(feature, layer).bindPopup(popup(feature.properties, labels));
          });
          group.addLayers(markers);
          count += markers.length;
          if (data.next) {
            return page(data.next);
          }
          return count;
        });
    }
    return page(layer.url).then(function (total) {
      done(layer, total);
      return total;
    });
  }

  function draw(node) {
    var config = JSON.parse(node.getAttribute("data-zumo-map"));
    var labels = config.labels;
    var status = node.parentNode.querySelector(".zumo-map-status");
    var map = L.map(node, { zoomControl: false, scrollWheelZoom: false }).setView(
      BADEN_WUERTTEMBERG,
      7
    );
    L.control
      .zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut })
      .addTo(map);
    map.attributionControl.setPrefix(
      '<a href="https://leafletjs.com">Leaflet</a>'
    );
    if (config.tiles.url) {
      L.tileLayer(config.tiles.url, {
        attribution: config.tiles.attribution
          ? element("span", null, config.tiles.attribution).innerHTML
          : "",
        maxZoom: 18,
      }).addTo(map);
    }
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", labels.close);
        close.setAttribute("title", labels.close);
      }
    });
    var control = L.control.layers(null, null, { collapsed: false }).addTo(map);
    var counts = [];
    if (status) {
      status.textContent = labels.loading;
    }
    var groups = config.layers.map(function (layer) {
      var group = clusterGroup(layer, labels);
      group.addTo(map);
      control.addOverlay(group, layer.title);
      return { layer: layer, group: group };
    });
    Promise.all(
      groups.map(function (entry) {
        return loadLayer(entry.layer, entry.group, labels, function (layer, total) {
          counts.push(total + " " + layer.title);
        });
      })
    )
      .then(function () {
        // The first layer with markers sets the view (on the big map the
        // examples, on a programme its municipalities).
        var shown = groups.filter(function (entry) {
          return entry.group.getLayers().length;
        })[0];
        if (shown) {
          map.fitBounds(shown.group.getBounds(), { padding: [20, 20], maxZoom: 12 });
        }
        node.setAttribute("data-loaded", "true");
        if (status) {
          status.textContent = text(labels.loaded, { counts: counts.join(", ") });
        }
      })
      .catch(function () {
        node.setAttribute("data-loaded", "failed");
        if (status) {
          status.textContent = labels.failed;
        }
      });
  }

  function start() {
    if (typeof L === "undefined" || !L.markerClusterGroup) {
      return;
    }
    document.querySelectorAll("[data-zumo-map]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
