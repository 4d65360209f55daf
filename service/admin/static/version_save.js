/* What the diagram modeler and the decision table editor share: a "Tiếng Việt / English" message in the
   page's language, and "save as new version": the edited file uploaded through the upload API with the
   version it was based on (the version's other files carried over), the new version or the deploy
   checks' problems shown in #save-result (`marks.show` marks them on the editor). */
window.ocopVersions = (function () {
  "use strict";

  function bilingual(text) {
    const [vietnamese, english] = String(text).split(" / ");
    return english && document.documentElement.lang === "en" ? english : vietnamese;
  }

  async function save(app, editor, marks) {
    const texts = document.getElementById("texts").dataset;
    const resultBox = document.getElementById("save-result");
    const message = document.getElementById("save-message");
    marks.clear();
    resultBox.hidden = false;
    resultBox.className = "";
    message.textContent = texts.saving;
    const {xml} = await editor.saveXML({format: true});
    const body = new FormData();
    body.append("files", new Blob([xml], {type: "application/xml"}), app.dataset.fileName);
    body.append("key", app.dataset.key);
    body.append("rule_set", app.dataset.ruleSet);
    body.append("based_on", app.dataset.basedOn);
    const response = await fetch(app.dataset.uploadUrl, {
      method: "POST", body, credentials: "same-origin", headers: {Accept: "application/json"}});
    const result = await response.json();
    if (response.status === 201) {
      resultBox.className = "flash flash-success";
      message.textContent = texts.saved.replace("{version}", result.version) + " ";
      const link = document.createElement("a");
      link.href = texts.versionsUrl;
      link.textContent = texts.versions;
      message.append(link);
      resultBox.dataset.version = result.version;
    } else if (result.details && result.details.problems) {
      resultBox.className = "flash flash-error";
      message.textContent = texts.invalid;
      marks.show(result.details.problems);
    } else {
      resultBox.className = "flash flash-error";
      message.textContent = `${texts.failed} ${bilingual(result.message)}`;
    }
  }

  return {bilingual, save};
})();
