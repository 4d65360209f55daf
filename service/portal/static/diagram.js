// The case page's process diagram: bpmn-js NavigatedViewer, with the steps taken and the
// step the case waits at marked (GET /api/v1/cases/<id>/diagram: {bpmn, states}).
(function () {
  "use strict";
  var container = document.getElementById("case-diagram");
  if (!container) { return; }
  var READABLE = 0.75;
  var viewer = new BpmnJS({container: container});

  fetch(container.dataset.diagramUrl, {credentials: "same-origin"})
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    })
    .then(function (diagram) {
      return viewer.importXML(diagram.bpmn).then(function () {
        var canvas = viewer.get("canvas");
        var elements = viewer.get("elementRegistry");
        var current = null;
        Object.keys(diagram.states).forEach(function (id) {
          var element = elements.get(id);
          if (!element) { return; }
          canvas.addMarker(id, "step-" + diagram.states[id]);
          if (diagram.states[id] === "current") { current = current || element; }
        });
        canvas.zoom("fit-viewport");
        if (current && canvas.zoom() < READABLE) {
          // A whole cycle is too small to read: centre the current step at a readable size.
          canvas.zoom(READABLE);
          var box = canvas.viewbox();
          canvas.viewbox({x: current.x + current.width / 2 - box.width / 2,
                          y: current.y + current.height / 2 - box.height / 2,
                          width: box.width, height: box.height});
        }
        container.dataset.rendered = "true";
      });
    })
    .catch(function () {
      container.textContent = container.dataset.error;
    });
})();
