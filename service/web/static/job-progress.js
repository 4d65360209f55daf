// Follows a job run in the background (a report's workbook, an import): asks the job's state every second
// (GET of its JSON status, `data-status-url`) until it is done or failed, moving the progress bar and
// showing the label of its state; then shows the download (`[data-job-download]`), or reloads the page for
// what the job produced when the element asks for it (`data-reload-when-finished`).
(function () {
  const job = document.querySelector("[data-job]");
  const progress = job.querySelector("[data-job-progress]");
  const download = job.querySelector("[data-job-download]");
  const waiting = (state) => state === "queued" || state === "running";
  function show(status) {
    job.dataset.state = status.state;
    progress.max = status.steps_total || 1;
    progress.value = status.steps_done;
    job.querySelectorAll("[data-state-label]").forEach((label) => {
      label.hidden = label.dataset.stateLabel !== status.state;
    });
    if (download) download.hidden = status.state !== "done";
  }
  function poll() {
    fetch(job.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((status) => {
        show(status);
        if (waiting(status.state)) window.setTimeout(poll, 1000);
        else if ("reloadWhenFinished" in job.dataset) window.location.reload();
      })
      .catch(() => window.setTimeout(poll, 5000));
  }
  if (waiting(job.dataset.state)) poll();
})();
