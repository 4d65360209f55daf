// Draws a report's charts (Chart.js) from the figures the page carries as JSON: one bar chart per table
// that asks for one, a series per column, numbers written as the page's language writes them.
(function () {
  const charts = JSON.parse(document.getElementById("report-charts").textContent);
  const colours = ["#2e7d32", "#f9a825", "#1565c0", "#6d4c41", "#9e9e9e", "#ad1457", "#00838f"];
  Object.entries(charts).forEach(([id, data]) => {
    const canvas = document.getElementById(id);
    if (!canvas) return;
    data.datasets.forEach((dataset, index) => { dataset.backgroundColor = colours[index % colours.length]; });
    const horizontal = data.labels.length > 6;
    new Chart(canvas, {
      type: "bar",
      data: data,
      options: {
        indexAxis: horizontal ? "y" : "x",
        locale: document.documentElement.lang,
        maintainAspectRatio: false,
        plugins: { legend: { position: "bottom" } },
        scales: { [horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  });
})();
