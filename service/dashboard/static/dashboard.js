// Draws the dashboard's charts (Chart.js) from the figures the page carries as JSON, their numbers
// (ticks, tooltips) written as the page's language writes them.
(function () {
  const charts = JSON.parse(document.getElementById("dashboard-charts").textContent);
  const colours = ["#2e7d32", "#f9a825", "#1565c0", "#9e9e9e"];
  const options = (horizontal) => ({
    indexAxis: horizontal ? "y" : "x",
    locale: document.documentElement.lang,
    maintainAspectRatio: false,
    plugins: { legend: { position: "bottom" } },
    scales: { [horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 } } },
  });
  function draw(id, data, horizontal) {
    if (!document.getElementById(id)) return;  // the districts' chart waits for a province to be chosen
    data.datasets.forEach((dataset, index) => { dataset.backgroundColor = colours[index % colours.length]; });
    new Chart(document.getElementById(id), { type: "bar", data: data, options: options(horizontal) });
  }
  draw("chart-steps", charts.steps, true);
  draw("chart-stars", charts.stars, false);
  draw("chart-districts", charts.districts, true);
})();
