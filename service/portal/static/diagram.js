// The case page's process diagram: bpmn-js NavigatedViewer, with the steps taken and the
// step the case waits at marked (GET /api/v1/cases/<id>/diagram: {bpmn, states}).
// It opens fitted to its frame, centred on the current step when the whole diagram is too
// small to read; the toolbar zooms in and out, fits, finds the current step again, and shows
// the frame full screen (the Fullscreen API, or a fixed overlay where it is missing).
(function () {
  "use strict";
  var container = document.getElementById("case-diagram");
  if (!container) { return; }
  var frame = document.getElementById("diagram-frame");
  var READABLE = 0.6;
  var STEP = 1.25;
  var viewer = new BpmnJS({container: container});
  var canvas = viewer.get("canvas");
  var current = null;

  function centre(element) {
    var box = canvas.viewbox();
    canvas.viewbox({x: element.x + element.width / 2 - box.width / 2,
                    y: element.y + element.height / 2 - box.height / 2,
                    width: box.width, height: box.height});
  }

  function showCurrent() {
    if (canvas.zoom() < READABLE) { canvas.zoom(READABLE); }
    centre(current);
  }

  function fit() {
    canvas.resized();
    canvas.zoom("fit-viewport", "auto");
  }

  function opening() {
    fit();
    if (current && canvas.zoom() < READABLE) { showCurrent(); }
  }

  var actions = {
    "in": function () { canvas.zoom(canvas.zoom() * STEP); },
    "out": function () { canvas.zoom(canvas.zoom() / STEP); },
    "fit": fit,
    "current": function () { if (current) { showCurrent(); } }
  };

  function isFullScreen() {
    return document.fullscreenElement === frame || frame.classList.contains("is-fullscreen");
  }

  function fullScreenChanged() {
    var button = frame.querySelector("[data-fullscreen]");
    var on = isFullScreen();
    button.textContent = on ? button.dataset.leave : button.dataset.enter;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    frame.dataset.view = on ? "fullscreen" : "page";
    fit();
  }

  function toggleFullScreen() {
    if (document.fullscreenElement === frame) {
      document.exitFullscreen();
    } else if (frame.classList.contains("is-fullscreen")) {
      frame.classList.remove("is-fullscreen");
      fullScreenChanged();
    } else if (frame.requestFullscreen) {
      frame.requestFullscreen().catch(function () {
        frame.classList.add("is-fullscreen");
        fullScreenChanged();
      });
    } else {
      frame.classList.add("is-fullscreen");
      fullScreenChanged();
    }
  }

  frame.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () { actions[button.dataset.zoom](); });
  });
  frame.querySelector("[data-fullscreen]").addEventListener("click", toggleFullScreen);
  document.addEventListener("fullscreenchange", fullScreenChanged);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && frame.classList.contains("is-fullscreen")) {
      frame.classList.remove("is-fullscreen");
      fullScreenChanged();
    }
  });

  fetch(container.dataset.diagramUrl, {credentials: "same-origin"})
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    })
    .then(function (diagram) {
      return viewer.importXML(diagram.bpmn).then(function () {
        var elements = viewer.get("elementRegistry");
        Object.keys(diagram.states).forEach(function (id) {
          var element = elements.get(id);
          if (!element) { return; }
          canvas.addMarker(id, "step-" + diagram.states[id]);
          if (diagram.states[id] === "current") { current = current || element; }
        });
        frame.querySelector("[data-zoom=current]").hidden = !current;
        opening();
        container.dataset.rendered = "true";
      });
    })
    .catch(function () {
      container.textContent = container.dataset.error;
    });
})();
