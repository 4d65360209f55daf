/* The process modeler of /admin/process-models/<id>/edit: bpmn-js with a small properties panel for
   what the service reads from a diagram (docs/architecture.md), and "save as new version" through
   the upload API. `window.ocopModeler` is the bpmn-js instance, for the browser tests. */
(function () {
  "use strict";

  const FORM_PROPERTY = "formJsonSchemaFilename";
  const app = document.getElementById("modeler-app");
  const texts = document.getElementById("texts").dataset;
  const resultBox = document.getElementById("save-result");
  const message = document.getElementById("save-message");
  const problemList = document.getElementById("problem-list");

  const {bilingual, save} = window.ocopVersions;

  function isA(businessObject, type) {
    return businessObject && businessObject.$instanceOf(type);
  }

  /* SpiffWorkflow reads loopDataInputRef / loopDataOutputRef of a multi-instance task as the name of
     a task-data variable (district_council_members), not as the id of a BPMN element. moddle cannot
     resolve such a reference and would drop it on export: a stand-in element with that id keeps it. */
  function keepUnresolvedReferences(moddle, warnings) {
    for (const warning of warnings) {
      if (warning.message.startsWith("unresolved reference") && warning.element && warning.property) {
        warning.element.set(warning.property, moddle.create("bpmn:ItemAwareElement", {id: warning.value}));
      }
    }
  }

  function propertiesPanel(modeler) {
    const form = document.getElementById("properties-form");
    const empty = document.getElementById("properties-empty");
    const modeling = modeler.get("modeling");
    const moddle = modeler.get("moddle");
    const fields = {
      name: document.getElementById("field-name"), lane: document.getElementById("field-lane"),
      form: document.getElementById("field-form"), condition: document.getElementById("field-condition"),
      timer: document.getElementById("field-timer"),
    };
    let current = null;

    function spiffProperties(businessObject) {
      const values = (businessObject.extensionElements && businessObject.extensionElements.values) || [];
      return values.find((value) => isA(value, "spiffworkflow:Properties"));
    }

    function formProperty(businessObject) {
      const properties = spiffProperties(businessObject);
      return properties && (properties.properties || []).find((property) => property.name === FORM_PROPERTY);
    }

    function timerOf(businessObject) {
      return (businessObject.eventDefinitions || []).find((definition) => isA(definition, "bpmn:TimerEventDefinition"));
    }

    function hasForm(businessObject) {
      return ["bpmn:UserTask", "bpmn:ManualTask", "bpmn:StartEvent"].some((type) => isA(businessObject, type));
    }

    function setForm(element, filename) {
      const businessObject = element.businessObject;
      const property = formProperty(businessObject);
      const properties = spiffProperties(businessObject);
      if (property && filename) {
        modeling.updateModdleProperties(element, property, {value: filename});
      } else if (property) {
        modeling.updateModdleProperties(element, properties, {
          properties: properties.properties.filter((each) => each !== property)});
      } else if (filename) {
        const created = moddle.create("spiffworkflow:Property", {name: FORM_PROPERTY, value: filename});
        let extensionElements = businessObject.extensionElements;
        if (!extensionElements) {
          extensionElements = moddle.create("bpmn:ExtensionElements", {values: []});
          modeling.updateProperties(element, {extensionElements});
        }
        if (properties) {
          modeling.updateModdleProperties(element, properties, {properties: [...(properties.properties || []), created]});
        } else {
          modeling.updateModdleProperties(element, extensionElements, {
            values: [...extensionElements.values, moddle.create("spiffworkflow:Properties", {properties: [created]})]});
        }
      }
    }

    function expression(text) {
      return text.trim() ? moddle.create("bpmn:FormalExpression", {body: text.trim()}) : undefined;
    }

    function show() {
      const businessObject = current && current.businessObject;
      const editable = businessObject && !isA(businessObject, "bpmn:Process") && !isA(businessObject, "bpmn:Collaboration");
      form.hidden = !editable;
      empty.hidden = Boolean(editable);
      if (!editable) {
        return;
      }
      const isLane = isA(businessObject, "bpmn:Lane");
      const timer = timerOf(businessObject);
      const visible = {
        name: !isLane, lane: isLane, form: hasForm(businessObject),
        condition: isA(businessObject, "bpmn:SequenceFlow"), timer: Boolean(timer),
      };
      for (const [name, label] of Object.entries(fields)) {
        label.hidden = !visible[name];
      }
      document.getElementById("property-id").textContent = businessObject.id;
      document.getElementById("property-type").textContent = businessObject.$type.replace("bpmn:", "");
      form.elements.name.value = businessObject.name || "";
      const lane = form.elements.lane;
      if (isLane && ![...lane.options].some((option) => option.value === businessObject.name)) {
        lane.add(new Option(businessObject.name || "", businessObject.name || ""));
      }
      lane.value = businessObject.name || "";
      const property = formProperty(businessObject);
      form.elements.form.value = property ? property.value : "";
      form.elements.condition.value = (businessObject.conditionExpression && businessObject.conditionExpression.body) || "";
      form.elements.timer.value = (timer && timer.timeDuration && timer.timeDuration.body) || "";
    }

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", (event) => {
      const value = event.target.value;
      switch (event.target.name) {
        case "name":
        case "lane":
          modeling.updateLabel(current, value);
          break;
        case "form":
          setForm(current, value);
          break;
        case "condition":
          modeling.updateProperties(current, {conditionExpression: expression(value)});
          break;
        case "timer":
          modeling.updateModdleProperties(current, timerOf(current.businessObject), {timeDuration: expression(value)});
          break;
      }
    });
    modeler.on("selection.changed", (event) => {
      current = event.newSelection.length === 1 ? event.newSelection[0] : null;
      show();
    });
    modeler.on("element.changed", (event) => {
      if (current && event.element === current) {
        show();
      }
    });
  }

  function problems(modeler) {
    const canvas = modeler.get("canvas");
    const overlays = modeler.get("overlays");
    const registry = modeler.get("elementRegistry");
    let marked = [];

    function clear() {
      overlays.remove({type: "problem"});
      marked.forEach((id) => canvas.removeMarker(id, "has-problem"));
      marked = [];
      problemList.replaceChildren();
    }

    function show(list) {
      for (const problem of list) {
        const item = document.createElement("li");
        const where = problem.element || problem.file;
        const text = bilingual(problem.message);
        item.textContent = (where ? `${where}${problem.line ? ` (${problem.line})` : ""}: ` : "") + text;
        const element = problem.element && registry.get(problem.element);
        if (element) {
          item.dataset.element = element.id;
          item.classList.add("problem-link");
          item.addEventListener("click", () => {
            modeler.get("selection").select(element);
            canvas.scrollToElement(element);
          });
          if (!marked.includes(element.id)) {
            canvas.addMarker(element.id, "has-problem");
            const badge = document.createElement("span");
            badge.className = "problem-badge";
            badge.textContent = "!";
            badge.title = text;
            overlays.add(element.id, "problem", {position: {top: -10, right: 10}, html: badge});
            marked.push(element.id);
          }
        }
        problemList.append(item);
      }
    }

    return {clear, show};
  }

  async function start() {
    const descriptor = await (await fetch(app.dataset.descriptorUrl)).json();
    const modeler = new BpmnJS({container: "#canvas", moddleExtensions: {spiffworkflow: descriptor}});
    window.ocopModeler = modeler;
    try {
      const response = await fetch(app.dataset.xmlUrl, {credentials: "same-origin"});
      const {warnings} = await modeler.importXML(await response.text());
      keepUnresolvedReferences(modeler.get("moddle"), warnings);
    } catch (error) {
      resultBox.hidden = false;
      resultBox.className = "flash flash-error";
      message.textContent = `${texts.loadFailed} ${error.message}`;
      return;
    }
    modeler.get("canvas").zoom(0.8, {x: 0, y: 0});
    propertiesPanel(modeler);
    const marks = problems(modeler);
    const button = document.getElementById("save-version");
    button.addEventListener("click", async () => {
      button.setAttribute("aria-busy", "true");
      button.disabled = true;
      try {
        await save(app, modeler, marks);
      } finally {
        button.removeAttribute("aria-busy");
        button.disabled = false;
      }
    });
    app.dataset.ready = "true";
  }

  start();
})();
