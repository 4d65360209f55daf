/* The decision table editor of /admin/process-models/<id>/decisions/<name>: dmn-js opens the file's decision
   tables (star bands, thresholds), "save as new version" uploads the edited file through the upload API,
   which carries the version's other files over. The deploy checks' problems are listed in the page's
   language and marked on their cells (those of the table on screen). `window.ocopDecisions` is the dmn-js instance, for the browser tests. */
(function () {
  "use strict";

  /* SpiffWorkflow evaluates the cells as Python ("?" stands for the input), not FEEL: dmn-js edits them as
     plain text then, without its FEEL editor. */
  const PYTHON_CELLS = {options: [{value: "python", label: "Python"}], defaults: {editor: "python"}};
  const app = document.getElementById("decision-app");
  const texts = document.getElementById("texts").dataset;
  const views = document.getElementById("decision-views");
  const resultBox = document.getElementById("save-result");
  const message = document.getElementById("save-message");
  const problemList = document.getElementById("problem-list");

  const {bilingual, save} = window.ocopVersions;

  function cell(elementId) {
    return app.querySelector(`#decision-canvas [data-element-id="${CSS.escape(elementId)}"]`);
  }

  /* A view of each decision table in the file; the open one is marked. */
  function showViews(editor) {
    const tables = editor.getViews().filter((view) => view.type === "decisionTable");
    const active = editor.getActiveView();
    views.replaceChildren(...tables.map((view) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "outline secondary";
      button.textContent = bilingual(view.name || view.id);
      button.dataset.view = view.id;
      if (active && active.id === view.id) {
        button.setAttribute("aria-current", "true");
      }
      button.addEventListener("click", () => editor.open(view));
      return button;
    }));
    views.hidden = tables.length < 2;
  }

  function problems(editor) {
    let marked = [];

    function clear() {
      marked.forEach((id) => {
        const node = cell(id);
        if (node) {
          node.classList.remove("has-problem");
        }
      });
      marked = [];
      problemList.replaceChildren();
    }

    function show(list) {
      for (const problem of list) {
        const item = document.createElement("li");
        const where = problem.element || problem.file;
        item.textContent = (where ? `${where}${problem.line ? ` (${problem.line})` : ""}: ` : "")
          + bilingual(problem.message);
        const node = problem.element && cell(problem.element);
        if (node) {
          item.dataset.element = problem.element;
          item.classList.add("problem-link");
          item.addEventListener("click", () => editor.getActiveViewer().get("selection").select(problem.element));
          node.classList.add("has-problem");
          marked.push(problem.element);
        }
        problemList.append(item);
      }
    }

    return {clear, show};
  }

  async function start() {
    const editor = new DmnJS({container: "#decision-canvas", common: {expressionLanguages: PYTHON_CELLS}});
    window.ocopDecisions = editor;
    editor.on("views.changed", () => showViews(editor));
    try {
      const response = await fetch(app.dataset.xmlUrl, {credentials: "same-origin"});
      await editor.importXML(await response.text());
      const table = editor.getViews().find((view) => view.type === "decisionTable");
      if (table) {
        await editor.open(table);
      }
    } catch (error) {
      resultBox.hidden = false;
      resultBox.className = "flash flash-error";
      message.textContent = `${texts.loadFailed} ${error.message}`;
      return;
    }
    const marks = problems(editor);
    const button = document.getElementById("save-version");
    button.addEventListener("click", async () => {
      button.setAttribute("aria-busy", "true");
      button.disabled = true;
      try {
        await save(app, editor, marks);
      } finally {
        button.removeAttribute("aria-busy");
        button.disabled = false;
      }
    });
    app.dataset.ready = "true";
  }

  start();
})();
