// The dossier partial: upload a document, filed under the checklist item chosen, with a progress bar
// (XHR to the API, with the session cookie), and load a PDF preview from its download URL when its
// <details> is opened.
(function () {
  "use strict";
  var english = document.documentElement.lang === "en";

  function ownLanguage(message) {
    // The service's messages are "Tiếng Việt / English".
    var parts = String(message).split(" / ");
    return parts.length === 2 ? parts[english ? 1 : 0] : message;
  }

  document.querySelectorAll("form.upload").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    var item = form.querySelector("select[name=item]");
    var bar = form.querySelector("progress");
    var error = form.querySelector("[role=alert]");
    var button = form.querySelector("button");

    function fail(message) {
      bar.hidden = true;
      button.disabled = false;
      error.textContent = message;
      error.hidden = false;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      error.hidden = true;
      var file = input.files[0];
      if (!file) { return; }
      if (file.size > Number(form.dataset.maxBytes)) { fail(form.dataset.tooLarge); return; }
      var body = new FormData();
      body.append("file", file);
      if (item.value) { body.append("item", item.value); }
      var request = new XMLHttpRequest();
      request.open("POST", form.dataset.uploadUrl);
      request.upload.addEventListener("progress", function (progress) {
        if (progress.lengthComputable) { bar.value = Math.round(100 * progress.loaded / progress.total); }
      });
      request.addEventListener("load", function () {
        if (request.status === 201) {
          bar.value = 100;
          window.location.reload();
          return;
        }
        var answer = null;
        try { answer = JSON.parse(request.responseText); } catch (ignored) { answer = null; }
        fail(answer && answer.message ? ownLanguage(answer.message) : form.dataset.failed);
      });
      request.addEventListener("error", function () { fail(form.dataset.failed); });
      bar.value = 0;
      bar.hidden = false;
      button.disabled = true;
      request.send(body);
    });
  });

  document.querySelectorAll("details.pdf-preview").forEach(function (details) {
    details.addEventListener("toggle", function () {
      var object = details.querySelector("object");
      if (!details.open || object.data) { return; }
      fetch(details.dataset.url, {credentials: "same-origin"})
        .then(function (response) { return response.blob(); })
        .then(function (blob) {
          object.data = URL.createObjectURL(new Blob([blob], {type: "application/pdf"}));
        });
    });
  });
})();
