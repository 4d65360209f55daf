// A council member's score sheet: the live total of its parts and the star band it falls in.
// The box names the parts' fields (data-score-parts) and the bands, [[lowest total, stars], ...].
(function () {
  const box = document.querySelector("[data-score-parts]");
  if (!box) return;
  const parts = JSON.parse(box.dataset.scoreParts).map((name) => document.getElementById("field-" + name));
  const bands = JSON.parse(box.dataset.starBands);
  const total = box.querySelector("[data-score-total]");
  const stars = box.querySelector("[data-score-stars]");

  function points(input) {
    const value = parseFloat(input.value.replace(",", "."));  // a Vietnamese keyboard writes 2,5
    return Number.isFinite(value) ? value : 0;
  }

  function update() {
    const sum = Math.round(parts.reduce((acc, input) => acc + points(input), 0) * 100) / 100;
    const band = bands.find(([lowest]) => sum >= lowest);
    total.textContent = sum.toLocaleString(document.documentElement.lang, {minimumFractionDigits: 1, maximumFractionDigits: 1});
    stars.textContent = "★".repeat(band[1]);
    stars.dataset.stars = band[1];
  }

  parts.forEach((input) => input.addEventListener("input", update));
  update();
})();
