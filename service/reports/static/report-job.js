// Follows a report built in the background: asks the job's state every second (GET of its JSON status)
// until it is done or failed, moving the progress bar and showing the download when the file is ready.
(function () {
  const job = document.getElementById("report-job");
  const progress = document.getElementById("report-progress");
  const download = document.getElementById("report-download");
  function show(status) {
    job.dataset.state = status.state;
    progress.max = status.steps_total;
    progress.value = status.steps_done;
    job.querySelectorAll("[data-state-label]").forEach((label) => {
      label.hidden = label.dataset.stateLabel !== status.state;
    });
    download.hidden = status.state !== "done";
  }
  function poll() {
    fetch(job.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((status) => {
        show(status);
        if (status.state === "queued" || status.state === "running") window.setTimeout(poll, 1000);
      })
      .catch(() => window.setTimeout(poll, 5000));
  }
  if (job.dataset.state === "queued" || job.dataset.state === "running") poll();
})();
