/* The map of practice examples and municipalities.
 *
 * Draws every element with a `data-zumo-map` configuration (JSON: tiles,
 * the address of the outlines, German labels, layers with the address of
 * their first page of GeoJSON). Each layer is a cluster group of its own;
 * its pages are loaded one after the other, following `next`. The
 * background tiles come from the configured address; without one, or when
 * it cannot be reached, the outlines of the Land and its Kreise show where
 * the markers are. Markers are buttons a keyboard reaches; Enter opens the
 * entry's link in a popup. The lists beside the map carry the same content
 * without this script.
 *
 * Panes stack what is drawn: tiles (200), outlines (350) and the Kreise's
 * names (360), which take no clicks, then each layer's markers and
 * clusters in a pane of its own, the examples above the municipalities
 * that often stand at the same place, under the popups (700).
 */
(function () {
  "use strict";

  var BADEN_WUERTTEMBERG = [48.66, 9.0];
  var OUTLINE_PANES = { outlines: 350, outlineNames: 360 };
  // Bottom to top; a layer not named here goes below them all.
  var LAYER_STACK = ["municipalities", "examples"];
  var LAYER_PANE_BASE = 600;
  // The Land's border has 7.6:1 against white and 6.7:1 against the map's
  // background (WCAG 1.4.11 asks 3:1); the Kreise's borders 3.7:1 and 3.3:1.
  var LAND_STYLE = { color: "#4a5561", weight: 2.5, fill: false, className: "zumo-outline-land" };
  var KREIS_STYLE = { color: "#7a8693", weight: 1, fill: false, className: "zumo-outline-kreis" };
  // The Kreise's names show from this zoom on; below, they would overlap.
  var NAMES_FROM_ZOOM = 9;

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
      clusterPane: layer.id,
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
      pane: layer.id,
    });
  }

  function createPanes(map, layers) {
    Object.keys(OUTLINE_PANES).forEach(function (name) {
      map.createPane(name).style.zIndex = OUTLINE_PANES[name];
    });
    // Created in the configuration's order, which is also the order a
    // keyboard reaches the markers in.
    layers.forEach(function (layer) {
      map.createPane(layer.id).style.zIndex = LAYER_PANE_BASE + LAYER_STACK.indexOf(layer.id) + 1;
    });
  }

  function kreisName(feature) {
    var coordinates = feature.properties.label;
    var name = element("span", null, feature.properties.name);
    name.setAttribute("aria-hidden", "true");
    return L.marker([coordinates[1], coordinates[0]], {
      icon: L.divIcon({ className: "zumo-map-kreis", html: name.outerHTML, iconSize: L.point(0, 0) }),
      pane: "outlineNames",
      interactive: false,
      keyboard: false,
    });
  }

  // The outlines of the Land and its Kreise, drawn under the markers; they
  // take no clicks. Resolves to the Land's layer (null if it cannot load).
  function loadOutlines(map, url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        function isLand(feature) {
          return feature.properties.kind === "land";
        }
        var kreise = data.features.filter(function (feature) {
          return !isLand(feature);
        });
        var options = { pane: "outlines", interactive: false, attribution: data.attribution };
        L.geoJSON(kreise, L.extend({ style: KREIS_STYLE }, options)).addTo(map);
        var land = L.geoJSON(data.features.filter(isLand), L.extend({ style: LAND_STYLE }, options)).addTo(map);
        L.layerGroup(kreise.map(kreisName)).addTo(map);
        function showNames() {
          map.getContainer().classList.toggle("zumo-map-named", map.getZoom() >= NAMES_FROM_ZOOM);
        }
        map.on("zoomend", showNames);
        showNames();
        return land;
      })
      .catch(function () {
        // The markers and the lists do not need the outlines.
        return null;
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
    createPanes(map, config.layers);
    var control = L.control.layers(null, null, { collapsed: false }).addTo(map);
    var counts = [];
    if (status) {
      status.textContent = labels.loading;
    }
    var outlines = loadOutlines(map, config.outlines);
    var groups = config.layers.map(function (layer) {
      var group = clusterGroup(layer, labels);
      group.addTo(map);
      control.addOverlay(group, layer.title);
      return { layer: layer, group: group };
    });
    Promise.all(
      [outlines].concat(
        groups.map(function (entry) {
          return loadLayer(entry.layer, entry.group, labels, function (layer, total) {
            counts.push(total + " " + layer.title);
          });
        })
      )
    )
      .then(function (loaded) {
        // The first layer with markers sets the view (on the big map the
        // examples, on a programme its municipalities); without markers,
        // the Land.
        var shown = groups.filter(function (entry) {
          return entry.group.getLayers().length;
        })[0];
        var land = loaded[0];
        if (shown) {
          map.fitBounds(shown.group.getBounds(), { padding: [20, 20], maxZoom: 12 });
        } else if (land) {
          map.fitBounds(land.getBounds());
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
